package dev.sieve.proxy.audit;

import static dev.sieve.proxy.audit.AuditTestSupport.KEY;
import static dev.sieve.proxy.audit.AuditTestSupport.T0;
import static dev.sieve.proxy.audit.AuditTestSupport.auditFiles;
import static dev.sieve.proxy.audit.AuditTestSupport.lines;
import static dev.sieve.proxy.audit.AuditTestSupport.record;
import static dev.sieve.proxy.audit.AuditTestSupport.writeLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.proxy.audit.AuditTestSupport.CountingMetrics;
import dev.sieve.proxy.testing.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(T0);
    final CountingMetrics metrics = new CountingMetrics();

    @Test
    void writesOneCanonicalLinePerRecordAndSealsOnClose() throws Exception {
        try (AuditLog log = fileLog(AuditSettings.DEFAULT_MAX_FILE_BYTES, Duration.ofHours(1), 16)) {
            log.append(record(1, T0));
            log.append(record(2, T0));
        }

        List<Path> files = auditFiles(dir);
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).isEqualTo("audit-20250301-100000-000001.jsonl");
        List<String> lines = lines(files.get(0));
        assertThat(lines).hasSize(3);
        String keyId = new ChainMac(KEY).keyId();
        assertThat(lines.get(0)).matches("\\{\"v\":1,\"seq\":1,\"keyId\":\"" + keyId + "\","
                + "\"time\":\"2025-03-01T10:00:00Z\",\"requestId\":\"req_0+1\","
                + "\"agentId\":\"agent-1\",\"clientAddress\":\"127.0.0.1:51001\",\"method\":\"POST\","
                + "\"host\":\"api.anthropic.com\",\"port\":443,\"path\":\"/v1/messages\\?beta=\\*\\*\\*\",\"decision\":\"blocked\","
                + "\"reasons\":\\[\"us-ssn\"],\"findings\":\\[\\{\"ruleId\":\"us-ssn\",\"category\":\"pii\",\"action\":\"block\","
                + "\"count\":1,\"viewPath\":\"body/json/messages\\[0]/content\",\"masked\":\"\\*\\*\\*-\\*\\*-1001\"}],"
                + "\"bytesIn\":513,\"bytesOut\":0,\"ruleSetVersion\":\"rules-2025.03.01\",\"mode\":\"enforce\",\"latencyMicros\":801,"
                + "\"prev\":\"[0-9a-f]{64}\",\"mac\":\"[0-9a-f]{64}\"}");
        assertThat(lines.get(1)).startsWith("{\"v\":1,\"seq\":2,\"time\"");
        assertThat(lines.get(2)).matches("\\{\"v\":1,\"seq\":3,\"keyId\":\"" + keyId + "\","
                + "\"time\":\"2025-03-01T10:00:00Z\",\"decision\":\"sealed\","
                + "\"reasons\":\\[\"shutdown\"],\"count\":2,\"prev\":\"[0-9a-f]{64}\",\"mac\":\"[0-9a-f]{64}\"}");
        assertThat(AuditVerifier.verify(files, KEY).ok()).isTrue();
        assertThat(metrics.written).isEqualTo(3);
    }

    @Test
    void rotatesBySizeSealingTheOldFileAndChainingIntoTheNew() throws Exception {
        try (AuditLog log = fileLog(4096, Duration.ofHours(1), 16)) {
            for (int i = 0; i < 20; i++) {
                log.append(record(i, T0));
            }
        }

        List<Path> files = auditFiles(dir);
        assertThat(files).hasSizeGreaterThan(1);
        for (Path f : files) {
            assertThat(Files.size(f)).as(f.toString()).isLessThanOrEqualTo(4096);
            List<String> lines = lines(f);
            assertThat(lines.get(lines.size() - 1)).contains("\"decision\":\"sealed\"");
        }
        assertThat(lines(files.get(0)).get(lines(files.get(0)).size() - 1)).contains("\"reasons\":[\"rotation\"]");
        assertThat(metrics.rotated).isEqualTo(files.size() - 1);
        AuditVerification result = AuditVerifier.verify(files, KEY);
        assertThat(result.ok()).as(result.describe()).isTrue();
        assertThat(result.records()).isEqualTo(20);
    }

    @Test
    void rotatesByAgeOnTheNextRecord() throws Exception {
        try (AuditLog log = fileLog(AuditSettings.DEFAULT_MAX_FILE_BYTES, Duration.ofMinutes(10), 16)) {
            log.append(record(1, clock.instant()));
            metrics.awaitWritten(1);
            clock.advance(Duration.ofMinutes(9));
            log.append(record(2, clock.instant()));
            metrics.awaitWritten(2);
            clock.advance(Duration.ofMinutes(1));
            log.append(record(3, clock.instant()));
        }

        List<Path> files = auditFiles(dir);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("audit-20250301-100000-000001.jsonl", "audit-20250301-101000-000002.jsonl");
        assertThat(lines(files.get(0))).hasSize(3); // two records and the rotation seal
        assertThat(lines(files.get(1))).hasSize(2); // one record and the shutdown seal
        assertThat(AuditVerifier.verify(files, KEY).ok()).isTrue();
    }

    @Test
    void sealsAnIdleFileWhoseAgeIsUp() throws Exception {
        try (AuditLog log = fileLog(AuditSettings.DEFAULT_MAX_FILE_BYTES, Duration.ofMinutes(10), 16)) {
            log.append(record(1, clock.instant()));
            metrics.awaitWritten(1);
            clock.advance(Duration.ofMinutes(10));
            // The writer checks about once a second while idle; wait for the event, not for time.
            metrics.awaitUntil(() -> metrics.rotated == 1, "an idle rotation");
            assertThat(lines(auditFiles(dir).get(0))).hasSize(2).last().asString().contains("\"count\":1");
        }
        assertThat(auditFiles(dir)).hasSize(1); // nothing was written after the seal: no new file
    }

    @Test
    void continuesTheChainAcrossRestarts() throws Exception {
        try (AuditLog log = fileLog(AuditSettings.DEFAULT_MAX_FILE_BYTES, Duration.ofHours(1), 16)) {
            log.append(record(1, T0));
        }
        try (AuditLog log = fileLog(AuditSettings.DEFAULT_MAX_FILE_BYTES, Duration.ofHours(1), 16)) {
            log.append(record(2, T0));
        }

        List<Path> files = auditFiles(dir);
        assertThat(files).hasSize(2);
        assertThat(lines(files.get(1)).get(0)).contains("\"seq\":3,");
        AuditVerification result = AuditVerifier.verify(files, KEY);
        assertThat(result.ok()).as(result.describe()).isTrue();
        assertThat(result.lastSeq()).isEqualTo(4);

        // Deleting the first run's file is detected: the second file does not start at genesis ...
        Files.delete(files.get(0));
        assertThat(AuditVerifier.verify(List.of(files.get(1)), KEY).fromGenesis()).isFalse();
    }

    @Test
    void afterAnUncleanShutdownTheNextRunContinuesFromTheLastRecord() throws Exception {
        try (AuditLog log = fileLog(AuditSettings.DEFAULT_MAX_FILE_BYTES, Duration.ofHours(1), 16)) {
            log.append(record(1, T0));
            log.append(record(2, T0));
        }
        Path first = auditFiles(dir).get(0);
        List<String> lines = lines(first);
        writeLines(first, lines.subList(0, 2)); // as if the process died before sealing
        try (AuditLog log = fileLog(AuditSettings.DEFAULT_MAX_FILE_BYTES, Duration.ofHours(1), 16)) {
            log.append(record(3, T0));
        }

        AuditVerification result = AuditVerifier.verify(auditFiles(dir), KEY);
        assertThat(result.ok()).as(result.describe()).isTrue();
        assertThat(result.uncleanFiles()).isEqualTo(1);
        assertThat(result.describe()).contains("unclean shutdown, nothing missing");
    }

    @Test
    void blockPolicyHoldsTheProducerUntilTheWriterDrains() throws Exception {
        GateSink sink = new GateSink();
        AuditLog log = AuditLog.start(List.of(sink), KEY, clock, metrics, 1, OverflowPolicy.BLOCK);
        try {
            log.append(record(1, T0));
            assertThat(sink.entered.await(10, TimeUnit.SECONDS)).isTrue(); // the writer holds record 1
            log.append(record(2, T0)); // fills the queue
            assertThat(log.queueDepth()).isEqualTo(1);

            CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> appendUnchecked(log, record(3, T0)));
            metrics.awaitUntil(() -> metrics.blocked == 1, "the producer to block");
            assertThat(producer).isNotDone();
            assertThat(log.tryAppend(record(4, T0))).as("event loops are told to refuse").isFalse();
            assertThat(metrics.refused).isEqualTo(1);

            sink.release.countDown();
            producer.get(10, TimeUnit.SECONDS);
        } finally {
            sink.release.countDown();
            log.close();
        }
        assertThat(sink.requestIds()).containsExactly(record(1, T0).requestId(), record(2, T0).requestId(),
                record(3, T0).requestId());
        assertThat(metrics.dropped).isZero();
    }

    @Test
    void dropPolicyDiscardsAndCountsInsteadOfWaiting() throws Exception {
        GateSink sink = new GateSink();
        AuditLog log = AuditLog.start(List.of(sink), KEY, clock, metrics, 1, OverflowPolicy.DROP);
        try {
            log.append(record(1, T0));
            assertThat(sink.entered.await(10, TimeUnit.SECONDS)).isTrue();
            log.append(record(2, T0));
            log.append(record(3, T0)); // returns at once: dropped
            assertThat(log.tryAppend(record(4, T0))).as("DROP lets the request proceed").isTrue();
            assertThat(metrics.dropped).isEqualTo(2);
            assertThat(metrics.blocked).isZero();
        } finally {
            sink.release.countDown();
            log.close();
        }
        assertThat(sink.requestIds()).containsExactly(record(1, T0).requestId(), record(2, T0).requestId());
    }

    @Test
    void stdoutSinkCarriesTheSameVerifiableLinesAsTheFiles() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            AuditSettings settings = new AuditSettings(Optional.of(dir), true, 4096, Duration.ofHours(1), 16,
                    OverflowPolicy.BLOCK, Optional.empty());
            try (AuditLog log = AuditLog.open(settings, KEY, clock, metrics)) {
                for (int i = 0; i < 12; i++) {
                    log.append(record(i, T0));
                }
            }
        } finally {
            System.setOut(original);
        }

        StringBuilder files = new StringBuilder();
        for (Path f : auditFiles(dir)) {
            files.append(Files.readString(f, StandardCharsets.UTF_8));
        }
        assertThat(auditFiles(dir)).hasSizeGreaterThan(1);
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo(files.toString());
        Path shipped = Files.writeString(dir.resolve("shipped.log"), captured.toString(StandardCharsets.UTF_8));
        AuditVerification result = AuditVerifier.verify(List.of(shipped), KEY);
        assertThat(result.ok()).as(result.describe()).isTrue();
        assertThat(result.records()).isEqualTo(12);
    }

    @Test
    void aFailingSinkClosesTheLogToNewRecords() throws Exception {
        AuditSink broken = new AuditSink() {
            @Override
            public void write(byte[] line) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        AuditLog log = AuditLog.start(List.of(broken), KEY, clock, metrics, 4, OverflowPolicy.BLOCK);
        log.append(record(1, T0));
        metrics.awaitUntil(() -> metrics.failed == 1, "the writer to fail");

        assertThat(log.healthy()).isFalse();
        assertThat(log.tryAppend(record(2, T0))).isFalse();
        assertThatThrownBy(() -> log.append(record(3, T0))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("audit log failed: disk full");
        assertThatThrownBy(log::close).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full");
    }

    @Test
    void whenWritingFailsTheWriterClosesEverySinkAndFreesTheDirectory() throws Exception {
        AuditSink files = AuditSinks.rotatingFiles(dir, AuditSettings.DEFAULT_MAX_FILE_BYTES, Duration.ofHours(1),
                clock);
        ClosingSink broken = new ClosingSink(true);
        ClosingSink after = new ClosingSink(false);
        AuditLog log = AuditLog.start(List.of(files, broken, after), KEY, clock, metrics, 4, OverflowPolicy.BLOCK);
        log.append(record(1, T0));
        metrics.awaitUntil(() -> metrics.failed == 1, "the writer to fail");

        assertThat(after.closed.await(5, TimeUnit.SECONDS)).as("a sink after the failing one is closed").isTrue();
        assertThat(broken.closed.getCount()).as("the failing sink is closed too").isZero();
        // The lock is freed without anyone calling close(): a new log can take the directory.
        fileLog(AuditSettings.DEFAULT_MAX_FILE_BYTES, Duration.ofHours(1), 4).close();
        assertThatThrownBy(log::close).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full");
    }

    @Test
    void whenTheSealAtCloseFailsAndASinkCloseFailsTooCloseReportsTheSealFailure() throws Exception {
        AuditSink fullAtClose = new AuditSink() {
            volatile boolean full;

            @Override
            public void write(byte[] line) throws IOException {
                if (full) {
                    throw new IOException("disk full");
                }
            }

            @Override
            public void flush() {
                full = true; // every line after the first batch (the shutdown seal) finds the disk full
            }

            @Override
            public void close() throws IOException {
                throw new IOException("close failed");
            }
        };
        AuditLog log = AuditLog.start(List.of(fullAtClose), KEY, clock, metrics, 4, OverflowPolicy.BLOCK);
        log.append(record(1, T0));
        metrics.awaitUntil(() -> metrics.written == 1, "the record to be written");

        assertThatThrownBy(log::close).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("disk full")
                .satisfies(e -> assertThat(e.getCause().getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("close failed"));
    }

    @Test
    void aLogThatCannotStartClosesTheSinksItWasGiven() throws Exception {
        ClosingSink other = new ClosingSink(false);
        AuditSink unreadable = new ClosingSink(false) {
            @Override
            public Optional<byte[]> lastLine() throws IOException {
                throw new IOException("unreadable");
            }
        };

        assertThatThrownBy(() -> AuditLog.start(List.of(other, unreadable), KEY, clock, metrics, 4,
                OverflowPolicy.BLOCK)).hasMessage("unreadable");
        assertThat(other.closed.getCount()).isZero();
    }

    @Test
    void closedLogRefusesRecords() throws Exception {
        AuditLog log = fileLog(AuditSettings.DEFAULT_MAX_FILE_BYTES, Duration.ofHours(1), 4);
        log.close();
        log.close(); // idempotent

        assertThat(log.tryAppend(record(1, T0))).isFalse();
        assertThatThrownBy(() -> log.append(record(1, T0))).isInstanceOf(IllegalStateException.class)
                .hasMessage("audit log: closed (expected: an open log)");
        assertThat(auditFiles(dir)).as("no records, no file").isEmpty();
    }

    @Test
    void settingsRejectNonsenseWithExactMessages() {
        assertThatThrownBy(() -> new AuditSettings(Optional.empty(), false, 4096, Duration.ofHours(1), 1,
                OverflowPolicy.BLOCK, Optional.empty()))
                .hasMessage("audit sinks: none (expected: a directory, stdout, or both)");
        assertThatThrownBy(() -> new AuditSettings(Optional.of(dir), false, 10, Duration.ofHours(1), 1,
                OverflowPolicy.BLOCK, Optional.empty()))
                .hasMessage("maxFileBytes: 10 (expected: >= 4096)");
        assertThatThrownBy(() -> new AuditSettings(Optional.of(dir), false, 4096, Duration.ofHours(1), 0,
                OverflowPolicy.BLOCK, Optional.empty()))
                .hasMessage("queueCapacity: 0 (expected: 1..1048576)");
        assertThat(AuditSettings.defaults(dir).keyFile(dir)).isEqualTo(dir.resolve("audit.key"));
    }

    private AuditLog fileLog(long maxBytes, Duration maxAge, int capacity) throws IOException {
        return AuditLog.start(List.of(AuditSinks.rotatingFiles(dir, maxBytes, maxAge, clock)), KEY, clock, metrics,
                capacity, OverflowPolicy.BLOCK);
    }

    private static void appendUnchecked(AuditLog log, AuditRecord r) {
        try {
            log.append(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A sink that counts its close and, if {@code broken}, fails every write as a full disk does. */
    static class ClosingSink implements AuditSink {
        final CountDownLatch closed = new CountDownLatch(1);
        private final boolean broken;

        ClosingSink(boolean broken) {
            this.broken = broken;
        }

        @Override
        public void write(byte[] line) throws IOException {
            if (broken) {
                throw new IOException("disk full");
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            closed.countDown();
        }
    }

    /** A sink whose first write waits for {@link #release}, so tests control when the writer drains. */
    static final class GateSink implements AuditSink {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void write(byte[] line) throws IOException {
            entered.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("test gate never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            lines.add(new String(line, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        List<String> requestIds() {
            return lines.stream().filter(l -> l.contains("\"requestId\""))
                    .map(l -> l.replaceAll(".*\"requestId\":\"([^\"]+)\".*\\n?", "$1")).toList();
        }
    }
}
