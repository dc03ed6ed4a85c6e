package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.testing.FakeModelServer;
import dev.sieve.proxy.testing.AnthropicClients;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import dev.sieve.proxy.testing.TestTls;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real clients through a running Sieve to local HTTPS model endpoints, all on 127.0.0.1. */
class ProxyEndToEndTest {
    @TempDir
    static Path dir;

    static ProxyTestEnv env;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, null, RequestInspector.PASS_THROUGH);
        http = HttpClient.newBuilder()
                .proxy(ProxySelector.of(env.proxy()))
                .sslContext(env.agentTls())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void jdkHttpClientReachesAllowlistedEndpointThroughInterceptedTls() throws Exception {
        String body = "{\"model\":\"claude-test\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        int before = env.api.received().size();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder().timeout(Duration.ofSeconds(30)).uri(URI.create(env.apiUrl("/v1/messages")))
                .header("content-type", "application/json")
                .header("x-api-key", "test-key")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(FakeModelServer.MESSAGE_JSON);
        // The agent saw Sieve's leaf for the host, issued by Sieve's CA.
        var leaf = (java.security.cert.X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(env.sieve.ca().certificate().getSubjectX500Principal());
        assertThat(env.api.received()).hasSize(before + 1);
        FakeModelServer.Received received = env.api.last();
        assertThat(received.bodyText()).isEqualTo(body);
        assertThat(received.header("x-api-key")).isEqualTo("test-key");
        assertThat(received.header("Host")).isEqualTo("api.sieve.test:" + env.api.port());
    }

    @Test
    void keepAliveServesManyRequestsAndPoolsUpstreamConnections() throws Exception {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder().timeout(Duration.ofSeconds(30)).uri(URI.create(env.apiUrl("/echo")))
                    .POST(HttpRequest.BodyPublishers.ofString("ping " + i)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("ping " + i);
        }
    }

    @Test
    void curlWithProxyAndCaCert() throws Exception {
        Path caFile = dir.resolve("sieve-ca.pem");
        Files.writeString(caFile, env.sieve.ca().certificatePem());
        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "20",
                "-x", "http://127.0.0.1:" + env.proxy().getPort(), "--cacert", caFile.toString(),
                "-H", "content-type: application/json", "--data", "{\"hello\":\"curl\"}",
                env.apiUrl("/echo"))
                .redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as(out).isZero();
        assertThat(out).isEqualTo("{\"hello\":\"curl\"}");
    }

    @Test
    void curlOfferingHttp2GetsH2ThroughTheInterceptedTunnel() throws Exception {
        Path caFile = dir.resolve("sieve-ca-h2.pem");
        Files.writeString(caFile, env.sieve.ca().certificatePem());
        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "20", "--http2", "-o", "/dev/null",
                "-w", "%{http_version} %{http_code}", "-x", "http://127.0.0.1:" + env.proxy().getPort(),
                "--cacert", caFile.toString(), env.apiUrl("/echo"))
                .redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("2 200"); // proxy.http2 is on by default
    }

    @Test
    void anthropicSdkCallsMessagesThroughSieve() throws Exception {
        AnthropicClient client = anthropic();
        try {
            Message message = client.messages().create(MessageCreateParams.builder()
                    .model("claude-test").maxTokens(16).addUserMessage("hi").build());
            assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("hello from upstream");
        } finally {
            client.close();
        }
        FakeModelServer.Received received = env.api.last();
        assertThat(received.uri()).isEqualTo("/v1/messages");
        // The SDK's own credential reaches the upstream untouched (this SDK version sends it as a bearer token).
        assertThat(received.header("Authorization")).isEqualTo("Bearer sk-ant-test-not-a-real-key");
    }

    @Test
    void anthropicSdkStreamingGetsFirstEventBeforeUpstreamSendsTheLast() throws Exception {
        AnthropicClient client = anthropic();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
                        MessageCreateParams.builder().model("claude-test").maxTokens(16)
                                .addUserMessage("stream please").build())) {
            Iterator<RawMessageStreamEvent> events = stream.stream().iterator();
            // The upstream holds the rest of the stream until we release it: this event came through alone.
            RawMessageStreamEvent first = events.next();
            assertThat(first.isMessageStart()).isTrue();
            env.api.releaseStream();
            StringBuilder text = new StringBuilder();
            events.forEachRemaining(e -> e.contentBlockDelta()
                    .flatMap(d -> d.delta().text()).ifPresent(t -> text.append(t.text())));
            assertThat(text.toString()).isEqualTo("hello streamed");
        } finally {
            client.close();
        }
    }

    private AnthropicClient anthropic() throws Exception {
        return AnthropicClients.through(env, env.apiUrl(""), "sk-ant-test-not-a-real-key");
    }

    @Test
    void plainHttpIsForwardedOnlyWhereTheEntryAllowsIt() throws Exception {
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder().timeout(Duration.ofSeconds(30)).uri(
                URI.create("http://plain.sieve.test:" + env.plain.port() + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("plain body")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("plain body");
        assertThat(env.plain.last().header("Host")).isEqualTo("plain.sieve.test:" + env.plain.port());

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder().timeout(Duration.ofSeconds(30)).uri(
                URI.create("http://api.sieve.test:" + env.api.port() + "/echo")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("proxy-status")).get().asString()
                .contains("error=http_request_denied").contains("plain_http_not_allowed");
        assertThat(refused.body()).contains("\"type\":\"error\"").contains("\"reason\":\"plain_http_not_allowed\"");
    }

    @Test
    void passthroughTunnelRelaysTlsEndToEnd() throws Exception {
        HttpClient direct = HttpClient.newBuilder().proxy(ProxySelector.of(env.proxy()))
                .sslContext(TestTls.clientContext(env.upstreamCa.certificate())).build();
        HttpResponse<String> r = direct.send(HttpRequest.newBuilder().timeout(Duration.ofSeconds(30)).uri(
                URI.create("https://pinned.sieve.test:" + env.pinned.port() + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("pinned")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("pinned");
        // The agent saw the upstream's own certificate: Sieve did not intercept.
        var leaf = (java.security.cert.X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(env.upstreamCa.certificate().getSubjectX500Principal());
    }

    @Test
    void passthroughTunnelClosesWhenSniDoesNotMatch() throws Exception {
        int before = env.pinned.received().size();
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect("pinned.sieve.test:" + env.pinned.port()).status()).isEqualTo(200);
            assertThatThrownBy(() -> c.startTls(TestTls.clientContext(env.upstreamCa.certificate()),
                    "api.sieve.test", "pinned.sieve.test", env.pinned.port()))
                    .isInstanceOf(java.io.IOException.class);
        }
        assertThat(env.pinned.received()).hasSize(before);
    }

    @Test
    void slowReaderOfHugeResponseKeepsDirectMemoryBounded() throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect("api.sieve.test:" + env.api.port()).status()).isEqualTo(200);
            c.startTls(env.agentTls(), "api.sieve.test", "api.sieve.test", env.api.port());
            assertStopsReadingWithBoundedMemory(c, "api.sieve.test:" + env.api.port());
        }
    }

    @Test
    void slowReaderInPassthroughTunnelKeepsDirectMemoryBounded() throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect("pinned.sieve.test:" + env.pinned.port()).status()).isEqualTo(200);
            c.startTls(TestTls.clientContext(env.upstreamCa.certificate()), "pinned.sieve.test", "pinned.sieve.test",
                    env.pinned.port());
            assertStopsReadingWithBoundedMemory(c, "pinned.sieve.test:" + env.pinned.port());
        }
    }

    /** Asks for 128 MiB, stops reading, checks what Sieve holds meanwhile, then reads the rest. */
    private static void assertStopsReadingWithBoundedMemory(RawClient c, String host) throws Exception {
        long size = 128L * 1024 * 1024;
        c.send("GET /bytes?n=" + size + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        InputStream in = c.input();
        byte[] buf = new byte[64 * 1024];
        assertThat(in.read(buf)).isPositive();
        // The agent stops reading; the upstream would happily send all of it.
        Thread.sleep(3000);
        // The allocator the channels use (Netty 4.2: adaptive) holds what is in flight.
        var metric = ((io.netty.buffer.ByteBufAllocatorMetricProvider) io.netty.buffer.ByteBufAllocator.DEFAULT)
                .metric();
        long used = metric.usedDirectMemory() + metric.usedHeapMemory();
        // Bounded means far below the 128 MiB response: the allocator counts whole chunks, and on a loaded
        // machine a few more of them are in flight before backpressure stops the upstream read (12.2 MiB seen
        // on two busy cores); without backpressure this is the whole response.
        assertThat(used).isLessThan(24L * 1024 * 1024);
        long total = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int n;
        while (total < size && (n = in.read(buf)) > 0 && System.nanoTime() < deadline) {
            total += n;
        }
        // Headers and chunk framing are part of what was read; the payload is all there.
        assertThat(total).isGreaterThan(size);
    }
}
