package dev.sieve.proxy.config;

import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.dlp.view.ViewLimits.Limit;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Validates {@code inspection.limits} and {@code allow[].inspection.limits} into {@link InspectionLimits}: each
 * key within its range, and the combinations that cannot work refused: a decoded-bytes limit below the body
 * limit (bodies the body limit accepts would fail to decode), and a JSON string limit set above the
 * decoded-bytes limit (the raise could not take effect). A decoded-bytes limit lowered below the default string
 * limit is fine: it then bounds strings too. Errors use {@link ConfigBinder}'s {@code key: value (expected: ...)}
 * form with file and line.
 */
final class LimitsBinder {

    static final long MAX_DECODED_BYTES = 8L * 1024 * 1024 * 1024;
    /** Jackson counts string lengths in an int. */
    static final long MAX_STRING_BYTES = Integer.MAX_VALUE;
    static final long MAX_PDF_BYTES = 1024L * 1024 * 1024;

    private final ConfigBinder binder;

    LimitsBinder(ConfigBinder binder) {
        this.binder = binder;
    }

    /** The global limits (every key is present after merging with the defaults). */
    InspectionLimits global(ConfigDto.LimitsDto dto, long maxBodyBytes) {
        InspectionLimits limits = bind(InspectionLimits.GLOBAL_PREFIX, dto, null);
        checkDecodedCoversBody(limits, dto, null, "inspection.maxBodyBytes", maxBodyBytes, false);
        String stringKey = limits.keys().get(Limit.MAX_JSON_STRING_BYTES);
        checkStringWithinDecoded(limits, dto, binder.userSets(stringKey));
        return limits;
    }

    /**
     * A destination's limits: {@code global} with the keys {@code dto} sets (empty when it sets none), checked
     * against the destination's body limit.
     *
     * @param path          the destination's {@code allow[i].inspection}
     * @param bodyKeyIsOwn  true when the destination sets its own {@code maxBodyBytes}
     */
    Optional<InspectionLimits> destination(String path, ConfigDto.LimitsDto dto, InspectionLimits global,
            long maxBodyBytes, boolean bodyKeyIsOwn) {
        InspectionLimits limits = dto == null ? global : bind(path + ".limits", dto, global);
        String bodyKey = bodyKeyIsOwn ? path + ".maxBodyBytes" : "inspection.maxBodyBytes";
        checkDecodedCoversBody(limits, dto, path, bodyKey, maxBodyBytes, bodyKeyIsOwn);
        checkStringWithinDecoded(limits, dto, dto != null && dto.maxJsonStringBytes != null);
        return dto == null ? Optional.empty() : Optional.of(limits);
    }

    private InspectionLimits bind(String prefix, ConfigDto.LimitsDto dto, InspectionLimits base) {
        ConfigDto.LimitsDto d = dto == null ? new ConfigDto.LimitsDto() : dto;
        ViewLimits b = base == null ? null : base.values();
        Map<Limit, String> keys = new EnumMap<>(Limit.class);
        for (Limit limit : Limit.values()) {
            keys.put(limit, base == null || isSet(d, limit) ? prefix + "." + limit.key() : base.keys().get(limit));
        }
        long decoded = d.maxDecodedBytes == null && b != null ? b.maxDecodedBytes()
                : binder.size(keys.get(Limit.MAX_DECODED_BYTES), d.maxDecodedBytes, 1024, MAX_DECODED_BYTES);
        int ratio = d.maxDecompressionRatio == null && b != null ? (int) b.maxDecompressionRatio()
                : binder.integer(keys.get(Limit.MAX_DECOMPRESSION_RATIO), d.maxDecompressionRatio, 1, 100_000);
        int depth = d.maxJsonDepth == null && b != null ? b.maxJsonDepth()
                : binder.integer(keys.get(Limit.MAX_JSON_DEPTH), d.maxJsonDepth, 1, 10_000);
        long string = d.maxJsonStringBytes == null && b != null ? b.maxJsonStringBytes()
                : binder.size(keys.get(Limit.MAX_JSON_STRING_BYTES), d.maxJsonStringBytes, 1024, MAX_STRING_BYTES);
        int views = d.maxViews == null && b != null ? b.maxViews()
                : binder.integer(keys.get(Limit.MAX_VIEWS), d.maxViews, 1, 1_000_000);
        int base64 = d.maxBase64Depth == null && b != null ? b.maxBase64Depth()
                : binder.integer(keys.get(Limit.MAX_BASE64_DEPTH), d.maxBase64Depth, 0, 16);
        int pages = d.maxPdfPages == null && b != null ? b.maxPdfPages()
                : binder.integer(keys.get(Limit.MAX_PDF_PAGES), d.maxPdfPages, 1, 100_000);
        long pdf = d.maxPdfBytes == null && b != null ? b.maxPdfBytes()
                : binder.size(keys.get(Limit.MAX_PDF_BYTES), d.maxPdfBytes, 1024, MAX_PDF_BYTES);
        Duration time = d.maxPdfTime == null && b != null ? b.maxPdfTime()
                : binder.duration(keys.get(Limit.MAX_PDF_TIME), d.maxPdfTime, Duration.ofMillis(10),
                        Duration.ofMinutes(10));
        int parts = d.maxMultipartParts == null && b != null ? b.maxMultipartParts()
                : binder.integer(keys.get(Limit.MAX_MULTIPART_PARTS), d.maxMultipartParts, 1, 100_000);
        int entries = d.maxArchiveEntries == null && b != null ? b.maxArchiveEntries()
                : binder.integer(keys.get(Limit.MAX_ARCHIVE_ENTRIES), d.maxArchiveEntries, 1, 1_000_000);
        int decodeDepth = d.maxDecodeDepth == null && b != null ? b.maxDecodeDepth()
                : binder.integer(keys.get(Limit.MAX_DECODE_DEPTH), d.maxDecodeDepth, 0, 16);
        int decodeLayers = d.maxDecodeLayers == null && b != null ? b.maxDecodeLayers()
                : binder.integer(keys.get(Limit.MAX_DECODE_LAYERS), d.maxDecodeLayers, 1, 1_000_000);
        Duration decodeTime = d.maxDecodeTime == null && b != null ? b.maxDecodeTime()
                : binder.duration(keys.get(Limit.MAX_DECODE_TIME), d.maxDecodeTime, Duration.ofMillis(10),
                        Duration.ofMinutes(10));
        return new InspectionLimits(new ViewLimits(decoded, ratio, depth, string, views, base64, pages, pdf, time,
                parts, entries, decodeDepth, decodeLayers, decodeTime), keys);
    }

