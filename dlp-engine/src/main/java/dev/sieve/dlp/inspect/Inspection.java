package dev.sieve.dlp.inspect;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * The inspection of one request, opened by {@link Inspector#open}. Not thread-safe: one thread at a time (the
 * proxy calls it from the connection's event loop). Keeps no body bytes: the caller buffers the body and hands
 * it over again in {@link #finish}.
 */
public interface Inspection extends AutoCloseable {

    /**
     * Takes the next body chunk as it arrives. When the body will be scanned as plain bytes (no
     * {@code Content-Encoding}, not JSON, multipart, form or PDF), the chunk is scanned right away, so that
     * {@link #finish} only has to confirm; otherwise it is ignored. Reads the remaining bytes without changing
     * the chunk's position and keeps no reference to it. Never throws for engine errors (they make
     * {@link #finish} block).
     *
     * @throws IllegalStateException after {@link #finish} or {@link #close}
     */
    void feed(ByteBuffer chunk);

    /**
     * Takes the trailer fields that came after the body's last chunk (HTTP/1.1 chunked trailers, or an h2 HEADERS
     * frame after DATA), in arrival order: {@link #finish} scans each as view {@code trailer:<name>}, exactly like a
     * header (block, redact escalated to block, log). Call it before {@link #finish}; a second call replaces the first.
     * Not a default method: an inspection that ignored trailers would let a value through unscanned.
     *
     * @throws IllegalStateException after {@link #finish} or {@link #close}
     */
    void trailers(List<Map.Entry<String, String>> trailers);

    /**
     * How many bytes at the start of the body fed so far are proven clean, so that a caller may forward them before
     * the verdict: {@link #finish} will report no finding whose action is other than log in those bytes, in any view
     * (the raw body, its decoded layers, its normalised text); the request's URL and headers have no such finding; and
     * a {@link RedactedBody} starts with those same bytes and keeps the request target. Never decreases and never
     * exceeds the bytes fed. 0 (the default) while nothing can be proven before the whole body is seen: a structured
     * or content-encoded body, a container; and always 0 unless {@link #trackClean()} came before the first feed.
     * Trailer fields ({@link #trailers}) come after the body and are not covered: their findings come with
     * {@link #finish}, which a caller that forwards clean bytes early must await before it ends the request.
     */
    default long cleanThrough() {
        return 0;
    }

    /**
     * Asks for {@link #cleanThrough()} to be worked out as the body is fed; call it before the first {@link #feed}
     * (later it is ignored). It costs one more pass over the bytes fed, so a caller that holds the whole body anyway
     * does not ask.
     */
    default void trackClean() {
    }

    /**
     * Decides on the request: scans headers, the query and every view of {@code wholeBody} (the complete body
     * as received, i.e. the concatenation of the fed chunks; its position is not changed) and applies the
     * policy. Never throws: unexpected errors become {@link InspectionResult.Decision#BLOCK} with
     * {@link dev.sieve.dlp.view.FailReason#INTERNAL_ERROR}. A second call returns the first result.
     */
    InspectionResult finish(ByteBuffer wholeBody);

    /**
     * Like {@link #finish(ByteBuffer)}, with the part of the request's conversation that earlier turns already sent:
     * findings there are judged by {@code history}'s policy and marked {@link dev.sieve.dlp.Finding#history()}.
     * The default ignores {@code history}.
     */
    default InspectionResult finish(ByteBuffer wholeBody, TurnHistory history) {
        return finish(wholeBody);
    }

    /** Releases engine resources; idempotent, never throws. */
    @Override
    void close();
}
