package dev.sieve.proxy.control;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code GET /admin/rules} reports about the rule set in force.
 *
 * @param version the rule set's version (a content hash)
 * @param engine the matching engine in use ({@code hyperscan} or {@code java})
 * @param ruleIds ids of the rules in force
 * @param loadedAt when the rule set in force was loaded
 * @param lastReloadError why the last reload failed (file and line, never matched data), if it did; the rule set
 *     in force is then the last good one
 * @param lastReloadReason the failure's reason code ({@code unreadable}, {@code empty}, {@code invalid},
 *     {@code compile}, {@code references}), if the last reload failed
 * @param selection where the rules come from and what the config switched off or changed
 */
public record RulesStatus(String version, String engine, List<String> ruleIds, Optional<Instant> loadedAt,
        Optional<String> lastReloadError, Optional<String> lastReloadReason, Selection selection) {

    /**
     * Where the rules in force come from and what {@code rules.disable} / {@code rules.overrides} did.
     *
     * @param builtin whether the built-in pack is on ({@code rules.builtin})
     * @param folder the rule folder ({@code rules.dir}), if any
     * @param builtinRules rules in force from the built-in pack
     * @param folderRules rules in force from the folder
     * @param disabled ids switched off by {@code rules.disable}
     * @param replaced built-in ids replaced by the folder's rule of the same id
     * @param overrides id to its override
     * @param categories categories the rules in force declare
     * @param notes the loader's notes (rules left out because a setting they use is empty)
     */
    public record Selection(boolean builtin, Optional<String> folder, int builtinRules, int folderRules,
            List<String> disabled, List<String> replaced, Map<String, Override> overrides, List<String> categories,
            List<String> notes) {

        /** The built-in pack alone, nothing changed. */
        public static Selection builtinOnly(int rules) {
            return new Selection(true, Optional.empty(), rules, 0, List.of(), List.of(), Map.of(), List.of(), List.of());
        }

        public Selection {
            Objects.requireNonNull(folder, "folder");
            disabled = List.copyOf(disabled);
            replaced = List.copyOf(replaced);
            overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
            categories = List.copyOf(categories);
            notes = List.copyOf(notes);
        }
    }

    /**
     * One {@code rules.overrides} entry in force.
     *
     * @param action the action used instead of the rule file's, if overridden
     * @param severity the severity used instead of the rule file's, if overridden
     * @param lowersAction true if the action is less strict than the rule file's (a weakening)
     * @param classActions per destination class, the action used for destinations of that class (merged over the
     *                     rule file's {@code actions})
     */
    public record Override(Optional<String> action, Optional<String> severity, boolean lowersAction,
            Map<String, String> classActions) {
        public Override {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(severity, "severity");
            classActions = Collections.unmodifiableMap(new java.util.TreeMap<>(classActions));
        }

        public Override(Optional<String> action, Optional<String> severity, boolean lowersAction) {
            this(action, severity, lowersAction, Map.of());
        }
    }

    public RulesStatus {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(engine, "engine");
        ruleIds = List.copyOf(ruleIds);
        Objects.requireNonNull(loadedAt, "loadedAt");
        Objects.requireNonNull(lastReloadError, "lastReloadError");
        Objects.requireNonNull(lastReloadReason, "lastReloadReason");
        Objects.requireNonNull(selection, "selection");
    }

    /** A status of the built-in pack alone, with no failure reason code. */
    public RulesStatus(String version, String engine, List<String> ruleIds, Optional<Instant> loadedAt,
            Optional<String> lastReloadError) {
        this(version, engine, ruleIds, loadedAt, lastReloadError, lastReloadError.map(e -> "invalid"),
                Selection.builtinOnly(ruleIds.size()));
    }
}
