package dev.sieve.dlp.view;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/**
 * Per-request decoding state: the limits, the byte budget shared by every layer, and the registry
 * that makes view paths unique. Not thread-safe; one per request.
 */
final class DecodeContext {

    private final ViewLimits limits;
    private final Clock clock;
    private final boolean forRewrite;
    private final Set<String> paths = new HashSet<>();
    private long decodedBytes;

    DecodeContext(ViewLimits limits, Clock clock, boolean forRewrite) {
        this.limits = limits;
        this.clock = clock;
        this.forRewrite = forRewrite;
    }

    ViewLimits limits() {
        return limits;
    }

    Clock clock() {
        return clock;
    }

    /** True when decoding for {@link Redactor}: decoders then keep what rewriting needs. */
    boolean forRewrite() {
        return forRewrite;
    }

    long decodedBytes() {
        return decodedBytes;
    }

    int views() {
        return paths.size();
    }

    long remainingBytes() {
        return limits.maxDecodedBytes() - decodedBytes;
    }

    /** Counts {@code bytes} of decoded output against {@link ViewLimits#maxDecodedBytes()}. */
    void charge(long bytes, String where) throws DecodeException {
        if (bytes > remainingBytes()) {
            throw new DecodeException(FailReason.SIZE_LIMIT, ViewLimits.Limit.MAX_DECODED_BYTES, where + ": decoded bytes " + (decodedBytes + bytes)
                    + " (expected: <= maxDecodedBytes " + limits.maxDecodedBytes() + ")");
        }
        decodedBytes += bytes;
    }

    /**
     * Checks that a layer decoded at {@code depth} (enclosing embedded layers: base64 payloads, compressed streams,
     * archives) is allowed. One place for the check, so that the decoding graph's depth limit can replace
     * {@code maxBase64Depth} here.
     */
    void checkDepth(int depth, String path) throws DecodeException {
        if (depth > limits.maxBase64Depth()) {
            throw new DecodeException(FailReason.NESTING_TOO_DEEP, ViewLimits.Limit.MAX_BASE64_DEPTH, path
                    + ": embedded layers nested " + depth + " deep (expected: <= maxBase64Depth "
                    + limits.maxBase64Depth() + ")");
        }
    }

    /**
     * Registers a view and returns its unique path: the first use of a path keeps it, later uses
     * (duplicate JSON keys, repeated form fields) get {@code ~2}, {@code ~3}, ... appended.
     */
    String claimView(String path) throws DecodeException {
        if (paths.size() >= limits.maxViews()) {
            throw new DecodeException(FailReason.TOO_MANY_VIEWS, ViewLimits.Limit.MAX_VIEWS,
                    "views: more than " + limits.maxViews() + " (expected: <= maxViews " + limits.maxViews() + ")");
        }
        String unique = path;
        for (int n = 2; !paths.add(unique); n++) {
            unique = path + "~" + n;
        }
        return unique;
    }
}
