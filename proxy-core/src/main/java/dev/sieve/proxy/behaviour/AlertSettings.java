package dev.sieve.proxy.behaviour;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code alerts:} section: which behaviour detections run and their thresholds. Validated at load
 * ({@code ConfigBinder}); every value here is in range.
 *
 * @param enabled false turns every detection off (no detector thread runs)
 * @param maxAgents agents whose state is kept; the least recently seen is forgotten past it
 * @param volume upload volume against each agent's own baseline, and large uploads
 * @param probing refused destinations and repeated blocks within a window
 * @param newDestinations first use of an allowlisted destination by an agent
 */
public record AlertSettings(boolean enabled, int maxAgents, Volume volume, Probing probing,
        NewDestinations newDestinations) {

    public AlertSettings {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(probing, "probing");
        Objects.requireNonNull(newDestinations, "newDestinations");
    }

    /**
     * Volume anomalies, in hours of event time. An agent's baseline is the exponentially weighted mean of its
     * hourly upload bytes (span {@code baselineHours}, hours without uploads count as 0).
     *
     * @param baselineHours hours an agent is observed before its baseline is trusted; also the mean's span
     * @param multiplier an hour's upload bytes above {@code baseline * multiplier} alert
     * @param minBytes an hour below this never alerts, whatever the baseline (a near-idle agent's baseline is tiny)
     * @param largeUploadBytes a request body of at least this many bytes is a large upload
     * @param largeUploadsPerHour that many large uploads in one hour alert
     */
    public record Volume(boolean enabled, int baselineHours, int multiplier, long minBytes, long largeUploadBytes,
            int largeUploadsPerHour) {}

    /**
     * Probing, in fixed windows of event time.
     *
     * @param window the window length
     * @param refusedDestinations that many distinct destinations refused (not allowlisted, port, address, scope)
     *     in one window alert
     * @param sameRuleBlocks that many requests blocked by the same rule in one window alert
     */
    public record Probing(boolean enabled, Duration window, int refusedDestinations, int sameRuleBlocks) {}

    /**
     * New destinations. What an agent used is kept in memory only: after a restart, destinations are learned
     * silently for {@code warmUp}, then first uses alert again.
     *
     * @param warmUp after start, destinations are learned without alerting for this long
     * @param maxPerAgent destinations remembered per agent; the least recently used is forgotten past it
     */
    public record NewDestinations(boolean enabled, Duration warmUp, int maxPerAgent) {}
}
