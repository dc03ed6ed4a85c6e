package dev.sieve.bench;

import dev.sieve.bench.fixture.Bodies;
import dev.sieve.bench.fixture.Body;
import dev.sieve.bench.fixture.InputKind;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.view.ViewLimits;
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
 * How many megabytes of request bodies per second does one core scan, per engine, with and without decoding?
 *
 * <p>Parameters: {@code engine} (hyperscan, java), {@code view} ({@code raw}: the wire bytes as one view;
 * {@code decoded}: {@code Views.decode} then every view; {@code inspector}: the proxy's {@code Inspector} facade
 * with headers, decision and redaction, opt-in with {@code -p view=inspector}), {@code input} (see
 * {@link InputKind}), {@code findings} ({@code none}, or {@code few}: three planted secrets), {@code size}
 * (content bytes: 1 KiB, 64 KiB, 1 MiB) and {@code graph} (the decoding graph {@code on}, default, or {@code off}). The secondary result {@code bytes} is content bytes per second.
 * The fixture is checked in setup: a clean body must have no finding, a planted one all of them.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ScanThroughput -p input=json -p view=raw -rf json
 * -rff scan.json}; then {@code java -cp bench/target/benchmarks.jar dev.sieve.bench.report.JmhReport scan.json}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ScanThroughputBenchmark {

    @Param({"hyperscan", "java"})
    public String engine;

    @Param({"raw", "decoded"})
    public String view;

    @Param({"json", "gzip-json", "base64-text", "base64-pdf", "multipart", "adversarial"})
    public String input;

    @Param({"none", "few"})
    public String findings;

    @Param({"1024", "65536", "1048576"})
    public int size;

    /**
     * {@code on}: the decoding graph at its default depth (4); {@code off}: {@code maxDecodeDepth} 0, views as
     * before the graph. Compare with {@code -p graph=off,on} (decoded and inspector views only).
     */
    @Param({"on"})
    public String graph;

    /** {@code heap} or {@code direct}: the buffer the raw view is scanned from (decoding copies to the heap). */
    @Param({"heap"})
    public String buffer;

    private CompiledRules rules;
    private BodyScanner scanner;
    private Body body;
    private ByteBuffer wire;

    @Setup(Level.Trial)
    public void setUp() {
        rules = Engines.compile(BenchRules.load(), EngineKind.valueOf(engine.toUpperCase(Locale.ROOT)));
        ViewLimits limits = switch (graph) {
            case "on" -> ViewLimits.defaults();
            case "off" -> ViewLimits.defaults().withDecodeGraph(0, ViewLimits.DEFAULT_DECODE_LAYERS,
                    ViewLimits.DEFAULT_DECODE_TIME);
            default -> throw new IllegalArgumentException("graph: '" + graph + "' (expected: on or off)");
        };
        scanner = BodyScanner.forView(view, rules, limits);
        body = Bodies.generate(InputKind.fromParam(input), size, Fixtures.withFindings(findings));
        wire = switch (buffer) {
            case "heap" -> body.buffer();
            case "direct" -> body.directBuffer();
            default -> throw new IllegalArgumentException("buffer: '" + buffer + "' (expected: heap or direct)");
        };
        Fixtures.check(body, view, scanner.scan(body, wire));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rules.close();
    }

    @Benchmark
    public int scan(ByteCounter counter) {
        counter.bytes += body.contentBytes();
        return scanner.scan(body, wire);
    }
}
