package dev.sieve.proxy.handler;

import dev.sieve.proxy.error.ErrorResponses;
import dev.sieve.proxy.error.Refusal;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;

/**
 * The whole pipeline of a connection over a connection cap: before reading anything, it writes a 503
 * ({@link Refusal#CONNECTION_LIMIT}, with Retry-After and Proxy-Status naming the cap) and closes with a
 * {@link LingeringClose}. It is not audited (a flood of connections must not flood the audit log); the refusal is
 * counted in {@code sieve_connections_refused_total}. An {@code HttpResponseEncoder} in front of it encodes the
 * answer.
 */
final class OverCapacityHandler extends ChannelInboundHandlerAdapter {
    private final String detail;
    private boolean answered;

    /** @param detail the cap, e.g. {@code proxy.maxConnectionsPerClient 1024} */
    OverCapacityHandler(String detail) {
        this.detail = detail;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            refuse(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        refuse(ctx);
    }

    private void refuse(ChannelHandlerContext ctx) {
        if (answered) {
            return;
        }
        answered = true;
        FullHttpResponse response = ErrorResponses.render(ctx.alloc(), Refusal.CONNECTION_LIMIT, detail,
                RequestIds.next());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        LingeringClose.after(ctx.writeAndFlush(response));
    }
}
