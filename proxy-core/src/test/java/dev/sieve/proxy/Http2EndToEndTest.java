package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.testing.FakeModelServer;
import dev.sieve.proxy.testing.ProxyTestEnv;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 between the agent and Sieve (ALPN h2 inside an intercepted tunnel), with the JDK HttpClient and curl
 * through a running Sieve with the default rule pack to a local HTTP/1.1 model endpoint: every stream is
 * inspected as one request, with the same verdicts, refusals and audit as over HTTP/1.1.
 */
class Http2EndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SSN = "536-22-8174";

    @TempDir
    static Path dir;

    static ProxyTestEnv env;
    static HttpClient h2;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, "http2: true", null, null);
        h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).proxy(java.net.ProxySelector.of(env.proxy()))
                .sslContext(env.agentTls()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    static String message(String text) {
        return "{\"model\":\"claude-test\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":"
                + JSON.valueToTree(text) + "}]}";
    }

    static HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder().uri(URI.create(env.apiUrl(path))).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").header("x-api-key", "test-key")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void agentNegotiatesH2AndTheRequestReachesTheUpstreamAsHttp11() throws Exception {
        String body = message("hello over h2");
        HttpResponse<String> r = h2.send(post("/v1/messages", body), HttpResponse.BodyHandlers.ofString());

        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(FakeModelServer.MESSAGE_JSON);
        assertThat(r.headers().firstValue("x-sieve-request-id")).get().asString().startsWith("req_");
        FakeModelServer.Received got = env.api.last();
        assertThat(got.bodyText()).isEqualTo(body);
        assertThat(got.header("Host")).isEqualTo("api.sieve.test:" + env.api.port());
        assertThat(got.header("x-api-key")).isEqualTo("test-key");
        assertThat(got.header("Content-Length")).isEqualTo(String.valueOf(body.length()));
        // Nothing of the h2 -> HTTP/1 conversion leaks upstream.
        assertThat(got.headers().keySet()).noneMatch(name -> name.toLowerCase().startsWith("x-http2"));
    }

    @Test
    void getWithoutBodyOverH2() throws Exception {
        HttpResponse<String> r = h2.send(HttpRequest.newBuilder().uri(URI.create(env.apiUrl("/bytes?n=300000")))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).hasSize(300_000);
        assertThat(env.api.last().method()).isEqualTo("GET");
    }

    @Test
    void blockedUploadOverH2GetsTheSameRefusalAndNothingReachesUpstream() throws Exception {
        int before = env.api.received().size();
        HttpResponse<String> r = h2.send(post("/v1/messages", message("File it for Dana Roe, SSN " + SSN)),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("proxy-status")).get().asString()
                .startsWith("sieve; error=http_request_denied");
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertThat(error.get("reason").asText()).isEqualTo("inspection_blocked");
        assertThat(error.get("rules").toString()).contains("pii.us-ssn");
        String requestId = error.get("request_id").asText();
        assertThat(r.body()).doesNotContain(SSN);
        assertThat(env.api.received()).hasSize(before);
        assertThat(env.awaitAuditLine(requestId)).contains("pii.us-ssn").doesNotContain(SSN);
    }

    @Test
    void concurrentStreamsOnOneConnectionOneBlockedTheOthersFine() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String text = i == 3 ? "SSN " + SSN + " for the form" : "question number " + i;
            all.add(h2.sendAsync(post("/v1/messages", message(text)), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < all.size(); i++) {
            HttpResponse<String> r = all.get(i).get();
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(r.statusCode()).as("stream %d", i).isEqualTo(i == 3 ? 403 : 200);
        }
        assertThat(env.api.received()).noneMatch(got -> got.bodyText().contains(SSN));
    }

    @Test
    void sseStreamsOverH2EventByEvent() throws Exception {
        HttpResponse<InputStream> r = h2.send(post("/v1/messages",
                "{\"model\":\"claude-test\",\"max_tokens\":16,\"stream\":true,\"messages\":[]}"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.headers().firstValue("content-type")).contains("text/event-stream");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            // The first event arrives while the upstream still holds the rest back: nothing buffers the response.
            assertThat(in.readLine()).isEqualTo("event: message_start");
            env.api.releaseStream();
            StringBuilder rest = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                rest.append(line).append('\n');
            }
            assertThat(rest.toString()).contains("event: message_stop");
        }
    }

    @Test
    void http2OffKeepsAgentsOnHttp11(@TempDir Path other) throws Exception {
        try (ProxyTestEnv h1only = new ProxyTestEnv(other, "http2: false", null,
                dev.sieve.proxy.inspect.RequestInspector.PASS_THROUGH)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                    .proxy(java.net.ProxySelector.of(h1only.proxy())).sslContext(h1only.agentTls()).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder()
                    .uri(URI.create(h1only.apiUrl("/v1/messages"))).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(message("hi"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        }
    }

    @Test
    void curlHttp2ThroughTheProxy() throws Exception {
        Path ca = dir.resolve("sieve-ca.pem");
        java.nio.file.Files.writeString(ca, env.sieve.ca().certificatePem());
        Process curl = new ProcessBuilder("curl", "-sS", "--http2", "--max-time", "20", "--cacert", ca.toString(),
                "--proxy", "http://127.0.0.1:" + env.proxy().getPort(), "-o", "/dev/null",
                "-w", "%{http_version} %{http_code}", "-H", "content-type: application/json",
                "--data-binary", message("curl over h2"), env.apiUrl("/v1/messages"))
                .redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).as(out).isZero();
        assertThat(out).isEqualTo("2 200");
        assertThat(env.api.last().bodyText()).contains("curl over h2");
    }
}
