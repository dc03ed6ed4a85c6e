package dev.sieve.proxy.handler;

import dev.sieve.proxy.error.ErrorResponses;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.route.Router;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.List;

/**
 * Inside a tunnel accepted only to explain its CONNECT refusal ({@link TunnelExplanation}): answers the first
 * request with that refusal (the usual status, {@code Proxy-Status} and JSON error, the CONNECT's request id, which
 * is the one audited) and {@code Connection: close}, then ends the connection with a {@link LingeringClose} so that
 * a body still being sent does not turn the answer into a reset. Nothing is read into memory: the request's body
 * and anything after it are discarded. No upstream connection exists for such a tunnel.
 */
final class TunnelRefusalHandler extends ChannelInboundHandlerAdapter {
    private final Refusal refusal;
    private final String detail;
    private final long retryAfterSeconds;
    private final String requestId;
    private final HeaderDeadline deadline;
    private boolean answered;

    /** @param requestId the request id of the CONNECT's decision record */
    TunnelRefusalHandler(Router.Routed.Refused refused, String requestId, HeaderDeadline deadline) {
        this.refusal = refused.refusal();
        this.detail = refused.detail();
        this.retryAfterSeconds = refused.retryAfterSeconds();
        this.requestId = requestId;
        this.deadline = deadline;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel() instanceof Http2StreamChannel) {
            ctx.read(); // an h2 stream starts with its request head decoded: no handshake event comes first
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean head = msg instanceof HttpRequest;
        ReferenceCountUtil.release(msg);
        if (head && !answered) {
            // A head that failed to decode gets the same answer: the tunnel's refusal is the reason either way.
            answered = true;
            deadline.headReceived();
            FullHttpResponse response = ErrorResponses.render(ctx.alloc(), refusal, detail, requestId, List.of(),
                    List.of(), retryAfterSeconds);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            LingeringClose.after(ctx.writeAndFlush(response));
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!answered) {
            ctx.read(); // auto-read is off: keep reading until the request head is complete
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                ctx.read();
            } else {
                ctx.close();
            }
            return;
        }
        if (evt instanceof IdleStateEvent || evt == HeaderDeadline.EXPIRED && !answered) {
            ctx.close(); // no request came (nobody to explain it to), or the agent does not read its answer
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
