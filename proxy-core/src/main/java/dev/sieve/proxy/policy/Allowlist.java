package dev.sieve.proxy.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable set of {@link AllowRule}s with constant-time lookup per label of the host.
 *
 * <p>{@link #match} first looks the host up among exact entries, then walks its parent domains from
 * the most to the least specific and returns the first wildcard found: an exact entry beats any
 * wildcard and {@code *.b.example.com} beats {@code *.example.com}. Lookups cost one hash probe per
 * label, independent of the number of entries, so lists of 100k entries are fine.
 */
public final class Allowlist {

    private static final Allowlist EMPTY = new Allowlist(List.of(), Map.of(), Map.of());

    private final List<AllowRule> rules;
    private final Map<String, AllowRule> exact;
    private final Map<String, AllowRule> wildcardsBySuffix;

    private Allowlist(List<AllowRule> rules, Map<String, AllowRule> exact, Map<String, AllowRule> wildcardsBySuffix) {
        this.rules = rules;
        this.exact = exact;
        this.wildcardsBySuffix = wildcardsBySuffix;
    }

    /** An allowlist that matches nothing: every destination is denied. */
    public static Allowlist empty() {
        return EMPTY;
    }

    /**
     * Builds an allowlist.
     *
     * @throws IllegalArgumentException if two rules have the same host pattern
     */
    public static Allowlist of(List<AllowRule> rules) {
        List<AllowRule> copy = List.copyOf(rules);
        Map<String, AllowRule> exact = new HashMap<>();
        Map<String, AllowRule> wildcards = new HashMap<>();
        for (AllowRule rule : copy) {
            Map<String, AllowRule> target = rule.wildcard() ? wildcards : exact;
            if (target.putIfAbsent(rule.suffix(), rule) != null) {
                throw new IllegalArgumentException(
                        "host: \"" + rule.host() + "\" (expected: each host once; list all its ports in one entry)");
            }
        }
        return new Allowlist(copy, Map.copyOf(exact), Map.copyOf(wildcards));
    }

    /**
     * Returns the rule for a host in {@code HostNames.normalize} form, if any.
     *
     * <p>IP literals only ever match an exact entry for the same literal.
     */
    public Optional<AllowRule> match(String normalizedHost) {
        Objects.requireNonNull(normalizedHost, "normalizedHost");
        AllowRule rule = exact.get(normalizedHost);
        if (rule != null) {
            return Optional.of(rule);
        }
        if (wildcardsBySuffix.isEmpty() || normalizedHost.indexOf(':') >= 0) {
            return Optional.empty();
        }
        for (int dot = normalizedHost.indexOf('.'); dot >= 0; dot = normalizedHost.indexOf('.', dot + 1)) {
            rule = wildcardsBySuffix.get(normalizedHost.substring(dot + 1));
            if (rule != null) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** The rules in the order given to {@link #of}. */
    public List<AllowRule> rules() {
        return rules;
    }

    /** The number of rules. */
    public int size() {
        return rules.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Allowlist other && rules.equals(other.rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return "Allowlist[size=" + rules.size() + "]";
    }
}
