package dev.sieve.dlp.inspect;

import dev.sieve.dlp.Finding;
import dev.sieve.dlp.conversation.Conversation;
import java.util.Objects;
import java.util.Optional;

/**
 * Which part of a request's conversation an earlier turn already sent: its first {@code seenMessages} messages.
 * A finding in one of them is history and is judged by {@code policy}; every other finding (later messages, tool
 * definitions, parameters, anything outside the body's JSON) is new content, judged by its rule's action.
 *
 * @param conversation the request's conversation; empty when the body has none (everything is new)
 * @param seenMessages how many leading messages are history (0 for a first turn)
 * @param policy       how history is judged
 */
public record TurnHistory(Optional<Conversation> conversation, int seenMessages, HistoryPolicy policy) {

    /** No history: every finding is new. */
    public static final TurnHistory NONE = new TurnHistory(Optional.empty(), 0, HistoryPolicy.DEFAULT);

    public TurnHistory {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(policy, "policy");
        int n = conversation.map(c -> c.messages().size()).orElse(0);
        if (seenMessages < 0 || seenMessages > n) {
            throw new IllegalArgumentException("seenMessages: " + seenMessages + " (expected: 0.." + n + ")");
        }
    }

    /** True if {@code location} lies in a message an earlier turn already sent. */
    public boolean holds(Optional<Finding.Location> location) {
        if (seenMessages == 0 || location.isEmpty()) {
            return false;
        }
        int message = conversation.get().messageAt(location.get());
        return message >= 0 && message < seenMessages;
    }
}
