package dev.sieve.proxy.config;

import dev.sieve.dlp.Category;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks that every category a destination's {@code inspection} names ({@code categories}, {@code actions} keys)
 * is declared by a rule of a rule set. The config is checked at load; this keeps a rule reload from making a
 * destination's category list name nothing, which would scan for nothing there.
 */
public final class CategoryReferences {

    private CategoryReferences() {
    }

    /** Empty if {@code rules} declares every category {@code config} names; else which ones it lacks, and where. */
    public static Optional<String> missing(SieveConfig config, RuleSet rules) {
        Set<Category> declared = new TreeSet<>();
        for (Rule r : rules.rules()) {
            declared.add(r.category());
        }
        Map<String, Set<String>> missingByHost = new TreeMap<>();
        config.destinations().forEach((host, inspection) -> {
            Set<Category> named = new TreeSet<>(inspection.categoryActions().keySet());
            inspection.categories().ifPresent(named::addAll);
            named.removeAll(declared);
            if (!named.isEmpty()) {
                missingByHost.put(host, new TreeSet<>(named.stream().map(Category::yamlName).toList()));
            }
        });
        if (missingByHost.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder("allow[].inspection names categories no active rule declares: ");
        missingByHost.forEach((host, names) -> out.append(host).append(' ').append(names).append("; "));
        out.setLength(out.length() - 2);
        return Optional.of(out.append(" (expected: keep a rule of each category active, or change the config"
                + " first)").toString());
    }
}
