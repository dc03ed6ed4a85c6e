package dev.sieve.dlp.inspect;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleSet;
import java.util.Optional;

/** Applies an {@link InspectionPolicy} to single findings: drops what does not count, sets the effective action. */
final class PolicyJudge {

    private final RuleSet rules;
    private final InspectionPolicy policy;

    PolicyJudge(RuleSet rules, InspectionPolicy policy) {
        this.rules = rules;
        this.policy = policy;
    }

    /**
     * The finding as it counts under the policy, or empty when its rule does not apply or it is the
     * destination's own credential in an auth header, or it starts in the name of an auth header (a generic
     * {@code key: value} rule reading {@code x-api-key: ...} as an assignment: the value of an auth header is how the
     * agent authenticates and is judged by the credential rules that know its format). A finding of a rule unknown to
     * the rule set counts as is. Its action: the policy's override for the rule, else the rule's action for the
     * destination's class, else its own; a published example stays a log record.
     */
    Optional<Finding> judge(Finding f) {
        Optional<Rule> rule = rules.rule(f.ruleId());
        if (rule.isPresent() && !policy.applies().test(rule.get())) {
            return Optional.empty();
        }
        if (policy.allowedCredentialRules().contains(f.ruleId()) && HeaderViews.isAuthHeader(f.viewPath())) {
            return Optional.empty();
        }
        if (HeaderViews.startsInAuthHeaderName(f)) {
            return Optional.empty();
        }
        if (f.example()) {
            return Optional.of(f); // a published example stays a log record whatever the rule's action is raised to
        }
        Action own = rule.isPresent() && policy.destinationClass().isPresent()
                ? rule.get().action(policy.destinationClass().get()) : f.action();
        Action action = policy.actionOverrides().getOrDefault(f.ruleId(), own);
        if (action == f.action()) {
            return Optional.of(f);
        }
        return Optional.of(f.withAction(action));
    }

    Optional<Rule> rule(String id) {
        return rules.rule(id);
    }

    boolean failOpen() {
        return policy.failOpen();
    }
}
