package dev.sieve.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark class once, in this JVM, with the smallest parameters (no warmup, one 100 ms iteration),
 * so benchmarks cannot rot: their fixtures are generated and self-checked in setup, and each must produce a
 * positive score. Numbers are never asserted. About 50 s, most of it compiling the rule pack per trial.
 */
class BenchmarkSmokeTest {

    static Stream<Arguments> benchmarks() {
        return Stream.of(
                // "few" only: compiling the pack per trial dominates, and its fixture check covers both directions.
                Arguments.of(ScanThroughputBenchmark.class, Map.of("size", new String[] {"1024"},
                        "findings", new String[] {"few"})),
                Arguments.of(RuleCostBenchmark.class, Map.of("size", new String[] {"1024"},
                        "rules", new String[] {"all", "-pii.email-bulk", "only:financial.iban", "category:credential"})),
                Arguments.of(ValidatorBenchmark.class, Map.of()),
                Arguments.of(RedactionBenchmark.class, Map.of("size", new String[] {"1024"})),
                Arguments.of(LeafMintBenchmark.class, Map.of("keys", new String[] {"ec"})),
                Arguments.of(PolicyBenchmark.class, Map.of("entries", new String[] {"10"})),
                Arguments.of(AuditBenchmark.class, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benchmarks")
    void runsOnceWithPositiveScores(Class<?> benchmark, Map<String, String[]> params) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("\\." + benchmark.getSimpleName() + "\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true);
        params.forEach(options::param);

        Collection<RunResult> results = new Runner(options.build()).run();

        assertThat(results).isNotEmpty();
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }
}
