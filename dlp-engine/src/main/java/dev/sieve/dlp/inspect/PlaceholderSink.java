package dev.sieve.dlp.inspect;

import java.nio.ByteBuffer;

/**
 * Told about every placeholder a request's redaction mints, with the decoded value it replaces, so that the proxy
 * can restore it in the response ({@code redaction.restoreInResponses}). Called on the inspecting thread while the
 * request's bytes are at hand; an implementation must not keep {@code value} (it is a view of the request buffer)
 * and must not log it.
 */
@FunctionalInterface
public interface PlaceholderSink {

    /** Keeps nothing. */
    PlaceholderSink NONE = (placeholder, value) -> { };

    /** {@code placeholder} replaces {@code value} (its remaining bytes) in the request being inspected. */
    void minted(String placeholder, ByteBuffer value);
}
