package dev.sieve.dlp.inspect;

import dev.sieve.dlp.Finding;
import dev.sieve.dlp.conversation.Conversation;
import java.util.Objects;
import java.util.Optional;

/**
 * Which part of a request's conversation an earlier turn already sent: its first {@code seenUnits}
 * {@link Conversation#units() units} (message heads and content blocks). A finding in one of them is history and is
 * judged by {@code policy}; every other finding (later units, tool definitions, parameters, anything outside the
 * body's JSON) is new content, judged by its rule's action.
 *
 * @param conversation the request's conversation; empty when the body has none (everything is new)
 * @param seenUnits    how many leading units are history (0 for a first turn)
 * @param policy       how history is judged
 */
public record TurnHistory(Optional<Conversation> conversation, int seenUnits, HistoryPolicy policy) {

    /** No history: every finding is new. */
    public static final TurnHistory NONE = new TurnHistory(Optional.empty(), 0, HistoryPolicy.DEFAULT);

    public TurnHistory {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(policy, "policy");
        int n = conversation.map(Conversation::unitCount).orElse(0);
        if (seenUnits < 0 || seenUnits > n) {
            throw new IllegalArgumentException("seenUnits: " + seenUnits + " (expected: 0.." + n + ")");
        }
    }

    /** True if {@code location} lies in a unit an earlier turn already sent. */
    public boolean holds(Optional<Finding.Location> location) {
        if (seenUnits == 0 || location.isEmpty()) {
            return false;
        }
        int unit = conversation.get().unitAt(location.get());
        return unit >= 0 && unit < seenUnits;
    }
}
