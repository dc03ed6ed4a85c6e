package dev.sieve.proxy.conversation;

import dev.sieve.proxy.fleet.FleetConnection;
import dev.sieve.proxy.fleet.LuaScript;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The conversation state of a fleet in its Valkey/Redis ({@code state.redis}), which every replica reads through and
 * writes through, so that a conversation whose turns reach different replicas is followed as on one replica. It holds
 * what the {@link ConversationTracker} holds, no more: keyed hashes of message prefixes mapped to a conversation id
 * (itself such a hash), and per conversation the first request id of each (rule id, value fingerprint). Never content,
 * never a value; the hash keys (derived from {@code redaction.keyFile}) are not in Redis.
 *
 * <p>Bounded: a turn reads and writes only its last {@link #MAX_UNITS} prefixes, and a conversation records at most
 * {@link #MAX_SIGHTINGS} first sightings (past either, a turn or a finding counts as new content: the strict reading).
 * Everything expires {@code conversations.idleExpiry} after its last use, as in process.
 *
 * <p>One script (one round trip, atomic, sent by its SHA-1) per conversation turn and one per turn with fingerprinted
 * findings, on the inspection worker, each within {@code state.redis.timeout}. While Redis does not answer nothing waits for it: the
 * tracker uses its own state ({@link #fallbacks()} counts each time, {@link #degraded()} says so on {@code /readyz}).
 */
public final class SharedConversations {

    static final String PREFIX_KEY = "sieve:conv:p:";
    static final String SIGHTINGS_KEY = "sieve:conv:s:";
    /** The most prefixes of one turn read and written: its last ones. */
    static final int MAX_UNITS = 256;
    /** The most first sightings recorded per conversation. */
    static final int MAX_SIGHTINGS = 1024;

    /*
     * KEYS: the turn's prefix keys, in order. ARGV[1]: TTL (ms); ARGV[2]: one character per key, '1' where that
     * prefix holds more than the system prompt (its recorded id is the conversation's); ARGV[3]: the new
     * conversation's id. Finds the longest known prefix but the last, then records every prefix (keeping an id
     * recorded before) and renews the TTL of each. Returns {seen, id}.
     */
    private static final LuaScript OBSERVE = LuaScript.of("""
            local n = #KEYS
            local seen = 0
            local id = false
            for k = n - 1, 1, -1 do
              local known = redis.call('GET', KEYS[k])
              if known then
                seen = k
                if string.sub(ARGV[2], k, k) == '1' then id = known end
                break
              end
            end
            if not id then id = ARGV[3] end
            for i = 1, n do
              if not redis.call('SET', KEYS[i], id, 'NX', 'PX', ARGV[1]) then
                redis.call('PEXPIRE', KEYS[i], ARGV[1])
              end
            end
            return {seen, id}
            """);

    /*
     * KEYS[1]: the conversation's sightings (a hash). ARGV[1]: TTL (ms); ARGV[2]: the most fields; ARGV[3]: this
     * request's id; ARGV[4..]: "<rule id>:<fingerprint>" of each finding. Returns the first request id of each.
     */
    private static final LuaScript SIGHT = LuaScript.of("""
            local size = redis.call('HLEN', KEYS[1])
            local out = {}
            for i = 4, #ARGV do
              local first = redis.call('HGET', KEYS[1], ARGV[i])
              if not first then
                first = ARGV[3]
                if size < tonumber(ARGV[2]) then
                  redis.call('HSET', KEYS[1], ARGV[i], first)
                  size = size + 1
                end
              end
              out[#out + 1] = first
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return out
            """);

    private final FleetConnection fleet;
    private final String ttlMillis;
    private final long waitMillis;
    private final AtomicLong fallbacks = new AtomicLong();

    /**
     * @param idleExpiry {@code conversations.idleExpiry}: the TTL of every entry
     * @param timeout    {@code state.redis.timeout}: the longest a turn waits for Redis
     */
    public SharedConversations(FleetConnection fleet, Duration idleExpiry, Duration timeout) {
        this.fleet = fleet;
        this.ttlMillis = Long.toString(Math.max(1, idleExpiry.toMillis()));
        // FleetConnection.call times out on its own; this bound only guards against a future that never completes.
        this.waitMillis = timeout.toMillis() * 2 + 50;
    }

    /** Where the fleet places a turn: the longest prefix known ({@code seen} units) and the conversation id. */
    record Placed(int seen, String id) {}

    /**
     * Places a turn whose prefix hashes are {@code hashes} (its last {@link #MAX_UNITS}, from unit
     * {@code hashes.size() - window + 1}) and records them; empty when Redis does not answer in time.
     *
     * @param holdsMoreThanSystem per unit count {@code k} (1-based over the whole turn), whether prefix {@code k}
     *                            holds more than the system prompt
     */
    Optional<Placed> observe(List<String> hashes, java.util.function.IntPredicate holdsMoreThanSystem) {
        int n = hashes.size();
        int base = Math.max(0, n - MAX_UNITS);
        String[] keys = new String[n - base];
        StringBuilder flags = new StringBuilder(keys.length);
        for (int i = base; i < n; i++) {
            keys[i - base] = PREFIX_KEY + hashes.get(i);
            flags.append(holdsMoreThanSystem.test(i + 1) ? '1' : '0');
        }
        Optional<List<Object>> reply = run(OBSERVE, keys, ttlMillis, flags.toString(), hashes.get(n - 1));
        return reply.map(r -> {
            int seen = ((Number) r.get(0)).intValue();
            return new Placed(seen == 0 ? 0 : base + seen, String.valueOf(r.get(1)));
        });
    }

    /**
     * Records the sightings {@code fields} ({@code <rule id>:<fingerprint>}) of {@code requestId} in
     * {@code conversationId}; the first request id of each, in order, or empty when Redis does not answer in time.
     */
    Optional<List<String>> sight(String conversationId, String requestId, List<String> fields) {
        String[] args = new String[3 + fields.size()];
        args[0] = ttlMillis;
        args[1] = Integer.toString(MAX_SIGHTINGS);
        args[2] = requestId;
        for (int i = 0; i < fields.size(); i++) {
            args[3 + i] = fields.get(i);
        }
        return this.run(SIGHT, new String[] {SIGHTINGS_KEY + conversationId}, args)
                .map(r -> r.stream().map(String::valueOf).toList());
    }

    /**
     * Runs {@code script} by its SHA-1 ({@link FleetConnection#run}) and waits for its reply (the caller is an
     * inspection worker, never an event loop).
     */
    private Optional<List<Object>> run(LuaScript script, String[] keys, String... args) {
        if (!fleet.healthy()) {
            fallbacks.incrementAndGet();
            return Optional.empty();
        }
        CompletableFuture<List<Object>> reply = fleet.run(script, ScriptOutputType.MULTI, keys, args);
        try {
            return Optional.of(reply.get(waitMillis, TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            fallbacks.incrementAndGet();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fallbacks.incrementAndGet();
            return Optional.empty();
        }
    }

    /** Turns placed, or findings sighted, on this replica's own state because Redis did not answer. */
    public long fallbacks() {
        return fallbacks.get();
    }

    /**
     * What {@code /readyz} reports while Redis is out: conversations are followed per replica (a turn that reaches
     * another replica than the last counts its history as new content); empty while Redis answers.
     */
    public Optional<String> degraded() {
        return fleet.healthy() ? Optional.empty()
                : Optional.of("per-replica state: " + fleet.problem().orElse("Redis unavailable"));
    }
}
