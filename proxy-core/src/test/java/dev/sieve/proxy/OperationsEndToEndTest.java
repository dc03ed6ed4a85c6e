package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operations through a running Sieve: the admin API, the kill switch (also on an open tunnel),
 * hot reload of rules and of the allowlist, metrics, and the body budget under concurrent uploads.
 */
class OperationsEndToEndTest {
    static final String SSN = "536-22-8174";

    @TempDir
    static Path dir;

    static Path rules;
    static ProxyTestEnv env;
    static HttpClient http;
    static HttpClient admin;

    @BeforeAll
    static void start() throws Exception {
        rules = Files.createDirectories(dir.resolve("rules"));
        writeRules(false);
        // The folder alone (not added to the built-in pack): the tests count on test.ssn being the only SSN rule.
        env = new ProxyTestEnv(dir, "rules: { dir: " + rules + ", builtin: false, reloadInterval: 200ms }\n"
                + "inspection: { maxBodyBytes: 512KiB, maxBodyBytesInFlight: 1MiB }", null);
        http = HttpClient.newBuilder().proxy(ProxySelector.of(env.proxy())).sslContext(env.agentTls())
                .connectTimeout(Duration.ofSeconds(5)).build();
        admin = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    /** A one-rule folder; with {@code zebra} a second rule blocks the word PROJECT-ZEBRA. */
    static void writeRules(boolean zebra) throws Exception {
        String ssn = """
                rules:
                  - id: test.ssn
                    name: SSN
                    category: pii
                    severity: high
                    action: block
                    patterns: ['\\b[0-9]{3}-[0-9]{2}-[0-9]{4}\\b']
                    validators: [ssn]
                    tests:
                      match: ['ssn 536-22-8174', '219-45-6780']
                      no_match: ['000-12-3456', 'phone 555-0100']
                """;
        String zebraRule = """
                  - id: test.zebra
                    name: Project Zebra code name
                    category: source-code
                    severity: medium
                    action: block
                    patterns: ['\\bPROJECT-ZEBRA\\b']
                    tests:
                      match: ['about PROJECT-ZEBRA now', 'PROJECT-ZEBRA']
                      no_match: ['project zebra', 'PROJECT-ZEBRAS']
                """;
        Files.writeString(rules.resolve("rules.yaml"), zebra ? ssn + zebraRule : ssn);
    }

    static HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(env.apiUrl("/echo"))).timeout(Duration.ofSeconds(30))
                .header("content-type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> adminCall(String method, String path) throws Exception {
        return admin.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + env.admin().getPort() + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * How long a reload may take to show: it returns as soon as it shows, and a reload compiles a rule set, which on a
     * loaded CI machine (two cores, builds beside it) has taken longer than 10 s.
     */
    static final Duration RELOAD_WAIT = Duration.ofSeconds(60);

    static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(25);
        }
        assertThat(condition.getAsBoolean()).as("condition within " + timeout).isTrue();
    }

    @Test
    void healthReadinessAndMetricsWithoutRawValues() throws Exception {
        assertThat(adminCall("GET", "/healthz").statusCode()).isEqualTo(200);
        assertThat(adminCall("GET", "/readyz").statusCode()).isEqualTo(200);
        assertThat(post("ssn " + SSN).statusCode()).isEqualTo(403);
        assertThat(post("nothing to see").statusCode()).isEqualTo(200);
        String metrics = adminCall("GET", "/metrics").body();
        assertThat(metrics).contains("sieve_requests_total{decision=\"blocked\"")
                .contains("sieve_requests_total{decision=\"allowed\"")
                .contains("sieve_detections_total{action=\"block\",category=\"pii\",rule=\"test.ssn\"")
                .contains("sieve_open_connections").contains("sieve_body_bytes_in_flight")
                .doesNotContain(SSN).doesNotContain("api.sieve.test").doesNotContain("/echo");
    }

    @Test
    void killSwitchRefusesNewRequestsClosesOpenTunnelsAndPersists() throws Exception {
        try (RawClient tunnel = new RawClient(env.proxy())) {
            assertThat(tunnel.connect("api.sieve.test:" + env.api.port()).status()).isEqualTo(200);
            tunnel.startTls(env.agentTls(), "api.sieve.test", "api.sieve.test", env.api.port());
            assertThat(tunnel.request("GET /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                    + "\r\n\r\n").status()).isEqualTo(200);

            assertThat(adminCall("POST", "/admin/killswitch").statusCode()).isEqualTo(200);
            long engagedAt = System.nanoTime();
            assertThat(tunnel.isClosedByPeer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - engagedAt)).isLessThan(Duration.ofSeconds(1));
        }
        try (RawClient c = new RawClient(env.proxy())) {
            // Explained inside the tunnel (refusals.explainInTunnel): the CONNECT is accepted, every request refused.
            assertThat(c.connect("api.sieve.test:" + env.api.port()).status()).isEqualTo(200);
            c.startTls(env.agentTls(), "api.sieve.test", "api.sieve.test", env.api.port());
            RawClient.Response r = c.request("GET /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port() + "\r\n\r\n");
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).contains("\"reason\":\"kill_switch\"");
        }
        assertThat(Files.readString(dir.resolve("data").resolve("killswitch.json"))).contains("true");
        assertThat(adminCall("DELETE", "/admin/killswitch").statusCode()).isEqualTo(200);
        assertThat(post("back to normal").statusCode()).isEqualTo(200);
    }

    @Test
    void ruleReloadWhileRequestsRunAppliesAtomically() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                try {
                    statuses.add(post("status of PROJECT-ZEBRA and ssn " + SSN).statusCode());
                    statuses.add(post("plain request").statusCode());
                } catch (Exception e) {
                    statuses.add(-1);
                }
            }
        });
        writeRules(true);
        await(() -> env.sieve.enforcement().rules().current().rules().rule("test.zebra").isPresent(),
                RELOAD_WAIT);
        HttpResponse<String> zebra = post("what is PROJECT-ZEBRA?");
        assertThat(zebra.statusCode()).isEqualTo(403);
        assertThat(zebra.body()).contains("test.zebra");

        // A broken file keeps the last good rule set and says where it broke.
        Files.writeString(rules.resolve("broken.yaml"), "rules:\n  - id: test.broken\n    severity: nope\n");
        await(() -> env.sieve.enforcement().rules().lastError().isPresent(), RELOAD_WAIT);
        assertThat(env.sieve.enforcement().rules().lastError().get()).startsWith("broken.yaml:");
        assertThat(post("again PROJECT-ZEBRA").statusCode()).isEqualTo(403);
        assertThat(adminCall("GET", "/admin/rules").body()).contains("test.zebra").contains("broken.yaml");
        stop.set(true);
        traffic.get();
        // Every request during the swaps got a clean answer: blocked or allowed, never an error.
        assertThat(statuses).isNotEmpty().allMatch(s -> s == 200 || s == 403);
        Files.delete(rules.resolve("broken.yaml"));
    }

    @Test
    void allowlistAndDestinationPolicyReloadWithTheConfigFile() throws Exception {
        assertThat(post("ssn " + SSN).statusCode()).isEqualTo(403);
        String yaml = Files.readString(env.configFile);
        String entry = "  - { host: api.sieve.test, ports: [" + env.api.port() + "], privateAddresses: true }";
        assertThat(yaml).contains(entry);
        Files.writeString(env.configFile, yaml.replace(entry, "  - host: api.sieve.test\n    ports: ["
                + env.api.port() + "]\n    privateAddresses: true\n    inspection: { actions: { test.ssn: log } }"));
        try {
            await(() -> {
                try {
                    return post("ssn " + SSN).statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            }, RELOAD_WAIT);
        } finally {
            Files.writeString(env.configFile, yaml);
        }
        await(() -> {
            try {
                return post("ssn " + SSN).statusCode() == 403;
            } catch (Exception e) {
                return false;
            }
        }, RELOAD_WAIT);
    }

    @Test
    void concurrentLargeUploadsStayInsideTheBodyBudget() throws Exception {
        byte[] body = new byte[400 * 1024];
        java.util.Arrays.fill(body, (byte) 'a');
        List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            uploads.add(http.sendAsync(HttpRequest.newBuilder(URI.create(env.apiUrl("/echo")))
                    .timeout(Duration.ofSeconds(60)).header("content-type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (var upload : uploads) {
            HttpResponse<String> r = upload.get();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body().getBytes(StandardCharsets.UTF_8)).hasSize(body.length);
        }
        assertThat(env.sieve.bodyBudget().peak()).isLessThanOrEqualTo(1024 * 1024);
        assertThat(env.sieve.bodyBudget().reserved()).isZero();
    }
}
