package dev.sieve.proxy.control;

import java.util.Objects;
import java.util.Optional;

/** The rule set as the admin API sees it; implemented by whoever owns rule loading and hot reload. */
public interface RuleControl {

    /** The rule set in force. */
    RulesStatus status();

    /**
     * Reloads the rules now (blocking; called off the event loops). A failing reload keeps the last good set.
     */
    Outcome reload();

    /**
     * Called every {@code rules.reloadInterval} on the operations poller thread: reload if the rule folder changed.
     * The default does nothing (the built-in pack never changes).
     */
    default void poll() {}

    /** What a reload did. */
    enum Result {
        /** A new rule set is in force. */
        RELOADED,
        /** The rules loaded and equal those in force (nothing changed, or a watcher reloaded them first). */
        UNCHANGED,
        /** The rules did not load; the last good set stays in force. */
        FAILED
    }

    /**
     * @param result what the reload did
     * @param error why the reload failed (file and line), exactly when it did
     * @param reason the failure's reason code, exactly when it failed
     * @param status the rule set in force afterwards
     */
    record Outcome(Result result, Optional<String> error, Optional<String> reason, RulesStatus status) {
        public Outcome {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(status, "status");
            if (error.isPresent() != (result == Result.FAILED)) {
                throw new IllegalArgumentException("error: " + error.isPresent() + " for " + result
                        + " (expected: present exactly for FAILED)");
            }
        }

        /** RELOADED if {@code reloaded}, else FAILED with {@code error} or, without one, UNCHANGED. */
        public Outcome(boolean reloaded, Optional<String> error, RulesStatus status) {
            this(reloaded ? Result.RELOADED : error.isPresent() ? Result.FAILED : Result.UNCHANGED, error,
                    error.map(e -> "invalid"), status);
        }

        /** True if a new rule set is in force. */
        public boolean reloaded() {
            return result == Result.RELOADED;
        }
    }
}
