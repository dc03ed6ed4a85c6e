package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.auth.Ed25519Keys;
import dev.sieve.proxy.auth.TokenCodec;
import dev.sieve.proxy.auth.TokenIssuer;
import dev.sieve.proxy.config.EnforcementMode;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import dev.sieve.proxy.testing.Synthetic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials chosen by the agent token's named scope ({@code sieve token issue --scope}, entries'
 * {@code tokenScopes}): two tokens of the same agent with different scopes get different real keys; a token without a
 * scope, and a static credential, get none (their placeholder goes as sent, and the upstream refuses it).
 */
class ScopedCredentialEndToEndTest {
    static final String STATIC_TOKEN = "static-agent-token-0123456789";
    static final String TEAM_A_KEY = Synthetic.anthropicKey(1501);
    static final String TEAM_B_KEY = Synthetic.anthropicKey(1502);

    @TempDir
    static Path dir;

    static ProxyTestEnv env;
    static TokenIssuer issuer;

    @BeforeAll
    static void start() throws Exception {
        KeyPair key = Ed25519Keys.generate();
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Ed25519Keys.writePublic(keys.resolve("signing.pub"), key.getPublic());
        issuer = new TokenIssuer(key.getPrivate());
        Files.writeString(keys.resolve("team-a"), TEAM_A_KEY + "\n");
        Files.writeString(keys.resolve("team-b"), TEAM_B_KEY + "\n");
        env = new ProxyTestEnv(dir, "", """
                auth: { required: true, tokens: { coder: %s }, verificationKeys: [%s] }
                credentials:
                  entries:
                    - { destination: "api.anthropic.com:${anthropic.port}", tokenScopes: [team-a], kind: anthropic,
                        secretFile: %s }
                    - { destination: "api.anthropic.com:${anthropic.port}", tokenScopes: [team-b, team-b2],
                        agents: [coder], kind: anthropic, secretFile: %s }
                """.formatted(STATIC_TOKEN, keys.resolve("signing.pub"), keys.resolve("team-a"),
                keys.resolve("team-b")), null);
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    private static String token(String agent, Optional<String> scope) {
        return issuer.issue(agent, Duration.ofMinutes(5), List.of(), "", EnforcementMode.ENFORCE, scope,
                Instant.now()).token();
    }

    /** The x-api-key the endpoint saw for a request sent with the placeholder under {@code proxyAuthorization}. */
    private static String keySeen(String proxyAuthorization) throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            String authority = "api.anthropic.com:" + env.anthropic.port();
            assertThat(c.connect(authority, proxyAuthorization).status()).isEqualTo(200);
            c.startTls(env.agentTls(), "api.anthropic.com", "api.anthropic.com", env.anthropic.port());
            RawClient.Response r = c.request("POST /echo HTTP/1.1\r\nHost: " + authority
                    + "\r\nx-api-key: sieve-placeholder\r\nContent-Length: 2\r\n\r\nhi");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).doesNotContain(TEAM_A_KEY).doesNotContain(TEAM_B_KEY);
        }
        return env.anthropic.last().header("x-api-key");
    }

    @Test
    void twoTokensOfOneAgentWithDifferentScopesGetDifferentKeys() throws Exception {
        String a = token("coder", Optional.of("team-a"));
        assertThat(TokenCodec.decode(a).claims().scopeName()).contains("team-a");
        assertThat(keySeen("Proxy-Authorization: Bearer " + a)).isEqualTo(TEAM_A_KEY);
        assertThat(keySeen("Proxy-Authorization: Bearer " + token("coder", Optional.of("team-b"))))
                .isEqualTo(TEAM_B_KEY);
        assertThat(keySeen("Proxy-Authorization: Bearer " + token("coder", Optional.of("team-b2"))))
                .isEqualTo(TEAM_B_KEY);
        // team-b's entry lists agent coder only; team-a's is for every agent of the scope.
        assertThat(keySeen("Proxy-Authorization: Bearer " + token("reviewer", Optional.of("team-b"))))
                .isEqualTo("sieve-placeholder");
        assertThat(keySeen("Proxy-Authorization: Bearer " + token("reviewer", Optional.of("team-a"))))
                .isEqualTo(TEAM_A_KEY);
        assertThat(env.auditText()).doesNotContain(TEAM_A_KEY).doesNotContain(TEAM_B_KEY);
    }

    @Test
    void aTokenWithoutAScopeAndAStaticCredentialGetNoKey() throws Exception {
        assertThat(keySeen("Proxy-Authorization: Bearer " + token("coder", Optional.empty())))
                .isEqualTo("sieve-placeholder");
        assertThat(keySeen("Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString(
                ("coder:" + STATIC_TOKEN).getBytes(StandardCharsets.UTF_8)))).isEqualTo("sieve-placeholder");
    }
}
