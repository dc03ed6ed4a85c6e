package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.auth.Ed25519Keys;
import dev.sieve.proxy.auth.TokenIssuer;
import dev.sieve.proxy.config.EnforcementMode;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.testing.BudgetAgent;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed token's budget claim and the configured budget together: the narrower limit wins, so a token can tighten
 * an agent's budget and never widen it.
 */
class TokenBudgetEndToEndTest {

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
                auth:
                  required: true
                  verificationKeys: [%s]
                budgets:
                  default: { rpm: 3, connections: 4 }
                """.formatted(pub), RequestInspector.PASS_THROUGH);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static BudgetAgent agent(String id, String budget) {
        String token = issuer.issue(id, Duration.ofMinutes(5), List.of(), budget, EnforcementMode.ENFORCE,
                Instant.now()).token();
        return new BudgetAgent(id, token);
    }

    private static int requestsUntilRefused(BudgetAgent agent, int max) throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(agent.tunnel(env, c).status()).isEqualTo(200);
            for (int i = 0; i < max; i++) {
                RawClient.Response r = c.request("POST /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                        + "\r\nContent-Length: 2\r\n\r\nhi");
                if (r.status() == 429) {
                    assertThat(r.body()).contains("\"reason\":\"budget_exceeded\"");
                    return i;
                }
                assertThat(r.status()).as("request %d", i).isEqualTo(200);
            }
            return max;
        }
    }

    @Test
    void aTokensNarrowerRateWinsOverTheConfiguredOne() throws Exception {
        assertThat(requestsUntilRefused(agent("narrow-bot", "rpm=1"), 5)).isEqualTo(1);
    }

    @Test
    void aTokensWiderRateDoesNotWidenTheConfiguredOne() throws Exception {
        assertThat(requestsUntilRefused(agent("wide-bot", "rpm=100"), 6)).isEqualTo(3);
    }

    @Test
    void aTokenWithoutABudgetClaimGetsTheConfiguredBudget() throws Exception {
        assertThat(requestsUntilRefused(agent("plain-bot", ""), 6)).isEqualTo(3);
    }

    @Test
    void aTokensConnectionLimitAppliesToItsTunnels() throws Exception {
        BudgetAgent agent = agent("one-tunnel-bot", "connections=1");
        try (RawClient first = new RawClient(env.proxy()); RawClient second = new RawClient(env.proxy())) {
            assertThat(agent.tunnel(env, first).status()).isEqualTo(200);
            RawClient.Response refused = agent.tunnel(env, second);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.body()).contains("connections=1 of agent one-tunnel-bot");
        }
    }
}
