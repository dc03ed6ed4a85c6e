package dev.sieve.proxy.handler;

import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.inspect.Verdict;
import dev.sieve.proxy.redaction.PlaceholderLookup;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request body, held whole while its inspection session reads it, then forwarded or dropped.
 * It never holds more than {@code maxBytes}; the inspection session is finished or aborted exactly
 * once; the held buffer is released exactly once, by {@link #release()}, which can be called any
 * number of times. Not thread-safe: used on the exchange's event loop only.
 *
 * <p>The bytes are copied into one heap buffer, allocated at the declared {@code Content-Length} when
 * there is one: the decoders need the body contiguous anyway, and a buffer of exactly the body's size
 * reaches them without another copy. (Holding the received chunks instead pins every network buffer
 * they slice, and a composite of thousands of chunks costs a walk over its components for every
 * TLS record written upstream.)
 */
final class HeldBody {
    private static final Logger log = LoggerFactory.getLogger(HeldBody.class);
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
     * Shows {@code chunk} to the inspection and copies it into the held body (the caller keeps and
     * releases its own reference), unless the body would then exceed {@code maxBytes}; nothing is held
     * or inspected then.
     *
     * @return {@code false} when the chunk would exceed the limit
     */
    boolean add(ByteBuf chunk) {
        // The buffer's maximum capacity is maxBytes (or the largest array, should maxBytes exceed it).
        if (buffer.readableBytes() + (long) chunk.readableBytes() > buffer.maxCapacity()) {
            return false;
        }
        if (chunk.isReadable()) {
            inspection.onContent(chunk);
            buffer.writeBytes(chunk, chunk.readerIndex(), chunk.readableBytes());
        }
        return true;
    }

    /**
     * Finishes the inspection with the whole body. An inspection that throws yields a
     * {@link Verdict.Block} for {@link Refusal#INSPECTION_FAILED}; its exception is not propagated.
     */
    Verdict finish() {
        inspecting = false;
        try {
            return inspection.finish(buffer);
        } catch (RuntimeException e) {
            log.error("inspection failed for {}: {}", requestId, e.getClass().getName());
            return new Verdict.Block(Refusal.INSPECTION_FAILED, "internal inspection error", List.of(),
                    new Verdict.Report("blocked", List.of("internal_error"), List.of(), "", 0, false));
        }
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

    /** After {@link #finish()}: the originals to restore in the response, when the inspection says so. */
    Optional<PlaceholderLookup> restore() {
        return inspection.restore();
    }

    /** The bytes held; 0 after {@link #release()}. */
    int readableBytes() {
        return buffer == null ? 0 : buffer.readableBytes();
    }

    /** A retained view of the held bytes for one write upstream; the holder's reference is unaffected. */
    ByteBuf retainedDuplicate() {
        if (buffer == null) {
            throw new IllegalStateException("body: released (expected: held)");
        }
        return buffer.retainedDuplicate();
    }

    /** Aborts an unfinished inspection and releases the held buffer; later calls do nothing. */
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
