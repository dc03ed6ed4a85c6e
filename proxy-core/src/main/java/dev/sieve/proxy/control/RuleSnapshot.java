package dev.sieve.proxy.control;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.Composition;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.inspect.Inspector;
import java.time.Instant;
import java.util.Objects;

/**
 * One immutable generation of rules held by a {@link RuleStore}: the rule set, what the config's selection did
 * to it, its compiled form, the inspector over it, its version and when it was loaded.
 *
 * <p>The store owns {@code compiled}: never close it. It stays open while the snapshot is current or leased
 * ({@link RuleStore#acquire}); a snapshot read with {@link RuleStore#current()} and kept across a reload may have
 * its engine closed, after which inspections on it block with an internal error (fail closed).
 *
 * @param rules     the rule set
 * @param selection what {@code rules.builtin}, {@code rules.disable} and {@code rules.overrides} did
 * @param compiled  {@code rules} compiled for the store's engine
 * @param inspector the inspector over {@code compiled}
 * @param version   {@link RuleSet#version()} of {@code rules}
 * @param loadedAt  when this generation was loaded, from the store's clock
 */
public record RuleSnapshot(RuleSet rules, Composition.Summary selection, CompiledRules compiled, Inspector inspector,
        String version, Instant loadedAt) {

    public RuleSnapshot {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(compiled, "compiled");
        Objects.requireNonNull(inspector, "inspector");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(loadedAt, "loadedAt");
    }

    @Override
    public String toString() {
        return "RuleSnapshot[version " + version + ", " + rules.rules().size() + " rules, engine "
                + compiled.engineName() + ", loaded " + loadedAt + "]";
    }
}
