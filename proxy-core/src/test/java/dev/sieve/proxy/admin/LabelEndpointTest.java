package dev.sieve.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.audit.AdminAuditRecord;
import dev.sieve.proxy.audit.AuditEntry;
import dev.sieve.proxy.audit.LabelEntry;
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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /admin/audit/labels}: bearer-protected, validated, appended with the caller as actor. */
class LabelEndpointTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A synthetic admin token (not a secret of anything). */
    private static final String TOKEN = "label-test-token-0123456789";
    private static final String ID = "req_0123456789abcdef01234567";

    @TempDir
    Path dir;

    private final List<AuditEntry> appended = new CopyOnWriteArrayList<>();
    private final AtomicBoolean auditUp = new AtomicBoolean(true);
    private AdminServer server;

    @BeforeEach
    void start() throws Exception {
        TokenAdmin.AdminAudit audit = new TokenAdmin.AdminAudit() {
            @Override
            public void record(AdminAuditRecord record) {
                appended.add(record);
            }

            @Override
            public void append(AuditEntry entry) {
                if (!auditUp.get()) {
                    throw new IllegalStateException("audit log failed: disk full");
                }
                appended.add(entry);
            }
        };
        RuleControl rules = new RuleControl() {
            @Override
            public RulesStatus status() {
                return new RulesStatus("v1", "java", List.of(), Optional.empty(), Optional.empty());
            }

            @Override
            public Outcome reload() {
                return new Outcome(false, Optional.empty(), status());
            }
        };
        // A token file configured: the token is required on loopback too.
        server = AdminServer.start(new AdminSettings(new ListenAddress("127.0.0.1", 0), Optional.of(dir.resolve("t"))),
                Optional.of(AdminToken.of(TOKEN)), new AdminServer.Endpoints(List::of, () -> "", rules,
                        KillSwitch.open(dir.resolve("ks.json"), Optional.empty()), new TokenAdmin(Optional.empty(),
                                Optional.empty(), audit, Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"),
                                        ZoneOffset.UTC))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort()
                + "/admin/audit/labels")).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLabelIsAppendedWithTheCallerAsActor() throws Exception {
        HttpResponse<String> r = post("{\"requestId\":\"" + ID + "\",\"label\":\"false-positive\",\"note\":\"a\\nb\"}",
                TOKEN);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("actor").asText()).isEqualTo("admin@127.0.0.1");
        assertThat(body.path("note").asText()).isEqualTo("ab");
        assertThat(appended).containsExactly(new LabelEntry(Instant.parse("2026-12-01T10:00:00Z"), ID,
                "false-positive", "admin@127.0.0.1", "ab"));
    }

    @Test
    void withoutTheBearerTokenNothingIsAppended() throws Exception {
        assertThat(post("{\"requestId\":\"" + ID + "\",\"label\":\"confirmed\"}", null).statusCode()).isEqualTo(401);
        assertThat(post("{\"requestId\":\"" + ID + "\",\"label\":\"confirmed\"}", "wrong-token-0123456789")
                .statusCode()).isEqualTo(401);
        assertThat(appended).isEmpty();
    }

    @Test
    void badBodiesAreRefusedWithTheReason() throws Exception {
        HttpResponse<String> label = post("{\"requestId\":\"" + ID + "\",\"label\":\"benign\"}", TOKEN);
        assertThat(label.statusCode()).isEqualTo(400);
        assertThat(label.body()).contains("label: benign (expected: false-positive or confirmed)");
        assertThat(post("{\"requestId\":\"" + ID + "\",\"label\":\"confirmed\",\"actor\":\"me\"}", TOKEN).body())
                .contains("actor: unknown field");
        assertThat(post("not json", TOKEN).statusCode()).isEqualTo(400);
        assertThat(post("{\"label\":\"confirmed\"}", TOKEN).body()).contains("requestId: missing or not a string");
        assertThat(post("{\"requestId\":\"" + ID + "\",\"label\":\"confirmed\",\"note\":\"" + "x".repeat(501) + "\"}",
                TOKEN).body()).contains("note: 501 characters (expected: at most 500)");
        assertThat(appended).isEmpty();
    }

    @Test
    void aFailedAuditLogAnswers503() throws Exception {
        auditUp.set(false);
        HttpResponse<String> r = post("{\"requestId\":\"" + ID + "\",\"label\":\"confirmed\"}", TOKEN);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("label not recorded").doesNotContain("disk full");
    }
}
