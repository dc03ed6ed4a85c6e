package dev.sieve.proxy.config;

import java.time.Duration;

/** Validates {@code redaction:} into {@link RedactionSettings}; errors in {@link ConfigBinder}'s form. */
final class RedactionBinder {

    static final long MIN_RESTORE_BYTES = 64L * 1024;
    static final long MAX_RESTORE_BYTES = 4L * 1024 * 1024 * 1024;

    private final ConfigBinder binder;

    RedactionBinder(ConfigBinder binder) {
        this.binder = binder;
    }

    RedactionSettings bind(ConfigDto.RedactionDto r) {
        return new RedactionSettings(
                binder.optionalFile("redaction.keyFile", r.keyFile),
                binder.bool("redaction.restoreInResponses", r.restoreInResponses),
                binder.size("redaction.restoreMaxBytes", r.restoreMaxBytes, MIN_RESTORE_BYTES, MAX_RESTORE_BYTES),
                binder.duration("redaction.restoreTtl", r.restoreTtl, Duration.ofSeconds(1), Duration.ofDays(7)));
    }
}
