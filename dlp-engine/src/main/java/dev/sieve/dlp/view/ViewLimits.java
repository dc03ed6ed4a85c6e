package dev.sieve.dlp.view;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-request bounds on decoding. Exceeding any of them makes {@link Views#decode} fail (never a
 * partial pass), and the failure names the {@link Limit} that was hit. The proxy sets them from its
 * configuration ({@code inspection.limits}, whose keys are {@link Limit#key()}).
 *
 * @param maxDecodedBytes    bytes decoding may produce for one request, all layers and views
 *                           together (decompressed body, base64 payloads, view contents); also the
 *                           longest JSON document
 * @param maxDecompressionRatio largest decompression ratio (output / input) per encoding layer, enforced
 *                           while decompressing once the output passes 1 MiB
 * @param maxJsonDepth       deepest JSON nesting of objects and arrays
 * @param maxJsonStringBytes longest JSON string, name or number (counted in chars, as Jackson does); so
 *                           also the longest base64 payload inside JSON
 * @param maxViews           views per request
 * @param maxBase64Depth     embedded layers nested inside each other: base64 payloads, compressed
 *                           streams and archives found by magic, an OOXML or ODF document's parts (1: a
 *                           payload in the body's JSON, or the entries of a zip uploaded as a multipart part;
 *                           2: a payload inside that payload's JSON, or a zip inside that zip). The decoding
 *                           graph's {@code maxDecodeDepth} is meant to take this role over
 * @param maxPdfPages        pages of one PDF
 * @param maxPdfBytes        size of one PDF
 * @param maxPdfTime         CPU time to extract the text of one PDF, checked between pages (see {@link Stopwatch})
 * @param maxMultipartParts  parts of one multipart body
 * @param maxArchiveEntries  entries of one archive (zip, tar; an OOXML or ODF document is a zip); the
 *                           expanded size of entries is bounded by {@code maxDecodedBytes} and each
 *                           compressed entry by {@code maxDecompressionRatio}
 * @param maxDecodeDepth     layers the decoding graph decodes inside each other (base64 in percent in base64
 *                           ...); 0 turns the graph off. A layer deeper than this is not decoded (not a failure)
 * @param maxDecodeLayers    layers the decoding graph may decode for one request (every base64, hex, percent,
 *                           ... string it accepts); more fail the request
 * @param maxDecodeTime      CPU time decoding one request may take, checked at each layer the graph tries (see
 *                           {@link Stopwatch}: ten times it on the clock fails it too)
 */
public record ViewLimits(long maxDecodedBytes, double maxDecompressionRatio, int maxJsonDepth,
                         long maxJsonStringBytes, int maxViews, int maxBase64Depth, int maxPdfPages, long maxPdfBytes,
                         Duration maxPdfTime, int maxMultipartParts, int maxArchiveEntries, int maxDecodeDepth,
                         int maxDecodeLayers, Duration maxDecodeTime) {

    /** Each bound, named as its configuration key; a decoding failure caused by a bound says which. */
    public enum Limit {
        MAX_DECODED_BYTES("maxDecodedBytes"),
        MAX_DECOMPRESSION_RATIO("maxDecompressionRatio"),
        MAX_JSON_DEPTH("maxJsonDepth"),
        MAX_JSON_STRING_BYTES("maxJsonStringBytes"),
        MAX_VIEWS("maxViews"),
        MAX_BASE64_DEPTH("maxBase64Depth"),
        MAX_PDF_PAGES("maxPdfPages"),
        MAX_PDF_BYTES("maxPdfBytes"),
        MAX_PDF_TIME("maxPdfTime"),
        MAX_MULTIPART_PARTS("maxMultipartParts"),
        MAX_ARCHIVE_ENTRIES("maxArchiveEntries"),
        MAX_DECODE_DEPTH("maxDecodeDepth"),
        MAX_DECODE_LAYERS("maxDecodeLayers"),
        MAX_DECODE_TIME("maxDecodeTime");

        private final String key;

        Limit(String key) {
            this.key = key;
        }

        /** The record component and configuration key, e.g. {@code maxDecodedBytes}. */
        public String key() {
            return key;
        }
    }

    private static final long MIB = 1024L * 1024;

    public ViewLimits {
        requirePositive("maxDecodedBytes", maxDecodedBytes);
        if (!(maxDecompressionRatio >= 1)) {
            throw new IllegalArgumentException("maxDecompressionRatio: " + maxDecompressionRatio + " (expected: >= 1)");
        }
        requirePositive("maxJsonDepth", maxJsonDepth);
        requirePositive("maxJsonStringBytes", maxJsonStringBytes);
        requirePositive("maxViews", maxViews);
        if (maxBase64Depth < 0) {
            throw new IllegalArgumentException("maxBase64Depth: " + maxBase64Depth + " (expected: >= 0)");
        }
        requirePositive("maxPdfPages", maxPdfPages);
        requirePositive("maxPdfBytes", maxPdfBytes);
        Objects.requireNonNull(maxPdfTime, "maxPdfTime");
        if (maxPdfTime.isNegative() || maxPdfTime.isZero()) {
            throw new IllegalArgumentException("maxPdfTime: " + maxPdfTime + " (expected: > 0)");
        }
        requirePositive("maxMultipartParts", maxMultipartParts);
        requirePositive("maxArchiveEntries", maxArchiveEntries);
        if (maxDecodeDepth < 0) {
            throw new IllegalArgumentException("maxDecodeDepth: " + maxDecodeDepth + " (expected: >= 0)");
        }
        requirePositive("maxDecodeLayers", maxDecodeLayers);
        Objects.requireNonNull(maxDecodeTime, "maxDecodeTime");
        if (maxDecodeTime.isNegative() || maxDecodeTime.isZero()) {
            throw new IllegalArgumentException("maxDecodeTime: " + maxDecodeTime + " (expected: > 0)");
        }
    }

    /** Limits with the decoding graph's defaults ({@link #DEFAULT_DECODE_DEPTH}, {@link #DEFAULT_DECODE_LAYERS},
     * {@link #DEFAULT_DECODE_TIME}). */
    public ViewLimits(long maxDecodedBytes, double maxDecompressionRatio, int maxJsonDepth, long maxJsonStringBytes,
                      int maxViews, int maxBase64Depth, int maxPdfPages, long maxPdfBytes, Duration maxPdfTime,
                      int maxMultipartParts, int maxArchiveEntries) {
        this(maxDecodedBytes, maxDecompressionRatio, maxJsonDepth, maxJsonStringBytes, maxViews, maxBase64Depth,
                maxPdfPages, maxPdfBytes, maxPdfTime, maxMultipartParts, maxArchiveEntries, DEFAULT_DECODE_DEPTH, DEFAULT_DECODE_LAYERS,
                DEFAULT_DECODE_TIME);
    }

    /**
     * Default {@link #maxDecodeDepth()}: 6. Base64 applied five times is a red team's first idea after four; a layer
     * is only decoded when a candidate is found in the one above it, and the layers and bytes are budgeted apart
     * ({@code maxDecodeLayers}, {@code maxDecodedBytes}), so two more levels cost nothing on text that holds none.
     */
    public static final int DEFAULT_DECODE_DEPTH = 6;
    /** Default {@link #maxDecodeLayers()}: 1 000. */
    public static final int DEFAULT_DECODE_LAYERS = 1_000;
    /** Default {@link #maxDecodeTime()}: 2 s. */
    public static final Duration DEFAULT_DECODE_TIME = Duration.ofSeconds(2);

    /**
     * Default {@link #maxBase64Depth()}: 3. A model API carries every file as base64 in JSON, a layer a multipart
     * upload of the same file does not spend, and a zip holding a zip or an Office document (docx in a project
     * archive) is two more.
     * At 2 such an upload failed closed when sent inline and was read when sent as multipart. Deeper nesting still
     * fails closed, and every layer stays bounded by maxDecodedBytes, the per-layer ratio, maxArchiveEntries and
     * maxViews, so one more layer adds no room for a decompression bomb.
     */
    public static final int DEFAULT_BASE64_DEPTH = 3;

    /** 64 MiB decoded, ratio 100, JSON depth 64, 32 MiB strings, 10 000 views, base64 depth 3,
     * 200 PDF pages, 32 MiB PDFs, 2 s per PDF, 1 000 multipart parts, 1 000 archive entries; decoding graph depth
     * 6, 1 000 layers, 2 s. */
    public static ViewLimits defaults() {
        return new ViewLimits(64 * MIB, 100, 64, 32 * MIB, 10_000, DEFAULT_BASE64_DEPTH, 200, 32 * MIB,
                Duration.ofSeconds(2), 1_000, 1_000);
    }

    public ViewLimits withMaxDecodedBytes(long value) {
        return new ViewLimits(value, maxDecompressionRatio, maxJsonDepth, maxJsonStringBytes, maxViews, maxBase64Depth,
                maxPdfPages, maxPdfBytes, maxPdfTime, maxMultipartParts, maxArchiveEntries, maxDecodeDepth, maxDecodeLayers, maxDecodeTime);
    }

    public ViewLimits withMaxViews(int value) {
        return new ViewLimits(maxDecodedBytes, maxDecompressionRatio, maxJsonDepth, maxJsonStringBytes, value, maxBase64Depth,
                maxPdfPages, maxPdfBytes, maxPdfTime, maxMultipartParts, maxArchiveEntries, maxDecodeDepth, maxDecodeLayers, maxDecodeTime);
    }

    public ViewLimits withMaxPdfPages(int value) {
        return new ViewLimits(maxDecodedBytes, maxDecompressionRatio, maxJsonDepth, maxJsonStringBytes, maxViews, maxBase64Depth,
                value, maxPdfBytes, maxPdfTime, maxMultipartParts, maxArchiveEntries, maxDecodeDepth, maxDecodeLayers, maxDecodeTime);
    }

    public ViewLimits withMaxMultipartParts(int value) {
        return new ViewLimits(maxDecodedBytes, maxDecompressionRatio, maxJsonDepth, maxJsonStringBytes, maxViews, maxBase64Depth,
                maxPdfPages, maxPdfBytes, maxPdfTime, value, maxArchiveEntries, maxDecodeDepth, maxDecodeLayers, maxDecodeTime);
    }

    public ViewLimits withMaxArchiveEntries(int value) {
        return new ViewLimits(maxDecodedBytes, maxDecompressionRatio, maxJsonDepth, maxJsonStringBytes, maxViews, maxBase64Depth,
                maxPdfPages, maxPdfBytes, maxPdfTime, maxMultipartParts, value, maxDecodeDepth, maxDecodeLayers,
                maxDecodeTime);
    }

    public ViewLimits withMaxBase64Depth(int value) {
        return new ViewLimits(maxDecodedBytes, maxDecompressionRatio, maxJsonDepth, maxJsonStringBytes, maxViews, value,
                maxPdfPages, maxPdfBytes, maxPdfTime, maxMultipartParts, maxArchiveEntries, maxDecodeDepth, maxDecodeLayers, maxDecodeTime);
    }

    /** These limits with the decoding graph's depth, layer and time budgets replaced. */
    public ViewLimits withDecodeGraph(int depth, int layers, Duration time) {
        return new ViewLimits(maxDecodedBytes, maxDecompressionRatio, maxJsonDepth, maxJsonStringBytes, maxViews,
                maxBase64Depth, maxPdfPages, maxPdfBytes, maxPdfTime, maxMultipartParts, maxArchiveEntries, depth, layers,
                time);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }
}
