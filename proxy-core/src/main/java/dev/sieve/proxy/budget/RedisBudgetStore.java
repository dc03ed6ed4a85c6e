package dev.sieve.proxy.budget;

import dev.sieve.proxy.fleet.FleetConnection;
import dev.sieve.proxy.fleet.LuaScript;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Budget counters in Valkey/Redis, shared by every replica. Each operation is one Lua script, so it is atomic across
 * its scopes and across replicas; the scripts take the time from the server ({@code TIME}), so replicas' clocks do
 * not matter. The arithmetic is {@link TokenBucket}'s and {@link UploadWindow}'s.
 *
 * <p>Keys ({@code sieve:budget:<scope key>:...}) expire on their own once idle. Connection leases are members of a
 * sorted set scored by their expiry: this replica renews its open leases every third of {@code state.redis.leaseTtl},
 * so the leases of a replica that died lapse after at most that long.
 *
 * <p>Every operation fails (exceptionally) rather than waits when Redis is out: {@link FleetBudgetStore} falls back.
 *
 * <p>Scripts are run by their SHA-1 ({@link FleetConnection#run}), so a request sends the keys and numbers, not the
 * script.
 */
public final class RedisBudgetStore implements BudgetStore {

    static final String PREFIX = "sieve:budget:";

    // Lua numbers are doubles: integers are written with %d, never tostring (which keeps 14 digits).
    private static final String NOW = "local t = redis.call('TIME')\n"
            + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n";

    /**
     * KEYS: per scope its bucket, hour window and day window. ARGV[1]: declared length (-1: none); then per scope
     * rpm, uploadPerHour, uploadPerDay (0: no limit). Returns {1} or {0, scope, limit (1 rpm, 2 hour, 3 day),
     * retry ms, bytes left}.
     */
    static final LuaScript ADMIT = LuaScript.of(NOW + """
            local declared = tonumber(ARGV[1])
            local n = #KEYS / 3
            local take = {}
            for i = 1, n do
              local rpm = tonumber(ARGV[(i - 1) * 3 + 2])
              if rpm > 0 then
                local b = redis.call('HMGET', KEYS[(i - 1) * 3 + 1], 'tokens', 'at')
                local tokens = tonumber(b[1]) or rpm
                local at = tonumber(b[2]) or now
                if now > at then
                  tokens = math.min(rpm, tokens + (now - at) * rpm / 60000)
                  at = now
                else
                  tokens = math.min(rpm, tokens)
                end
                if tokens < 1 then
                  return {0, i, 1, math.ceil((1 - tokens) * 60000 / rpm), 0}
                end
                take[i] = {tokens - 1, at}
              end
              for w = 1, 2 do
                local limit = tonumber(ARGV[(i - 1) * 3 + 2 + w])
                if limit > 0 then
                  local len = 3600000
                  if w == 2 then len = 86400000 end
                  local index = math.floor(now / len)
                  local s = redis.call('HMGET', KEYS[(i - 1) * 3 + 1 + w], 'index', 'used')
                  local used = 0
                  if tonumber(s[1]) == index then used = tonumber(s[2]) or 0 end
                  local left = limit - used
                  if left < 0 then left = 0 end
                  if left == 0 or declared > left then
                    return {0, i, 1 + w, (index + 1) * len - now, left}
                  end
                end
              end
            end
            for i, b in pairs(take) do
              local key = KEYS[(i - 1) * 3 + 1]
              redis.call('HSET', key, 'tokens', string.format('%.17g', b[1]), 'at', string.format('%d', b[2]))
              redis.call('PEXPIRE', key, 120000)
            end
            return {1}
            """);

    /** KEYS: windows to charge. ARGV[1]: bytes; ARGV[1 + i]: the length of window i in ms. */
    static final LuaScript CHARGE = LuaScript.of(NOW + """
            for i = 1, #KEYS do
              local len = tonumber(ARGV[i + 1])
              local index = math.floor(now / len)
              if tonumber(redis.call('HGET', KEYS[i], 'index')) ~= index then
                redis.call('HSET', KEYS[i], 'index', string.format('%d', index), 'used', '0')
              end
              redis.call('HINCRBY', KEYS[i], 'used', ARGV[1])
              redis.call('PEXPIRE', KEYS[i], string.format('%d', len * 2))
            end
            return 1
            """);

    /** KEYS: lease sets. ARGV[1]: lease id, ARGV[2]: ttl ms, ARGV[2 + i]: the limit of set i. Returns {1} or {0, i}. */
    static final LuaScript ACQUIRE = LuaScript.of(NOW + """
            local ttl = tonumber(ARGV[2])
            for i = 1, #KEYS do
              redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', string.format('%d', now))
              if not redis.call('ZSCORE', KEYS[i], ARGV[1])
                  and redis.call('ZCARD', KEYS[i]) >= tonumber(ARGV[2 + i]) then
                return {0, i}
              end
            end
            for i = 1, #KEYS do
              redis.call('ZADD', KEYS[i], string.format('%d', now + ttl), ARGV[1])
              redis.call('PEXPIRE', KEYS[i], string.format('%d', ttl * 2))
            end
            return {1}
            """);

    /** KEYS: lease sets. ARGV[1]: lease id, ARGV[2]: ttl ms. Extends a lease that still exists. */
    static final LuaScript RENEW = LuaScript.of(NOW + """
            local ttl = tonumber(ARGV[2])
            for i = 1, #KEYS do
              redis.call('ZADD', KEYS[i], 'XX', string.format('%d', now + ttl), ARGV[1])
              redis.call('PEXPIRE', KEYS[i], string.format('%d', ttl * 2))
            end
            return 1
            """);

    /** KEYS: lease sets. ARGV[1]: lease id. */
    static final LuaScript RELEASE = LuaScript.of(
            "for i = 1, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end return 1");

    private final FleetConnection fleet;
    private final long leaseTtlMillis;
    /** This replica's open leases in Redis and their sets, renewed until released. */
    private final Map<String, String[]> leases = new ConcurrentHashMap<>();

    public RedisBudgetStore(FleetConnection fleet, Duration leaseTtl) {
        this.fleet = fleet;
        this.leaseTtlMillis = leaseTtl.toMillis();
        long every = Math.max(1, leaseTtlMillis / 3);
        fleet.scheduler().scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<BudgetOutcome> admitRequest(List<BudgetScope> scopes, long declared) {
        String[] keys = new String[scopes.size() * 3];
        String[] args = new String[1 + scopes.size() * 3];
        args[0] = Long.toString(declared);
        for (int i = 0; i < scopes.size(); i++) {
            BudgetScope scope = scopes.get(i);
            String key = PREFIX + scope.key();
            keys[i * 3] = key + ":rpm";
            keys[i * 3 + 1] = key + ":up:h";
            keys[i * 3 + 2] = key + ":up:d";
            args[1 + i * 3] = Long.toString(scope.limits().requestsPerMinute().orElse(0));
            args[2 + i * 3] = Long.toString(scope.limits().uploadBytesPerHour().orElse(0));
            args[3 + i * 3] = Long.toString(scope.limits().uploadBytesPerDay().orElse(0));
        }
        return fleet.<List<Object>>run(ADMIT, ScriptOutputType.MULTI, keys, args)
                .thenApply(RedisBudgetStore::outcome);
    }

    private static BudgetOutcome outcome(List<Object> reply) {
        if (number(reply, 0) == 1) {
            return BudgetOutcome.ALLOWED;
        }
        BudgetLimit limit = switch ((int) number(reply, 2)) {
            case 1 -> BudgetLimit.RPM;
            case 2 -> BudgetLimit.UPLOAD_PER_HOUR;
            default -> BudgetLimit.UPLOAD_PER_DAY;
        };
        return BudgetOutcome.refused(limit, (int) number(reply, 1) - 1, number(reply, 3), number(reply, 4));
    }

    private static long number(List<Object> reply, int i) {
        return ((Number) reply.get(i)).longValue();
    }

    @Override
    public void chargeUpload(List<BudgetScope> scopes, long bytes) {
        chargeAsync(scopes, bytes);
    }

    /** {@link #chargeUpload}, with its completion (exceptional when Redis did not take it). */
    CompletableFuture<Long> chargeAsync(List<BudgetScope> scopes, long bytes) {
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        args.add(Long.toString(bytes));
        for (BudgetScope scope : scopes) {
            if (scope.limits().uploadBytesPerHour().isPresent()) {
                keys.add(PREFIX + scope.key() + ":up:h");
                args.add(Long.toString(UploadWindow.HOUR_MILLIS));
            }
            if (scope.limits().uploadBytesPerDay().isPresent()) {
                keys.add(PREFIX + scope.key() + ":up:d");
                args.add(Long.toString(UploadWindow.DAY_MILLIS));
            }
        }
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(0L);
        }
        return fleet.run(CHARGE, ScriptOutputType.INTEGER, keys.toArray(String[]::new), args.toArray(String[]::new));
    }

    @Override
    public CompletionStage<Lease> acquireConnection(List<BudgetScope> scopes, String leaseId) {
        List<String> keys = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(leaseId, Long.toString(leaseTtlMillis)));
        for (int i = 0; i < scopes.size(); i++) {
            OptionalLong max = scopes.get(i).limits().concurrentConnections();
            if (max.isPresent()) {
                keys.add(PREFIX + scopes.get(i).key() + ":conn");
                index.add(i);
                args.add(Long.toString(max.getAsLong()));
            }
        }
        String[] sets = keys.toArray(String[]::new);
        return fleet.<List<Object>>run(ACQUIRE, ScriptOutputType.MULTI, sets, args.toArray(String[]::new))
                .thenApply(reply -> {
                    if (number(reply, 0) != 1) {
                        return Lease.refused(BudgetOutcome.refused(BudgetLimit.CONNECTIONS,
                                index.get((int) number(reply, 1) - 1), BudgetOutcome.CONNECTION_RETRY_MILLIS, 0));
                    }
                    leases.put(leaseId, sets);
                    return new Lease() {
                        @Override
                        public BudgetOutcome outcome() {
                            return BudgetOutcome.ALLOWED;
                        }

                        @Override
                        public void release() {
                            if (leases.remove(leaseId) != null) {
                                // If Redis is out now, the lease lapses after state.redis.leaseTtl.
                                fleet.run(RELEASE, ScriptOutputType.INTEGER, sets, leaseId);
                            }
                        }
                    };
                });
    }

    /** Open leases this replica holds in Redis. */
    int leases() {
        return leases.size();
    }

    private void renew() {
        String ttl = Long.toString(leaseTtlMillis);
        leases.forEach((id, sets) -> fleet.run(RENEW, ScriptOutputType.INTEGER, sets, id, ttl));
    }
}
