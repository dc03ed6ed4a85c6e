package dev.sieve.proxy.config;

import dev.sieve.proxy.behaviour.AlertSettings;
import java.time.Duration;

/** Validates {@code alerts:} into {@link AlertSettings}, with {@link ConfigBinder}'s errors naming file and line. */
final class AlertsBinder {

    private static final long MAX_BYTES = 1L << 50; // 1PiB

    private final ConfigBinder binder;

    AlertsBinder(ConfigBinder binder) {
        this.binder = binder;
    }

    AlertSettings bind(ConfigDto.AlertsDto d) {
        ConfigDto.VolumeAlertsDto v = present("alerts.volume", d.volume);
        ConfigDto.ProbingAlertsDto p = present("alerts.probing", d.probing);
        ConfigDto.NewDestinationAlertsDto n = present("alerts.newDestinations", d.newDestinations);
        return new AlertSettings(binder.bool("alerts.enabled", d.enabled),
                binder.integer("alerts.maxAgents", d.maxAgents, 1, 1_000_000),
                new AlertSettings.Volume(binder.bool("alerts.volume.enabled", v.enabled),
                        binder.integer("alerts.volume.baselineHours", v.baselineHours, 1, 24 * 90),
                        binder.integer("alerts.volume.multiplier", v.multiplier, 2, 1000),
                        binder.size("alerts.volume.minBytes", v.minBytes, 1, MAX_BYTES),
                        binder.size("alerts.volume.largeUploadBytes", v.largeUploadBytes, 1, MAX_BYTES),
                        binder.integer("alerts.volume.largeUploadsPerHour", v.largeUploadsPerHour, 1, 1_000_000)),
                new AlertSettings.Probing(binder.bool("alerts.probing.enabled", p.enabled),
                        binder.duration("alerts.probing.window", p.window, Duration.ofSeconds(1),
                                Duration.ofDays(1)),
                        binder.integer("alerts.probing.refusedDestinations", p.refusedDestinations, 2, 256),
                        binder.integer("alerts.probing.sameRuleBlocks", p.sameRuleBlocks, 2, 100_000)),
                new AlertSettings.NewDestinations(binder.bool("alerts.newDestinations.enabled", n.enabled),
                        binder.duration("alerts.newDestinations.warmUp", n.warmUp, Duration.ZERO,
                                Duration.ofDays(30)),
                        binder.integer("alerts.newDestinations.maxPerAgent", n.maxPerAgent, 1, 100_000)));
    }

    private <T> T present(String path, T value) {
        if (value == null) {
            // A section set to null keeps its defaults, so a missing one is a loader bug.
            throw new IllegalStateException(path + ": missing after merging with defaults");
        }
        return value;
    }
}
