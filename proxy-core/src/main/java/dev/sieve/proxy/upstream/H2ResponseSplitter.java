package dev.sieve.proxy.upstream;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Behind the frame-to-HTTP/1 codec of an upstream h2 stream: makes the stream's response look exactly like one the
 * HTTP/1.1 client codec produces, so that the same relay handles it. A response whose HEADERS frame ended the stream
 * (no body, or a HEAD) comes as one {@link FullHttpResponse}; it is passed on as its head and then its (empty) last
 * content. The codec's own {@code x-http2-*} fields (stream id, scheme) are removed: they are not the upstream's.
 */
@ChannelHandler.Sharable
public final class H2ResponseSplitter extends ChannelInboundHandlerAdapter {
    public static final H2ResponseSplitter INSTANCE = new H2ResponseSplitter();

    private H2ResponseSplitter() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse response && response.decoderResult().isSuccess()) {
            HopByHop.stripH2Extensions(response.headers());
            if (response instanceof FullHttpResponse full) {
                ctx.fireChannelRead(new DefaultHttpResponse(full.protocolVersion(), full.status(), full.headers()));
                ctx.fireChannelRead(new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
