package dev.sieve.bench;

import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleSet;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A subset of the benchmark rules named by a string: {@code all}; {@code -ID} (all but rule ID; {@code -ID,ID2...}
 * all but those);
 * {@code only:ID} (rule ID and its key-pair partner); {@code category:NAME} (e.g. {@code category:credential}).
 */
final class RuleSubset {

    private RuleSubset() {
    }

    /**
     * Selects the subset {@code spec} of {@code rules}.
     *
     * @throws IllegalArgumentException for an unknown form or a rule id that is not in {@code rules}
     */
    static RuleSet select(RuleSet rules, String spec) {
        if (spec.equals("all")) {
            return rules;
        }
        if (spec.startsWith("-")) {
            Set<String> ids = new HashSet<>();
            for (String id : spec.substring(1).split(",")) {
                ids.add(known(rules, id));
            }
            return rules.filter(r -> !ids.contains(r.id()));
        }
        if (spec.startsWith("only:")) {
            String id = known(rules, spec.substring("only:".length()));
            return rules.filter(r -> r.id().equals(id));
        }
        if (spec.startsWith("category:")) {
            String category = spec.substring("category:".length());
            Predicate<Rule> inCategory = r -> r.category().yamlName().equals(category);
            RuleSet subset = rules.filter(inCategory);
            if (subset.rules().isEmpty()) {
                throw new IllegalArgumentException("rules: '" + spec + "' selects no rule (expected: a category of "
                        + "the pack, e.g. category:credential)");
            }
            return subset;
        }
        throw new IllegalArgumentException("rules: '" + spec
                + "' (expected: all, -ID[,ID...], only:ID or category:NAME)");
    }

    private static String known(RuleSet rules, String id) {
        if (rules.rule(id).isEmpty()) {
            throw new IllegalArgumentException("rules: no rule '" + id + "' (expected: an id of " + BenchRules.source()
                    + ")");
        }
        return id;
    }
}
