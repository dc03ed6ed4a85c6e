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
    private final TurnHistory history;

    PolicyJudge(RuleSet rules, InspectionPolicy policy) {
        this(rules, policy, TurnHistory.NONE);
    }

    private PolicyJudge(RuleSet rules, InspectionPolicy policy, TurnHistory history) {
        this.rules = rules;
        this.policy = policy;
        this.history = history;
    }

    /** This judge, with findings in the conversation history {@code value} marks judged by its history policy. */
    PolicyJudge withHistory(TurnHistory value) {
        return new PolicyJudge(rules, policy, value);
    }

    /**
     * The finding as it counts under the policy, or empty when its rule does not apply or it is the
     * destination's own credential in an auth header, or it starts in the name of an auth header (a generic
     * {@code key: value} rule reading {@code x-api-key: ...} as an assignment: the value of an auth header is how the
     * agent authenticates and is judged by the credential rules that know its format). A finding of a rule unknown to
     * the rule set counts as is. Its action: the policy's override for the rule, else the rule's action for the
     * destination's class, else its own; a published example stays a log record. A finding in conversation history
     * ({@link TurnHistory#holds}) is marked so and gets the weaker of that action and the rule's history policy.
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
        Action action = rule.map(this::action).orElse(policy.actionOverrides().getOrDefault(f.ruleId(), f.action()));
        if (history.holds(f.location())) {
            return Optional.of(f.asHistory(history.policy().actionFor(rule, action)));
        }
        if (action == f.action()) {
            return Optional.of(f);
        }
        return Optional.of(f.withAction(action));
    }

    /**
     * True if a finding of {@code rule} in the body can count with an action other than log under this policy
     * (conversation history can only weaken it further): what a streamed body must hold back.
     */
    boolean mayActOnBody(Rule rule) {
        return policy.applies().test(rule) && action(rule) != Action.LOG;
    }

    /** The action of {@code rule}'s findings here: the policy's override, else its action for the destination class. */
    private Action action(Rule rule) {
        Action own = policy.destinationClass().isPresent() ? rule.action(policy.destinationClass().get()) : rule.action();
        return policy.actionOverrides().getOrDefault(rule.id(), own);
    }

    Optional<Rule> rule(String id) {
        return rules.rule(id);
    }

    boolean failOpen() {
        return policy.failOpen();
    }
}
