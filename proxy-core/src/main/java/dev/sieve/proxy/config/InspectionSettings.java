package dev.sieve.proxy.config;

import java.time.Duration;

/**
 * The {@code inspection:} section: global defaults that an allow entry's {@link DestinationInspection} may override.
 *
 * @param maxBodyBytes largest request body buffered and scanned; larger gets 413
 * @param maxBodyBytesInFlight process-wide budget for request bytes held for inspection; past it, reads pause;
 *     at least {@code maxBodyBytes}
 * @param failOpen true to forward a body that cannot be decoded or scanned instead of blocking it (413 for an
 *     oversized body still wins)
 * @param maxBodyBytesInFlightPerAgent the part of {@code maxBodyBytesInFlight} one agent (agent id, or client
 *     address without proxy auth) may hold; at least {@code maxBodyBytes}
 * @param budgetWait the longest a request waits for room in the budget before 503
 */
public record InspectionSettings(long maxBodyBytes, long maxBodyBytesInFlight, boolean failOpen,
        long maxBodyBytesInFlightPerAgent, Duration budgetWait) {

    public InspectionSettings {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: > 0)");
        }
        if (maxBodyBytesInFlight < maxBodyBytes) {
            throw new IllegalArgumentException("maxBodyBytesInFlight: " + maxBodyBytesInFlight
                    + " (expected: >= maxBodyBytes " + maxBodyBytes + ")");
        }
        if (maxBodyBytesInFlightPerAgent < maxBodyBytes || maxBodyBytesInFlightPerAgent > maxBodyBytesInFlight) {
            throw new IllegalArgumentException("maxBodyBytesInFlightPerAgent: " + maxBodyBytesInFlightPerAgent
                    + " (expected: from maxBodyBytes " + maxBodyBytes + " to maxBodyBytesInFlight "
                    + maxBodyBytesInFlight + ")");
        }
        if (budgetWait.isNegative() || budgetWait.isZero()) {
            throw new IllegalArgumentException("budgetWait: " + budgetWait + " (expected: > 0)");
        }
    }
}
