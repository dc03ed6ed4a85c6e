package dev.sieve.proxy.handler;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2HeadersFrame;

/**
 * First in an h2 stream's pipeline, in front of the frame-to-HTTP/1 codec: a request header block that
 * {@link H2RequestCheck} refuses never becomes a request. It is replaced by a request head with a failed decoder
 * result, which the exchange handler answers like any malformed HTTP/1.1 request (400 with {@code Proxy-Status}
 * and the JSON error, recorded in the audit); nothing reaches an upstream. Trailers (a header block after the
 * first) pass on: the codec makes them the last content.
 *
 * <p>A stream error Netty's codec found on this stream (e.g. a DATA length that differs from {@code content-length})
 * stops here: the multiplexer resets the stream with that error's code (PROTOCOL_ERROR) right after, where the
 * exchange handler would close the stream's channel, which resets it with CANCEL.
 */
final class H2StreamGuard extends ChannelInboundHandlerAdapter {
    private boolean headSeen;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2HeadersFrame frame && !headSeen) {
            headSeen = true;
            RequestHeadCheck.Problem problem = H2RequestCheck.check(frame.headers());
            if (problem != null) {
                HttpRequest refused = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
                refused.setDecoderResult(DecoderResult.failure(new InvalidRequestException(problem)));
                ctx.fireChannelRead(refused);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof Http2Exception)) {
            ctx.fireExceptionCaught(cause);
        }
    }

    /** Resets the stream with {@code error} and closes its channel (which then sends nothing more). */
    static void reset(ChannelHandlerContext ctx, Http2Error error) {
        ctx.channel().writeAndFlush(new DefaultHttp2ResetFrame(error)).addListener(f -> ctx.channel().close());
    }
}
