package dev.sieve.dlp;

import java.util.Objects;
import java.util.Optional;

/**
 * A change to one rule made where the rule is used rather than in its file (the proxy's {@code rules.overrides}):
 * its action, its severity, or both. Empty means "as in the rule file".
 *
 * @param action   the action to use instead of the rule's own
 * @param severity the severity to use instead of the rule's own
 */
public record RuleOverride(Optional<Action> action, Optional<Severity> severity) {

    public RuleOverride {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(severity, "severity");
    }

    /** True if this override makes a rule whose own action is {@code original} act less strictly. */
    public boolean lowers(Action original) {
        return action.isPresent() && action.get().compareTo(original) < 0;
    }

    /** The rule with this override applied (the same rule if nothing changes). */
    Rule applyTo(Rule rule) {
        Action a = action.orElse(rule.action());
        Severity s = severity.orElse(rule.severity());
        return a == rule.action() && s == rule.severity() ? rule : rule.with(a, s);
    }
}
