package dev.sieve.proxy.handler;

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
        services.metrics().connectionOpened();
        ch.closeFuture().addListener(f -> services.metrics().connectionClosed());
        ProxyServices.Limits limits = services.limits();
        ch.pipeline()
                .addLast(PipelineNames.IDLE,
                        new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast(PipelineNames.HTTP_CODEC, newServerCodec(limits))
                .addLast(PipelineNames.FLOW_CONTROL, new FlowControlHandler())
                .addLast(PipelineNames.PROXY_REQUEST, new ProxyRequestHandler(services));
    }

    /** The agent-side HTTP/1.1 codec: strict parsing, Sieve's line and header limits. */
    static HttpServerCodec newServerCodec(ProxyServices.Limits limits) {
        return new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxInitialLineBytes())
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setMaxChunkSize(64 * 1024)
                .setStrictLineParsing(true)
                .setAllowDuplicateContentLengths(false));
    }
}
