package dev.sieve.proxy.handler;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Composes the phase-1 pipeline of an agent connection (see {@link PipelineNames}). */
public final class FrontendInitializer extends ChannelInitializer<SocketChannel> {
    private final ProxyServices services;

    public FrontendInitializer(ProxyServices services) {
        this.services = services;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        compose(ch, services);
    }

    /**
     * Sets up {@code ch} (auto-read off) as an agent connection: what every accepted connection gets,
     * and what the fuzz tests drive on an {@code EmbeddedChannel}.
     */
    public static void compose(Channel ch, ProxyServices services) {
        services.metrics().connectionOpened();
        ch.closeFuture().addListener(f -> services.metrics().connectionClosed());
        ProxyServices.Limits limits = services.limits();
        ch.pipeline()
                .addLast(PipelineNames.IDLE,
                        new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast(PipelineNames.HTTP_CODEC, newServerCodec(limits))
                .addLast(PipelineNames.REQUEST_CHECK, RequestValidator.INSTANCE)
                .addLast(PipelineNames.FLOW_CONTROL, new FlowControlHandler())
                .addLast(PipelineNames.PROXY_REQUEST, new ProxyRequestHandler(services));
    }

    /**
     * The agent-side HTTP/1.1 codec: strict line parsing, header names and values validated (tokens;
     * no control bytes but HTAB), Sieve's line and header limits. A chunk-size line counts against
     * the initial-line limit, so no line is buffered past it. {@link RequestValidator} follows it.
     */
    static HttpServerCodec newServerCodec(ProxyServices.Limits limits) {
        return new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxInitialLineBytes())
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setMaxChunkSize(64 * 1024)
                .setValidateHeaders(true)
                .setStrictLineParsing(true)
                .setAllowDuplicateContentLengths(false));
    }
}
