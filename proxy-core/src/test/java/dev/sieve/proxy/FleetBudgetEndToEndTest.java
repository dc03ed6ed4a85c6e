package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.testing.BudgetAgent;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RedisServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Sieve replicas share one budget through a real redis-server; with Redis stopped each falls back to the limit
 * on its own (and says so in /metrics and /readyz), and shares again once Redis is back.
 */
class FleetBudgetEndToEndTest {

    static final BudgetAgent AGENT = new BudgetAgent("fleet-agent", "fleet-agent-token-0123456789");

    @TempDir
    static Path dir;

    static RedisServer redis;
    static ProxyTestEnv a;
    static ProxyTestEnv b;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start(dir.resolve("redis"));
        a = new ProxyTestEnv(dir.resolve("a"), config(), RequestInspector.PASS_THROUGH);
        b = new ProxyTestEnv(dir.resolve("b"), config(), RequestInspector.PASS_THROUGH);
    }

    private static String config() {
        // rpm=4: a token comes back every 15 s, longer than each phase of the test takes.
        return """
                auth: { required: true, tokens: { %s: %s } }
                budgets:
                  agents:
                    fleet-agent: { rpm: 4 }
                state:
                  redis: { url: "%s", timeout: 500ms }
                """.formatted(AGENT.id(), AGENT.token(), redis.url());
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        redis.close();
    }

    @Test
    void replicasShareABudgetFallBackToTheirOwnWhileRedisIsOutAndShareAgainAfter() throws Exception {
        BudgetAgent.awaitReadyz(a, body -> !body.contains("details"));
        BudgetAgent.awaitReadyz(b, body -> !body.contains("details"));

        // Shared: 4 requests across both replicas, the 5th is over, whichever replica it reaches.
        assertThat(AGENT.post(a, "1").status()).isEqualTo(200);
        assertThat(AGENT.post(b, "2").status()).isEqualTo(200);
        assertThat(AGENT.post(a, "3").status()).isEqualTo(200);
        assertThat(AGENT.post(b, "4").status()).isEqualTo(200);
        assertThat(AGENT.post(a, "5").status()).isEqualTo(429);
        assertThat(AGENT.post(b, "6").status()).isEqualTo(429);
        assertThat(BudgetAgent.metric(a, "sieve_fleet_state_degraded")).isEqualTo(0.0);

        // Redis goes away: each replica enforces the limit on its own counters, and says so.
        redis.stop();
        for (ProxyTestEnv replica : new ProxyTestEnv[] {a, b}) {
            for (int i = 0; i < 4; i++) {
                assertThat(AGENT.post(replica, "local").status()).as("request %d while Redis is out", i)
                        .isEqualTo(200);
            }
            assertThat(AGENT.post(replica, "over").status()).isEqualTo(429);
            HttpResponse<String> ready = BudgetAgent.awaitReadyz(replica, body -> body.contains("details"));
            assertThat(ready.statusCode()).isEqualTo(200); // degraded, still ready: the budgets hold, per replica
            assertThat(ready.body()).contains("budgets: per-replica limits: Redis redis://127.0.0.1:");
            assertThat(BudgetAgent.metric(replica, "sieve_fleet_state_degraded")).isEqualTo(1.0);
            assertThat(BudgetAgent.metric(replica, "sieve_fleet_state_fallbacks_total")).isGreaterThanOrEqualTo(5);
            assertThat(BudgetAgent.metric(replica, "sieve_fleet_state_errors_total")).isGreaterThanOrEqualTo(1);
        }

        // Redis is back (empty: no persistence): shared again. Replica a's own bucket is spent, so a request it
        // lets through now was counted in Redis.
        redis.start();
        BudgetAgent.awaitReadyz(a, body -> !body.contains("details"));
        BudgetAgent.awaitReadyz(b, body -> !body.contains("details"));
        assertThat(BudgetAgent.metric(a, "sieve_fleet_state_degraded")).isEqualTo(0.0);
        assertThat(AGENT.post(a, "7").status()).isEqualTo(200);
        assertThat(AGENT.post(b, "8").status()).isEqualTo(200);
        assertThat(AGENT.post(a, "9").status()).isEqualTo(200);
        assertThat(AGENT.post(b, "10").status()).isEqualTo(200);
        assertThat(AGENT.post(b, "11").status()).isEqualTo(429);
        assertThat(redis.command("EXISTS sieve:budget:agent:fleet-agent:rpm")).isEqualTo(":1");
    }
}
