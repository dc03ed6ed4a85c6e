package dev.sieve.proxy.handler;

import dev.sieve.proxy.metrics.SieveMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the time a request head takes ({@code proxy.headerTimeout}, like nginx's {@code client_header_timeout}
 * and Envoy's {@code request_headers_timeout}), against clients that send a head a byte at a time and never finish
 * ("slowloris"). It sits just in front of the HTTP codec, where it sees the bytes that make up request heads (inside
 * a tunnel: after TLS).
 *
 * <p>The clock runs from the handler's start (a new connection; in a tunnel, the ClientHello, so that the TLS
 * handshake counts too) to the first request's head, and for every later request from the first byte that arrives
 * after {@link #awaitHead()} to its head. The handler that reads the heads calls {@link #headReceived()} for each.
 * When time is up and some bytes of a head came, {@link #EXPIRED} is fired down the pipeline: the HTTP handler
 * there answers 408 and closes. When no byte came (a connection or tunnel that never sent a request), the
 * connection is closed without an answer, as there is no request to answer.
 *
 * <p>Between requests the idle timeout is in charge: agents keep connections open for their next request. (The
 * start of a pipelined head that arrived with the previous request's last bytes does not restart the clock; if
 * such a head never completes, the idle timeout ends it.)
 */
final class HeaderDeadline extends ChannelInboundHandlerAdapter {
    /** The user event fired when a started request head did not complete in time. */
    static final Object EXPIRED = new Object() {
        @Override
        public String toString() {
            return "HeaderDeadline.EXPIRED";
        }
    };

    private enum State { OFF, AT_NEXT_BYTE, RUNNING }

    private final long timeoutNanos;
    private final SieveMetrics metrics;
    private ChannelHandlerContext ctx;
    private State state = State.OFF;
    private boolean sawBytes;
    private ScheduledFuture<?> timer;

    HeaderDeadline(long timeoutNanos, SieveMetrics metrics) {
        this.timeoutNanos = timeoutNanos;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            run(false);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (state == State.OFF) {
            run(false);
        }
        ctx.fireChannelActive();
    }

    /** The next request head is due: the clock starts with its first byte. */
    void awaitHead() {
        cancel();
        state = State.AT_NEXT_BYTE;
    }

    /** A request head was read (or the connection moved past heads): the clock stops. */
    void headReceived() {
        cancel();
        state = State.OFF;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state != State.OFF && msg instanceof ByteBuf buf && buf.isReadable()) {
            if (state == State.AT_NEXT_BYTE) {
                run(true);
            }
            sawBytes = true;
        }
        ctx.fireChannelRead(msg);
    }

    private void run(boolean fromAByte) {
        cancel();
        state = State.RUNNING;
        sawBytes = fromAByte;
        timer = ctx.executor().schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void expire() {
        timer = null;
        if (state != State.RUNNING || !ctx.channel().isActive()) {
            return;
        }
        state = State.OFF;
        metrics.clientTimeout("header");
        if (sawBytes) {
            ctx.fireUserEventTriggered(EXPIRED);
        } else {
            ctx.close();
        }
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
