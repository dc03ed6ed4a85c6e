package dev.sieve.proxy.config;

import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.dlp.view.ViewLimits.Limit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The decode limits in force for a destination ({@code inspection.limits}, overridden key by key by
 * {@code allow[].inspection.limits}), each with the configuration key that set it, so that a request refused
 * for a limit says which key to raise: {@code inspection.limits.maxDecodedBytes (64MiB)}.
 *
 * @param values the limits
 * @param keys   for every limit, the full key that set it ({@code inspection.limits.maxJsonDepth} or
 *               {@code allow[2].inspection.limits.maxJsonDepth})
 */
public record InspectionLimits(ViewLimits values, Map<Limit, String> keys) {

    static final String GLOBAL_PREFIX = "inspection.limits";

    /** The built-in limits, all under {@code inspection.limits}. */
    public static final InspectionLimits DEFAULTS = global(ViewLimits.defaults());

    public InspectionLimits {
        Objects.requireNonNull(values, "values");
        keys = Map.copyOf(keys);
        for (Limit limit : Limit.values()) {
            if (!keys.containsKey(limit)) {
                throw new IllegalArgumentException("keys: no key for " + limit.key() + " (expected: every limit)");
            }
        }
    }

    /** {@code values}, every one set under {@code inspection.limits}. */
    static InspectionLimits global(ViewLimits values) {
        Map<Limit, String> keys = new EnumMap<>(Limit.class);
        for (Limit limit : Limit.values()) {
            keys.put(limit, GLOBAL_PREFIX + "." + limit.key());
        }
        return new InspectionLimits(values, keys);
    }

    /** The key and value of a limit as an operator writes them: {@code inspection.limits.maxPdfTime (2s)}. */
    public String describe(Limit limit) {
        return keys.get(limit) + " (" + value(limit) + ")";
    }

    /** The value of {@code limit} in configuration notation: {@code 64MiB}, {@code 2s}, {@code 1000}. */
    String value(Limit limit) {
        return switch (limit) {
            case MAX_DECODED_BYTES -> Units.formatSize(values.maxDecodedBytes());
            case MAX_DECOMPRESSION_RATIO -> Long.toString((long) values.maxDecompressionRatio());
            case MAX_JSON_DEPTH -> Integer.toString(values.maxJsonDepth());
            case MAX_JSON_STRING_BYTES -> Units.formatSize(values.maxJsonStringBytes());
            case MAX_VIEWS -> Integer.toString(values.maxViews());
            case MAX_BASE64_DEPTH -> Integer.toString(values.maxBase64Depth());
            case MAX_PDF_PAGES -> Integer.toString(values.maxPdfPages());
            case MAX_PDF_BYTES -> Units.formatSize(values.maxPdfBytes());
            case MAX_PDF_TIME -> Units.formatDuration(values.maxPdfTime());
            case MAX_MULTIPART_PARTS -> Integer.toString(values.maxMultipartParts());
            case MAX_ARCHIVE_ENTRIES -> Integer.toString(values.maxArchiveEntries());
            case MAX_DECODE_DEPTH -> Integer.toString(values.maxDecodeDepth());
            case MAX_DECODE_LAYERS -> Integer.toString(values.maxDecodeLayers());
            case MAX_DECODE_TIME -> Units.formatDuration(values.maxDecodeTime());
        };
    }
}
