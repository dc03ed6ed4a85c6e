package dev.sieve.bench;

import dev.sieve.bench.fixture.Bodies;
import dev.sieve.bench.fixture.Body;
import dev.sieve.bench.fixture.InputKind;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.view.DecodeOutcome;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.dlp.view.Views;

/**
 * Prints what the benchmark rules find in every generated fixture (rule id, view and masked sample only), to see
 * why a fixture check fails after a rule change.
 *
 * <p>Run: {@code java [-Dsieve.bench.rules=DIR] -cp bench/target/benchmarks.jar dev.sieve.bench.FixtureFindings
 * [SIZE]} (default 65536).
 */
public final class FixtureFindings {

    private FixtureFindings() {
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 65_536;
        System.out.println("rules: " + BenchRules.source());
        try (CompiledRules rules = Engines.compile(BenchRules.load(), EngineKind.AUTO)) {
            for (InputKind kind : InputKind.values()) {
                for (boolean findings : new boolean[] {false, true}) {
                    Body body = Bodies.generate(kind, size, findings);
                    System.out.printf("%s %s planted=%d wire=%d content=%d%n", kind.paramName(),
                            findings ? "few" : "none", body.planted(), body.wire().length, body.contentBytes());
                    DecodeOutcome outcome = Views.decode(body.meta(), body.buffer(), ViewLimits.defaults(),
                            (path, content) -> {
                                for (Finding f : rules.scan(path, content)) {
                                    System.out.println("  " + f);
                                }
                            });
                    if (outcome instanceof DecodeOutcome.Failed failed) {
                        System.out.println("  decode failed: " + failed.reason() + " " + failed.detail());
                    }
                }
            }
        }
    }
}
