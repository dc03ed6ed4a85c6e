package dev.sieve.proxy.cli;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.RuleSet;
import picocli.CommandLine.Option;

/** The shared {@code --engine auto|hyperscan|java} option. */
final class EngineOption {

    @Option(names = "--engine", defaultValue = "auto", paramLabel = "auto|hyperscan|java",
            description = "Matching engine: hyperscan, java (java.util.regex, same findings, slower) or auto "
                    + "(hyperscan when its native library loads here; default).")
    EngineKind kind;

    /** Compiles {@code rules}; {@code auto} is resolved here, so no fallback warning is logged to the console. */
    CompiledRules compile(RuleSet rules) {
        EngineKind resolved = kind != EngineKind.AUTO ? kind
                : Engines.hyperscanAvailable() ? EngineKind.HYPERSCAN : EngineKind.JAVA;
        return Engines.compile(rules, resolved);
    }
}
