package dev.sieve.dlp.inspect;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.Rule;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How findings in conversation history are treated: content a later turn re-sends verbatim after an earlier turn
 * of the same conversation sent it. A rule's own {@code history:} wins, then its category's entry, then the default.
 * History is never judged more strictly than new content: the action is the weaker of the history policy and the
 * rule's effective action, so with the default {@code redact} a secret that was blocked once is redacted when the
 * agent re-sends it, and a {@code log} rule stays a log record.
 *
 * @param defaultAction the policy for rules and categories without their own ({@code redact} by default)
 * @param categories    category to policy
 */
public record HistoryPolicy(Action defaultAction, Map<Category, Action> categories) {

    /** Redact history, whatever the rule or category. */
    public static final HistoryPolicy DEFAULT = new HistoryPolicy(Action.REDACT, Map.of());

    public HistoryPolicy {
        Objects.requireNonNull(defaultAction, "defaultAction");
        categories = Map.copyOf(categories);
    }

    /** The history policy of {@code rule} (empty for a rule unknown to the rule set: the default). */
    public Action policyFor(Optional<Rule> rule) {
        if (rule.isEmpty()) {
            return defaultAction;
        }
        return rule.get().history().orElse(categories.getOrDefault(rule.get().category(), defaultAction));
    }

    /** The action for a history finding whose action as new content would be {@code asNew}. */
    public Action actionFor(Optional<Rule> rule, Action asNew) {
        Action policy = policyFor(rule);
        return policy.compareTo(asNew) < 0 ? policy : asNew;
    }
}
