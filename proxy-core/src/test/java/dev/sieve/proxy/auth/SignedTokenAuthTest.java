package dev.sieve.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.config.EnforcementMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authenticator with signed tokens: schemes, subject check, revocation, per-token kill switch, expiry. */
class SignedTokenAuthTest {
    private static final String STATIC = "static-token-0123456789";
    private static final KeyPair KEY = Ed25519Keys.generate();
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private AgentAuthenticator authenticator(RevocationList revocations, Set<String> stoppedTokens) {
        return new AgentAuthenticator(true, Map.of("static-1", STATIC), Optional.of(new TokenVerifier(
                VerificationKeys.of(List.of(KEY.getPublic())), clock, Duration.ofSeconds(30), Duration.ofHours(24))),
                revocations, stoppedTokens::contains);
    }

    private static TokenIssuer.Issued issue(String agent) {
        return new TokenIssuer(KEY.getPrivate()).issue(agent, Duration.ofMinutes(10), List.of("api.anthropic.com"),
                "rpm=30", EnforcementMode.ENFORCE, NOW);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bearerAndBasicWithTheTokenAsPasswordGrantTheTokensScope() throws Exception {
        AgentAuthenticator auth = authenticator(RevocationList.open(dir.resolve("r.json"), Optional.empty()), Set.of());
        TokenIssuer.Issued issued = issue("agent-1");

        for (String header : List.of("Bearer " + issued.token(), "bearer  " + issued.token(),
                basic("", issued.token()), basic("agent-1", issued.token()))) {
            AuthResult result = auth.authenticate(header);
            assertThat(result).as(header.substring(0, 8)).isInstanceOf(AuthResult.Authenticated.class);
            Grant grant = ((AuthResult.Authenticated) result).grant();
            assertThat(grant.agentId()).isEqualTo("agent-1");
            assertThat(grant.tokenId()).contains(issued.claims().tokenId());
            assertThat(grant.scope().permits("api.anthropic.com", 443)).isTrue();
            assertThat(grant.scope().permits("api.openai.com", 443)).isFalse();
            assertThat(grant.budget().format()).isEqualTo("rpm=30");
        }
        assertThat(auth.authenticate(basic("static-1", STATIC))).isEqualTo(new AuthResult.Authenticated("static-1"));
    }

    @Test
    void aDifferentUserPartOrAStaticTokenAsBearerIsInvalid() throws Exception {
        AgentAuthenticator auth = authenticator(RevocationList.open(dir.resolve("r.json"), Optional.empty()), Set.of());
        String token = issue("agent-1").token();

        assertThat(auth.authenticate(basic("agent-2", token))).isInstanceOf(AuthResult.Invalid.class);
        assertThat(auth.authenticate("Bearer " + STATIC)).isInstanceOf(AuthResult.Invalid.class);
        assertThat(auth.authenticate(basic("agent-2", token)).toString()).doesNotContain(token);
    }

    @Test
    void withoutVerificationKeysSignedTokensAreInvalid() {
        AgentAuthenticator staticOnly = new AgentAuthenticator(true, Map.of("static-1", STATIC));
        assertThat(staticOnly.authenticate("Bearer " + issue("agent-1").token()))
                .isInstanceOfSatisfying(AuthResult.Invalid.class,
                        i -> assertThat(i.detail()).contains("auth.verificationKeys"));
    }

    @Test
    void expiryRevocationAndTheKillSwitchApplyAtAuthenticationAndAtRecheck() throws Exception {
        RevocationList revocations = RevocationList.open(dir.resolve("r.json"), Optional.empty());
        Set<String> stopped = new java.util.HashSet<>();
        AgentAuthenticator auth = authenticator(revocations, stopped);
        TokenIssuer.Issued issued = issue("agent-1");
        Grant grant = ((AuthResult.Authenticated) auth.authenticate("Bearer " + issued.token())).grant();

        stopped.add(issued.claims().tokenId());
        assertThat(auth.recheck(grant)).isInstanceOf(AuthResult.Stopped.class);
        stopped.clear();

        revocations.revoke(Revocation.token(issued.claims().tokenId()));
        assertThat(auth.recheck(grant)).isInstanceOf(AuthResult.Revoked.class);
        assertThat(auth.authenticate("Bearer " + issued.token())).isInstanceOf(AuthResult.Revoked.class);
        revocations.restore(Revocation.token(issued.claims().tokenId()));

        revocations.revoke(Revocation.agent("static-1"));
        assertThat(auth.authenticate(basic("static-1", STATIC))).as("static credentials of a revoked agent")
                .isInstanceOf(AuthResult.Revoked.class);

        now.set(issued.claims().expiresAt());
        assertThat(auth.recheck(grant)).isInstanceOf(AuthResult.Expired.class);
        assertThat(auth.authenticate("Bearer " + issued.token())).isInstanceOf(AuthResult.Expired.class);
    }
}
