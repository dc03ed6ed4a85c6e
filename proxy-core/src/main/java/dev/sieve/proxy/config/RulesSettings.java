package dev.sieve.proxy.config;

import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.RuleOverride;
import dev.sieve.dlp.RuleSelection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code rules:} section: where the DLP rules come from, which are in force, and how they are compiled and
 * reloaded. The active rule set is the built-in pack (when {@code builtin}) plus the rules of {@code dir}, minus
 * {@code disable}, with {@code overrides} applied ({@link ActiveRules}).
 *
 * @param dir folder of rule files (YAML), an existing directory at load; empty means none
 * @param builtin whether the built-in pack ({@code dev.sieve.rules.DefaultRulePack}) is in force; false needs a
 *     {@code dir}
 * @param disable ids of rules switched off, in config order (an id the pack and {@code dir} both define: the
 *     folder's rule replaces the pack's)
 * @param overrides rule id to the action and/or severity used instead of the rule file's
 * @param allowEmpty accept a {@code dir} without rule files and an empty active rule set (refused by default)
 * @param engine matching engine
 * @param reloadInterval how often {@code dir} and the kill-switch file are checked for changes
 * @param compiledCache directory where compiled Hyperscan databases are kept between runs
 *     ({@link dev.sieve.dlp.CompiledCache}); empty means none (every start compiles)
 */
public record RulesSettings(Optional<Path> dir, boolean builtin, List<String> disable,
        Map<String, RuleOverride> overrides, boolean allowEmpty, EngineKind engine, Duration reloadInterval,
        Optional<Path> compiledCache) {

    public RulesSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(compiledCache, "compiledCache");
        disable = List.copyOf(disable);
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(overrides, "overrides")));
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(reloadInterval, "reloadInterval");
    }

    /** No compiled cache. */
    public RulesSettings(Optional<Path> dir, boolean builtin, List<String> disable, Map<String, RuleOverride> overrides,
            boolean allowEmpty, EngineKind engine, Duration reloadInterval) {
        this(dir, builtin, disable, overrides, allowEmpty, engine, reloadInterval, Optional.empty());
    }

    /** The built-in pack plus {@code dir}, nothing disabled or overridden, no empty set, no compiled cache. */
    public RulesSettings(Optional<Path> dir, EngineKind engine, Duration reloadInterval) {
        this(dir, true, List.of(), Map.of(), false, engine, reloadInterval);
    }

    /** This section with another folder and built-in switch (the CLI's {@code DIR} and {@code --[no-]builtin}). */
    public RulesSettings withSources(Optional<Path> newDir, boolean newBuiltin) {
        return new RulesSettings(newDir, newBuiltin, disable, overrides, allowEmpty, engine, reloadInterval,
                compiledCache);
    }

    /** What {@link dev.sieve.dlp.RuleComposer} needs beyond the files. */
    public RuleSelection selection() {
        return new RuleSelection(disable, overrides, allowEmpty);
    }
}
