package dev.sieve.proxy.control;

import java.time.Duration;
import java.util.Objects;

/**
 * One compile of a rule set for its engine, at start or on a reload: how long it took and whether the matching
 * database came from the compiled cache ({@code rules.compiledCache}) instead of being compiled.
 *
 * @param engine  {@code hyperscan} or {@code java}
 * @param cached  true if the database was read from the cache
 * @param elapsed wall time of the compile (or cache read), the engine's java-side tables included
 */
public record RuleCompile(String engine, boolean cached, Duration elapsed) {

    public RuleCompile {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
