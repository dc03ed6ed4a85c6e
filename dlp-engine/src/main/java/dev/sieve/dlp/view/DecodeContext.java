package dev.sieve.dlp.view;

import java.util.HashSet;
import java.util.Set;

/**
 * Per-request decoding state: the limits, the byte budget shared by every layer, and the registry
 * that makes view paths unique. Not thread-safe; one per request.
 */
final class DecodeContext {

    private final ViewLimits limits;
    private final Stopwatch stopwatch;
    private final boolean forRewrite;
    private final Set<String> paths = new HashSet<>();
    private final Stopwatch.Budget time;
    private long decodedBytes;
    private int graphDepth;
    private int graphLayers;

    DecodeContext(ViewLimits limits, Stopwatch stopwatch, boolean forRewrite) {
        this.limits = limits;
        this.stopwatch = stopwatch;
        this.forRewrite = forRewrite;
        this.time = stopwatch.start();
    }

    /** How many decoding-graph layers enclose what is being decoded now. */
    int graphDepth() {
        return graphDepth;
    }

    /** True when the graph may decode one more layer inside the current one ({@link ViewLimits#maxDecodeDepth()}). */
    boolean graphMayDescend() {
        return graphDepth < limits.maxDecodeDepth();
    }

    void enterLayer() {
        graphDepth++;
    }

    void exitLayer() {
        graphDepth--;
    }

    /** Checks the graph's time budget ({@link Stopwatch}: work, not the clock) before a decoding attempt. */
    void checkGraphTime(String where) throws DecodeException {
        if (time.over(limits.maxDecodeTime())) {
            throw new DecodeException(FailReason.DECODE_BUDGET, ViewLimits.Limit.MAX_DECODE_TIME, where
                    + ": decoding took longer than " + limits.maxDecodeTime().toMillis()
                    + " ms (expected: <= maxDecodeTime)");
        }
    }

    /** Counts one accepted graph layer against {@link ViewLimits#maxDecodeLayers()}. */
    void chargeLayer(String where) throws DecodeException {
        if (graphLayers >= limits.maxDecodeLayers()) {
            throw new DecodeException(FailReason.DECODE_BUDGET, ViewLimits.Limit.MAX_DECODE_LAYERS, where
                    + ": more than " + limits.maxDecodeLayers() + " decoded layers (expected: <= maxDecodeLayers)");
        }
        graphLayers++;
    }

    int graphLayers() {
        return graphLayers;
    }

    ViewLimits limits() {
        return limits;
    }

    Stopwatch stopwatch() {
        return stopwatch;
    }

    /**
     * Stops counting this context's time until {@link #resume}: a context drawn on in several calls (the char-code
     * budget of a request, {@code Views.CodeBudget}) counts the calls, not the time between them.
     */
    void pause() {
        time.pause();
    }

    void resume() {
        time.resume();
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
