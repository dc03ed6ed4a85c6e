package dev.sieve.proxy.handler;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Copies bytes one way, from this channel to {@code peer}; a tunnel is a pair of relays, one on each channel, on
 * the same event loop. Reading is automatic and backpressure follows the peer's writability (Netty's proxy
 * pattern): when a write leaves the peer's outbound buffer above its high water mark this side stops reading, and
 * the relay on the peer's channel starts it again once that buffer drained below the low water mark. What a tunnel
 * holds is therefore bounded by the high water mark plus one read. Writes are flushed once per batch of reads
 * ({@code channelReadComplete}), not per read.
 *
 * <p>The previous design issued the next read only when the previous write had completed, with a flush per read
 * and a listener per write. For request/response traffic it made the same system calls per message as this one
 * (one read, one write; bench/README.md, "Passthrough tunnels"); this one is cheaper where a tunnel streams, and
 * is the pattern Netty documents for proxies.
 */
final class Relay extends ChannelInboundHandlerAdapter {
    private final Channel peer;

    Relay(Channel peer) {
        this.peer = peer;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Reads resume by themselves from here on (setting auto-read also issues the first read).
        ctx.channel().config().setAutoRead(peer.isWritable());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // A failed write reaches the peer's pipeline as an exception; its relay closes the tunnel.
        peer.write(msg, peer.voidPromise());
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // This channel drained (or filled): the peer, which writes into it, may read again (or must wait).
        if (peer.isActive()) {
            peer.config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeOnFlush(peer);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeOnFlush(ctx.channel());
    }

    static void closeOnFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
