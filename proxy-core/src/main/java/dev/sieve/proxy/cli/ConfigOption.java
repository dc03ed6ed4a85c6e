package dev.sieve.proxy.cli;

import dev.sieve.proxy.config.ConfigLoader;
import dev.sieve.proxy.config.SieveConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The shared {@code --config FILE} option (falls back to {@code $SIEVE_CONFIG}, then the embedded defaults). */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration YAML (default: $SIEVE_CONFIG, else the embedded defaults; "
                    + "see sieve.example.yaml).")
    Path file;

    SieveConfig load() throws Exception {
        return ConfigLoader.load(path());
    }

    /** The config file in use: {@code --config}, else {@code $SIEVE_CONFIG}, else none (embedded defaults). */
    Optional<Path> path() {
        Optional<Path> path = Optional.ofNullable(file);
        if (path.isEmpty()) {
            String env = System.getenv("SIEVE_CONFIG");
            if (env != null && !env.isBlank()) {
                path = Optional.of(Path.of(env));
            }
        }
        return path;
    }
}
