package dev.sieve.proxy.admin;

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

    /**
     * @param reloaded true if a new rule set is in force
     * @param error why the reload failed (file and line), if it did
     * @param status the rule set in force afterwards
     */
    record Outcome(boolean reloaded, Optional<String> error, RulesStatus status) {}
}
