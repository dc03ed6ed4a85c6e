package dev.sieve.proxy.redaction;

/**
 * Restores placeholders in one response body as it streams: each piece in, the bytes ready to go out. A
 * placeholder cut off at the end of a piece is held back until the next piece completes it (or {@link #finish()}
 * releases it unchanged), so what is held is bounded. Not thread-safe (one response).
 */
public interface BodyRestorer {

    /** The output for {@code piece}, the next bytes of the body; may be empty. */
    byte[] feed(byte[] piece);

    /** The bytes still held at the end of the body. */
    byte[] finish();
}
