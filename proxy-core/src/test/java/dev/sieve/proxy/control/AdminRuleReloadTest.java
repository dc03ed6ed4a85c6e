package dev.sieve.proxy.control;

import static dev.sieve.proxy.control.RuleFolder.ALPHA;
import static dev.sieve.proxy.control.RuleFolder.BETA;
import static dev.sieve.proxy.control.RuleFolder.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.proxy.admin.AdminServer;
import dev.sieve.proxy.config.AdminSettings;
import dev.sieve.proxy.config.ListenAddress;
import dev.sieve.proxy.config.RulesSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /admin/rules/reload} against a real rule store behind a real admin server (issue 10, rules): nothing
 * changed, or the folder watcher got there first, is 200 "unchanged", never a 422 "unknown error"; only a real
 * failure is 422, with its reason.
 */
class AdminRuleReloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private RuleStore store;
    private AdminServer server;
    private KillSwitch killSwitch;

    @BeforeEach
    void start() throws Exception {
        write(dir.resolve("alpha.yaml"), ALPHA);
        RulesSettings settings = new RulesSettings(Optional.of(dir), false, List.of(), Map.of(), false,
                EngineKind.JAVA, Duration.ofSeconds(2));
        store = RuleStore.open(settings, rules -> Optional.empty(), ViewLimits.defaults(), Clock.systemUTC());
        killSwitch = KillSwitch.open(dir.resolve("state").resolve("killswitch.json"), Optional.empty());
        server = AdminServer.start(new AdminSettings(new ListenAddress("127.0.0.1", 0), Optional.empty()),
                Optional.empty(), new AdminServer.Endpoints(List::of, () -> "", new StoreRuleControl(store),
                        killSwitch));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    private HttpResponse<String> reload() throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort()
                        + "/admin/rules/reload")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void nothingChangedOrTheWatcherFirstIsUnchangedAndOnlyARealFailureIs422() throws Exception {
        HttpResponse<String> nothing = reload();
        assertThat(nothing.statusCode()).as(nothing.body()).isEqualTo(200);
        assertThat(JSON.readTree(nothing.body()).path("result").asText()).isEqualTo("unchanged");

        write(dir.resolve("beta.yaml"), BETA);
        assertThat(store.poll()).map(ReloadResult::outcome).contains(ReloadResult.Outcome.RELOADED);
        HttpResponse<String> afterWatcher = reload();
        assertThat(afterWatcher.statusCode()).as(afterWatcher.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(afterWatcher.body());
        assertThat(body.path("result").asText()).isEqualTo("unchanged");
        assertThat(body.path("rules").path("ids").toString()).isEqualTo("[\"test.alpha\",\"test.beta\"]");

        write(dir.resolve("beta.yaml"), BETA.replace("severity: high", "severity: low"));
        HttpResponse<String> changed = reload();
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(changed.body()).path("result").asText()).isEqualTo("reloaded");

        write(dir.resolve("beta.yaml"), BETA.replace("severity: high", "severity: extreme"));
        HttpResponse<String> broken = reload();
        assertThat(broken.statusCode()).isEqualTo(422);
        JsonNode error = JSON.readTree(broken.body());
        assertThat(error.path("result").asText()).isEqualTo("failed");
        assertThat(error.path("error").path("reason").asText()).isEqualTo("invalid");
        assertThat(error.path("error").path("message").asText()).startsWith("rule reload failed: beta.yaml:4: rule"
                + " 'test.beta': severity: 'extreme'").endsWith("(the last good rule set stays in force)");
        assertThat(error.path("rules").path("lastReloadReason").asText()).isEqualTo("invalid");
    }

    @Test
    void adminReloadsRacingTheFolderWatcherNeverFail() throws Exception {
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        var callers = Executors.newFixedThreadPool(2);
        AtomicBoolean editing = new AtomicBoolean(true);
        try {
            store.startWatching(watcher, Duration.ofMillis(5));
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                answers.add(callers.submit(() -> {
                    List<String> seen = new ArrayList<>();
                    for (int i = 0; i < 500 && (i < 10 || editing.get()); i++) {
                        HttpResponse<String> r = reload();
                        seen.add(r.statusCode() + " " + JSON.readTree(r.body()).path("result").asText());
                    }
                    return seen;
                }));
            }
            for (int i = 0; i < 30; i++) {
                write(dir.resolve("beta.yaml"), BETA.replace("severity: high", i % 2 == 0 ? "severity: low"
                        : "severity: medium"));
                Thread.sleep(10);
            }
            editing.set(false);
            List<String> all = new ArrayList<>();
            for (Future<List<String>> a : answers) {
                all.addAll(a.get());
            }
            assertThat(all).hasSizeGreaterThanOrEqualTo(20)
                    .allSatisfy(a -> assertThat(a).isIn("200 unchanged", "200 reloaded"));
        } finally {
            callers.shutdownNow();
            watcher.shutdownNow();
        }
    }
}
