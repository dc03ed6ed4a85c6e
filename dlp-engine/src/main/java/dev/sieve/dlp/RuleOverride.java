package dev.sieve.dlp;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;

/**
 * A change to one rule made where the rule is used rather than in its file (the proxy's {@code rules.overrides}):
 * its action, its severity, its per-class actions, or several. Empty means "as in the rule file".
 *
 * <p>An {@code action} replaces the rule's whole action policy: the per-class actions of its file are dropped
 * unless this override sets {@code classActions} too, which are then the rule's (merged over the file's when no
 * {@code action} is given).
 *
 * @param action       the action to use instead of the rule's own
 * @param severity     the severity to use instead of the rule's own
 * @param classActions destination class to action ({@link Rule#classActions()}); empty for none
 * @param history      the history policy to use instead of the rule's own ({@link Rule#history()})
 */
public record RuleOverride(Optional<Action> action, Optional<Severity> severity, Map<String, Action> classActions,
        Optional<Action> history) {

    public RuleOverride {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(severity, "severity");
        classActions = Map.copyOf(classActions);
        Objects.requireNonNull(history, "history");
    }

    /** An override of action, severity and/or per-class actions, not of the history policy. */
    public RuleOverride(Optional<Action> action, Optional<Severity> severity, Map<String, Action> classActions) {
        this(action, severity, classActions, Optional.empty());
    }

    /** An override of action and/or severity only. */
    public RuleOverride(Optional<Action> action, Optional<Severity> severity) {
        this(action, severity, Map.of());
    }

    /** True if this override makes a rule whose own action is {@code original} act less strictly. */
    public boolean lowers(Action original) {
        return action.isPresent() && action.get().compareTo(original) < 0;
    }

    /** True if this override makes {@code rule} act less strictly for any destination class. */
    public boolean lowers(Rule rule) {
        Rule after = applyTo(rule);
        if (after.action().compareTo(rule.action()) < 0) {
            return true;
        }
        Set<String> classes = new HashSet<>(rule.classActions().keySet());
        classes.addAll(after.classActions().keySet());
        return classes.stream().anyMatch(c -> after.action(c).compareTo(rule.action(c)) < 0);
    }

    /** The rule with this override applied (the same rule if nothing changes). */
    Rule applyTo(Rule rule) {
        Action a = action.orElse(rule.action());
        Severity s = severity.orElse(rule.severity());
        Map<String, Action> classes;
        if (action.isPresent()) {
            classes = classActions;
        } else {
            classes = new LinkedHashMap<>(rule.classActions());
            classes.putAll(classActions);
        }
        Optional<Action> h = history.isPresent() ? history : rule.history();
        if (a == rule.action() && s == rule.severity() && classes.equals(rule.classActions())
                && h.equals(rule.history())) {
            return rule;
        }
        return rule.with(a, s, classes, h);
    }
}
