package dev.sieve.bench;

import dev.sieve.proxy.audit.AuditFinding;
import dev.sieve.proxy.audit.AuditLog;
import dev.sieve.proxy.audit.AuditMetrics;
import dev.sieve.proxy.audit.AuditRecord;
import dev.sieve.proxy.audit.AuditSink;
import dev.sieve.proxy.audit.AuditSinks;
import dev.sieve.proxy.audit.OverflowPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * How many audit records per second can the proxy log? Measures {@code AuditLog.append} sustained: the queue
 * (8,192) fills within the warmup, after which each append waits for the writer thread, so the score is the
 * writer's rate: JSON formatting, the HMAC chain and the sink. {@code sink}: {@code null} (an output stream that
 * discards: formatting and MAC only) or {@code file} (rotating files in a temporary directory, flushed per batch).
 * Each record is a blocked request with two masked findings.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Audit -rf json -rff audit.json}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AuditBenchmark {

    @Param({"null", "file"})
    public String sink;

    private Path dir;
    private AuditLog log;
    private AuditRecord record;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("sieve-bench-audit");
        Clock clock = Clock.systemUTC();
        AuditSink target = switch (sink) {
            case "null" -> AuditSinks.stream(OutputStream.nullOutputStream());
            case "file" -> AuditSinks.rotatingFiles(dir, 64L * 1024 * 1024, Duration.ofHours(24), clock);
            default -> throw new IllegalArgumentException("sink: '" + sink + "' (expected: null or file)");
        };
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        log = AuditLog.start(List.of(target), key, clock, AuditMetrics.NONE, 8192, OverflowPolicy.BLOCK);
        record = new AuditRecord(Instant.now(), "req-01HZX3B6W2", "coding-agent", "127.0.0.1:51234", "POST",
                "api.anthropic.com", 443, "/v1/messages?beta=true", "blocked",
                List.of("credential.github-pat", "financial.card-visa"),
                List.of(new AuditFinding("credential.github-pat", "credential", "block", 1,
                                "json:$.messages[4].content[0].content", "ghp_…(40)"),
                        new AuditFinding("financial.card-visa", "financial", "redact", 1,
                                "json:$.messages[7].content[0].text", "**** **** **** 1924")),
                2048, 0, "3f1c2a9e", "enforce", 412);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        log.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Benchmark
    public void append() throws InterruptedException {
        log.append(record);
    }
}
