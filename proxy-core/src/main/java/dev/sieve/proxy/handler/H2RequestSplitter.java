package dev.sieve.proxy.handler;

import dev.sieve.proxy.upstream.HopByHop;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;

/**
 * Behind the frame-to-HTTP/1 codec of an h2 stream: makes the stream's request look exactly like one the HTTP/1.1
 * decoder produces, so that the same exchange handler runs it. A request whose HEADERS frame ended the stream
 * comes as one {@link FullHttpRequest}; it is passed on as its head and then its (empty or short) last content,
 * as the HTTP/1.1 decoder would. The codec's own {@code x-http2-*} fields (stream id, scheme) are removed: they are
 * not the agent's and must not go upstream. A header block the codec cannot convert resets the stream
 * (PROTOCOL_ERROR).
 */
@ChannelHandler.Sharable
final class H2RequestSplitter extends ChannelInboundHandlerAdapter {
    static final H2RequestSplitter INSTANCE = new H2RequestSplitter();

    private H2RequestSplitter() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            HopByHop.stripH2Extensions(request.headers());
            if (request instanceof FullHttpRequest full) {
                HttpRequest head = new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(),
                        full.headers());
                ctx.fireChannelRead(head);
                ctx.fireChannelRead(new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof Http2Exception) {
            H2StreamGuard.reset(ctx, Http2Error.PROTOCOL_ERROR);
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}
