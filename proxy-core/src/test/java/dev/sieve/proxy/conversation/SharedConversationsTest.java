package dev.sieve.proxy.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.sieve.dlp.Action;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.Severity;
import dev.sieve.dlp.inspect.HistoryPolicy;
import dev.sieve.proxy.config.ConversationSettings;
import dev.sieve.proxy.config.StateSettings;
import dev.sieve.proxy.fleet.FleetConnection;
import dev.sieve.proxy.testing.RedisServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two trackers ("replicas", each with its own random in-process key) sharing one real redis-server under one fleet
 * key place each other's turns and sightings as one tracker would; the Redis state is bounded per turn and per
 * conversation and expires with {@code conversations.idleExpiry}.
 */
class SharedConversationsTest {
    private static final Duration IDLE = Duration.ofMinutes(10);

    @TempDir
    static Path dir;

    static RedisServer redis;
    static FleetConnection fleetA;
    static FleetConnection fleetB;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start(dir.resolve("redis"));
        StateSettings.Redis settings = new StateSettings.Redis(URI.create(redis.url()), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(5));
        fleetA = FleetConnection.open(settings);
        fleetB = FleetConnection.open(settings);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(fleetA.healthy() && fleetB.healthy()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fleetA.healthy() && fleetB.healthy()).as("connected to redis").isTrue();
    }

    @AfterAll
    static void stop() {
        fleetA.close();
        fleetB.close();
        redis.close();
    }

    private static ConversationTracker replica(FleetConnection fleet, byte[] fleetKey) {
        byte[] ownKey = new byte[32];
        new java.security.SecureRandom().nextBytes(ownKey);
        ConversationTracker t = new ConversationTracker(new ConversationSettings(true, 1024 * 1024, IDLE,
                HistoryPolicy.DEFAULT), Ticker.systemTicker(), ownKey);
        t.share(new SharedConversations(fleet, IDLE, Duration.ofSeconds(2)), fleetKey);
        return t;
    }

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) seed);
        return k;
    }

    private static byte[] body(String... messages) {
        StringBuilder b = new StringBuilder("{\"model\":\"m\",\"system\":\"be brief\",\"messages\":[");
        for (int i = 0; i < messages.length; i++) {
            b.append(i == 0 ? "" : ",").append("{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant")
                    .append("\",\"content\":\"").append(messages[i]).append("\"}");
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Finding finding(String fingerprint) {
        return new Finding("credential.x", Category.CREDENTIAL, Severity.HIGH, Action.BLOCK, "json", 1, 5, "ab**", 1)
                .withLocation(Optional.empty(), fingerprint);
    }

    @Test
    void aTurnOnTheOtherReplicaKnowsItsHistoryAndItsRepeats() {
        ConversationTracker a = replica(fleetA, key(1));
        ConversationTracker b = replica(fleetB, key(1));

        ConversationTracker.Turn one = a.observe("agent:x", "/v1/messages", body("hi"));
        ConversationTracker.Turn two = b.observe("agent:x", "/v1/messages", body("hi", "hello", "more"));
        ConversationTracker.Turn three = a.observe("agent:x", "/v1/messages",
                body("hi", "hello", "more", "ok", "last"));

        assertThat(two.seenUnits()).isEqualTo(2);
        assertThat(three.seenUnits()).as("a learns turn 2 from the fleet").isEqualTo(4);
        assertThat(two.conversationId()).isEqualTo(one.conversationId()).isEqualTo(three.conversationId());

        assertThat(a.deduplicate(one, "req-1", List.of(finding("f1"))).get(0).repeat()).isFalse();
        Finding again = b.deduplicate(two, "req-2", List.of(finding("f1"), finding("f2"))).get(0);
        assertThat(again.repeat()).isTrue();
        assertThat(again.firstRequestId()).isEqualTo("req-1");
        assertThat(a.deduplicate(three, "req-3", List.of(finding("f2"))).get(0).firstRequestId()).isEqualTo("req-2");
    }

    @Test
    void turnsSendTheScriptsByTheirShaAndSendTheTextAgainOnlyWhenRedisLostThem() throws Exception {
        ConversationTracker a = replica(fleetA, key(4));
        ConversationTracker b = replica(fleetB, key(4));
        assertThat(redis.command("SCRIPT FLUSH")).isEqualTo("+OK"); // as after a restart of Redis
        assertThat(redis.command("CONFIG RESETSTAT")).isEqualTo("+OK");

        ConversationTracker.Turn one = a.observe("agent:s", "/v1/messages", body("hi"));
        a.deduplicate(one, "req-1", List.of(finding("f1")));
        for (int turn = 2; turn <= 5; turn++) {
            String[] messages = new String[2 * turn - 1];
            java.util.Arrays.setAll(messages, i -> "m" + i);
            messages[0] = "hi";
            ConversationTracker.Turn next = (turn % 2 == 0 ? b : a).observe("agent:s", "/v1/messages",
                    body(messages));
            assertThat(next.conversationId()).isEqualTo(one.conversationId());
            Finding repeat = (turn % 2 == 0 ? b : a).deduplicate(next, "req-" + turn, List.of(finding("f1"))).get(0);
            assertThat(repeat.firstRequestId()).isEqualTo("req-1");
        }

        assertThat(calls("evalsha")).as("every script run by its SHA-1").isEqualTo(10);
        assertThat(calls("eval")).as("each text sent once, after NOSCRIPT").isEqualTo(2);
        assertThat(fleetA.healthy() && fleetB.healthy()).as("NOSCRIPT is not an outage").isTrue();
    }

    /** How many times Redis ran {@code command} since the last CONFIG RESETSTAT. */
    private static long calls(String command) throws Exception {
        String stats = fleetA.call(r -> r.info("commandstats")).get(5, TimeUnit.SECONDS);
        var m = java.util.regex.Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(stats);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    void replicasWithAnotherFleetKeyDoNotRecogniseEachOther() {
        ConversationTracker a = replica(fleetA, key(2));
        ConversationTracker b = replica(fleetB, key(3));

        a.observe("agent:y", "/v1/messages", body("hi"));
        assertThat(b.observe("agent:y", "/v1/messages", body("hi", "hello", "more")).seenUnits()).isZero();
    }

    @Test
    void sightingsAreBoundedPerConversationAndEverythingExpiresWithTheIdleTime() throws Exception {
        SharedConversations shared = new SharedConversations(fleetA, IDLE, Duration.ofSeconds(2));
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < SharedConversations.MAX_SIGHTINGS; i++) {
            fields.add("rule:" + i);
        }
        assertThat(shared.sight("conv-bound", "req-1", fields)).contains(java.util.Collections.nCopies(
                SharedConversations.MAX_SIGHTINGS, "req-1"));
        // Full: a new value is reported as new (its own request) and not recorded; a known one is still known.
        assertThat(shared.sight("conv-bound", "req-2", List.of("rule:new", "rule:7"))).contains(
                List.of("req-2", "req-1"));
        assertThat(redis.command("HLEN " + SharedConversations.SIGHTINGS_KEY + "conv-bound"))
                .isEqualTo(":" + SharedConversations.MAX_SIGHTINGS);
        long ttl = Long.parseLong(redis.command("PTTL " + SharedConversations.SIGHTINGS_KEY + "conv-bound")
                .substring(1));
        assertThat(ttl).isPositive().isLessThanOrEqualTo(IDLE.toMillis());

        // A turn writes only its last MAX_UNITS prefixes.
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < SharedConversations.MAX_UNITS + 10; i++) {
            hashes.add(String.format("%032x", i + 1_000_000));
        }
        assertThat(shared.observe(hashes, k -> true)).contains(new SharedConversations.Placed(0,
                hashes.get(hashes.size() - 1)));
        assertThat(redis.command("EXISTS " + SharedConversations.PREFIX_KEY + hashes.get(9))).isEqualTo(":0");
        assertThat(redis.command("EXISTS " + SharedConversations.PREFIX_KEY + hashes.get(10))).isEqualTo(":1");
        // The next turn extends it: the longest known prefix counts over the whole turn.
        hashes.add(String.format("%032x", 2_000_000));
        assertThat(shared.observe(hashes, k -> true).orElseThrow().seen()).isEqualTo(SharedConversations.MAX_UNITS
                + 10);
    }
}
