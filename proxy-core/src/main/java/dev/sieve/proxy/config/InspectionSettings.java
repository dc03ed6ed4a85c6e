package dev.sieve.proxy.config;

import java.time.Duration;
import java.util.Objects;

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
 * @param limits decode limits ({@code inspection.limits}); {@code maxDecodedBytes} is at least {@code maxBodyBytes}
 * @param websocket limits on inspected WebSocket messages ({@code inspection.websocket})
 * @param workers the inspection pool ({@code inspection.workers, queue, queueWait})
 */
public record InspectionSettings(long maxBodyBytes, long maxBodyBytesInFlight, boolean failOpen,
        long maxBodyBytesInFlightPerAgent, Duration budgetWait, InspectionLimits limits, WebSocketSettings websocket,
        InspectionWorkers workers) {

    /** The default of {@code inspection.budgetWait}. */
    public static final Duration DEFAULT_BUDGET_WAIT = Duration.ofSeconds(15);

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
        Objects.requireNonNull(budgetWait, "budgetWait");
        if (budgetWait.isNegative() || budgetWait.isZero()) {
            throw new IllegalArgumentException("budgetWait: " + budgetWait + " (expected: > 0)");
        }
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(workers, "workers");
        if (limits.values().maxDecodedBytes() < maxBodyBytes) {
            throw new IllegalArgumentException("limits.maxDecodedBytes: " + limits.values().maxDecodedBytes()
                    + " (expected: >= maxBodyBytes " + maxBodyBytes + ")");
        }
        Objects.requireNonNull(websocket, "websocket");
    }

    /** Settings with the built-in WebSocket limits and the default inspection pool. */
    public InspectionSettings(long maxBodyBytes, long maxBodyBytesInFlight, boolean failOpen,
            long maxBodyBytesInFlightPerAgent, Duration budgetWait, InspectionLimits limits) {
        this(maxBodyBytes, maxBodyBytesInFlight, failOpen, maxBodyBytesInFlightPerAgent, budgetWait, limits,
                WebSocketSettings.DEFAULTS, InspectionWorkers.DEFAULTS);
    }

    /** Settings with the built-in decode limits. */
    public InspectionSettings(long maxBodyBytes, long maxBodyBytesInFlight, boolean failOpen,
            long maxBodyBytesInFlightPerAgent, Duration budgetWait) {
        this(maxBodyBytes, maxBodyBytesInFlight, failOpen, maxBodyBytesInFlightPerAgent, budgetWait,
                InspectionLimits.DEFAULTS);
    }

    /** The same settings with another per-agent share. */
    public InspectionSettings withAgentShare(long share) {
        return new InspectionSettings(maxBodyBytes, maxBodyBytesInFlight, failOpen, share, budgetWait, limits,
                websocket, workers);
    }
}
