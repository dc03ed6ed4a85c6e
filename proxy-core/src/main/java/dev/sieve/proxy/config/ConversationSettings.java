package dev.sieve.proxy.config;

import dev.sieve.dlp.inspect.HistoryPolicy;
import java.time.Duration;
import dev.sieve.dlp.Action;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code conversations:}: whether Sieve follows agent conversations across turns, how much state it keeps, and how
 * content re-sent as history is judged.
 *
 * @param enabled       follow conversations (history policy, alert deduplication); false judges every request as
 *                      new content and reports every finding
 * @param maxStateBytes bound on the conversation state (keyed hashes of message prefixes and of findings reported)
 * @param idleExpiry    state of a conversation not seen for this long is dropped (its next turn counts as new)
 * @param history       the history policy: default and per category; a rule's own {@code history:} wins
 */
public record ConversationSettings(boolean enabled, long maxStateBytes, Duration idleExpiry, HistoryPolicy history) {

    /** The built-in defaults (sieve-default.yaml). */
    public static final ConversationSettings DEFAULTS = new ConversationSettings(true, 32L * 1024 * 1024,
            Duration.ofHours(1), HistoryPolicy.DEFAULT);

    public ConversationSettings {
        Objects.requireNonNull(idleExpiry, "idleExpiry");
        Objects.requireNonNull(history, "history");
    }

    /**
     * What these settings weaken, to announce at start: a history policy of {@code log} (for all or for a
     * category) forwards values agents re-send as history unredacted. Empty otherwise.
     */
    public Optional<String> weakening() {
        if (!enabled) {
            return Optional.empty();
        }
        List<String> logged = new ArrayList<>();
        if (history.defaultAction() == Action.LOG) {
            logged.add("conversations.history");
        }
        history.categories().forEach((category, action) -> {
            if (action == Action.LOG) {
                logged.add("conversations.historyCategories." + category.yamlName());
            }
        });
        if (logged.isEmpty()) {
            return Optional.empty();
        }
        Collections.sort(logged);
        return Optional.of(String.join(", ", logged) + ": log - values agents re-send as conversation history are"
                + " forwarded unredacted and only logged (a weakening)");
    }
}
