package dev.sieve.proxy.config;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Category;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One allow entry's {@code inspection:} policy; carried in {@link SieveConfig#destinations()} keyed by the
 * entry's normalized {@link dev.sieve.proxy.policy.AllowRule#host()}. Empty values mean "use the default".
 *
 * <p>Rule ids are checked for syntax at load, not against the loaded rule set (rules reload at run time): an
 * id that matches no rule has no effect.
 *
 * @param categories rule categories that apply here; empty means all
 * @param excludeRules rule ids that do not apply here
 * @param ruleActions rule id to the action used here instead of the rule's own
 * @param categoryActions category to the action used here for its rules (a rule id override wins)
 * @param maxBodyBytes body limit here; empty means {@link InspectionSettings#maxBodyBytes()}
 * @param failOpen fail-open here; empty means {@link InspectionSettings#failOpen()}
 * @param ownCredentials ids of rules detecting this destination's own API keys, allowed in its auth headers
 *     (in addition to the built-in defaults)
 * @param limits decode limits here, the global ones with this entry's {@code limits:} keys applied; empty means
 *     {@link InspectionSettings#limits()}
 */
public record DestinationInspection(
        Optional<Set<Category>> categories,
        Set<String> excludeRules,
        Map<String, Action> ruleActions,
        Map<Category, Action> categoryActions,
        OptionalLong maxBodyBytes,
        Optional<Boolean> failOpen,
        Set<String> ownCredentials,
        Optional<InspectionLimits> limits) {

    /** No overrides: every category, every rule with its own action, the global limits. */
    public static final DestinationInspection DEFAULTS = new DestinationInspection(Optional.empty(), Set.of(),
            Map.of(), Map.of(), OptionalLong.empty(), Optional.empty(), Set.of());

    public DestinationInspection {
        categories = Objects.requireNonNull(categories, "categories").map(Set::copyOf);
        excludeRules = Set.copyOf(excludeRules);
        ruleActions = Map.copyOf(ruleActions);
        categoryActions = Map.copyOf(categoryActions);
        Objects.requireNonNull(maxBodyBytes, "maxBodyBytes");
        Objects.requireNonNull(failOpen, "failOpen");
        ownCredentials = Set.copyOf(ownCredentials);
        Objects.requireNonNull(limits, "limits");
    }

    /** A policy that keeps the global decode limits. */
    public DestinationInspection(Optional<Set<Category>> categories, Set<String> excludeRules,
            Map<String, Action> ruleActions, Map<Category, Action> categoryActions, OptionalLong maxBodyBytes,
            Optional<Boolean> failOpen, Set<String> ownCredentials) {
        this(categories, excludeRules, ruleActions, categoryActions, maxBodyBytes, failOpen, ownCredentials,
                Optional.empty());
    }

    /** True if a rule with this id and category is scanned for here. */
    public boolean applies(String ruleId, Category category) {
        return !excludeRules.contains(ruleId) && categories.map(c -> c.contains(category)).orElse(true);
    }

    /** The action configured here for the rule (id override first, then category), if any. */
    public Optional<Action> action(String ruleId, Category category) {
        Action byRule = ruleActions.get(ruleId);
        return byRule != null ? Optional.of(byRule) : Optional.ofNullable(categoryActions.get(category));
    }

    /** The body limit here. */
    public long maxBodyBytes(InspectionSettings global) {
        return maxBodyBytes.orElse(global.maxBodyBytes());
    }

    /** The decode limits here. */
    public InspectionLimits limits(InspectionSettings global) {
        return limits.orElse(global.limits());
    }

    /** Whether undecodable or unscannable bodies pass here. */
    public boolean failOpen(InspectionSettings global) {
        return failOpen.orElse(global.failOpen());
    }
}
