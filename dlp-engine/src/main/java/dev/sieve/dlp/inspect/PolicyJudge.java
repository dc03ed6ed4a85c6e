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
     * destination's own credential in an auth header. Its action: the policy's override for the rule, else the
     * rule's action for the destination's class, else its own. A finding of a rule unknown to the rule set counts
     * as is.
     */
    Optional<Finding> judge(Finding f) {
        Optional<Rule> rule = rules.rule(f.ruleId());
        if (rule.isPresent() && !policy.applies().test(rule.get())) {
            return Optional.empty();
        }
        if (policy.allowedCredentialRules().contains(f.ruleId()) && HeaderViews.isAuthHeader(f.viewPath())) {
            return Optional.empty();
        }
        Action own = rule.isPresent() && policy.destinationClass().isPresent()
                ? rule.get().action(policy.destinationClass().get()) : f.action();
        Action action = policy.actionOverrides().getOrDefault(f.ruleId(), own);
        if (action == f.action()) {
            return Optional.of(f);
        }
        return Optional.of(new Finding(f.ruleId(), f.category(), f.severity(), action, f.viewPath(), f.start(), f.end(),
                f.masked(), f.count()));
    }

    Optional<Rule> rule(String id) {
        return rules.rule(id);
    }

    boolean failOpen() {
        return policy.failOpen();
    }
}
