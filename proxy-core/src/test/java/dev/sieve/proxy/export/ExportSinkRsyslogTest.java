package dev.sieve.proxy.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.certs.CertificateAuthority;
import dev.sieve.certs.LeafCertificate;
import dev.sieve.certs.LeafMinter;
import dev.sieve.proxy.audit.AuditFinding;
import dev.sieve.proxy.audit.AuditLog;
import dev.sieve.proxy.audit.AuditMetrics;
import dev.sieve.proxy.audit.AuditRecord;
import dev.sieve.proxy.audit.AuditVerifier;
import dev.sieve.proxy.audit.OverflowPolicy;
import dev.sieve.proxy.testing.RsyslogServer;
import dev.sieve.proxy.testing.TestTls;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export sinks against a real rsyslogd on a loopback port: RFC 5424 with octet counting over TCP and TLS, order,
 * JSON lines an auditor can verify, OCSF events, and what happens while rsyslog is down (block: lines arrive after
 * the restart; fail-closed: the audit log fails).
 */
class ExportSinkRsyslogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] KEY = OcsfMapperTest.KEY;

    @TempDir
    Path dir;

    @BeforeAll
    static void rsyslogInstalled() {
        assumeTrue(RsyslogServer.installed(), "rsyslogd is not installed at " + RsyslogServer.EXECUTABLE
                + " (Debian packages rsyslog and rsyslog-gnutls; .ci/run installs them): skipping the syslog tests");
    }

    /** Counts what the sink reports. */
    static final class Counting implements ExportMetrics {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger blocked = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger unsent = new AtomicInteger();

        @Override
        public void unsent(int lines) {
            unsent.addAndGet(lines);
        }

        @Override
        public void sent(int lines) {
            sent.addAndGet(lines);
        }

        @Override
        public void blocked() {
            blocked.incrementAndGet();
        }

        @Override
        public void refused() {
            refused.incrementAndGet();
        }

        @Override
        public void sendFailed() {
            failures.incrementAndGet();
        }
    }

    static AuditRecord record(int i) {
        boolean blocked = i % 2 == 1;
        return new AuditRecord(OcsfMapperTest.T0.plusSeconds(i), "req_" + i, "agent-" + (i % 3), "127.0.0.1:5" + (1000 + i),
                "POST", "api.anthropic.com", 443, "/v1/messages", blocked ? "blocked" : "allowed",
                blocked ? List.of("pii.us-ssn") : List.of(),
                blocked ? List.of(new AuditFinding("pii.us-ssn", "pii", "block", 1, "json", "***-**-0000")) : List.of(),
                100 + i, blocked ? 0 : 100 + i, "rules-1", "enforce", 50);
    }

    private static ExportSettings settings(String name, ExportFormat format, RsyslogServer server,
            ExportSettings.Transport transport, Optional<Path> ca, Optional<String> serverName, int capacity,
            ExportSettings.Overflow overflow) {
        return new ExportSettings(name, ExportSettings.Type.SYSLOG, format, Optional.of(new ExportSettings.Syslog(
                "127.0.0.1", server.port(), transport, ca, Optional.empty(), Optional.empty(), serverName, "sieve", 16)),
                EnumSet.allOf(RecordKind.class), capacity, overflow);
    }

    private static ExportSink open(ExportSettings s, ExportMetrics metrics) throws Exception {
        return ExportSinks.open(List.of(s), new ByteArrayOutputStream(), name -> metrics).get(0);
    }

    private static AuditLog log(ExportSink sink) throws Exception {
        return AuditLog.start(List.of(sink), KEY, Clock.systemUTC(), AuditMetrics.NONE, 1000, OverflowPolicy.BLOCK);
    }

    private static void awaitDown(ExportSink sink) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sink.connected() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sink.connected()).as("the sink noticed rsyslog closed the connection").isFalse();
    }

    private static List<Long> seqs(List<String> messages) throws Exception {
        List<Long> seqs = new ArrayList<>();
        for (String m : messages) {
            seqs.add(JSON.readTree(m).path("seq").asLong());
        }
        return seqs;
    }

    @Test
    void jsonOverTcpArrivesInOrderAsRfc5424AndVerifiesAsAChain() throws Exception {
        try (RsyslogServer rsyslog = RsyslogServer.tcp(dir.resolve("rsyslog"))) {
            Counting metrics = new Counting();
            ExportSink sink = open(settings("siem", ExportFormat.JSON, rsyslog, ExportSettings.Transport.TCP,
                    Optional.empty(), Optional.empty(), 100, ExportSettings.Overflow.BLOCK), metrics);
            try (AuditLog log = log(sink)) {
                for (int i = 0; i < 40; i++) {
                    log.append(record(i));
                }
            }
            List<String> received = rsyslog.received();
            assertThat(received).hasSize(41); // 40 records and the shutdown seal, all sent before close returned
            assertThat(received.get(0)).startsWith("decision|sieve|16|6|{\"v\":1,\"seq\":1,");
            assertThat(received.get(1)).startsWith("decision|sieve|16|5|"); // blocked: notice
            assertThat(received.get(40)).startsWith("sealed|sieve|16|6|");
            List<String> messages = rsyslog.messages();
            assertThat(seqs(messages)).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 41).boxed().toList());
            assertThat(metrics.sent.get()).isEqualTo(41);
            // What the SIEM received is the chain itself: an auditor with the key verifies it.
            Path file = dir.resolve("audit-20261204-100000-000001.jsonl");
            Files.writeString(file, String.join("\n", messages) + "\n");
            assertThat(AuditVerifier.verifySealed(List.of(file), KEY).ok()).isTrue();
        }
    }

    @Test
    void ocsfOverTlsIsVerifiedAgainstTheCaAndTheServerName() throws Exception {
        CertificateAuthority ca = TestTls.newCa(dir.resolve("ca"));
        LeafCertificate leaf = new LeafMinter(ca, Clock.systemUTC(), Duration.ofDays(1), LeafMinter.KeyType.RSA_2048)
                .mint("syslog.test");
        Path caPem = pem(dir.resolve("ca.pem"), ca.certificate());
        Path certPem = pem(dir.resolve("cert.pem"), (Object[]) leaf.chain());
        Path keyPem = pem(dir.resolve("key.pem"), leaf.key());
        try (RsyslogServer rsyslog = RsyslogServer.tls(dir.resolve("rsyslog"), caPem, certPem, keyPem)) {
            Counting wrongName = new Counting();
            ExportSink mismatched = open(settings("wrong-name", ExportFormat.OCSF, rsyslog, ExportSettings.Transport.TLS,
                    Optional.of(caPem), Optional.of("other.test"), 100, ExportSettings.Overflow.BLOCK), wrongName);
            mismatched.write("{\"v\":1,\"seq\":1,\"time\":\"2026-12-04T10:00:00Z\",\"decision\":\"head\"}\n"
                    .getBytes(StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (wrongName.failures.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(wrongName.failures.get()).as("a certificate for another name is refused").isPositive();
            assertThat(wrongName.sent.get()).isZero();
            mismatched.close();

            Counting metrics = new Counting();
            ExportSink sink = open(settings("siem", ExportFormat.OCSF, rsyslog, ExportSettings.Transport.TLS,
                    Optional.of(caPem), Optional.of("syslog.test"), 100, ExportSettings.Overflow.BLOCK), metrics);
            try (AuditLog log = log(sink)) {
                for (int i = 0; i < 6; i++) {
                    log.append(record(i));
                }
            }
            // 6 HTTP Activities, 3 Detection Findings (records 1, 3, 5), 1 seal as raw JSON
            List<String> received = rsyslog.awaitMessages(10);
            assertThat(received).hasSize(10);
            assertThat(rsyslog.received().stream().map(l -> l.split("\\|")[0]).toList()).containsExactly(
                    "decision", "decision", "finding", "decision", "decision", "finding", "decision", "decision",
                    "finding", "sealed");
            int events = 0;
            for (String m : received) {
                JsonNode e = JSON.readTree(m);
                if (e.has("class_uid")) {
                    assertThat(OcsfSchemaCheck.problems(e)).as(m).isEmpty();
                    events++;
                }
            }
            assertThat(events).isEqualTo(9);
            assertThat(JSON.readTree(received.get(2)).path("finding_info").path("uid").asText())
                    .isEqualTo("req_1:pii.us-ssn");
            assertThat(received).noneMatch(m -> m.contains("0000\"") || m.contains("***-**"));
        }
    }

    @Test
    void blockLinesQueuedWhileRsyslogIsDownArriveAfterItRestartsAndTheWriterWaitsWhenTheQueueIsFull()
            throws Exception {
        try (RsyslogServer rsyslog = RsyslogServer.tcp(dir.resolve("rsyslog"))) {
            Counting metrics = new Counting();
            ExportSink sink = open(settings("siem", ExportFormat.JSON, rsyslog, ExportSettings.Transport.TCP,
                    Optional.empty(), Optional.empty(), 4, ExportSettings.Overflow.BLOCK), metrics);
            AuditLog log = log(sink);
            try {
                for (int i = 0; i < 3; i++) {
                    log.append(record(i));
                }
                rsyslog.awaitMessages(3);
                rsyslog.stop();
                awaitDown(sink);
                for (int i = 3; i < 20; i++) {
                    log.append(record(i)); // the audit queue takes them; its writer waits on the export queue
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                // The writer can fill the queue before the sink's first reconnect attempt has failed: wait for both.
                while ((metrics.blocked.get() == 0 || metrics.failures.get() == 0) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(metrics.blocked.get()).as("the full export queue held the audit writer").isPositive();
                assertThat(log.healthy()).isTrue();
                assertThat(metrics.failures.get()).as("the reconnect to a stopped rsyslog failed").isPositive();
                rsyslog.start();
                List<String> all = rsyslog.awaitMessages(20);
                assertThat(seqs(all)).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
            } finally {
                sink.stopWaiting(); // a failed assertion must not leave close() waiting for a stopped rsyslog
                log.close();
            }
        }
    }

    @Test
    void stoppingWithTheTargetDownNeitherHangsNorDropsSilently() throws Exception {
        try (RsyslogServer rsyslog = RsyslogServer.tcp(dir.resolve("rsyslog"))) {
            Counting metrics = new Counting();
            ExportSink sink = open(settings("siem", ExportFormat.JSON, rsyslog, ExportSettings.Transport.TCP,
                    Optional.empty(), Optional.empty(), 1, ExportSettings.Overflow.BLOCK), metrics);
            AuditLog log = log(sink);
            log.append(record(0));
            rsyslog.awaitMessages(1);
            rsyslog.stop();
            awaitDown(sink);
            for (int i = 1; i <= 300; i++) { // hundreds: at 100 ms each, waiting after stopWaiting would take 30 s
                log.append(record(i));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (metrics.blocked.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(metrics.blocked.get()).as("the writer waits while Sieve runs").isPositive();
            sink.stopWaiting();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(log::close);
            closing.get(ExportSink.CLOSE_TIMEOUT_MILLIS + 10_000, TimeUnit.MILLISECONDS);
            // Records 1-300 and the seal: one held by the sink thread, at most one queued, the rest counted.
            assertThat(metrics.unsent.get()).isEqualTo(301);
        }
    }

    @Test
    void failClosedAFullQueueWhileRsyslogIsDownFailsTheAuditLogAndQueuedLinesStillArrive() throws Exception {
        try (RsyslogServer rsyslog = RsyslogServer.tcp(dir.resolve("rsyslog"))) {
            Counting metrics = new Counting();
            ExportSink sink = open(settings("siem", ExportFormat.JSON, rsyslog, ExportSettings.Transport.TCP,
                    Optional.empty(), Optional.empty(), 2, ExportSettings.Overflow.FAIL_CLOSED), metrics);
            AuditLog log = log(sink);
            try {
                log.append(record(0));
                rsyslog.awaitMessages(1);
                rsyslog.stop();
                awaitDown(sink);
                CompletableFuture<Void> appending = CompletableFuture.runAsync(() -> {
                    try {
                        for (int i = 1; i < 50; i++) {
                            log.append(record(i));
                            Thread.sleep(5);
                        }
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertThatThrownBy(() -> appending.get(20, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("audit export siem: queue full (2 lines)");
                assertThat(log.healthy()).isFalse();
                assertThat(sink.healthy()).isFalse();
                assertThat(metrics.refused.get()).isEqualTo(1);
                rsyslog.start();
                // The line in flight and the two queued ones were accepted before the failure: they arrive.
                rsyslog.awaitMessages(4);
                Thread.sleep(300);
                List<Long> seqs = seqs(rsyslog.messages());
                assertThat(seqs.size()).isGreaterThanOrEqualTo(4);
                assertThat(seqs).isEqualTo(java.util.stream.LongStream.rangeClosed(1, seqs.size()).boxed().toList());
            } finally {
                assertThatThrownBy(log::close).hasMessageContaining("queue full");
                sink.close();
            }
        }
    }

    private static Path pem(Path file, Object... objects) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                // An RSA key as PKCS#8: the GnuTLS of Debian's rsyslog did not load the EC P-256 leaf key.
                w.writeObject(o instanceof java.security.PrivateKey k
                        ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null) : o);
            }
        }
        return Files.writeString(file, text.toString());
    }
}
