package dev.sieve.proxy.handler;

import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.inspect.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request body, held whole while its inspection session reads it, then forwarded or dropped.
 * It never holds more than {@code maxBytes}; the inspection session is finished or aborted exactly
 * once; the held buffer is released exactly once, by {@link #release()}, which can be called any
 * number of times. Not thread-safe: used on the exchange's event loop only.
 */
final class HeldBody {
    private static final Logger log = LoggerFactory.getLogger(HeldBody.class);
    private static final int MAX_COMPONENTS = 1024;

    private final ByteBufAllocator alloc;
    private final RequestInspector.Session inspection;
    private final String requestId;
    private final long maxBytes;
    private CompositeByteBuf buffer;
    private boolean inspecting = true;

    /**
     * @param inspection the request's open inspection session; this body finishes or aborts it
     * @param requestId  names the request in logs
     * @param maxBytes   the most body bytes this body takes (see {@link #add})
     */
    HeldBody(ByteBufAllocator alloc, RequestInspector.Session inspection, String requestId, long maxBytes) {
        this.alloc = alloc;
        this.inspection = inspection;
        this.requestId = requestId;
        this.maxBytes = maxBytes;
        this.buffer = alloc.compositeBuffer(MAX_COMPONENTS);
    }

    /** The most body bytes this body takes. */
    long maxBytes() {
        return maxBytes;
    }

    /**
     * Shows {@code chunk} to the inspection and holds it (retained: the caller keeps its own
     * reference), unless the body would then exceed {@code maxBytes}; nothing is held or inspected then.
     *
     * @return {@code false} when the chunk would exceed the limit
     */
    boolean add(ByteBuf chunk) {
        if (buffer.readableBytes() + (long) chunk.readableBytes() > maxBytes) {
            return false;
        }
        if (chunk.isReadable()) {
            inspection.onContent(chunk);
            buffer.addComponent(true, chunk.retain());
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
        buffer = alloc.compositeBuffer(1);
        buffer.addComponent(true, Unpooled.wrappedBuffer(replace.body()));
        for (Map.Entry<String, String> h : replace.headers()) {
            request.headers().set(h.getKey(), h.getValue());
        }
        replace.pathAndQuery().ifPresent(request::setUri);
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
