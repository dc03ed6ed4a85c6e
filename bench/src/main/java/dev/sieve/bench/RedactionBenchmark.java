package dev.sieve.bench;

import dev.sieve.bench.fixture.Bodies;
import dev.sieve.bench.fixture.Body;
import dev.sieve.bench.fixture.InputKind;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.view.DecodeOutcome;
import dev.sieve.dlp.view.Redactor;
import dev.sieve.dlp.view.RewriteOutcome;
import dev.sieve.dlp.view.Span;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.dlp.view.Views;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does rewriting a request with its findings redacted cost? {@code Redactor.rewrite} decodes the body again,
 * splices {@code [REDACTED:<rule>]} over every finding (found once in setup with Hyperscan) and re-encodes outward
 * (JSON re-escaping of the touched strings; recompression for {@code gzip-json}). {@code input}: json, gzip-json;
 * {@code size}: content bytes. Secondary result {@code bytes}: content bytes per second.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Redaction -rf json -rff redaction.json}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RedactionBenchmark {

    @Param({"json", "gzip-json"})
    public String input;

    @Param({"1024", "65536", "1048576"})
    public int size;

    private Body body;
    private ByteBuffer wire;
    private Map<String, List<Span>> spans;
    private ViewLimits limits;

    @Setup(Level.Trial)
    public void setUp() {
        body = Bodies.generate(InputKind.fromParam(input), size, true);
        wire = body.buffer();
        limits = ViewLimits.defaults();
        spans = new HashMap<>();
        try (CompiledRules rules = Engines.compile(BenchRules.load(), EngineKind.AUTO)) {
            DecodeOutcome outcome = Views.decode(body.meta(), wire, limits, (path, content) -> {
                for (Finding f : rules.scan(path, content)) {
                    spans.computeIfAbsent(path, p -> new ArrayList<>())
                            .add(new Span(f.start(), f.end(), "[REDACTED:" + f.ruleId() + "]"));
                }
            });
            if (!(outcome instanceof DecodeOutcome.Ok)) {
                throw new IllegalStateException("fixture: " + input + " did not decode: " + outcome);
            }
        }
        int count = spans.values().stream().mapToInt(List::size).sum();
        if (count < body.planted()) {
            throw new IllegalStateException("fixture: " + count + " spans (expected: >= " + body.planted() + ")");
        }
        if (!(rewrite() instanceof RewriteOutcome.Rewritten)) {
            throw new IllegalStateException("fixture: " + input + " could not be rewritten (expected: Rewritten)");
        }
    }

    @Benchmark
    public RewriteOutcome rewrite(ByteCounter counter) {
        counter.bytes += body.contentBytes();
        return rewrite();
    }

    private RewriteOutcome rewrite() {
        return Redactor.rewrite(body.meta(), wire, spans, limits);
    }
}
