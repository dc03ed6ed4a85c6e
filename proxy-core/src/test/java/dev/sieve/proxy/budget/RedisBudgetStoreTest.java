package dev.sieve.proxy.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.config.BudgetLimits;
import dev.sieve.proxy.config.StateSettings;
import dev.sieve.proxy.fleet.FleetConnection;
import dev.sieve.proxy.testing.RedisServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lua scripts against a real redis-server: the same answers as the in-process counters, shared by replicas. */
class RedisBudgetStoreTest {

    @TempDir
    static Path dir;

    static RedisServer redis;
    static FleetConnection fleet;
    static FleetConnection otherReplica;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start(dir.resolve("redis"));
        StateSettings.Redis settings = new StateSettings.Redis(URI.create(redis.url()), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(5));
        fleet = FleetConnection.open(settings);
        otherReplica = FleetConnection.open(settings);
        awaitHealthy(fleet);
        awaitHealthy(otherReplica);
    }

    static void awaitHealthy(FleetConnection f) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!f.healthy() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(f.healthy()).as("connected to redis").isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        fleet.close();
        otherReplica.close();
        redis.close();
    }

    private static BudgetScope scope(String agent, String limits) {
        return BudgetScope.ofAgent(agent, BudgetLimits.parse(limits));
    }

    private static BudgetOutcome admit(RedisBudgetStore store, List<BudgetScope> scopes, long declared)
            throws Exception {
        return store.admitRequest(scopes, declared).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void twoReplicasShareOneBucket() throws Exception {
        RedisBudgetStore a = new RedisBudgetStore(fleet, Duration.ofSeconds(5));
        RedisBudgetStore b = new RedisBudgetStore(otherReplica, Duration.ofSeconds(5));
        List<BudgetScope> scopes = List.of(scope("shared-rpm", "rpm=3"));
        assertThat(admit(a, scopes, -1).allowed()).isTrue();
        assertThat(admit(b, scopes, -1).allowed()).isTrue();
        assertThat(admit(a, scopes, -1).allowed()).isTrue();
        BudgetOutcome refused = admit(b, scopes, -1);
        assertThat(refused.limit()).isEqualTo(BudgetLimit.RPM);
        assertThat(refused.scope()).isZero();
        assertThat(refused.retryAfterMillis()).isBetween(1L, 20_000L);
    }

    @Test
    void scriptsRunByTheirShaAndAreSentAgainWhenTheServerLostThem() throws Exception {
        RedisBudgetStore store = new RedisBudgetStore(fleet, Duration.ofSeconds(5));
        List<BudgetScope> scopes = List.of(scope("by-sha", "rpm=10"));
        assertThat(redis.command("SCRIPT FLUSH")).isEqualTo("+OK"); // as after a restart of Redis
        assertThat(redis.command("CONFIG RESETSTAT")).isEqualTo("+OK");
        for (int i = 0; i < 3; i++) {
            assertThat(admit(store, scopes, -1).allowed()).isTrue();
        }
        assertThat(fleet.call(r -> r.scriptExists(RedisBudgetStore.ADMIT.sha())).get(5, TimeUnit.SECONDS))
                .containsExactly(true);
        assertThat(calls("evalsha")).isGreaterThanOrEqualTo(3);
        assertThat(fleet.healthy()).as("NOSCRIPT is not an outage").isTrue();
    }

    /** How many times Redis ran {@code command} since the last CONFIG RESETSTAT. */
    private static long calls(String command) throws Exception {
        String stats = fleet.call(r -> r.info("commandstats")).get(5, TimeUnit.SECONDS);
        var m = java.util.regex.Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(stats);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    void aRefusedScopeTakesNothingFromTheOthers() throws Exception {
        RedisBudgetStore store = new RedisBudgetStore(fleet, Duration.ofSeconds(5));
        BudgetScope wide = scope("all-or-none", "rpm=2");
        BudgetScope narrow = BudgetScope.ofDestination("all-or-none", "api.example", BudgetLimits.parse("rpm=1"));
        assertThat(admit(store, List.of(wide, narrow), -1).allowed()).isTrue();
        BudgetOutcome refused = admit(store, List.of(wide, narrow), -1);
        assertThat(refused.scope()).isEqualTo(1);
        assertThat(admit(store, List.of(wide), -1).allowed()).isTrue();
        assertThat(admit(store, List.of(wide), -1).allowed()).isFalse();
    }

    @Test
    void uploadWindowsAreCharged() throws Exception {
        RedisBudgetStore store = new RedisBudgetStore(fleet, Duration.ofSeconds(5));
        List<BudgetScope> scopes = List.of(BudgetScope.ofAgent("uploader", new BudgetLimits(OptionalLong.empty(),
                OptionalLong.of(1024), OptionalLong.of(1L << 50), OptionalLong.empty())));
        assertThat(admit(store, scopes, 600).allowed()).isTrue();
        store.chargeAsync(scopes, 600).get(5, TimeUnit.SECONDS);
        BudgetOutcome tooBig = admit(store, scopes, 600);
        assertThat(tooBig.limit()).isEqualTo(BudgetLimit.UPLOAD_PER_HOUR);
        assertThat(tooBig.left()).isEqualTo(424);
        assertThat(tooBig.retryAfterMillis()).isBetween(1L, UploadWindow.HOUR_MILLIS);
        assertThat(admit(store, scopes, 424).allowed()).isTrue();
        store.chargeAsync(scopes, 5L << 40).get(5, TimeUnit.SECONDS); // past 2^53 / 1000 in bytes: exact integers
        BudgetOutcome spent = admit(store, scopes, -1);
        assertThat(spent.limit()).isEqualTo(BudgetLimit.UPLOAD_PER_HOUR);
        assertThat(redis.command("HGET " + RedisBudgetStore.PREFIX + "agent:uploader:up:d used"))
                .isEqualTo(Long.toString(600 + (5L << 40)));
    }

    @Test
    void leasesAreSharedReleasedAndLapseWhenTheirReplicaStopsRenewing() throws Exception {
        RedisBudgetStore a = new RedisBudgetStore(fleet, Duration.ofSeconds(5));
        RedisBudgetStore b = new RedisBudgetStore(otherReplica, Duration.ofSeconds(5));
        List<BudgetScope> scopes = List.of(scope("leaser", "connections=1"));
        BudgetStore.Lease held = a.acquireConnection(scopes, "a:1").toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(held.outcome().allowed()).isTrue();
        BudgetStore.Lease refused = b.acquireConnection(scopes, "b:1").toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(refused.outcome().limit()).isEqualTo(BudgetLimit.CONNECTIONS);
        held.release();
        assertThat(awaitLease(b, scopes, "b:2")).isTrue();

        // A replica that dies stops renewing: its lease lapses after state.redis.leaseTtl. Simulated by a lease
        // written with a short expiry and no renewal.
        List<BudgetScope> other = List.of(scope("dead-replica", "connections=1"));
        String key = RedisBudgetStore.PREFIX + "agent:dead-replica:conn";
        redis.command("ZADD " + key + " " + (System.currentTimeMillis() + 300) + " dead:1");
        assertThat(a.acquireConnection(other, "a:2").toCompletableFuture().get(5, TimeUnit.SECONDS).outcome()
                .allowed()).isFalse();
        assertThat(awaitLease(a, other, "a:3")).isTrue();
    }

    private static boolean awaitLease(RedisBudgetStore store, List<BudgetScope> scopes, String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (store.acquireConnection(scopes, id).toCompletableFuture().get(5, TimeUnit.SECONDS).outcome()
                    .allowed()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
