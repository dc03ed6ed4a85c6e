package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.testing.BudgetAgent;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import dev.sieve.proxy.testing.WebhookReceiver;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Sieve with an audit webhook (records: blocks) to a real HTTPS receiver on 127.0.0.1: a refused request
 * reaches the receiver as the audit line holds it, signed; a receiver that keeps failing is given up on, shown in
 * /readyz details while Sieve stays ready.
 */
class WebhookEndToEndTest {
    /** A synthetic key (not a secret of anything). */
    private static final String KEY = "synthetic-webhook-key-e2e-0123456789";

    @TempDir
    Path dir;

    @Test
    void aRefusalReachesTheReceiverSignedAndAFailingReceiverIsADetailNotAnOutage() throws Exception {
        Path key = Files.writeString(dir.resolve("webhook.key"), KEY + "\n");
        try (WebhookReceiver receiver = new WebhookReceiver(dir.resolve("hook-ca"));
                ProxyTestEnv env = new ProxyTestEnv(dir.resolve("sieve"), "", "audit:\n  webhooks:\n"
                        + "    - { name: soc, url: \"https://127.0.0.1:" + receiver.port() + "/hook\", secretFile: "
                        + key + ", caFile: " + receiver.caFile() + ", records: [blocks], maxAttempts: 2,"
                        + " backoff: { initial: 10ms, max: 20ms } }",
                        "- { host: 127.0.0.1, ports: [" + receiver.port() + "], privateAddresses: true }", null)) {
            try (RawClient c = new RawClient(env.proxy())) {
                assertThat(c.connect("evil.example.com:8443").status()).isEqualTo(403);
            }

            WebhookReceiver.Request delivery = receiver.await(1).get(0);
            assertThat(delivery.path()).isEqualTo("/hook");
            assertThat(signatureVerifies(delivery)).isTrue();
            JsonNode body = new ObjectMapper().readTree(delivery.body());
            assertThat(body.path("decision").asText()).isEqualTo("denied");
            assertThat(body.path("host").asText()).isEqualTo("evil.example.com");
            JsonNode line = new ObjectMapper().readTree(env.awaitAuditLine("\"seq\":" + body.path("seq").asLong()
                    + ","));
            assertThat(line.path("requestId").asText()).as("the audit line the body was made from")
                    .isEqualTo(body.path("requestId").asText());
            assertThat(BudgetAgent.admin(env, "/readyz").body()).doesNotContain("webhook");

            receiver.defaultStatus = 500;
            try (RawClient c = new RawClient(env.proxy())) {
                assertThat(c.connect("evil.example.com:8443").status()).isEqualTo(403);
            }
            HttpResponse<String> ready = BudgetAgent.awaitReadyz(env, b -> b.contains("given up"));
            assertThat(ready.statusCode()).as("a dead webhook does not take Sieve out of service").isEqualTo(200);
            assertThat(ready.body()).contains("webhook soc: delivery").contains("given up after 2 attempts (HTTP 500)")
                    .doesNotContain(KEY);
            assertThat(receiver.requests).hasSize(3);
            assertThat(BudgetAgent.metric(env, "sieve_audit_webhook_deliveries_total{outcome=\"failed\",webhook=\"soc\"}"))
                    .isEqualTo(1);
            assertThat(BudgetAgent.metric(env,
                    "sieve_audit_webhook_deliveries_total{outcome=\"delivered\",webhook=\"soc\"}")).isEqualTo(1);
        }
    }

    /** As docs/deploy.md tells a receiver: HMAC-SHA256 over "timestamp.body", compared in constant time. */
    private static boolean signatureVerifies(WebhookReceiver.Request r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        mac.update((r.header("X-Sieve-Timestamp") + ".").getBytes(StandardCharsets.US_ASCII));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body()));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                r.header("X-Sieve-Signature").getBytes(StandardCharsets.US_ASCII));
    }
}
