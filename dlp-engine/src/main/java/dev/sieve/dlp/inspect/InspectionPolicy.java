package dev.sieve.dlp.inspect;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.view.ViewLimits;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How one destination treats findings. Immutable when its predicate is.
 *
 * @param applies                 which rules count for this destination; findings of other rules are dropped
 * @param actionOverrides         rule id to the action used instead of the rule's own
 * @param allowedCredentialRules  rule ids of the destination's own credentials (e.g. its API key rule): their
 *                                findings are ignored when they come from a header in {@link #AUTH_HEADERS}
 *                                (view {@code header:x-api-key}, ...), and count like any other anywhere else
 * @param failOpen                when the body cannot be decoded, log instead of block (findings already made
 *                                still block); scan errors, scan limits and internal errors always block
 * @param limits                  decode limits for this destination; empty means the {@link Inspector}'s own
 * @param destinationClass        the destination's class ({@code model-provider}, {@code other}, ...): a rule's
 *                                {@link Rule#action(String) action for that class} applies (an override above still
 *                                wins); empty means every rule's own {@link Rule#action()}
 */
public record InspectionPolicy(Predicate<Rule> applies, Map<String, Action> actionOverrides,
                               Set<String> allowedCredentialRules, boolean failOpen, Optional<ViewLimits> limits,
                               Optional<String> destinationClass) {

    /** Headers that carry the destination's own credentials, in lower case. */
    public static final Set<String> AUTH_HEADERS = Set.of("authorization", "x-api-key", "api-key", "x-goog-api-key",
            "x-amz-security-token");

    private static final InspectionPolicy DEFAULTS = new InspectionPolicy(rule -> true, Map.of(), Set.of(), false,
            Optional.empty(), Optional.empty());

    public InspectionPolicy {
        Objects.requireNonNull(applies, "applies");
        actionOverrides = Map.copyOf(Objects.requireNonNull(actionOverrides, "actionOverrides"));
        allowedCredentialRules = Set.copyOf(Objects.requireNonNull(allowedCredentialRules, "allowedCredentialRules"));
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(destinationClass, "destinationClass");
    }

    /** A policy for no particular destination class. */
    public InspectionPolicy(Predicate<Rule> applies, Map<String, Action> actionOverrides,
                            Set<String> allowedCredentialRules, boolean failOpen, Optional<ViewLimits> limits) {
        this(applies, actionOverrides, allowedCredentialRules, failOpen, limits, Optional.empty());
    }

    /** A policy that decodes within the {@link Inspector}'s own limits. */
    public InspectionPolicy(Predicate<Rule> applies, Map<String, Action> actionOverrides,
                            Set<String> allowedCredentialRules, boolean failOpen) {
        this(applies, actionOverrides, allowedCredentialRules, failOpen, Optional.empty());
    }

    /** Every rule applies with its own action, no credential is allowed, fail closed, the inspector's limits. */
    public static InspectionPolicy defaults() {
        return DEFAULTS;
    }

    /** This policy with {@code failOpen} set to {@code value}. */
    public InspectionPolicy withFailOpen(boolean value) {
        return new InspectionPolicy(applies, actionOverrides, allowedCredentialRules, value, limits, destinationClass);
    }

    /** This policy decoding within {@code value} instead of the inspector's limits. */
    public InspectionPolicy withLimits(ViewLimits value) {
        return new InspectionPolicy(applies, actionOverrides, allowedCredentialRules, failOpen,
                Optional.of(Objects.requireNonNull(value, "limits")), destinationClass);
    }

    /** This policy for a destination of class {@code value}. */
    public InspectionPolicy withDestinationClass(String value) {
        return new InspectionPolicy(applies, actionOverrides, allowedCredentialRules, failOpen, limits,
                Optional.of(Objects.requireNonNull(value, "destinationClass")));
    }
}
