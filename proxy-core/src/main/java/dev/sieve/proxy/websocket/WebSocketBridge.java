package dev.sieve.proxy.websocket;

import static dev.sieve.proxy.pipeline.PipelineNames.WS_AGENT;
import static dev.sieve.proxy.pipeline.PipelineNames.WS_DECODER;
import static dev.sieve.proxy.pipeline.PipelineNames.WS_DEFLATE;
import static dev.sieve.proxy.pipeline.PipelineNames.WS_ENCODER;
import static dev.sieve.proxy.pipeline.PipelineNames.WS_INFLATE;
import static dev.sieve.proxy.pipeline.PipelineNames.WS_UPSTREAM;
import static dev.sieve.proxy.pipeline.PipelineNames.WS_UTF8;

import dev.sieve.proxy.config.WebSocketSettings;
import dev.sieve.proxy.error.ErrorResponses;
import dev.sieve.proxy.upstream.HopByHop;
import dev.sieve.proxy.pipeline.PipelineNames;
import dev.sieve.proxy.inspect.ExchangeFacts;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.flow.FlowControlHandler;
import java.util.Optional;

/**
 * Turns an agent connection whose handshake the upstream accepted into a WebSocket relay with per-message
 * inspection: the {@code 101} goes to the agent, and both pipelines switch from HTTP to WebSocket framing (drawn in
 * {@link PipelineNames}; the upstream encoder masks, the agent decoder expects masked frames).
 * The HTTP codecs leave last, so bytes that arrived behind a head (frames right after the {@code 101}) go on to the
 * frame decoders. See {@link WebSocketConnection} for what happens to each frame.
 */
public final class WebSocketBridge {
    /** The agent pipeline's HTTP-phase handlers, removed at the switch (those present). */
    private static final String[] AGENT_HTTP = {PipelineNames.HEADER_DEADLINE, PipelineNames.CONNECT_SPLIT,
        PipelineNames.REQUEST_CHECK, PipelineNames.FLOW_CONTROL, PipelineNames.EXCHANGE, PipelineNames.HTTP_CODEC};

    private WebSocketBridge() {}

    /**
     * Answers the agent with the {@code 101} and switches both connections. The caller checked {@code accepted}
     * ({@link Handshake#invalidResponse}) and gave up {@code upstream} (no longer pooled); the exchange handler is
     * removed from the agent pipeline here.
     *
     * @param agent     the exchange handler's context on the agent channel
     * @param facts     the handshake's facts (its request id names the connection)
     * @param handshake the agent's handshake request
     * @param accepted  the upstream's {@code 101}
     */
    public static void open(ChannelHandlerContext agent, Channel upstream, WebSocketServices services, ExchangeFacts facts,
            HttpRequest handshake, HttpResponse accepted) {
        WebSocketSettings limits = services.webSockets();
        Optional<WebSocketServerExtension> deflate = Extensions.negotiate(
                handshake.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS), limits.maxMessageBytes());
        agent.writeAndFlush(agentResponse(accepted, deflate, facts.requestId()));

        WebSocketConnection connection = new WebSocketConnection(agent.channel(), upstream, services, facts,
                new MessageInspection(services.inspector(), facts, handshake));
        ChannelPipeline a = agent.pipeline();
        a.addAfter(PipelineNames.HTTP_CODEC, WS_ENCODER, new WebSocket13FrameEncoder(false));
        a.addAfter(WS_ENCODER, WS_DECODER, decoder(true, deflate.isPresent(), limits.maxMessageBytes()));
        // One frame per read, still compressed while it waits: reading pauses while a message is inspected.
        a.addAfter(WS_DECODER, PipelineNames.WS_FLOW_CONTROL, new FlowControlHandler());
        String last = PipelineNames.WS_FLOW_CONTROL;
        if (deflate.isPresent()) {
            a.addAfter(last, WS_INFLATE, deflate.get().newExtensionDecoder());
            a.addAfter(WS_INFLATE, WS_DEFLATE, deflate.get().newExtensionEncoder());
            last = WS_DEFLATE;
        }
        a.addAfter(last, WS_UTF8, new Utf8FrameValidator(false));
        a.addAfter(WS_UTF8, WS_AGENT, connection.agentSide());
        for (String name : AGENT_HTTP) {
            if (a.get(name) != null) {
                a.remove(name);
            }
        }

        ChannelPipeline u = upstream.pipeline();
        u.addAfter(PipelineNames.HTTP_CODEC, WS_ENCODER, new WebSocket13FrameEncoder(true));
        u.addAfter(WS_ENCODER, WS_DECODER, decoder(false, false, limits.maxServerFrameBytes()));
        u.addAfter(WS_DECODER, WS_UPSTREAM, connection.upstreamSide());
        if (u.get(PipelineNames.UPSTREAM_TAIL) != null) {
            u.remove(PipelineNames.UPSTREAM_TAIL);
        }
        u.remove(PipelineNames.HTTP_CODEC);
        connection.start();
    }

    /**
     * A frame decoder that reports protocol violations (as exceptions) instead of closing by itself, so that
     * {@link WebSocketConnection} closes both sides and records why.
     *
     * @param masked frames from an agent are masked, frames from a server are not (RFC 6455 section 5.1)
     */
    private static WebSocket13FrameDecoder decoder(boolean masked, boolean extensions, long maxFrameBytes) {
        return new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder().expectMaskedFrames(masked)
                .allowExtensions(extensions).maxFramePayloadLength((int) maxFrameBytes).closeOnProtocolViolation(false)
                .build());
    }

    /**
     * The {@code 101} for the agent: the upstream's fields without hop-by-hop ones, the handshake's own
     * ({@code Upgrade}, {@code Connection}), the extension Sieve took up with the agent, and the request id.
     */
    static FullHttpResponse agentResponse(HttpResponse accepted, Optional<WebSocketServerExtension> deflate,
            String requestId) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.SWITCHING_PROTOCOLS, Unpooled.EMPTY_BUFFER);
        out.headers().set(accepted.headers());
        HopByHop.strip(out.headers());
        out.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        out.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        out.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
        out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        deflate.ifPresent(d -> out.headers().set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS,
                Extensions.header(d.newReponseData())));
        out.headers().set(ErrorResponses.REQUEST_ID_HEADER, requestId);
        return out;
    }
}
