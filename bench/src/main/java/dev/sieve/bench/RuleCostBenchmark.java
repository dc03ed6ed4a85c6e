package dev.sieve.bench;

import dev.sieve.bench.fixture.Bodies;
import dev.sieve.bench.fixture.Body;
import dev.sieve.bench.fixture.InputKind;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Which rules cost the most? Scans the same body with a subset of the pack ({@code rules}: {@code all}, {@code -ID}
 * for all but one rule, {@code only:ID}, {@code category:NAME}; see {@link RuleSubset}). Comparing {@code -ID}
 * with {@code all} gives each rule's marginal cost; {@link RuleCost} runs that sweep over every rule.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.sieve.bench.RuleCost} (every rule left out once), or
 * {@code java -jar bench/target/benchmarks.jar RuleCost -p rules=all,category:credential,category:pii}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 2, time = 2)
@Fork(1)
public class RuleCostBenchmark {

    @Param({"all"})
    public String rules;

    @Param({"hyperscan"})
    public String engine;

    @Param({"raw"})
    public String view;

    @Param({"json"})
    public String input;

    @Param({"few"})
    public String findings;

    @Param({"1048576"})
    public int size;

    private CompiledRules compiled;
    private BodyScanner scanner;
    private Body body;
    private ByteBuffer wire;

    @Setup(Level.Trial)
    public void setUp() {
        compiled = Engines.compile(RuleSubset.select(BenchRules.load(), rules),
                EngineKind.valueOf(engine.toUpperCase(Locale.ROOT)));
        scanner = BodyScanner.forView(view, compiled);
        body = Bodies.generate(InputKind.fromParam(input), size, Fixtures.withFindings(findings));
        wire = body.buffer();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        compiled.close();
    }

    @Benchmark
    public int scan(ByteCounter counter) {
        counter.bytes += body.contentBytes();
        return scanner.scan(body, wire);
    }
}
