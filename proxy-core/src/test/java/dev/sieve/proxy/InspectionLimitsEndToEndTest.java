package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.testing.CapturingAppender;
import dev.sieve.proxy.testing.ProxyTestEnv;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decode limits through a running Sieve: a body over a limit is refused as {@code inspection_failed} naming the
 * configuration key and its value (in the JSON message, {@code Proxy-Status} and the audit record, never the
 * data), and raising the limit in the config file, globally or for the destination, lets the same body through.
 */
class InspectionLimitsEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Request data that must not appear in a refusal, the logs or the audit. */
    static final String MARKER = "marker-7f3a9c21";

    @TempDir
    static Path dir;

    static ProxyTestEnv env;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, "rules: { reloadInterval: 100ms }", null);
        http = env.agentClient();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    /** A model request whose metadata nests {@code depth} arrays. */
    static String nested(int depth) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],\"metadata\":" + "[".repeat(depth)
                + "\"" + MARKER + "\"" + "]".repeat(depth) + "}";
    }

    static HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(env.apiUrl("/v1/messages")))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void raisingALimitLetsThroughWhatTheDefaultBlocksAndRefusalsNameTheKey() throws Exception {
        String original = Files.readString(env.configFile);
        try {
            int before = env.api.received().size();
            HttpResponse<String> refused = post(nested(100));
            assertRefusedFor(refused, "inspection.limits.maxJsonDepth (64) exceeded");
            assertThat(env.api.received()).hasSize(before);

            Files.writeString(env.configFile, original + "inspection: { limits: { maxJsonDepth: 150 } }\n");
            HttpResponse<String> passed = await(() -> post(nested(100)), r -> r.statusCode() == 200);
            assertThat(passed.statusCode()).as(passed.body()).isEqualTo(200);
            assertThat(env.api.last().bodyText()).isEqualTo(nested(100));
            assertRefusedFor(post(nested(200)), "inspection.limits.maxJsonDepth (150) exceeded");

            String entry = "  - { host: api.sieve.test, ports: [" + env.api.port() + "], privateAddresses: true }";
            assertThat(original).contains(entry);
            Files.writeString(env.configFile, original.replace(entry, "  - host: api.sieve.test\n    ports: ["
                    + env.api.port() + "]\n    privateAddresses: true\n    inspection: { limits: { maxJsonDepth: 250 } }"));
            assertThat(await(() -> post(nested(200)), r -> r.statusCode() == 200).statusCode()).isEqualTo(200);
            assertRefusedFor(post(nested(300)), "allow[0].inspection.limits.maxJsonDepth (250) exceeded");
        } finally {
            Files.writeString(env.configFile, original);
        }
    }

    /** 403 {@code inspection_failed} naming the limit in the JSON message, Proxy-Status and audit; no data. */
    static void assertRefusedFor(HttpResponse<String> r, String exceeded) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertThat(error.get("reason").asText()).isEqualTo("inspection_failed");
        assertThat(error.get("message").asText()).contains("json_too_deep: " + exceeded);
        assertThat(r.headers().firstValue("proxy-status")).get().asString()
                .startsWith("sieve; error=http_request_denied").contains("json_too_deep: " + exceeded);
        assertThat(r.body()).doesNotContain(MARKER);
        String requestId = error.get("request_id").asText();
        String record = env.awaitAuditLine("\"requestId\":\"" + requestId + "\"");
        assertThat(JSON.readTree(record).get("reasons").toString())
                .isEqualTo("[\"inspection_failed\",\"json_too_deep\",\"" + exceeded + "\"]");
        assertThat(record).doesNotContain(MARKER);
        assertThat(CapturingAppender.all()).doesNotContain(MARKER).contains(requestId + " refused: inspection_failed");
    }

    interface Call {
        HttpResponse<String> send() throws Exception;
    }

    /** Repeats {@code call} until {@code done} holds (the config watcher polls every 100 ms), at most 10 s. */
    static HttpResponse<String> await(Call call, Predicate<HttpResponse<String>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> r = call.send();
        while (!done.test(r) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = call.send();
        }
        return r;
    }
}
