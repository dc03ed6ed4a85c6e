package dev.sieve.proxy.control;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one reload of rules ({@link RuleStore#reload}) or configuration ({@link ConfigWatcher#reload}).
 *
 * @param outcome what happened
 * @param version the version in force after the attempt: on {@link Outcome#FAILED}, the last good one, still
 *                serving (or, when only a config listener failed, the new, valid one). For rules, {@link dev.sieve.dlp.RuleSet#version()}; for a config file, the first 16 hex
 *                digits of the SHA-256 of the file last loaded successfully
 * @param error   on {@link Outcome#FAILED}, the error as {@code file:line: ... (expected: ...)}; never a
 *                matched value or a token
 * @param reason  on {@link Outcome#FAILED}, a code from a closed set for metrics labels: for rules
 *                {@code unreadable}, {@code empty}, {@code invalid}, {@code compile}, {@code references}
 *                ({@link RuleStore}); for a config file {@code invalid}
 * @param at      when the attempt finished
 */
public record ReloadResult(Outcome outcome, String version, Optional<String> error, Optional<String> reason,
        Instant at) {

    /** What a reload did. */
    public enum Outcome {
        /** New content loaded and swapped in. */
        RELOADED,
        /** Loaded fine, and equal to what is in force: nothing swapped, listeners not told of a new value. */
        UNCHANGED,
        /** Loading failed: the last good content stays in force. */
        FAILED
    }

    public ReloadResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        if (error.isPresent() != (outcome == Outcome.FAILED) || reason.isPresent() != error.isPresent()) {
            throw new IllegalArgumentException("error: " + error.isPresent() + ", reason: " + reason.isPresent()
                    + " for outcome " + outcome + " (expected: both present exactly for FAILED)");
        }
    }

    /** A result whose failure reason, if it failed, is {@code invalid}. */
    public ReloadResult(Outcome outcome, String version, Optional<String> error, Instant at) {
        this(outcome, version, error, error.map(e -> "invalid"), at);
    }

    /** True unless the reload failed. */
    public boolean success() {
        return outcome != Outcome.FAILED;
    }
}
