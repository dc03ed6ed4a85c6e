package dev.sieve.proxy.config;

import dev.sieve.dlp.EngineKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code rules:} section: where the DLP rules come from and how they are compiled and reloaded.
 *
 * @param dir folder of rule files (YAML), an existing directory at load; empty means the built-in pack
 *     ({@code dev.sieve.rules.DefaultRulePack}), which never reloads
 * @param engine matching engine
 * @param reloadInterval how often {@code dir} and the kill-switch file are checked for changes
 */
public record RulesSettings(Optional<Path> dir, EngineKind engine, Duration reloadInterval) {

    public RulesSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(reloadInterval, "reloadInterval");
    }
}
