package dev.sieve.proxy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.testing.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Shared fixtures for the audit tests: a settable clock, counting metrics, records, file helpers. */
final class AuditTestSupport {
    /** A synthetic 32-byte key (not a secret of anything). */
    static final byte[] KEY = key(7);
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private AuditTestSupport() {}

    static byte[] key(int seed) {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed * 31 + i);
        }
        return k;
    }

    static AuditRecord record(int i, Instant time) {
        return new AuditRecord(time, "req_" + String.format("%024x", i), "agent-" + (i % 3), "127.0.0.1:5" + (1000 + i),
                "POST", "api.anthropic.com", 443, "/v1/messages?beta=" + i, i % 2 == 0 ? "allowed" : "blocked",
                i % 2 == 0 ? List.of() : List.of("us-ssn"),
                i % 2 == 0 ? List.of() : List.of(new AuditFinding("us-ssn", "pii", "block", 1,
                        "body/json/messages[0]/content", "***-**-" + (1000 + i))),
                512 + i, i % 2 == 0 ? 512 + i : 0, "rules-2025.03.01", "enforce", 800 + i);
    }

    /** Writes {@code n} records through a file log with 4 KiB files (about 8 records per file), then closes it. */
    static List<Path> writeFiles(Path dir, int n) throws Exception {
        ManualClock clock = new ManualClock(T0);
        try (AuditLog log = AuditLog.start(List.of(AuditSinks.rotatingFiles(dir, 4096, Duration.ofDays(1), clock)), KEY,
                clock, AuditMetrics.NONE, 64, OverflowPolicy.BLOCK)) {
            for (int i = 0; i < n; i++) {
                log.append(record(i, clock.instant()));
            }
        }
        return auditFiles(dir);
    }

    /**
     * Writes a sealed file of {@code n} records as Sieve wrote them before key ids existed (no {@code keyId}
     * field), chained from genesis with {@link #KEY}.
     */
    static Path writeLegacyFile(Path file, int n) throws IOException {
        ChainMac chain = new ChainMac(KEY);
        byte[] prev = chain.genesis();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i <= n; i++) {
            byte[] body = i < n ? AuditFormat.body(i + 1, record(i, T0), prev, null)
                    : AuditFormat.sealBody(i + 1, T0, "shutdown", n, prev, null, null);
            byte[] mac = chain.mac(prev, body);
            out.append(new String(AuditFormat.line(body, mac), StandardCharsets.UTF_8));
            prev = mac;
        }
        return Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    static List<Path> auditFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static void writeLines(Path file, List<String> lines) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String l : lines) {
            out.append(l).append('\n');
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    /** Counts every callback; {@link #awaitWritten} waits (bounded) until the writer reported n lines. */
    static final class CountingMetrics implements AuditMetrics {
        long written;
        long blocked;
        long dropped;
        long refused;
        long rotated;
        long failed;

        @Override
        public synchronized void written(int records) {
            written += records;
            notifyAll();
        }

        @Override
        public synchronized void blocked() {
            blocked++;
            notifyAll();
        }

        @Override
        public synchronized void dropped() {
            dropped++;
        }

        @Override
        public synchronized void refused() {
            refused++;
        }

        @Override
        public synchronized void rotated() {
            rotated++;
            notifyAll();
        }

        @Override
        public synchronized void failed() {
            failed++;
            notifyAll();
        }

        synchronized void awaitWritten(long n) throws InterruptedException {
            awaitUntil(() -> written >= n, "written >= " + n);
        }

        synchronized void awaitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!condition.getAsBoolean()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                assertThat(left).as("waiting for " + what).isPositive();
                wait(left);
            }
        }
    }
}
