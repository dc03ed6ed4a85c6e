package dev.sieve.proxy.audit.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.audit.AuditEntry;
import dev.sieve.proxy.audit.AuditLog;
import dev.sieve.proxy.audit.AuditMetrics;
import dev.sieve.proxy.audit.AuditRecord;
import dev.sieve.proxy.audit.AuditSink;
import dev.sieve.proxy.audit.OverflowPolicy;
import dev.sieve.proxy.testing.CapturingAppender;
import dev.sieve.proxy.testing.WebhookReceiver;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WebhookSink} against a real HTTPS receiver on 127.0.0.1 (the JDK's HttpsServer with a leaf of a test CA,
 * trusted through {@code caFile}): both body formats, the signature a receiver verifies, retries with backoff,
 * Retry-After, no retry on 4xx, giving up, both overflow policies, and no key in any log or exception.
 */
class WebhookSinkTest {
    /** A synthetic key (not a secret of anything). */
    private static final String KEY = "synthetic-webhook-key-" + "0123456789abcdef";
    private static final String HOOK_PATH = "/hooks/T0000/B0000/synthetic-path-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private WebhookReceiver receiver;
    private Path caFile;
    private Path keyFile;
    private final List<WebhookSink> sinks = new ArrayList<>();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new WebhookReceiver(dir.resolve("ca"));
        caFile = receiver.caFile();
        keyFile = Files.writeString(dir.resolve("webhook.key"), KEY + "\n");
    }

    @AfterEach
    void stop() {
        sinks.forEach(WebhookSink::close);
        receiver.close();
    }

    @Test
    void jsonDeliveryCarriesTheAlertAndASignatureTheReceiverVerifies() throws Exception {
        Counts counts = new Counts();
        WebhookSink sink = start(settings(WebhookSettings.Format.JSON, 3), counts);

        sink.write(alertLine(41));

        WebhookReceiver.Request r = receiver.await(1).get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo(HOOK_PATH);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(verifies(r, KEY)).as("signature over timestamp.body").isTrue();
        assertThat(verifies(r, KEY.replace('a', 'b'))).as("another key does not verify").isFalse();
        assertThat(Long.parseLong(r.header("X-Sieve-Timestamp")))
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("seq").asLong()).isEqualTo(41);
        assertThat(body.path("decision").asText()).isEqualTo("alert");
        assertThat(body.path("alert").asText()).isEqualTo("probing");
        assertThat(body.path("agentId").asText()).isEqualTo("agent-7");
        assertThat(body.path("evidence")).extracting(JsonNode::asText).containsExactly("req_a1", "req_a2", "req_a3");
        assertThat(body.path("ttdMillis").asLong()).isEqualTo(1500);
        assertThat(body.has("sieve_version")).isTrue();
        assertThat(body.has("mac")).as("chain internals stay in the audit files").isFalse();
        assertThat(body.has("prev")).isFalse();
        await(() -> counts.delivered.get() == 1);
        assertThat(sink.problem()).isEmpty();
    }

    @Test
    void slackDeliveryNamesAgentKindSeverityWindowEvidenceAndTimeToDetect() throws Exception {
        WebhookSink sink = start(settings(WebhookSettings.Format.SLACK, 3), new Counts());

        sink.write(alertLine(5));

        JsonNode body = JSON.readTree(receiver.await(1).get(0).body());
        assertThat(body.path("text").asText()).contains("probing").contains("agent-7").contains("high");
        JsonNode blocks = body.path("blocks");
        assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
        String fields = blocks.findValues("fields").toString();
        assertThat(fields).contains("*Agent*\\n`agent-7`", "*Alert*\\nprobing", "*Severity*\\nhigh",
                "*Window*\\n2026-12-04T10:00:00Z to 2026-12-04T10:05:00Z", "*Time to detect*\\n1.5 s",
                "`req_a1`, `req_a2`, `req_a3`");
        assertThat(blocks.toString()).as("the summary is escaped for Slack's mrkdwn")
                .contains("12 refused &lt;destinations&gt;").doesNotContain("<destinations>");
    }

    @Test
    void retriesA503WithGrowingBackoffAndTheSameDeliveryId() throws Exception {
        Counts counts = new Counts();
        receiver.script(503, 503, 200);
        WebhookSink sink = start(settings(WebhookSettings.Format.JSON, 5, Duration.ofMillis(100),
                Duration.ofSeconds(2)), counts);

        sink.write(alertLine(1));

        List<WebhookReceiver.Request> got = receiver.await(3);
        await(() -> counts.delivered.get() == 1);
        assertThat(got).extracting(r -> r.header("X-Sieve-Delivery")).containsOnly(got.get(0).header("X-Sieve-Delivery"));
        assertThat(got.get(0).header("X-Sieve-Delivery")).matches("[0-9a-f-]{36}");
        assertThat(got).allMatch(r -> verifies(r, KEY), "every attempt is signed");
        // Equal jitter: the first wait is 50-100 ms, the second 100-200 ms.
        assertThat(millisBetween(got.get(0), got.get(1))).isGreaterThanOrEqualTo(45);
        assertThat(millisBetween(got.get(1), got.get(2))).isGreaterThanOrEqualTo(95);
        assertThat(counts.retried.get()).isEqualTo(2);
        assertThat(counts.failed.get()).isZero();

        sink.write(alertLine(2));
        List<WebhookReceiver.Request> next = receiver.await(4);
        assertThat(next.get(3).header("X-Sieve-Delivery")).as("a new delivery, a new id")
                .isNotEqualTo(got.get(0).header("X-Sieve-Delivery"));
    }

    @Test
    void honoursRetryAfterOnA429() throws Exception {
        Counts counts = new Counts();
        receiver.script(429, 200);
        receiver.retryAfter = "1";
        WebhookSink sink = start(settings(WebhookSettings.Format.JSON, 5, Duration.ofMillis(10),
                Duration.ofSeconds(5)), counts);

        sink.write(alertLine(1));

        List<WebhookReceiver.Request> got = receiver.await(2);
        assertThat(millisBetween(got.get(0), got.get(1))).as("waited the receiver's Retry-After: 1")
                .isGreaterThanOrEqualTo(950);
        await(() -> counts.delivered.get() == 1);
        assertThat(counts.retried.get()).isEqualTo(1);
    }

    @Test
    void aClientErrorIsRejectedWithoutRetry() throws Exception {
        Counts counts = new Counts();
        receiver.script(400, 200);
        WebhookSink sink = start(settings(WebhookSettings.Format.JSON, 5, Duration.ofMillis(10),
                Duration.ofMillis(20)), counts);

        sink.write(alertLine(9));

        await(() -> counts.rejected.get() == 1);
        Thread.sleep(200);
        assertThat(receiver.requests).hasSize(1);
        assertThat(counts.retried.get()).isZero();
        assertThat(sink.problem()).get().asString().contains("seq 9").contains("rejected with HTTP 400");
    }

    @Test
    void givesUpAfterMaxAttemptsCountsItAndGoesOn() throws Exception {
        Counts counts = new Counts();
        receiver.script(500, 502, 503, 200);
        WebhookSink sink = start(settings(WebhookSettings.Format.JSON, 3, Duration.ofMillis(10),
                Duration.ofMillis(50)), counts);

        sink.write(alertLine(3));

        await(() -> counts.failed.get() == 1);
        assertThat(receiver.requests).hasSize(3);
        assertThat(counts.retried.get()).isEqualTo(2);
        assertThat(sink.problem()).get().asString()
                .contains("seq 3").contains("given up after 3 attempts (HTTP 503)").contains("1 given up since start");
        assertThat(CapturingAppender.all()).contains("given up after 3 attempts");

        sink.write(alertLine(4));
        await(() -> counts.delivered.get() == 1);
        assertThat(sink.problem()).as("cleared by the next success").isEmpty();
    }

    @Test
    void aReceiverWhoseCertificateIsNotTrustedGetsNothing() throws Exception {
        Counts counts = new Counts();
        WebhookSettings untrusted = withCaFile(settings(WebhookSettings.Format.JSON, 1), Optional.empty());
        start(untrusted, counts).write(alertLine(1));

        await(() -> counts.failed.get() == 1);
        assertThat(receiver.requests).isEmpty();
    }

    @Test
    void aFullQueueBlocksTheWriterUntilTheSenderMakesRoom() throws Exception {
        Counts counts = new Counts();
        receiver.hold();
        WebhookSink sink = start(queueOfOne(WebhookSettings.Overflow.BLOCK), counts);
        sink.write(alertLine(1));
        receiver.await(1); // the sender holds line 1, waiting for the receiver
        sink.write(alertLine(2)); // fills the queue

        CountDownLatch written = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try {
                sink.write(alertLine(3));
                written.countDown();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        writer.start();

        assertThat(written.await(300, TimeUnit.MILLISECONDS)).as("the writer waits for room").isFalse();
        assertThat(counts.queueFull.get()).isEqualTo(1);
        receiver.release();
        assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();
        await(() -> counts.delivered.get() == 3);
        assertThat(receiver.requests).extracting(r -> JSON.readTree(r.body()).path("seq").asInt())
                .containsExactly(1, 2, 3);
    }

    @Test
    void aFullQueueFailsTheAuditLogWhenFailClosed() throws Exception {
        Counts counts = new Counts();
        receiver.hold();
        WebhookSink sink = start(queueOfOne(WebhookSettings.Overflow.FAIL_CLOSED), counts);
        sink.write(alertLine(1));
        receiver.await(1);
        sink.write(alertLine(2));

        assertThatThrownBy(() -> sink.write(alertLine(3))).isInstanceOf(IOException.class)
                .hasMessage("audit webhook soc: queue full, 1 deliveries waiting (expected: a receiver that keeps up;"
                        + " overflow fail-closed stops the audit log)");
        assertThat(counts.queueFull.get()).isEqualTo(1);
        receiver.release();
        await(() -> counts.delivered.get() == 2);
    }

    @Test
    void throughTheAuditLogOnlyTheChosenKindsAreSentAndAFailClosedOverflowStopsTheLog() throws Exception {
        Counts counts = new Counts();
        receiver.hold();
        WebhookSettings s = queueOfOne(WebhookSettings.Overflow.FAIL_CLOSED);
        WebhookSink sink = start(new WebhookSettings(s.name(), s.url(), s.format(), s.secretFile(),
                Set.of(WebhookSettings.Kind.ALERTS, WebhookSettings.Kind.BLOCKS), s.timeout(), s.maxAttempts(),
                s.backoffInitial(), s.backoffMax(), 2, s.overflow(), s.caFile()), counts);
        AuditLog log = AuditLog.start(List.of(sink), "synthetic-chain-key-0123456789ab".getBytes(StandardCharsets.US_ASCII), Clock.systemUTC(), AuditMetrics.NONE, 64,
                OverflowPolicy.BLOCK);
        try {
            log.append(request("allowed"));
            log.append(request("redacted"));
            log.append(new TestAlert(Instant.now()));
            log.append(request("blocked"));
            receiver.await(1);
            await(() -> sink.queueDepth() == 1);
            assertThat(receiver.requests).extracting(r -> JSON.readTree(r.body()).path("decision").asText())
                    .containsExactly("alert");
            log.append(request("denied"));
            log.append(new TestAlert(Instant.now())); // the queue of 2 is now full
            await(() -> !log.healthy());
            assertThat(log.failure()).get().asString().contains("audit webhook soc: queue full");
            assertThat(counts.queueFull.get()).isEqualTo(1);
        } finally {
            receiver.release();
            assertThatThrownBy(log::close).hasMessageContaining("queue full");
        }
        receiver.await(3);
        assertThat(receiver.requests).extracting(r -> JSON.readTree(r.body()).path("decision").asText())
                .as("seals, allowed and redacted lines are not sent").containsExactly("alert", "blocked", "denied");
    }

    @Test
    void aReceiverThatIsDownCannotHoldTheAuditLogsCloseAndItsLinesAreCountedAsGivenUp() throws Exception {
        Counts counts = new Counts();
        int queued = 300; // audit records waiting behind the full webhook queue when close() starts
        receiver.hold(); // accepts, never answers: every attempt waits for the 1 s timeout
        WebhookSettings s = queueOfOne(WebhookSettings.Overflow.BLOCK);
        WebhookSink sink = start(new WebhookSettings(s.name(), s.url(), s.format(), s.secretFile(), s.records(),
                Duration.ofSeconds(1), 3, Duration.ofMillis(10), Duration.ofMillis(50), 1, s.overflow(), s.caFile()),
                counts);
        AuditLog log = AuditLog.start(List.of(sink), "synthetic-chain-key-0123456789ab".getBytes(
                StandardCharsets.US_ASCII), Clock.systemUTC(), AuditMetrics.NONE, queued, OverflowPolicy.BLOCK);
        AtomicInteger appended = new AtomicInteger();
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < queued + 8; i++) {
                    log.append(new TestAlert(Instant.now()));
                    appended.incrementAndGet();
                }
            } catch (IllegalStateException | InterruptedException e) {
                // the log closed while this producer waited: the rest is refused, as for a request
            }
        });
        try {
            producer.start();
            // The writer waits on the webhook's queue with hundreds of records in its batch and queue behind it: one
            // line in delivery, one in the webhook's queue, the log's queue full (the producer then waits in append).
            await(() -> appended.get() >= queued + 2 && sink.queueDepth() == 1);

            long start = System.nanoTime();
            log.close(); // without stopWaiting: about 3 s per queued alert; waiting 100 ms per line after it: ~30 s
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(millis).as("close returns within the webhook timeout, not after every delivery").isLessThan(5000);
            producer.join(5000);
            assertThat(producer.isAlive()).isFalse();
            assertThat(appended.get()).isGreaterThanOrEqualTo(queued + 2);
            await(() -> counts.failed.get() == appended.get());
            assertThat(counts.delivered.get()).isZero();
            assertThat(CapturingAppender.all()).contains("queue stayed full while Sieve was stopping");
        } finally {
            receiver.release();
        }
    }

    @Test
    void whenTheAuditWriterFailsTheWebhookIsClosedAndItsThreadEnds() throws Exception {
        WebhookSink sink = start(settings(WebhookSettings.Format.JSON, 1), new Counts());
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
        AuditLog log = AuditLog.start(List.of(broken, sink), "synthetic-chain-key-0123456789ab".getBytes(
                StandardCharsets.US_ASCII), Clock.systemUTC(), AuditMetrics.NONE, 4, OverflowPolicy.BLOCK);
        assertThat(senderAlive()).isTrue();

        log.append(new TestAlert(Instant.now()));

        await(() -> !log.healthy());
        await(() -> !senderAlive());
        assertThatThrownBy(log::close).hasMessageContaining("disk full");
    }

    private static boolean senderAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("sieve-webhook-soc") && t.isAlive());
    }

    @Test
    void neitherTheKeyNorTheUrlPathNorTheBodyReachLogsOrExceptions() throws Exception {
        Counts counts = new Counts();
        receiver.script(500, 400);
        WebhookSink sink = start(settings(WebhookSettings.Format.JSON, 1), counts);
        sink.write(alertLine(1));
        sink.write(alertLine(2));
        await(() -> counts.failed.get() == 1 && counts.rejected.get() == 1);

        Files.writeString(keyFile, "short\n");
        assertThatThrownBy(() -> WebhookSink.start(settings(WebhookSettings.Format.JSON, 1), WebhookMetrics.NONE,
                Clock.systemUTC())).hasMessageContaining("shorter than 16 characters").hasMessageNotContaining("short\n");
        Files.writeString(keyFile, KEY + "\n" + KEY + "\n");
        assertThatThrownBy(() -> WebhookSink.readKey(keyFile)).hasMessageNotContaining(KEY);

        String logs = CapturingAppender.all();
        assertThat(logs).contains("audit webhook soc").doesNotContain(KEY).doesNotContain("synthetic-path-secret")
                .doesNotContain("refused &lt;").doesNotContain("refused <destinations>");
        assertThat(settings(WebhookSettings.Format.JSON, 1).toString()).doesNotContain("synthetic-path-secret");
    }

    @Test
    void decisionIsReadFromTheCanonicalLine() {
        assertThat(WebhookSink.decisionOf(alertLine(1))).isEqualTo("alert");
        assertThat(WebhookSink.decisionOf("{\"v\":1,\"seq\":2,\"time\":\"t\",\"decision\":\"sealed\"}\n"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo("sealed");
        assertThat(WebhookSink.decisionOf("{\"v\":1}\n".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void retryAfterAcceptsSecondsAndDatesAndDelayIsCapped() {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        assertThat(WebhookSink.retryAfter(headers("Retry-After", "7"), now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(WebhookSink.retryAfter(headers("Retry-After", "Fri, 04 Dec 2026 10:00:30 GMT"), now))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(WebhookSink.retryAfter(headers("Retry-After", "soon"), now)).isZero();
        assertThat(WebhookSink.delay(1, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofHours(1)))
                .as("Retry-After is honoured up to backoff.max").isEqualTo(Duration.ofSeconds(10));
        for (int i = 0; i < 50; i++) {
            assertThat(WebhookSink.delay(4, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ZERO))
                    .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
            assertThat(WebhookSink.delay(40, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ZERO))
                    .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        }
    }

    // --- fixtures ---

    /**
     * An alert line in the agreed shape, chained fields included, as the audit writer hands it to a sink (the sink
     * does not check the MAC; the audit verifier does).
     */
    private static byte[] alertLine(long seq) {
        return ("{\"v\":1,\"seq\":" + seq + ",\"time\":\"2026-12-04T10:05:01.500Z\",\"decision\":\"alert\","
                + "\"alert\":\"probing\",\"agentId\":\"agent-7\",\"severity\":\"high\","
                + "\"windowStart\":\"2026-12-04T10:00:00Z\",\"windowEnd\":\"2026-12-04T10:05:00Z\","
                + "\"evidence\":[\"req_a1\",\"req_a2\",\"req_a3\"],\"firstEvidence\":\"2026-12-04T10:05:00Z\","
                + "\"ttdMillis\":1500,\"summary\":\"12 refused <destinations> in 5m\",\"prev\":\"" + "0".repeat(64)
                + "\",\"mac\":\"" + "1".repeat(64) + "\"}\n").getBytes(StandardCharsets.UTF_8);
    }

    /** An alert written through {@link AuditLog#append(AuditEntry)}, as the behaviour detector does. */
    private record TestAlert(Instant time) implements AuditEntry {
        @Override
        public void writeFields(com.fasterxml.jackson.core.JsonGenerator g) throws IOException {
            g.writeStringField("time", time.toString());
            g.writeStringField("decision", "alert");
            g.writeStringField("alert", "volume");
            g.writeStringField("agentId", "agent-2");
            g.writeStringField("severity", "medium");
            g.writeStringField("windowStart", time.minusSeconds(3600).toString());
            g.writeStringField("windowEnd", time.toString());
            g.writeArrayFieldStart("evidence");
            g.writeString("req_b1");
            g.writeEndArray();
            g.writeStringField("firstEvidence", time.minusSeconds(2).toString());
            g.writeNumberField("ttdMillis", 2000);
            g.writeStringField("summary", "uploads 9x the agent's baseline");
        }
    }

    private static AuditRecord request(String decision) {
        boolean refused = decision.equals("blocked") || decision.equals("denied");
        return new AuditRecord(Instant.now(), "req_" + decision, "agent-1", "127.0.0.1:50000", "POST",
                "api.anthropic.com", 443, "/v1/messages", decision, refused ? List.of("us-ssn") : List.of(), List.of(),
                10, refused ? 0 : 10, "rules-1", "enforce", 100);
    }

    private WebhookSettings settings(WebhookSettings.Format format, int maxAttempts) {
        return settings(format, maxAttempts, Duration.ofMillis(10), Duration.ofMillis(100));
    }

    private WebhookSettings settings(WebhookSettings.Format format, int maxAttempts, Duration initial, Duration max) {
        return new WebhookSettings("soc", URI.create("https://127.0.0.1:" + receiver.port() + HOOK_PATH), format,
                Optional.of(keyFile), Set.of(WebhookSettings.Kind.ALERTS), Duration.ofSeconds(5), maxAttempts, initial,
                max, 100, WebhookSettings.Overflow.BLOCK, Optional.of(caFile));
    }

    private WebhookSettings queueOfOne(WebhookSettings.Overflow overflow) {
        WebhookSettings s = settings(WebhookSettings.Format.JSON, 1);
        return new WebhookSettings(s.name(), s.url(), s.format(), s.secretFile(), s.records(), Duration.ofSeconds(20),
                1, s.backoffInitial(), s.backoffMax(), 1, overflow, s.caFile());
    }

    private static WebhookSettings withCaFile(WebhookSettings s, Optional<Path> caFile) {
        return new WebhookSettings(s.name(), s.url(), s.format(), s.secretFile(), s.records(), s.timeout(),
                s.maxAttempts(), s.backoffInitial(), s.backoffMax(), s.queueCapacity(), s.overflow(), caFile);
    }

    private WebhookSink start(WebhookSettings settings, Counts counts) throws IOException {
        WebhookSink sink = WebhookSink.start(settings, counts, Clock.systemUTC());
        sinks.add(sink);
        return sink;
    }

    /** What a receiver does (docs/deploy.md): HMAC-SHA256 over "timestamp.body", compared in constant time. */
    private static boolean verifies(WebhookReceiver.Request r, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            mac.update((r.header("X-Sieve-Timestamp") + ".").getBytes(StandardCharsets.US_ASCII));
            byte[] expected = ("sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body())))
                    .getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, r.header("X-Sieve-Signature").getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static java.net.http.HttpHeaders headers(String name, String value) {
        return java.net.http.HttpHeaders.of(Map.of(name, List.of(value)), (a, b) -> true);
    }

    private static long millisBetween(WebhookReceiver.Request a, WebhookReceiver.Request b) {
        return TimeUnit.NANOSECONDS.toMillis(b.nanos() - a.nanos());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }

    private static final class Counts implements WebhookMetrics {
        final AtomicInteger delivered = new AtomicInteger();
        final AtomicInteger rejected = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger retried = new AtomicInteger();
        final AtomicInteger queueFull = new AtomicInteger();

        @Override
        public void delivered() {
            delivered.incrementAndGet();
        }

        @Override
        public void rejected() {
            rejected.incrementAndGet();
        }

        @Override
        public void failed() {
            failed.incrementAndGet();
        }

        @Override
        public void retried() {
            retried.incrementAndGet();
        }

        @Override
        public void queueFull() {
            queueFull.incrementAndGet();
        }
    }
}
