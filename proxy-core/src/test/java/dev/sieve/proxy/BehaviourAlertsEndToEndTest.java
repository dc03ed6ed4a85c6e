package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.audit.AuditKeys;
import dev.sieve.proxy.audit.AuditVerification;
import dev.sieve.proxy.audit.AuditVerifier;
import dev.sieve.proxy.testing.Agents;
import dev.sieve.proxy.testing.CapturingAppender;
import dev.sieve.proxy.testing.MetricsScrape;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour alerts from a running Sieve with the default rule pack: one agent probes refused destinations, one
 * re-sends a blocked secret, one uploads large bodies, one uses a destination for the first time. Each alert is an
 * {@code alert} line in the audit chain naming the agent and exactly the requests that made it, the chain still
 * verifies, the metrics moved, and no secret reached the audit or the logs.
 */
class BehaviourAlertsEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SSN = "536-22-8174";
    static final Pattern REQUEST_ID = Pattern.compile("\"request_id\":\"(req_[0-9a-f]{24})\"");

    @TempDir
    static Path dir;

    static ProxyTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, Agents.tokensYaml(List.of("prober", "repeater", "uploader", "newcomer"))
                + "alerts:\n"
                + "  volume: { largeUploadBytes: 4KiB, largeUploadsPerHour: 2 }\n"
                + "  probing: { refusedDestinations: 3, sameRuleBlocks: 2 }\n"
                + "  newDestinations: { warmUp: 0s }\n", null);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    /** A POST to the fake model endpoint as {@code agent}; returns the request id Sieve gave it. */
    static String post(String agent, String body, int status) throws Exception {
        try (RawClient c = Agents.tunnel(env, agent, null)) {
            RawClient.Response r = c.request(Agents.postHead(env, "Content-Type: application/json\r\n"
                    + "Content-Length: " + body.length()) + body);
            assertThat(r.status()).isEqualTo(status);
            String id = r.header("x-sieve-request-id");
            if (id == null) {
                Matcher m = REQUEST_ID.matcher(r.body());
                assertThat(m.find()).as("request id in %s", r.body()).isTrue();
                id = m.group(1);
            }
            return id;
        }
    }

    static String message(String text) {
        return "{\"model\":\"m\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    /** The alert line of {@code agent} and {@code kind}, once written. */
    static JsonNode alert(String agent, String kind) throws Exception {
        String line = env.awaitAuditLine("\"decision\":\"alert\",\"alert\":\"" + kind + "\",\"agentId\":\"" + agent
                + "\"");
        return JSON.readTree(line);
    }

    static List<String> evidence(JsonNode alert) {
        List<String> ids = new ArrayList<>();
        alert.get("evidence").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    @Test
    void probingRefusedDestinationsAlertsWithTheRefusedRequestsAsEvidence() throws Exception {
        List<String> refused = new ArrayList<>();
        for (String host : List.of("a.probe.example", "b.probe.example", "c.probe.example")) {
            try (RawClient c = new RawClient(env.proxy())) {
                // Port 8443: a plain CONNECT 403 (on 443 the refusal is explained inside the tunnel).
                RawClient.Response r = c.connect(host + ":8443", Agents.credentials("prober"));
                assertThat(r.status()).isEqualTo(403);
                Matcher m = REQUEST_ID.matcher(r.body());
                assertThat(m.find()).isTrue();
                refused.add(m.group(1));
            }
        }
        JsonNode alert = alert("prober", "probing");
        assertThat(evidence(alert)).containsExactlyElementsOf(refused);
        assertThat(alert.get("severity").asText()).isEqualTo("medium");
        assertThat(alert.get("summary").asText()).isEqualTo("3 distinct refused destinations in 600s");
        assertThat(alert.get("ttdMillis").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(alert.toString()).doesNotContain("probe.example");
    }

    @Test
    void aBlockedSecretSentAgainAlertsAsProbingOfTheSameRule() throws Exception {
        String first = post("repeater", message("SSN " + SSN), 403);
        String second = post("repeater", message("again: SSN " + SSN), 403);
        JsonNode alert = alert("repeater", "probing");
        assertThat(evidence(alert)).containsExactly(first, second);
        assertThat(alert.get("severity").asText()).isEqualTo("high");
        assertThat(alert.get("summary").asText()).isEqualTo("2 requests blocked by rule pii.us-ssn in 600s");
        assertThat(env.auditText()).doesNotContain(SSN);
        assertThat(CapturingAppender.all()).doesNotContain(SSN);
    }

    @Test
    void largeUploadsAlertAsVolumeWithBothUploadsAsEvidence() throws Exception {
        String body = message("x".repeat(5000));
        String first = post("uploader", body, 200);
        String second = post("uploader", body, 200);
        JsonNode alert = alert("uploader", "volume");
        assertThat(evidence(alert)).containsExactly(first, second);
        assertThat(alert.get("severity").asText()).isEqualTo("medium");
        assertThat(alert.get("summary").asText()).isEqualTo("2 uploads of at least 4096 bytes in 1h");
        // Time to detect: from the first upload's audit time to the alert's.
        JsonNode firstRecord = JSON.readTree(env.awaitAuditLine("\"requestId\":\"" + first + "\""));
        assertThat(alert.get("firstEvidence").asText()).isEqualTo(firstRecord.get("time").asText());
        assertThat(alert.get("ttdMillis").asLong()).isEqualTo(java.time.Duration.between(
                java.time.Instant.parse(alert.get("firstEvidence").asText()),
                java.time.Instant.parse(alert.get("time").asText())).toMillis());
    }

    @Test
    void aFirstUseAlertsOnceTheChainVerifiesAndTheMetricsMoved() throws Exception {
        String first = post("newcomer", message("hello"), 200);
        post("newcomer", message("hello again"), 200);
        JsonNode alert = alert("newcomer", "new_destination");
        assertThat(evidence(alert)).containsExactly(first);
        assertThat(alert.get("summary").asText()).isEqualTo("first use of api.sieve.test:" + env.api.port());
        assertThat(alert.get("windowStart").asText()).isEqualTo(alert.get("firstEvidence").asText());
        long lines = env.auditText().lines()
                .filter(l -> l.contains("\"alert\":\"new_destination\",\"agentId\":\"newcomer\"")).count();
        assertThat(lines).as("one alert, not one per request").isEqualTo(1);

        MetricsScrape scrape = MetricsScrape.parse(Agents.metrics(env).scrape());
        assertThat(scrape.value("sieve_alerts_total{kind=\"new_destination\",severity=\"low\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.total("sieve_alert_time_to_detect_seconds")).isGreaterThanOrEqualTo(1);

        byte[] key = AuditKeys.load(dir.resolve("data").resolve("audit.key"));
        List<Path> files;
        try (Stream<Path> list = Files.list(env.auditDir())) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
        AuditVerification verification = AuditVerifier.verify(files, key);
        assertThat(verification.ok()).as(verification.describe()).isTrue();
    }
}
