package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.auth.Ed25519Keys;
import dev.sieve.proxy.auth.TokenCodec;
import dev.sieve.proxy.auth.TokenIssuer;
import dev.sieve.proxy.config.EnforcementMode;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.testing.BudgetAgent;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import dev.sieve.proxy.testing.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Sieve replicas share one revocation list and one kill switch through a real redis-server: a change made through
 * one replica's admin API reaches the other within a second; with Redis stopped each keeps the last known state, an
 * unrevoke or release is refused (fail closed), and a revocation made meanwhile reaches the fleet once Redis is back
 * (even though it comes back empty).
 */
class FleetStateEndToEndTest {

    static final BudgetAgent STOPPED = new BudgetAgent("stopped-agent", "stopped-agent-token-0123456789");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dir;

    static RedisServer redis;
    static TokenIssuer issuer;
    static ProxyTestEnv a;
    static ProxyTestEnv b;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start(dir.resolve("redis"));
        KeyPair key = Ed25519Keys.generate();
        Path pub = Files.createDirectories(dir.resolve("keys")).resolve("signing.pub");
        Ed25519Keys.writePublic(pub, key.getPublic());
        issuer = new TokenIssuer(key.getPrivate());
        String config = """
                auth: { required: true, tokens: { %s: %s }, verificationKeys: [%s] }
                state:
                  redis: { url: "%s", timeout: 500ms }
                """.formatted(STOPPED.id(), STOPPED.token(), pub, redis.url());
        a = new ProxyTestEnv(dir.resolve("a"), config, RequestInspector.PASS_THROUGH);
        b = new ProxyTestEnv(dir.resolve("b"), config, RequestInspector.PASS_THROUGH);
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
    void replicasShareRevocationsAndTheKillSwitchAndKeepTheLastKnownStateWhileRedisIsOut() throws Exception {
        BudgetAgent.awaitReadyz(a, body -> !body.contains("details"));
        BudgetAgent.awaitReadyz(b, body -> !body.contains("details"));
        within(Duration.ofSeconds(5), "both replicas listen for change notices",
                () -> ":2".equals(redis.command("PUBLISH sieve:fleet:changed test")));
        String first = issuer.issue("fleet-agent", Duration.ofMinutes(5), List.of(), "", EnforcementMode.ENFORCE,
                Instant.now()).token();
        String second = issuer.issue("fleet-agent", Duration.ofMinutes(5), List.of(), "", EnforcementMode.ENFORCE,
                Instant.now()).token();
        assertThat(connect(b, first)).isEqualTo(200);

        // A revocation through a's admin API: b refuses the token within a second.
        assertThat(admin(a, "POST", "/admin/revocations?token=" + id(first)).statusCode()).isEqualTo(200);
        within(Duration.ofSeconds(1), "b refuses the revoked token", () -> revokedOn(b, first));
        assertThat(connect(b, second)).isEqualTo(200);

        // The kill switch engaged on a stops the agent on b; released on a, b lets it through again.
        assertThat(STOPPED.post(b, "before").status()).isEqualTo(200);
        assertThat(admin(a, "POST", "/admin/killswitch?agent=" + STOPPED.id()).statusCode()).isEqualTo(200);
        within(Duration.ofSeconds(1), "b stops the agent", () -> killSwitched(STOPPED.post(b, "engaged")));
        assertThat(admin(a, "DELETE", "/admin/killswitch?agent=" + STOPPED.id()).statusCode()).isEqualTo(200);
        within(Duration.ofSeconds(1), "b lets the agent through again",
                () -> STOPPED.post(b, "released").status() == 200);
        assertThat(admin(a, "POST", "/admin/killswitch?agent=" + STOPPED.id()).statusCode()).isEqualTo(200);
        within(Duration.ofSeconds(1), "b stops the agent again", () -> killSwitched(STOPPED.post(b, "engaged")));

        // Redis goes away: b keeps the last known state and says so.
        redis.stop();
        HttpResponse<String> ready = BudgetAgent.awaitReadyz(b,
                body -> body.contains("revocations and kill switch"));
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("revocations and kill switch: last known state");
        Thread.sleep(3 * 500); // several refresh periods without Redis
        assertThat(revokedOn(b, first)).isTrue();
        assertThat(killSwitched(STOPPED.post(b, "still stopped"))).isTrue();
        assertThat(BudgetAgent.metric(b, "sieve_fleet_state_degraded")).isEqualTo(1.0);

        // Meanwhile on a: a release needs Redis (refused, fail closed); a revocation applies on a at once.
        HttpResponse<String> release = admin(a, "DELETE", "/admin/killswitch?agent=" + STOPPED.id());
        assertThat(release.statusCode()).isEqualTo(503);
        assertThat(release.body()).contains("kill switch not released").contains("unavailable");
        assertThat(killSwitched(STOPPED.post(a, "still stopped"))).isTrue();
        HttpResponse<String> unrevoke = admin(a, "DELETE", "/admin/revocations?token=" + id(first));
        assertThat(unrevoke.statusCode()).isEqualTo(503);
        assertThat(unrevoke.body()).contains("revocation not lifted");
        assertThat(revokedOn(a, first)).isTrue();
        assertThat(admin(a, "POST", "/admin/revocations?token=" + id(second)).statusCode()).isEqualTo(200);
        assertThat(revokedOn(a, second)).isTrue();
        assertThat(connect(b, second)).as("not shared while Redis is out").isEqualTo(200);

        // Redis is back, empty (no persistence): the replicas put their last known state back, a's revocation
        // made meanwhile reaches b, and nothing revoked or engaged before is lost.
        redis.start();
        within(Duration.ofSeconds(10), "b refuses the token revoked on a while Redis was out",
                () -> revokedOn(b, second));
        assertThat(revokedOn(b, first)).isTrue();
        assertThat(killSwitched(STOPPED.post(b, "still stopped"))).isTrue();
        assertThat(redis.command("SISMEMBER sieve:revocations token:" + id(second))).isEqualTo(":1");
        BudgetAgent.awaitReadyz(a, body -> !body.contains("details"));
        BudgetAgent.awaitReadyz(b, body -> !body.contains("details"));
        assertThat(admin(a, "DELETE", "/admin/killswitch?agent=" + STOPPED.id()).statusCode()).isEqualTo(200);
        within(Duration.ofSeconds(1), "b lets the agent through after the release",
                () -> STOPPED.post(b, "released").status() == 200);
    }

    private static String id(String token) {
        return TokenCodec.decode(token).claims().tokenId();
    }

    private static int connect(ProxyTestEnv env, String token) throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            return c.connect("api.sieve.test:" + env.api.port(), "Proxy-Authorization: Bearer " + token).status();
        }
    }

    private static boolean revokedOn(ProxyTestEnv env, String token) throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            RawClient.Response r = c.connect("api.sieve.test:" + env.api.port(), "Proxy-Authorization: Bearer "
                    + token);
            return r.status() == 407 && r.body().contains("token_revoked");
        }
    }

    private static boolean killSwitched(RawClient.Response r) {
        return r.status() == 403 && r.body().contains("kill_switch");
    }

    private static HttpResponse<String> admin(ProxyTestEnv env, String method, String pathAndQuery)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + env.admin().getPort()
                + pathAndQuery)).method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void within(Duration limit, String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        do {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (java.io.IOException e) {
                // The change arrived mid-request: the replica closed the connection it had just stopped. Ask again.
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(what + ": not within " + limit);
    }
}
