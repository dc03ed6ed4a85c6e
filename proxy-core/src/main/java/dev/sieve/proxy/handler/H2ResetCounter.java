package dev.sieve.proxy.handler;

import dev.sieve.proxy.metrics.SieveMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameLogger;
import io.netty.handler.logging.LogLevel;

/**
 * Counts the RST_STREAM frames of an agent's h2 connection, both ways, by error
 * ({@code sieve_http2_stream_resets_total{by, error}}). Netty's codec answers some stream errors itself (a
 * connection-specific header, a DATA length other than {@code content-length}, a bad pseudo-header, a stream over the
 * concurrency limit...), before any exchange exists: the RST_STREAM it writes is the only trace of them. Netty's
 * frame logger is the one place that sees every frame the codec reads and writes, so this is one; it logs at TRACE
 * (under this class's logger) as the plain logger would, and counts always.
 *
 * <p>Such stream errors are counted, not audited: no request was formed (there is nothing to record but the
 * tunnel's host), nothing reached an upstream, and an agent can cause them at the rate it sends frames. The
 * refusals Sieve decides itself ({@link H2RequestCheck}: 400) are audited like any other.
 */
final class H2ResetCounter extends Http2FrameLogger {
    private final SieveMetrics metrics;

    H2ResetCounter(SieveMetrics metrics) {
        super(LogLevel.TRACE, H2ResetCounter.class);
        this.metrics = metrics;
    }

    @Override
    public void logRstStream(Direction direction, ChannelHandlerContext ctx, int streamId, long errorCode) {
        metrics.http2StreamReset(direction == Direction.OUTBOUND ? "sieve" : "agent", errorName(errorCode));
        super.logRstStream(direction, ctx, streamId, errorCode);
    }

    /** The RFC 9113 name of {@code code}, or {@code unknown}. */
    static String errorName(long code) {
        Http2Error error = Http2Error.valueOf(code);
        return error == null ? "unknown" : error.name();
    }
}
