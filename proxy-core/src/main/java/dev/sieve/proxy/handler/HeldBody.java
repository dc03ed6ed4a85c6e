package dev.sieve.proxy.handler;

import dev.sieve.proxy.inspect.InspectionPool;
import dev.sieve.proxy.inspect.WholeBodyInspection;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.inspect.Verdict;
import dev.sieve.proxy.redaction.PlaceholderLookup;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.EventExecutor;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One request body, held whole while its inspection session reads it, then forwarded or dropped.
 * It never holds more than {@code maxBytes}; the inspection session is finished or aborted exactly
 * once; the held buffer is released exactly once, by {@link #release()}, which can be called any
 * number of times. Not thread-safe: used on the exchange's event loop only, except for the inspection itself,
 * which {@link #inspect} hands to an {@link InspectionPool} worker.
 *
 * <p>The event loop only copies bytes: the whole inspection, the streamed raw scan included, runs on the worker
 * once the last byte is in (see {@link #inspect} for why the chunks are not fed as they arrive). While it runs, the
 * job owns the session and a retained duplicate of the buffer: {@link #release()} then neither aborts the session
 * (the worker finishes or abandons it) nor frees the bytes under the worker (its duplicate keeps them until it
 * is done, and the memory is freed by whichever of the two lets go last).
 *
 * <p>The bytes are copied into one heap buffer, allocated at the declared {@code Content-Length} when
 * there is one: the decoders need the body contiguous anyway, and a buffer of exactly the body's size
 * reaches them without another copy. (Holding the received chunks instead pins every network buffer
 * they slice, and a composite of thousands of chunks costs a walk over its components for every
 * TLS record written upstream.)
 */
final class HeldBody {
    /** The first allocation for a body of unknown length; it grows as needed up to the limit. */
    private static final int UNKNOWN_LENGTH_START = 8 * 1024;
    /** A Java array's practical maximum length. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final RequestInspector.Session inspection;
    private final String requestId;
    private final long maxBytes;
    private ByteBuf buffer;
    private boolean inspecting = true;

    /**
     * @param inspection     the request's open inspection session; this body finishes or aborts it
     * @param requestId      names the request in logs
     * @param maxBytes       the most body bytes this body takes (see {@link #add})
     * @param declaredLength the request's Content-Length, or -1 when it has none
     */
    HeldBody(RequestInspector.Session inspection, String requestId, long maxBytes, long declaredLength) {
        this.inspection = inspection;
        this.requestId = requestId;
        this.maxBytes = maxBytes;
        int max = (int) Math.min(maxBytes, MAX_ARRAY);
        int initial = declaredLength >= 0 && declaredLength <= max ? (int) declaredLength
                : Math.min(max, UNKNOWN_LENGTH_START);
        this.buffer = Unpooled.buffer(initial, max);
    }

    /** The most body bytes this body takes. */
    long maxBytes() {
        return maxBytes;
    }

    /**
     * Copies {@code chunk} into the held body (the caller keeps and releases its own reference), unless the body
     * would then exceed {@code maxBytes}; nothing is held then.
     *
     * @return {@code false} when the chunk would exceed the limit
     */
    boolean add(ByteBuf chunk) {
        // The buffer's maximum capacity is maxBytes (or the largest array, should maxBytes exceed it).
        if (buffer.readableBytes() + (long) chunk.readableBytes() > buffer.maxCapacity()) {
            return false;
        }
        if (chunk.isReadable()) {
            buffer.writeBytes(chunk, chunk.readerIndex(), chunk.readableBytes());
        }
        return true;
    }

    /**
     * Hands the inspection of the whole body to {@code pool}: on a worker, the session is shown the body (its
     * streamed scan) and finished; the verdict comes back on {@code loop} to {@code onVerdict}. A job the pool
     * abandons aborts the session; a withdrawn or cancelled one never calls {@code onVerdict}, while on a closed pool
     * {@code onVerdict} gets an inspection-failed block at once ({@link WholeBodyInspection#submit}).
     *
     * <p>The body is fed whole on the worker rather than chunk by chunk as it arrives: only a body scanned as raw
     * bytes (no content coding, not JSON, form, multipart or PDF) has a streamed scan at all, so feeding chunks
     * would spare only that scan's time after the last byte, and would cost a hand-off per chunk, an ordered
     * queue per session and network buffers pinned while they wait (bench/README.md has the measurement).
     */
    InspectionPool.Pending inspect(InspectionPool pool, EventExecutor loop, Consumer<Verdict> onVerdict) {
        if (!inspecting) {
            throw new IllegalStateException("inspection: " + (buffer == null ? "released" : "handed over")
                    + " (expected: open)");
        }
        inspecting = false; // the job owns the session now
        return WholeBodyInspection.submit(pool, loop, inspection, buffer.retainedDuplicate(), requestId, onVerdict);
    }

    /**
     * Applies a redaction: the held body becomes {@code replace.body()} (the old one is released),
     * and {@code request} gets the replacement's headers and, when present, its request target.
     */
    void replace(Verdict.Replace replace, HttpRequest request) {
        buffer.release();
        buffer = Unpooled.wrappedBuffer(replace.body());
        for (Map.Entry<String, String> h : replace.headers()) {
            request.headers().set(h.getKey(), h.getValue());
        }
        replace.pathAndQuery().ifPresent(request::setUri);
    }

    /** After the verdict: the originals to restore in the response, when the inspection says so. */
    Optional<PlaceholderLookup> restore() {
        return inspection.restore();
    }

    /** The bytes held; 0 after {@link #release()}. */
    int readableBytes() {
        return buffer == null ? 0 : buffer.readableBytes();
    }

    /** The held bytes (not retained: valid until {@link #release()}). */
    ByteBuf bytes() {
        if (buffer == null) {
            throw new IllegalStateException("body: released (expected: held)");
        }
        return buffer;
    }

    /**
     * Aborts an inspection not handed over to {@link #inspect} and releases the held buffer (a running job keeps its
     * own reference until it is done); later calls do nothing.
     */
    void release() {
        if (inspecting) {
            inspecting = false;
            inspection.abort();
        }
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }
}