    /**
     * Every body within the body limit must be decodable: a JSON or form body's view alone is about as large as
     * the body, so a decoded-bytes limit below the body limit would fail bodies the body limit accepts.
     */
    private void checkDecodedCoversBody(InspectionLimits limits, ConfigDto.LimitsDto dto, String path,
            String bodyKey, long maxBodyBytes, boolean bodyKeyIsOwn) {
        long decoded = limits.values().maxDecodedBytes();
        if (decoded >= maxBodyBytes) {
            return;
        }
        String decodedKey = limits.keys().get(Limit.MAX_DECODED_BYTES);
        boolean decodedSetHere = path == null || (dto != null && dto.maxDecodedBytes != null);
        if (decodedSetHere || !bodyKeyIsOwn) {
            throw binder.fail(decodedKey, text(dto == null ? null : dto.maxDecodedBytes, decoded),
                    "at least " + bodyKey + ", " + Units.formatSize(maxBodyBytes)
                            + "; a body decodes to at least its own size");
        }
        throw binder.fail(bodyKey, ConfigBinder.quote(Units.formatSize(maxBodyBytes)), "at most " + decodedKey
                + ", " + Units.formatSize(decoded) + "; raise " + path + ".limits.maxDecodedBytes with it");
    }

    /** A string limit raised past the decoded-bytes limit would not take effect. */
    private void checkStringWithinDecoded(InspectionLimits limits, ConfigDto.LimitsDto dto, boolean setHere) {
        long string = limits.values().maxJsonStringBytes();
        long decoded = limits.values().maxDecodedBytes();
        if (setHere && string > decoded) {
            throw binder.fail(limits.keys().get(Limit.MAX_JSON_STRING_BYTES), text(dto.maxJsonStringBytes, string),
                    "at most " + limits.keys().get(Limit.MAX_DECODED_BYTES) + ", " + Units.formatSize(decoded)
                            + "; a longer string cannot be decoded, raise maxDecodedBytes too");
        }
    }

    private static String text(String raw, long value) {
        return ConfigBinder.quote(raw != null ? raw : Units.formatSize(value));
    }

    private static boolean isSet(ConfigDto.LimitsDto d, Limit limit) {
        return switch (limit) {
            case MAX_DECODED_BYTES -> d.maxDecodedBytes != null;
            case MAX_DECOMPRESSION_RATIO -> d.maxDecompressionRatio != null;
            case MAX_JSON_DEPTH -> d.maxJsonDepth != null;
            case MAX_JSON_STRING_BYTES -> d.maxJsonStringBytes != null;
            case MAX_VIEWS -> d.maxViews != null;
            case MAX_BASE64_DEPTH -> d.maxBase64Depth != null;
            case MAX_PDF_PAGES -> d.maxPdfPages != null;
            case MAX_PDF_BYTES -> d.maxPdfBytes != null;
            case MAX_PDF_TIME -> d.maxPdfTime != null;
            case MAX_MULTIPART_PARTS -> d.maxMultipartParts != null;
            case MAX_ARCHIVE_ENTRIES -> d.maxArchiveEntries != null;
            case MAX_DECODE_DEPTH -> d.maxDecodeDepth != null;
            case MAX_DECODE_LAYERS -> d.maxDecodeLayers != null;
            case MAX_DECODE_TIME -> d.maxDecodeTime != null;
        };
    }
}
