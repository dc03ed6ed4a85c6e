package dev.sieve.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.audit.AdminAuditRecord;
import dev.sieve.proxy.auth.RevocationList;
import dev.sieve.proxy.config.AdminSettings;
import dev.sieve.proxy.config.ListenAddress;
import dev.sieve.proxy.control.KillSwitch;
import dev.sieve.proxy.control.RuleControl;
import dev.sieve.proxy.control.RulesStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every state-changing admin action becomes an admin audit record naming the caller; weakening needs the audit. */
class AdminAuditTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    private final List<AdminAuditRecord> records = new CopyOnWriteArrayList<>();
    private final AtomicBoolean auditUp = new AtomicBoolean(true);
    private AdminServer server;
    private KillSwitch killSwitch;

    private final RuleControl rules = new RuleControl() {
        @Override
        public RulesStatus status() {
            return new RulesStatus("v7", "java", List.of("pii.us-ssn"),
                    Optional.of(Instant.parse("2025-01-01T00:00:00Z")), Optional.empty());
        }

        @Override
        public Outcome reload() {
            return new Outcome(true, Optional.empty(), status());
        }
    };

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start() throws Exception {
        killSwitch = KillSwitch.open(dir.resolve("killswitch.json"), Optional.empty());
        TokenAdmin.AdminAudit audit = new TokenAdmin.AdminAudit() {
            @Override
            public void record(AdminAuditRecord record) {
                records.add(record);
            }

            @Override
            public boolean available() {
                return auditUp.get();
            }
        };
        server = AdminServer.start(new AdminSettings(new ListenAddress("127.0.0.1", 0), Optional.empty()),
                Optional.empty(), new AdminServer.Endpoints(List::of, () -> "", rules, killSwitch, new TokenAdmin(
                        Optional.of(RevocationList.open(dir.resolve("revocations.json"), Optional.empty())),
                        Optional.empty(), audit, Clock.systemUTC())));
    }

    private int send(String method, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void killSwitchRevocationsAndReloadsAreAuditedWithTheCaller() throws Exception {
        start();
        assertThat(send("POST", "/admin/killswitch?agent=agent-1")).isEqualTo(200);
        assertThat(send("POST", "/admin/killswitch")).isEqualTo(200);
        assertThat(send("DELETE", "/admin/killswitch")).isEqualTo(200);
        assertThat(send("POST", "/admin/revocations?agent=agent-2")).isEqualTo(200);
        assertThat(send("POST", "/admin/revocations?agent=agent-2")).isEqualTo(200);
        assertThat(send("POST", "/admin/rules/reload")).isEqualTo(200);
        assertThat(send("GET", "/admin/killswitch")).as("reads are not audited").isEqualTo(200);

        assertThat(records).extracting(r -> r.action() + " " + r.target() + " " + r.outcome() + " " + r.actor())
                .containsExactly(
                        "killswitch.engage agent:agent-1 ok admin@127.0.0.1",
                        "killswitch.engage all ok admin@127.0.0.1",
                        "killswitch.release all ok admin@127.0.0.1",
                        "revocation.add agent:agent-2 ok admin@127.0.0.1",
                        "revocation.add agent:agent-2 unchanged admin@127.0.0.1",
                        "rules.reload rules ok admin@127.0.0.1");
        assertThat(records.get(5).reasons()).containsExactly("version=v7");
    }

    @Test
    void aRevocationRefusedBecauseTheListIsFullIsAuditedAsFailed() throws Exception {
        StringBuilder full = new StringBuilder("{\"tokens\": [");
        for (int i = 0; i < RevocationList.MAX_ENTRIES; i++) {
            full.append(i == 0 ? "" : ",").append("\"tok-").append(i).append('"');
        }
        java.nio.file.Files.writeString(dir.resolve("revocations.json"), full.append("], \"agents\": []}"));
        start();
        assertThat(send("POST", "/admin/revocations?token=tok-new")).isEqualTo(409);
        assertThat(records).extracting(r -> r.action() + " " + r.target() + " " + r.outcome() + " " + r.reasons())
                .containsExactly("revocation.add token:tok-new failed [revocation-list-full]");
    }

    @Test
    void weakeningActionsAreRefusedWhileTheAuditLogIsDownButStoppingStillWorks() throws Exception {
        start();
        auditUp.set(false);

        assertThat(send("POST", "/admin/killswitch")).isEqualTo(200);
        assertThat(killSwitch.engaged()).isTrue();
        assertThat(send("DELETE", "/admin/killswitch")).isEqualTo(503);
        assertThat(killSwitch.engaged()).as("not released unaudited").isTrue();
        assertThat(send("POST", "/admin/revocations?token=tok-1")).isEqualTo(200);
        assertThat(send("DELETE", "/admin/revocations?token=tok-1")).isEqualTo(503);
    }

    @Test
    void nothingSecretCanEnterAnAdminRecord() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> new AdminAuditRecord(
                Instant.now(), "token.issue", "admin@127.0.0.1", "token:x", "ok", List.of("sieve1.ab cd")))
                .withMessageNotContaining("sieve1");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> new AdminAuditRecord(
                Instant.now(), "something.else", "admin", "all", "ok", List.of()));
    }
}
