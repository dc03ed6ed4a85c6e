package dev.sieve.proxy.cli;

import dev.sieve.proxy.config.RulesSettings;
import dev.sieve.proxy.config.SieveConfig;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --rules DIR} with the rest of the rule source ({@link RuleSourceOptions}: {@code --config},
 * {@code --[no-]builtin}), for the commands whose parameters are their inputs ({@code sieve scan}, {@code sieve
 * eval}); {@code sieve rules test|lint} take the folder as their parameter instead.
 */
final class RulesOption {

    @Option(names = "--rules", paramLabel = "DIR", description = RuleSourceOptions.DIR_HELP)
    Path dir;

    @Mixin
    RuleSourceOptions source;

    private SieveConfig config;

    /** The config's {@code rules:} section with the options applied ({@link RuleSourceOptions#settings}). */
    RulesSettings settings() throws Exception {
        return source.settings(config(), dir);
    }

    /** The config ({@code --config}, else the defaults), read and validated once per command. */
    SieveConfig config() throws Exception {
        if (config == null) {
            config = source.config.load();
        }
        return config;
    }
}
