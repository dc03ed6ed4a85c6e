package dev.sieve.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.config.AdminSettings;
import dev.sieve.proxy.config.ListenAddress;
import dev.sieve.proxy.control.KillSwitch;
import dev.sieve.proxy.control.RuleControl;
import dev.sieve.proxy.control.RulesStatus;
import dev.sieve.proxy.metrics.SieveMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API over real sockets with the JDK HttpClient. */
class AdminServerTest {

    private static final String TOKEN = "synthetic-admin-token-" + "0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    private final List<String> notReady = new ArrayList<>();
    private final AtomicInteger reloads = new AtomicInteger();
    private final SieveMetrics metrics = new SieveMetrics();
    private AdminServer server;
    private KillSwitch killSwitch;
    private boolean nextReloadFails;

    private final RuleControl rules = new RuleControl() {
        @Override
        public RulesStatus status() {
            return new RulesStatus("v" + reloads.get(), "java", List.of("pii.us-ssn", "credential.aws-access-key-id"),
                    Optional.of(Instant.parse("2025-01-01T00:00:00Z")),
                    nextReloadFails && reloads.get() > 0 ? Optional.of("pii.yaml:3: bad pattern") : Optional.empty());
        }

        @Override
        public Outcome reload() {
            if (nextReloadFails) {
                reloads.incrementAndGet();
                return new Outcome(false, Optional.of("pii.yaml:3: bad pattern"), status());
            }
            reloads.incrementAndGet();
            return new Outcome(true, Optional.empty(), status());
        }
    };

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        metrics.close();
    }

    private void start(AdminSettings settings, Optional<AdminToken> token) throws Exception {
        killSwitch = KillSwitch.open(dir.resolve("killswitch.json"), Optional.empty());
        metrics.killSwitch(killSwitch::engaged);
        server = AdminServer.start(settings, token,
                new AdminServer.Endpoints(() -> List.copyOf(notReady), metrics::scrape, rules, killSwitch));
    }

    private void startWithToken() throws Exception {
        start(new AdminSettings(new ListenAddress("127.0.0.1", 0), Optional.of(dir.resolve("unused"))),
                Optional.of(AdminToken.of(TOKEN)));
    }

    private HttpResponse<String> send(String method, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void healthzAnswersOkWithoutToken() throws Exception {
        startWithToken();

        HttpResponse<String> r = send("GET", "/healthz", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok\n");
    }

    @Test
    void readyzReportsReasonsWhileNotReady() throws Exception {
        startWithToken();
        notReady.add("rules: not compiled yet");

        HttpResponse<String> waiting = send("GET", "/readyz", null);
        notReady.clear();
        HttpResponse<String> ready = send("GET", "/readyz", null);

        assertThat(waiting.statusCode()).isEqualTo(503);
        assertThat(json(waiting).path("reasons").get(0).asText()).isEqualTo("rules: not compiled yet");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).path("status").asText()).isEqualTo("ready");
    }

    @Test
    void protectedEndpointsNeedTheBearerToken() throws Exception {
        startWithToken();

        for (String path : List.of("/metrics", "/admin/rules", "/admin/killswitch", "/no/such/path")) {
            HttpResponse<String> none = send("GET", path, null);
            HttpResponse<String> wrong = send("GET", path, "synthetic-wrong-token-0000000000");
            for (HttpResponse<String> r : List.of(none, wrong)) {
                assertThat(r.statusCode()).as(path).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"sieve-admin\"");
                assertThat(json(r).path("error").path("type").asText()).isEqualTo("authentication_error");
                assertThat(r.body()).doesNotContain(TOKEN);
            }
        }
        assertThat(send("POST", "/admin/killswitch", null).statusCode()).isEqualTo(401);
        assertThat(killSwitch.engaged()).as("a refused POST changes nothing").isFalse();
        assertThat(send("GET", "/metrics", TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void loopbackWithoutTokenFileNeedsNoToken() throws Exception {
        start(AdminSettings.loopback(0), Optional.empty());

        assertThat(send("GET", "/admin/rules", null).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsServesPrometheusText() throws Exception {
        startWithToken();
        metrics.request("blocked", "dlp_block", 1_000_000);

        HttpResponse<String> r = send("GET", "/metrics", TOKEN);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("sieve_requests_total{decision=\"blocked\",reason=\"dlp_block\"} 1.0",
                "sieve_killswitch_active 0.0", "jvm_memory_used_bytes");
    }

    @Test
    void rulesStatusAndReload() throws Exception {
        startWithToken();

        JsonNode status = json(send("GET", "/admin/rules", TOKEN));
        HttpResponse<String> reloaded = send("POST", "/admin/rules/reload", TOKEN);
        nextReloadFails = true;
        HttpResponse<String> failed = send("POST", "/admin/rules/reload", TOKEN);

        assertThat(status.path("version").asText()).isEqualTo("v0");
        assertThat(status.path("engine").asText()).isEqualTo("java");
        assertThat(status.path("count").asInt()).isEqualTo(2);
        assertThat(status.path("ids").get(0).asText()).isEqualTo("pii.us-ssn");
        assertThat(status.path("lastReloadError").isNull()).isTrue();
        assertThat(reloaded.statusCode()).isEqualTo(200);
        assertThat(json(reloaded).path("reloaded").asBoolean()).isTrue();
        assertThat(json(reloaded).path("result").asText()).isEqualTo("reloaded");
        assertThat(json(failed).path("result").asText()).isEqualTo("failed");
        assertThat(json(failed).path("error").path("reason").asText()).isEqualTo("invalid");
        assertThat(status.path("builtin").asBoolean()).isTrue();
        assertThat(status.path("disabled").isArray()).isTrue();
        assertThat(status.path("overrides").isObject()).isTrue();
        assertThat(json(reloaded).path("rules").path("version").asText()).isEqualTo("v1");
        assertThat(failed.statusCode()).isEqualTo(422);
        assertThat(json(failed).path("type").asText()).isEqualTo("error");
        assertThat(json(failed).path("error").path("message").asText())
                .isEqualTo("rule reload failed: pii.yaml:3: bad pattern (the last good rule set stays in force)");
        assertThat(json(failed).path("rules").path("lastReloadError").asText()).isEqualTo("pii.yaml:3: bad pattern");
    }

    @Test
    void killSwitchRoundTripPersistsAcrossInstances() throws Exception {
        startWithToken();

        JsonNode engagedAgent = json(send("POST", "/admin/killswitch?agent=agent-1", TOKEN));
        JsonNode engagedAll = json(send("POST", "/admin/killswitch", TOKEN));
        JsonNode state = json(send("GET", "/admin/killswitch", TOKEN));

        assertThat(engagedAgent.path("admin").path("agents").get(0).asText()).isEqualTo("agent-1");
        assertThat(engagedAll.path("engaged").asBoolean()).isTrue();
        assertThat(state.path("admin").path("all").asBoolean()).isTrue();
        assertThat(killSwitch.isBlocked("agent-2")).isTrue();
        assertThat(send("GET", "/metrics", TOKEN).body()).contains("sieve_killswitch_active 1.0");
        assertThat(KillSwitch.open(dir.resolve("killswitch.json"), Optional.empty()).isBlocked("anyone")).isTrue();

        JsonNode releasedAll = json(send("DELETE", "/admin/killswitch", TOKEN));
        assertThat(releasedAll.path("admin").path("all").asBoolean()).isFalse();
        assertThat(releasedAll.path("admin").path("agents").get(0).asText())
                .as("DELETE without ?agent= releases only the global scope").isEqualTo("agent-1");
        assertThat(killSwitch.isBlocked("agent-1")).isTrue();
        assertThat(killSwitch.isBlocked("agent-2")).isFalse();
        JsonNode released = json(send("DELETE", "/admin/killswitch?agent=agent-1", TOKEN));
        assertThat(released.path("admin").path("agents")).isEmpty();
        assertThat(released.path("engaged").asBoolean()).isFalse();
        assertThat(KillSwitch.open(dir.resolve("killswitch.json"), Optional.empty()).engaged()).isFalse();
    }

    @Test
    void badRequestsGetModelApiErrors() throws Exception {
        startWithToken();

        HttpResponse<String> badAgent = send("POST", "/admin/killswitch?agent=bad%20id", TOKEN);
        HttpResponse<String> unknownParam = send("POST", "/admin/killswitch?scope=all", TOKEN);
        HttpResponse<String> wrongMethod = send("DELETE", "/admin/rules", TOKEN);
        HttpResponse<String> notFound = send("GET", "/admin/nothing", TOKEN);

        assertThat(badAgent.statusCode()).isEqualTo(400);
        assertThat(json(badAgent).path("error").path("message").asText())
                .isEqualTo("agent: \"bad id\" (expected: 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit)");
        assertThat(unknownParam.statusCode()).isEqualTo(400);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("GET");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(json(notFound).path("error").path("type").asText()).isEqualTo("not_found_error");
        assertThat(killSwitch.engaged()).isFalse();
    }

    @Test
    void aTakenPortNamesTheKeyAndAddress() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            ListenAddress address = new ListenAddress("127.0.0.1", taken.getLocalPort());

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(new AdminSettings(address, Optional.empty()),
                            Optional.empty()))
                    .isInstanceOf(dev.sieve.proxy.config.ListenException.class)
                    .hasMessageStartingWith("admin.listen " + address + ": address already in use");
        }
    }

    @Test
    void tokenIsRequiredOffLoopback() {
        AdminSettings open = new AdminSettings(new ListenAddress("0.0.0.0", 0), Optional.empty());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdminServer.start(open, Optional.empty(),
                        new AdminServer.Endpoints(List::of, () -> "", rules,
                                KillSwitch.open(dir.resolve("ks.json"), Optional.empty()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("admin.tokenFile: null (expected: a bearer token file, required because admin.listen"
                        + " \"0.0.0.0:0\" is not a loopback address)");
    }

    @Test
    void tokenFileNeedsAUsableToken() throws IOException {
        Path shortToken = java.nio.file.Files.writeString(dir.resolve("token"), "short\n");
        Path good = java.nio.file.Files.writeString(dir.resolve("good"), "  " + TOKEN + "\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdminToken.read(shortToken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("admin.tokenFile: " + shortToken
                        + " (expected: one token of at least 16 printable characters without whitespace)");
        assertThat(AdminToken.read(good).matches(TOKEN)).isTrue();
        assertThat(AdminToken.read(good).matches(TOKEN + "x")).isFalse();
        assertThat(AdminToken.read(good).toString()).doesNotContain(TOKEN);
    }
}
