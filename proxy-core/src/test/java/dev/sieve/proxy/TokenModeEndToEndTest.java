package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.auth.Ed25519Keys;
import dev.sieve.proxy.auth.TokenIssuer;
import dev.sieve.proxy.config.EnforcementMode;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed token's {@code mode} claim makes enforcement stricter, never laxer: under {@code mode: monitor} an
 * enforce-mode token's upload with a finding is blocked, while a monitor-mode token's, and a static agent's, is
 * forwarded and logged.
 */
class TokenModeEndToEndTest {

    private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":\"ssn 536-22-8174\"}]}";
    private static final String STATIC_TOKEN = "static-agent-token-0123456789";

    @TempDir
    static Path dir;

    static ProxyTestEnv env;
    static TokenIssuer issuer;

    @BeforeAll
    static void start() throws Exception {
        KeyPair key = Ed25519Keys.generate();
        Path pub = Files.createDirectories(dir.resolve("keys")).resolve("current.pub");
        Ed25519Keys.writePublic(pub, key.getPublic());
        issuer = new TokenIssuer(key.getPrivate());
        env = new ProxyTestEnv(dir, """
                mode: monitor
                auth:
                  required: true
                  tokens: { static-agent: %s }
                  verificationKeys: [%s]
                """.formatted(STATIC_TOKEN, pub), null);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static String token(String agent, EnforcementMode mode) {
        return issuer.issue(agent, Duration.ofMinutes(5), List.of(), "", mode, Instant.now()).token();
    }

    private static RawClient.Response post(String user, String password) throws Exception {
        String auth = "Proxy-Authorization: Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect("api.sieve.test:" + env.api.port(), auth).status()).isEqualTo(200);
            c.startTls(env.agentTls(), "api.sieve.test", "api.sieve.test", env.api.port());
            return c.request("POST /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY);
        }
    }

    @Test
    void anEnforceModeTokenIsEnforcedUnderMonitorMode() throws Exception {
        RawClient.Response r = post("strict-bot", token("strict-bot", EnforcementMode.ENFORCE));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("inspection_blocked", "pii.us-ssn").doesNotContain("536-22-8174");
    }

    @Test
    void aMonitorModeTokenAndAStaticAgentAreOnlyMonitored() throws Exception {
        assertThat(post("relaxed-bot", token("relaxed-bot", EnforcementMode.MONITOR)).status()).isEqualTo(200);
        assertThat(post("static-agent", STATIC_TOKEN).status()).isEqualTo(200);
    }
}
