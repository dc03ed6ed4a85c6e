package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.testing.FakeModelServer;
import dev.sieve.proxy.testing.ProxyTestEnv;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every response that passed through inspection carries {@code X-Sieve-Request-Id}, the id of its audit record:
 * forwarded as received, redacted, over plain HTTP; an upstream cannot put its own id there.
 */
class RequestIdEndToEndTest {
    @TempDir
    static Path dir;

    static ProxyTestEnv env;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("rules.yaml"), """
                rules:
                  - id: test.zebra
                    name: Zebra
                    category: source-code
                    severity: medium
                    action: redact
                    patterns: ['\\bPROJECT-ZEBRA\\b']
                    tests:
                      match: ['about PROJECT-ZEBRA']
                      no_match: ['project zebra']
                """);
        env = new ProxyTestEnv(dir, "rules: { dir: " + rules + ", builtin: false, engine: java }", null);
        http = env.agentClient();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The response's one request id, which names one audit record with {@code decision}. */
    private static String assertAudited(HttpResponse<String> r, String decision) throws Exception {
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> ids = r.headers().allValues("x-sieve-request-id");
        assertThat(ids).hasSize(1);
        String id = ids.get(0);
        assertThat(id).matches("req_[0-9a-f]{24}");
        assertThat(env.awaitAuditLine("\"" + id + "\"")).contains("\"decision\":\"" + decision + "\"");
        return id;
    }

    @Test
    void aForwardedResponseInsideTheTunnelNamesItsAuditRecord() throws Exception {
        HttpResponse<String> r = post(env.apiUrl("/echo"), "an ordinary prompt");
        assertThat(r.body()).isEqualTo("an ordinary prompt");
        assertAudited(r, "allowed");
    }

    @Test
    void aRedactedRequestsResponseNamesItsAuditRecord() throws Exception {
        HttpResponse<String> r = post(env.apiUrl("/echo"), "notes on PROJECT-ZEBRA");
        assertThat(r.body()).doesNotContain("PROJECT-ZEBRA");
        assertAudited(r, "redacted");
    }

    @Test
    void aPlainHttpResponseNamesItsAuditRecord() throws Exception {
        assertAudited(post("http://plain.sieve.test:" + env.plain.port() + "/echo", "plain body"), "allowed");
    }

    @Test
    void theUpstreamCannotSetTheRequestId() throws Exception {
        HttpResponse<String> r = post(env.apiUrl("/spoofed-id"), "{}");
        assertThat(assertAudited(r, "allowed")).isNotEqualTo(FakeModelServer.SPOOFED_REQUEST_ID);
    }
}
