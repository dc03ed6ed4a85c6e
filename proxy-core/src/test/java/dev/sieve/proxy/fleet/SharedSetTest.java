package dev.sieve.proxy.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.auth.RevocationList;
import dev.sieve.proxy.config.StateSettings;
import dev.sieve.proxy.control.KillSwitch;
import dev.sieve.proxy.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a shared set costs a real redis-server, counted with {@code INFO commandstats}: a replica that (re)joins sends
 * its whole state in one SADD, refreshes with nothing new send no SADD and no notice, and a burst of notices makes
 * a few reads, not one per notice.
 */
class SharedSetTest {
    private static final Pattern CALLS = Pattern.compile("cmdstat_(\\w+):calls=(\\d+)");

    @TempDir
    Path dir;

    private RedisServer redis;
    private FleetConnection fleet;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> stats;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start(dir.resolve("redis"));
        fleet = FleetConnection.open(new StateSettings.Redis(URI.create(redis.url()), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(5)));
        await(fleet::healthy);
        client = RedisClient.create(redis.url());
        connection = client.connect();
        stats = connection.sync();
    }

    @AfterEach
    void stop() {
        connection.close();
        client.shutdown();
        fleet.close();
        redis.close();
    }

    @Test
    void aJoiningReplicaSendsItsStateInOneSaddAndRefreshesWithNothingNewSendNone() throws Exception {
        Set<String> local = IntStream.range(0, 200).mapToObj(i -> "token:tok_" + i).collect(Collectors.toSet());
        AtomicReference<Set<String>> applied = new AtomicReference<>();
        SharedSet set = new SharedSet(fleet, "sieve:test:set", () -> local, applied::set);
        stats.configResetstat();

        set.refresh();
        await(() -> set.pending() == 0);
        for (int i = 0; i < 5; i++) {
            set.refresh();
        }
        await(() -> calls("smembers") == 6);

        assertThat(stats.smembers("sieve:test:set")).isEqualTo(local);
        assertThat(calls("sadd")).as("one SADD for 200 members, none for refreshes with nothing pending").isEqualTo(1);
        assertThat(calls("publish")).as("one notice for the join").isEqualTo(1);
        await(() -> local.equals(applied.get()));

        set.add("agent:bot-1");
        await(() -> set.pending() == 0);
        set.add("agent:bot-1"); // Redis has it already: no news
        await(() -> set.pending() == 0);
        assertThat(calls("sadd")).isEqualTo(3);
        assertThat(calls("publish")).isEqualTo(2);
    }

    @Test
    void aBurstOfNoticesIsReadOnceOrSoNotOncePerNotice() throws Exception {
        RevocationList revocations = RevocationList.open(dir.resolve("revocations.json"), Optional.empty());
        KillSwitch killSwitch = KillSwitch.open(dir.resolve("kill-switch.json"), Optional.empty());
        FleetSync.start(fleet, revocations, killSwitch);
        // Subscribed once a notice is read: each tick reads both sets, so SMEMBERS moves.
        await(() -> {
            stats.publish(SharedSet.CHANNEL, "probe");
            long before = calls("smembers");
            return waitFor(() -> calls("smembers") > before + 2, 300);
        });
        Thread.sleep(2 * SharedSet.REFRESH_MILLIS); // let the probe's notices settle
        stats.configResetstat();

        var async = connection.async();
        var sent = IntStream.range(0, 200).mapToObj(i -> async.publish(SharedSet.CHANNEL, "sieve:fleet:revocations")
                .toCompletableFuture()).toList();
        sent.forEach(java.util.concurrent.CompletableFuture::join);
        Thread.sleep(SharedSet.REFRESH_MILLIS / 2);

        // Two sets a read; 200 notices read one by one would be 400 SMEMBERS.
        assertThat(calls("smembers")).isBetween(2L, 40L);
    }

    private long calls(String command) {
        Matcher m = CALLS.matcher(stats.info("commandstats"));
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(command)) {
                return Long.parseLong(m.group(2));
            }
        }
        return 0;
    }

    private static boolean waitFor(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private interface Condition {
        boolean met() throws Exception;
    }

    private static void await(Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
