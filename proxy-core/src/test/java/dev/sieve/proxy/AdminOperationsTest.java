package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.control.RuleControl;
import dev.sieve.proxy.control.RulesStatus;
import dev.sieve.proxy.config.ConfigLoader;
import dev.sieve.proxy.config.SieveConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Operations} starts the admin server, kill switch, audit log and metrics from a config, and wires them. */
class AdminOperationsTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    private final RuleControl rules = new RuleControl() {
        @Override
        public RulesStatus status() {
            return new RulesStatus("v1", "java", List.of("pii.us-ssn"), Optional.of(Instant.EPOCH), Optional.empty());
        }

        @Override
        public Outcome reload() {
            return new Outcome(true, Optional.empty(), status());
        }
    };

    @Test
    void startsFromConfigAndWiresKillSwitchReadinessAndAudit() throws Exception {
        Path fleet = Files.writeString(dir.resolve("engaged"), "false\n");
        Path token = Files.writeString(dir.resolve("admin-token"), "synthetic-admin-token-0123456789\n");
        SieveConfig config = ConfigLoader.parse("dataDir: " + dir + "\n"
                + "admin: { listen: 127.0.0.1:0, tokenFile: " + token + " }\n"
                + "killSwitch: { file: " + fleet + " }\n", "test.yaml");

        try (Operations ops = Operations.start(config, rules, Clock.systemUTC())) {
            int port = ops.admin().address().getPort();
            HttpResponse<String> starting = get(port, "/readyz", null);
            ops.readiness().ready(Operations.PROXY);
            HttpResponse<String> ready = get(port, "/readyz", null);
            HttpResponse<String> noToken = get(port, "/metrics", null);

            AtomicBoolean tunnelClosed = new AtomicBoolean();
            ops.connections().register("agent-1", () -> tunnelClosed.set(true));
            Files.writeString(fleet, "agent:agent-1\n");
            ops.killSwitch().pollFile();

            assertThat(starting.statusCode()).isEqualTo(503);
            assertThat(starting.body()).contains("proxy: listener not started");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(noToken.statusCode()).as("a token file makes the token required on loopback").isEqualTo(401);
            assertThat(tunnelClosed).isTrue();
            assertThat(ops.killSwitch().isBlocked("agent-1")).isTrue();
            assertThat(get(port, "/metrics", "synthetic-admin-token-0123456789").body())
                    .contains("sieve_killswitch_active 1.0", "sieve_audit_queue_depth");
            assertThat(Files.isRegularFile(dir.resolve("audit.key"))).isTrue();
        }
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
