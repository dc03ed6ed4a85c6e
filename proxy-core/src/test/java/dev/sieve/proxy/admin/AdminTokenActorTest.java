package dev.sieve.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.Components;
import dev.sieve.proxy.audit.AdminAuditRecord;
import dev.sieve.proxy.auth.Ed25519Keys;
import dev.sieve.proxy.auth.RevocationList;
import dev.sieve.proxy.auth.TokenIssuer;
import dev.sieve.proxy.auth.TokenVerifier;
import dev.sieve.proxy.auth.VerificationKeys;
import dev.sieve.proxy.config.AdminSettings;
import dev.sieve.proxy.config.EnforcementMode;
import dev.sieve.proxy.config.ListenAddress;
import dev.sieve.proxy.control.KillSwitch;
import dev.sieve.proxy.control.RuleControl;
import dev.sieve.proxy.control.RulesStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed Sieve token of scope {@code admin}, verified with the agent tokens' verification keys, is an admin
 * credential: the admin actions it makes name its subject ({@code <subject>@<address>}); the admin bearer token stays
 * {@code admin@<address>}. Agent tokens, other keys' tokens, expired and revoked admin tokens are refused.
 */
class AdminTokenActorTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String STATIC = "static-admin-token-0123456789";

    @TempDir
    Path dir;

    private final List<AdminAuditRecord> records = new CopyOnWriteArrayList<>();
    private final AtomicInteger verifications = new AtomicInteger();
    private final KeyPair key = Ed25519Keys.generate();
    private AdminServer server;
    private RevocationList revocations;

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

    @BeforeEach
    void start() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("admin-token"), STATIC);
        revocations = RevocationList.open(dir.resolve("revocations.json"), Optional.empty());
        TokenVerifier verifier = new TokenVerifier(VerificationKeys.of(List.of(key.getPublic())), Clock.systemUTC(),
                Duration.ofSeconds(30), Duration.ofHours(24));
        server = AdminServer.start(new AdminSettings(new ListenAddress("127.0.0.1", 0), Optional.of(tokenFile)),
                Optional.of(AdminToken.read(tokenFile)), new AdminServer.Endpoints(List::of, () -> "", rules,
                        KillSwitch.open(dir.resolve("killswitch.json"), Optional.empty()), new TokenAdmin(
                                Optional.of(revocations), Optional.empty(), records::add, Clock.systemUTC(),
                                counted(Components.adminTokens(Optional.of(verifier), revocations)))));
    }

    /** Counts verifications, each a signature check. */
    private TokenAdmin.AdminTokens counted(TokenAdmin.AdminTokens tokens) {
        return bearer -> {
            verifications.incrementAndGet();
            return tokens.subject(bearer);
        };
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String token(KeyPair signer, String subject, Optional<String> scope, Instant issuedAt) {
        return new TokenIssuer(signer.getPrivate()).issue(subject, Duration.ofMinutes(15), List.of(), "",
                EnforcementMode.ENFORCE, scope, issuedAt).token();
    }

    private int send(String method, String path, String bearer) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .header("Authorization", "Bearer " + bearer).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void anAdminTokensActionsNameItsSubjectAndTheStaticTokenStaysAdmin() throws Exception {
        String alice = token(key, "alice", Optional.of("admin"), Instant.now());

        assertThat(send("POST", "/admin/killswitch?agent=agent-1", alice)).isEqualTo(200);
        assertThat(send("POST", "/admin/revocations?agent=agent-2", alice)).isEqualTo(200);
        assertThat(send("POST", "/admin/rules/reload", STATIC)).isEqualTo(200);
        assertThat(send("DELETE", "/admin/killswitch?agent=agent-1", alice)).isEqualTo(200);

        assertThat(records).extracting(r -> r.action() + " " + r.target() + " " + r.actor()).containsExactly(
                "killswitch.engage agent:agent-1 alice@127.0.0.1",
                "revocation.add agent:agent-2 alice@127.0.0.1",
                "rules.reload rules admin@127.0.0.1",
                "killswitch.release agent:agent-1 alice@127.0.0.1");
        assertThat(records.toString()).doesNotContain(alice);
    }

    @Test
    void anAdminTokenIsVerifiedOncePerRequest() throws Exception {
        String alice = token(key, "alice", Optional.of("admin"), Instant.now());

        assertThat(send("POST", "/admin/killswitch?agent=agent-1", alice)).isEqualTo(200);
        assertThat(send("GET", "/admin/killswitch", alice)).isEqualTo(200);
        assertThat(send("GET", "/admin/killswitch", token(Ed25519Keys.generate(), "mallory", Optional.of("admin"),
                Instant.now()))).isEqualTo(401);

        assertThat(verifications.get()).as("one signature check per request, for its actor and its access")
                .isEqualTo(3);
        assertThat(records).extracting(AdminAuditRecord::actor).containsExactly("alice@127.0.0.1");
    }

    @Test
    void agentTokensOtherKeysExpiredAndRevokedAdminTokensAreRefused() throws Exception {
        assertThat(send("POST", "/admin/killswitch", token(key, "agent-7", Optional.empty(), Instant.now())))
                .as("an agent token").isEqualTo(401);
        assertThat(send("POST", "/admin/killswitch", token(key, "agent-7", Optional.of("team-a"), Instant.now())))
                .as("another scope").isEqualTo(401);
        assertThat(send("POST", "/admin/killswitch", token(Ed25519Keys.generate(), "alice", Optional.of("admin"),
                Instant.now()))).as("another key").isEqualTo(401);
        assertThat(send("POST", "/admin/killswitch", token(key, "alice", Optional.of("admin"),
                Instant.now().minus(Duration.ofMinutes(20))))).as("expired").isEqualTo(401);

        String bob = token(key, "bob", Optional.of("admin"), Instant.now());
        assertThat(send("GET", "/admin/killswitch", bob)).isEqualTo(200);
        assertThat(send("POST", "/admin/revocations?agent=bob", STATIC)).isEqualTo(200);
        assertThat(send("GET", "/admin/killswitch", bob)).as("revoked").isEqualTo(401);
        assertThat(records).extracting(AdminAuditRecord::actor).containsExactly("admin@127.0.0.1");
    }
}
