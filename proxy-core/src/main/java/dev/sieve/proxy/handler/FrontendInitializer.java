package dev.sieve.proxy.handler;

import dev.sieve.proxy.pipeline.PipelineNames;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes the phase-1 pipeline of an agent connection (see {@link PipelineNames}), or, for a connection over a
 * connection cap, the pipeline that refuses it.
 */
public final class FrontendInitializer extends ChannelInitializer<SocketChannel> {
    private static final Logger log = LoggerFactory.getLogger(FrontendInitializer.class);

    private final ProxyServices services;

    public FrontendInitializer(ProxyServices services) {
        this.services = services;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        InetAddress client = ch.remoteAddress().getAddress();
        ConnectionLimiter limiter = services.connectionLimiter();
        ConnectionLimiter.Admission admission = limiter.tryAcquire(client);
        if (admission != ConnectionLimiter.Admission.ADMITTED) {
            refuse(ch, admission);
            return;
        }
        ch.closeFuture().addListener(f -> limiter.release(client));
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
        HeaderDeadline deadline = newHeaderDeadline(services);
        ch.pipeline()
                .addLast(PipelineNames.IDLE,
                        new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast(PipelineNames.HEADER_DEADLINE, deadline)
                .addLast(PipelineNames.CONNECT_SPLIT,
                        new ConnectHeadSplitter(limits.maxInitialLineBytes() + limits.maxHeaderBytes()))
                .addLast(PipelineNames.HTTP_CODEC, newServerCodec(limits))
                .addLast(PipelineNames.REQUEST_CHECK, RequestValidator.INSTANCE)
                .addLast(PipelineNames.FLOW_CONTROL, new FlowControlHandler())
                .addLast(PipelineNames.PROXY_REQUEST, new ProxyRequestHandler(services, deadline));
    }

    private void refuse(SocketChannel ch, ConnectionLimiter.Admission admission) {
        services.metrics().connectionRefused(admission.reason());
        boolean perClient = admission == ConnectionLimiter.Admission.OVER_CLIENT;
        String detail = perClient
                ? "proxy.maxConnectionsPerClient " + services.connectionLimiter().maxPerClient()
                : "proxy.maxConnections " + services.connectionLimiter().maxTotal();
        log.debug("connection from {} refused: {}", ch.remoteAddress(), detail);
        ch.pipeline()
                .addLast(PipelineNames.RESPONSE_ENCODER, new HttpResponseEncoder())
                .addLast(PipelineNames.OVER_CAPACITY, new OverCapacityHandler(detail));
    }

    /** The header-read deadline of an agent connection or tunnel, started when added. */
    static HeaderDeadline newHeaderDeadline(ProxyServices services) {
        return new HeaderDeadline(services.limits().headerTimeout().toNanos(), services.metrics());
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
                .setMaxChunkSize(MAX_CHUNK_BYTES)
                .setValidateHeaders(true)
                .setStrictLineParsing(true)
                .setAllowDuplicateContentLengths(false));
    }

    /** The largest piece of body content the codec passes on at once. */
    static final int MAX_CHUNK_BYTES = 64 * 1024;
}
