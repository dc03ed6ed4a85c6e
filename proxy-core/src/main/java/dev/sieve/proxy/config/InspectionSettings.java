package dev.sieve.proxy.config;

/**
 * The {@code inspection:} section: global defaults that an allow entry's {@link DestinationInspection} may override.
 *
 * @param maxBodyBytes largest request body buffered and scanned; larger gets 413
 * @param maxBodyBytesInFlight process-wide budget for request bytes held for inspection; past it, reads pause;
 *     at least {@code maxBodyBytes}
 * @param failOpen true to forward a body that cannot be decoded or scanned instead of blocking it (413 for an
 *     oversized body still wins)
 * @param limits decode limits ({@code inspection.limits}); {@code maxDecodedBytes} is at least {@code maxBodyBytes}
 */
public record InspectionSettings(long maxBodyBytes, long maxBodyBytesInFlight, boolean failOpen,
        InspectionLimits limits) {

    public InspectionSettings {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: > 0)");
        }
        if (maxBodyBytesInFlight < maxBodyBytes) {
            throw new IllegalArgumentException("maxBodyBytesInFlight: " + maxBodyBytesInFlight
                    + " (expected: >= maxBodyBytes " + maxBodyBytes + ")");
        }
        java.util.Objects.requireNonNull(limits, "limits");
        if (limits.values().maxDecodedBytes() < maxBodyBytes) {
            throw new IllegalArgumentException("limits.maxDecodedBytes: " + limits.values().maxDecodedBytes()
                    + " (expected: >= maxBodyBytes " + maxBodyBytes + ")");
        }
    }

    /** Settings with the built-in decode limits. */
    public InspectionSettings(long maxBodyBytes, long maxBodyBytesInFlight, boolean failOpen) {
        this(maxBodyBytes, maxBodyBytesInFlight, failOpen, InspectionLimits.DEFAULTS);
    }
}
