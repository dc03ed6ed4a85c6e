package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.certs.CertificateAuthority;
import dev.sieve.proxy.testing.FakeModelServer;
import dev.sieve.proxy.testing.H2Upstream;
import dev.sieve.proxy.testing.MetricsScrape;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import dev.sieve.proxy.testing.Synthetic;
import dev.sieve.proxy.testing.TestTls;
import java.io.BufferedReader;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 toward the upstream ({@code upstream.http2}, on by default): a running Sieve with the default rule pack, real
 * agents (the JDK HttpClient over HTTP/1.1 and over h2, a raw socket) and local h2-only upstreams ({@link H2Upstream},
 * TLS from the upstream test CA) that count their TCP connections. Every upstream below is {@code h2.sieve.test} on
 * its own port, so each test has its own connections. One event-loop thread, so that every agent connection shares
 * the same upstream pool.
 */
class Http2UpstreamEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SSN = Synthetic.ssn(1317);

    @TempDir
    static Path dir;

    static H2Upstream main;
    static H2Upstream shared;
    static H2Upstream small;
    static H2Upstream goAway;
    static H2Upstream resets;
    static H2Upstream large;
    static H2Upstream refusing;
    static H2Upstream dropping;
    static H2Upstream counted;
    static ProxyTestEnv env;
    static HttpClient h1;
    static HttpClient h2;

    @BeforeAll
    static void start() throws Exception {
        // The same directory ProxyTestEnv takes its upstream CA from: these servers' leaves are trusted by Sieve.
        CertificateAuthority ca = TestTls.newCa(dir.resolve("upstream-ca"));
        main = new H2Upstream(ca, "h2.sieve.test", 1000);
        shared = new H2Upstream(ca, "h2.sieve.test", 1000);
        small = new H2Upstream(ca, "h2.sieve.test", 2);
        goAway = new H2Upstream(ca, "h2.sieve.test", 1000);
        resets = new H2Upstream(ca, "h2.sieve.test", 1000);
        large = new H2Upstream(ca, "h2.sieve.test", 1000);
        refusing = new H2Upstream(ca, "h2.sieve.test", 1000);
        dropping = new H2Upstream(ca, "h2.sieve.test", 1000);
        counted = new H2Upstream(ca, "h2.sieve.test", 1000);
        String ports = List.of(main, shared, small, goAway, resets, large, refusing, dropping, counted).stream()
                .map(s -> String.valueOf(s.port())).reduce((a, b) -> a + ", " + b).orElseThrow();
        env = new ProxyTestEnv(dir, "http2: true\nworkerThreads: 1", null,
                "- { host: h2.sieve.test, ports: [" + ports + "], privateAddresses: true }", null);
        h1 = client(HttpClient.Version.HTTP_1_1);
        h2 = client(HttpClient.Version.HTTP_2);
    }

    static HttpClient client(HttpClient.Version version) throws Exception {
        return HttpClient.newBuilder().version(version).proxy(java.net.ProxySelector.of(env.proxy()))
                .sslContext(env.agentTls()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        env.close();
        for (H2Upstream s : List.of(main, shared, small, goAway, resets, large, refusing, dropping, counted)) {
            s.close();
        }
    }

    static URI url(H2Upstream server, String path) {
        return URI.create("https://h2.sieve.test:" + server.port() + path);
    }

    static HttpRequest post(H2Upstream server, String path, String body) {
        return HttpRequest.newBuilder().uri(url(server, path)).timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static HttpRequest get(H2Upstream server, String path) {
        return HttpRequest.newBuilder().uri(url(server, path)).timeout(Duration.ofSeconds(20)).GET().build();
    }

    static String message(String text) {
        return "{\"model\":\"claude-test\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":"
                + JSON.valueToTree(text) + "}]}";
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void agentOverHttp11ReachesAnH2UpstreamWithoutConnectionSpecificHeaders() throws Exception {
        String body = message("hello over an h2 upstream");
        HttpResponse<String> r = h1.send(post(main, "/echo", body), HttpResponse.BodyHandlers.ofString());

        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.headers().firstValue("x-sieve-request-id")).get().asString().startsWith("req_");
        // Nothing of the h2 -> HTTP/1 conversion reaches the agent.
        assertThat(r.headers().map().keySet()).noneMatch(name -> name.startsWith("x-http2"));
        H2Upstream.Received got = main.received().get(main.received().size() - 1);
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.path()).isEqualTo("/echo");
        assertThat(got.body()).isEqualTo(body);
        assertThat(got.headers().get("host")).isEqualTo("h2.sieve.test:" + main.port()); // from :authority
        assertThat(got.headers().get("x-http2-scheme")).isEqualTo("https");
        assertThat(got.headers()).doesNotContainKeys("connection", "keep-alive", "proxy-connection", "te",
                "transfer-encoding", "upgrade", "proxy-authorization");
    }

    @Test
    void agentOverH2ReachesAnH2Upstream() throws Exception {
        String body = message("h2 on both sides");
        HttpResponse<String> r = h2.send(post(main, "/echo", body), HttpResponse.BodyHandlers.ofString());

        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(body);
        assertThat(main.received()).anySatisfy(got -> assertThat(got.body()).isEqualTo(body));
    }

    @Test
    void aPlantedSecretIsBlockedWithTheSameVerdictFromEitherAgentAndNothingReachesTheH2Upstream() throws Exception {
        for (HttpClient agent : List.of(h1, h2)) {
            int streams = main.streams();
            HttpResponse<String> r = agent.send(post(main, "/echo", message("File it for Dana Roe, SSN " + SSN)),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.headers().firstValue("proxy-status")).get().asString()
                    .startsWith("sieve; error=http_request_denied");
            JsonNode error = JSON.readTree(r.body()).get("error");
            assertThat(error.get("reason").asText()).isEqualTo("inspection_blocked");
            assertThat(error.get("rules").toString()).contains("pii.us-ssn");
            assertThat(r.body()).doesNotContain(SSN);
            assertThat(main.streams()).isEqualTo(streams);
        }
        assertThat(main.received()).noneMatch(got -> got.body().contains(SSN));
    }

    @Test
    void concurrentRequestsFromBothAgentsShareOneUpstreamConnection() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            HttpClient agent = i % 2 == 0 ? h1 : h2;
            all.add(agent.sendAsync(get(shared, "/hold"), HttpResponse.BodyHandlers.ofString()));
        }
        await(() -> shared.heldCount() == 12, "12 requests held by the upstream at once");
        shared.releaseHeld();
        for (CompletableFuture<HttpResponse<String>> f : all) {
            HttpResponse<String> r = f.get(20, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("released");
        }
        assertThat(shared.streams()).isEqualTo(12);
        assertThat(shared.connections()).isEqualTo(1);
    }

    @Test
    void moreRequestsThanThePeersMaxConcurrentStreamsOpenASecondConnection() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.add(h1.sendAsync(get(small, "/hold"), HttpResponse.BodyHandlers.ofString()));
        }
        await(() -> small.heldCount() == 4, "4 requests held by an upstream that takes 2 streams a connection");
        assertThat(small.connections()).isEqualTo(2);
        small.releaseHeld();
        for (CompletableFuture<HttpResponse<String>> f : all) {
            assertThat(f.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anUpstreamOfferingOnlyHttp11StillWorks() throws Exception {
        HttpResponse<String> r = h2.send(HttpRequest.newBuilder().uri(URI.create(env.apiUrl("/v1/messages")))
                .timeout(Duration.ofSeconds(20)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(message("to an HTTP/1.1 upstream"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(FakeModelServer.MESSAGE_JSON);
        assertThat(env.api.last().bodyText()).contains("to an HTTP/1.1 upstream");
    }

    @Test
    void afterGoAwayNewRequestsGoToANewConnection() throws Exception {
        assertThat(h1.send(get(goAway, "/goaway"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("bye");
        assertThat(goAway.connections()).isEqualTo(1);

        for (HttpClient agent : List.of(h1, h2)) {
            HttpResponse<String> r = agent.send(post(goAway, "/echo", "{\"after\":\"goaway\"}"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"after\":\"goaway\"}");
        }
        assertThat(goAway.connections()).isEqualTo(2);
    }

    @Test
    void aStreamResetMidResponseEndsOnlyThatExchange() throws Exception {
        CompletableFuture<HttpResponse<String>> other = h1.sendAsync(get(resets, "/hold"),
                HttpResponse.BodyHandlers.ofString());
        await(() -> resets.heldCount() == 1, "a request held on the upstream connection");

        for (HttpClient agent : List.of(h1, h2)) {
            assertThatThrownBy(() -> agent.send(get(resets, "/reset"), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }

        resets.releaseHeld();
        HttpResponse<String> r = other.get(20, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("released");
        assertThat(resets.connections()).isEqualTo(1);
        assertThat(h1.send(post(resets, "/echo", "{}"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{}");
    }

    @Test
    void aRefusedStreamIsRetriedOnceEvenForAPost() throws Exception {
        HttpResponse<String> r = h1.send(post(refusing, "/refuse-once", "{\"n\":1}"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"n\":1}");
        assertThat(refusing.refusedCount()).isEqualTo(2); // refused once, then answered
        assertThat(refusing.received()).hasSize(2);
    }

    @Test
    void aLostConnectionEndsItsStreamsWith502AndTheNextRequestGetsANewConnection() throws Exception {
        CompletableFuture<HttpResponse<String>> inFlight = h2.sendAsync(post(dropping, "/hold", "{}"),
                HttpResponse.BodyHandlers.ofString());
        await(() -> dropping.heldCount() == 1, "a request held on the upstream connection");

        HttpResponse<String> dropped = h1.send(post(dropping, "/drop", "{}"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> other = inFlight.get(20, TimeUnit.SECONDS);
        for (HttpResponse<String> r : List.of(dropped, other)) {
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.headers().firstValue("proxy-status")).get().asString()
                    .startsWith("sieve; error=http_response_incomplete");
        }
        assertThat(dropping.connections()).isEqualTo(1);

        HttpResponse<String> next = h1.send(post(dropping, "/echo", "{\"next\":1}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(dropping.connections()).isEqualTo(2);
    }

    @Test
    void upstreamConnectionsAreCountedByProtocol() throws Exception {
        MetricsScrape before = scrape();
        for (int i = 0; i < 3; i++) {
            assertThat(h1.send(post(counted, "/echo", "{}"), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> plain = h1.send(HttpRequest.newBuilder()
                .uri(URI.create("http://plain.sieve.test:" + env.plain.port() + "/echo")).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("plain")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(200);
        MetricsScrape after = scrape();

        String h2Series = "sieve_upstream_connections_total{protocol=\"h2\"}";
        String h1Series = "sieve_upstream_connections_total{protocol=\"http/1.1\"}";
        assertThat(after.value(h2Series) - before.value(h2Series)).isEqualTo(1); // three requests, one connection
        assertThat(after.value(h1Series) - before.value(h1Series)).isGreaterThanOrEqualTo(1);
        assertThat(counted.connections()).isEqualTo(1);
    }

    static MetricsScrape scrape() {
        return MetricsScrape.parse(env.sieve.enforcement().operations().metrics().scrape());
    }

    @Test
    void sseOverAnH2UpstreamArrivesEventByEvent() throws Exception {
        HttpResponse<InputStream> r = h1.send(get(main, "/sse"), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("text/event-stream");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            // The first event arrives while the upstream still holds the rest back: nothing buffers the response.
            assertThat(in.readLine()).isEqualTo("event: message_start");
            assertThat(in.readLine()).isEqualTo("data: {\"type\":\"message_start\"}");
            main.releaseStream();
            StringBuilder rest = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                rest.append(line).append('\n');
            }
            assertThat(rest.toString()).isEqualTo("\n" + H2Upstream.SSE_REST);
        }
    }

    @Test
    void aSlowReaderPausesOnlyItsOwnStreamAndBoundsWhatIsBuffered() throws Exception {
        long total = 256L * 1024 * 1024;
        try (RawClient slow = new RawClient(env.proxy())) {
            String authority = "h2.sieve.test:" + large.port();
            assertThat(slow.connect(authority).status()).isEqualTo(200);
            slow.startTls(env.agentTls(), "h2.sieve.test", "h2.sieve.test", large.port());
            slow.send("GET /bytes?n=" + total + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n");

            // The agent reads nothing: the stream's window closes, and the upstream stops sending.
            await(() -> large.bytesSent() > 0, "the upstream starts sending");
            long sent;
            do {
                sent = large.bytesSent();
                Thread.sleep(500);
            } while (large.bytesSent() != sent);
            long stalled = sent;
            assertThat(stalled).as("bytes sent while the agent reads nothing").isLessThan(16L * 1024 * 1024);

            // The same upstream connection still serves other streams meanwhile.
            HttpResponse<String> r = h2.send(post(large, "/echo", "{\"other\":\"stream\"}"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"other\":\"stream\"}");
            assertThat(large.connections()).isEqualTo(1);

            // Reading resumes the stream.
            InputStream in = slow.input();
            byte[] buf = new byte[64 * 1024];
            long read = 0;
            while (read < 2 * stalled + 1024 * 1024) {
                int n = in.read(buf);
                assertThat(n).isPositive();
                read += n;
            }
            await(() -> large.bytesSent() > stalled, "the upstream sends again once the agent reads");
        }
    }
}
