package dev.sieve.proxy.handler;

import dev.sieve.proxy.metrics.SieveMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code proxy.headerTimeout} for every header block of an h2 connection (slowloris over h2): a block must arrive
 * whole within the timeout from its first frame header ({@link H2HeaderBlocks}). The tunnel's {@link HeaderDeadline}
 * covers the TLS handshake up to the first stream; this covers each stream after it too.
 *
 * <p>A block that is late ends the connection (GOAWAY ENHANCE_YOUR_CALM, then close), not just a stream: no stream
 * exists before its block is complete, nothing can be answered on it, and while a block is open (CONTINUATION frames)
 * the agent cannot send any other frame on the connection anyway (RFC 9113 section 6.10). It counts as a header
 * timeout ({@code sieve_client_timeouts_total{phase="header"}}).
 *
 * <p>In front of the codec on the connection, after TLS: it sees the bytes, never holds them.
 */
final class H2HeaderDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(H2HeaderDeadline.class);

    private final long timeoutNanos;
    private final SieveMetrics metrics;
    private final H2HeaderBlocks blocks = new H2HeaderBlocks();
    private ScheduledFuture<?> timer;

    H2HeaderDeadline(long timeoutNanos, SieveMetrics metrics) {
        this.timeoutNanos = timeoutNanos;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
            boolean wasInBlock = blocks.inBlock();
            long completedBefore = blocks.completed();
            blocks.feed(bytes);
            if (!blocks.inBlock()) {
                cancel();
            } else if (!wasInBlock || blocks.completed() != completedBefore) {
                cancel(); // a new block began: its own clock
                timer = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        Channel ch = ctx.channel();
        if (!ch.isActive()) {
            return;
        }
        metrics.clientTimeout("header");
        log.info("h2 agent {} did not complete a header block within proxy.headerTimeout: connection ended",
                ch.remoteAddress());
        ch.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.ENHANCE_YOUR_CALM,
                ByteBufUtil.writeAscii(ch.alloc(), "header block timeout")))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }
}
