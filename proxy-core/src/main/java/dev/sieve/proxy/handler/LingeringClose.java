package dev.sieve.proxy.handler;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * Closes an agent connection after a final answer (a refusal) so that the answer reaches the agent. Closing a
 * socket while the agent's request is still arriving (a body Sieve will not read, the rest of a slow head) makes
 * the kernel reset the connection, and the reset can destroy the answer before the agent reads it. So, like nginx's
 * {@code lingering_close}: end the TLS session (close_notify) if there is one, shut the output down (the agent sees
 * the answer, then end of stream), discard whatever still arrives, and close when the agent closes or after
 * {@link #LINGER_MILLIS}, whichever comes first.
 */
final class LingeringClose extends ChannelInboundHandlerAdapter {
    /** The longest a refused connection stays open to drain the agent's remaining bytes. */
    static final long LINGER_MILLIS = 2000;

    private LingeringClose() {}

    /** Lingers and closes once {@code answer}, the last write to the agent, is flushed. */
    static void after(ChannelFuture answer) {
        answer.addListener(f -> {
            if (f.isSuccess()) {
                start(answer.channel());
            } else {
                answer.channel().close();
            }
        });
    }

    private static void start(Channel ch) {
        if (!ch.isActive() || !(ch instanceof DuplexChannel duplex)) {
            ch.close();
            return;
        }
        SslHandler tls = ch.pipeline().get(SslHandler.class);
        ChannelFuture ended = tls != null && ch.pipeline().get(LingeringClose.class) == null ? tls.closeOutbound()
                : ch.newSucceededFuture();
        ended.addListener(f -> {
            if (!ch.isActive() || ch.pipeline().get(LingeringClose.class) != null) {
                return;
            }
            // First in the pipeline: the remaining bytes are dropped before TLS or HTTP decoding sees them.
            ch.pipeline().addFirst(PipelineNames.LINGER, new LingeringClose());
            duplex.shutdownOutput();
            ch.eventLoop().schedule((Runnable) ch::close, LINGER_MILLIS, TimeUnit.MILLISECONDS);
            ch.config().setAutoRead(true);
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // nothing to pass on
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
