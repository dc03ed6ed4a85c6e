package dev.sieve.dlp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which of the loaded rules are in force, and how: the proxy's {@code rules.disable}, {@code rules.overrides} and
 * {@code rules.allowEmpty}.
 *
 * @param disable    ids of rules switched off, in config order; an id both the built-in pack and the folder define
 *                   switches off the built-in rule, which the folder's then replaces
 * @param overrides  rule id to what changes for it
 * @param allowEmpty accept a folder without rule files and an empty active set
 */
public record RuleSelection(List<String> disable, Map<String, RuleOverride> overrides, boolean allowEmpty) {

    /** Every rule as written, and no empty set. */
    public static final RuleSelection ALL = new RuleSelection(List.of(), Map.of(), false);

    public RuleSelection {
        disable = List.copyOf(disable);
        overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(overrides,
                "overrides")));
    }
}
