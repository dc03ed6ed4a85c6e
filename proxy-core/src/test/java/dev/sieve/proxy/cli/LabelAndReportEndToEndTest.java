package dev.sieve.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.testing.ProxyTestEnv;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labels and the report against a real Sieve: {@code sieve audit label} through the admin API while Sieve runs, the
 * offline mode refused while Sieve holds the audit directory and accepted once it stopped, the chain still verifying
 * sealed afterwards, and {@code sieve report} counting the labelled block.
 */
class LabelAndReportEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void labelOnlineThenOfflineThenReport() throws Exception {
        ProxyTestEnv env = new ProxyTestEnv(dir, "", null);
        String config = env.configFile.toString();
        String allowedId;
        String blockedId;
        try {
            HttpClient http = env.agentClient();
            allowedId = send(env, http, "hello", 200);
            blockedId = send(env, http, "ssn 536-22-8174", 403);
            env.awaitAuditLine(blockedId);

            CliRun online = CliRun.run("audit", "label", blockedId, "false-positive", "--note", "test fixture",
                    "--config", config, "--admin", "http://127.0.0.1:" + env.admin().getPort());
            assertThat(online.exit()).as(online.err()).isZero();
            assertThat(online.out()).contains("labelled " + blockedId + " false-positive (actor admin@127.0.0.1)");
            assertThat(env.awaitAuditLine("\"decision\":\"label\"")).contains("\"requestId\":\"" + blockedId + "\"")
                    .contains("\"note\":\"test fixture\"");

            CliRun refused = CliRun.run("audit", "label", allowedId, "confirmed", "--offline", "--config", config);
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("in use by another writer");

            CliRun badLabel = CliRun.run("audit", "label", allowedId, "benign", "--config", config, "--admin",
                    "http://127.0.0.1:" + env.admin().getPort());
            assertThat(badLabel.exit()).isEqualTo(2);
            assertThat(badLabel.err()).contains("label: benign (expected: false-positive or confirmed)");
        } finally {
            env.close();
        }

        CliRun down = CliRun.run("audit", "label", allowedId, "confirmed", "--config", config, "--admin",
                "http://127.0.0.1:1");
        assertThat(down.exit()).isEqualTo(2);
        assertThat(down.err()).contains("not reachable").contains("--offline");

        CliRun offline = CliRun.run("audit", "label", allowedId, "confirmed", "--offline", "--config", config);
        assertThat(offline.exit()).as(offline.err()).isZero();
        assertThat(offline.out()).contains("(offline, actor cli@");

        Path auditDir = env.auditDir();
        CliRun verify = CliRun.run("audit", "verify", "--sealed", "--config", config, auditDir.toString());
        assertThat(verify.exit()).as(verify.err()).isZero();
        // The offline run's seal is signed with Sieve's key too: a third party with the public key alone verifies it.
        CliRun pub = CliRun.run("audit", "pubkey", "--config", config);
        assertThat(pub.exit()).as(pub.err()).isZero();
        Path pem = Files.writeString(dir.resolve("audit-signing.pub"), pub.out());
        CliRun publicOnly = CliRun.run("audit", "verify", "--sealed", "--public-key", pem.toString(),
                auditDir.toString());
        assertThat(publicOnly.exit()).as(publicOnly.out() + publicOnly.err()).isZero();

        CliRun report = CliRun.run("report", "--config", config, "--since", "1h", "--format", "json", "--verify");
        assertThat(report.exit()).as(report.err()).isZero();
        JsonNode json = JSON.readTree(report.out());
        assertThat(json.path("chain").path("verified").asBoolean()).isTrue();
        assertThat(json.path("totals").path("requests").asLong()).isEqualTo(2);
        assertThat(json.path("totals").path("sessions").asLong()).isEqualTo(1);
        assertThat(json.path("totals").path("decisions").path("blocked").asLong()).isEqualTo(1);
        assertThat(json.path("kpis").path("blockedPer1000Sessions").asDouble()).isEqualTo(1000.0);
        assertThat(json.path("kpis").path("labelledBlocks").asLong()).isEqualTo(1);
        assertThat(json.path("kpis").path("falsePositiveShare").asDouble()).isEqualTo(1.0);
        assertThat(json.path("unmatchedLabels")).isEmpty();

        Path html = dir.resolve("report.html");
        CliRun file = CliRun.run("report", auditDir.toString(), "--since", "1h", "--format", "html", "--out",
                html.toString());
        assertThat(file.exit()).as(file.err()).isZero();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("Audit chain not verified");

        CliRun badSince = CliRun.run("report", auditDir.toString(), "--since", "last week");
        assertThat(badSince.exit()).isEqualTo(2);
        assertThat(badSince.err()).contains("--since: last week (expected: a duration such as 7d");
    }

    /** Sends one message and returns its request id. */
    private static String send(ProxyTestEnv env, HttpClient http, String text, int status) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(env.apiUrl("/v1/messages")))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"" + text
                        + "\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(status);
        return r.headers().firstValue("x-sieve-request-id").orElseThrow();
    }
}
