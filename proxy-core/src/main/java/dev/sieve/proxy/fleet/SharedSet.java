package dev.sieve.proxy.fleet;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redis set the replicas of a fleet share (revocations, kill-switch scopes), mirrored into this replica's memory.
 * Members are only ever added by {@link #add} (SADD) and removed by {@link #remove} (SREM), each atomic in Redis and
 * followed by a PUBLISH on {@link #CHANNEL} (an SADD only when it added a member); {@link #refresh} (every {@link #REFRESH_MILLIS} and on each notice)
 * reads the whole set and hands it to {@code apply}.
 *
 * <p>While Redis is out nothing is read (the last known state stays); an {@link #add} applies locally at once (the
 * caller did that) and stays <i>pending</i>, part of every state handed to {@code apply}, until Redis has it. A
 * {@link #remove} needs Redis: refused while it is out (fail closed). Whenever this replica (re)gains Redis (at start,
 * after any failed command) it first adds its whole last known state (one SADD for all pending members), so an addition is never lost, not even when
 * Redis comes back empty; a removal made elsewhere meanwhile may lose to it (fail closed).
 */
final class SharedSet {
    private static final Logger log = LoggerFactory.getLogger(SharedSet.class);

    /** Where every change is announced (the message is the key). */
    static final String CHANNEL = "sieve:fleet:changed";
    static final long REFRESH_MILLIS = 500;

    private final FleetConnection fleet;
    private final String key;
    private final Supplier<Set<String>> local;
    private final Consumer<Set<String>> apply;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicLong version = new AtomicLong();
    private volatile boolean synced;
    private volatile long failuresSeen = -1;

    /**
     * @param local this replica's current state as members (pushed whenever it regains Redis)
     * @param apply takes the fleet's state (the set plus pending additions); runs on the fleet's scheduler
     */
    SharedSet(FleetConnection fleet, String key, Supplier<Set<String>> local, Consumer<Set<String>> apply) {
        this.fleet = fleet;
        this.key = key;
        this.local = local;
        this.apply = apply;
    }

    /** Adds {@code member} in Redis (now, or once Redis answers again). Never blocks. */
    void add(String member) {
        pending.add(member);
        version.incrementAndGet();
        if (!fleet.healthy()) {
            fleet.fellBack();
            return;
        }
        write(Set.of(member));
    }

    /**
     * Removes {@code member} from Redis. Never blocks: the SREM is sent now, in order before any later read; should
     * it fail, the next read brings the member back (fail closed).
     *
     * @throws FleetUnavailableException while Redis is out: nothing is removed
     */
    void remove(String member) throws FleetUnavailableException {
        if (!fleet.healthy() || !synced) {
            throw new FleetUnavailableException("the fleet's Redis " + fleet.display() + " is unavailable and a"
                    + " release or an unrevoke needs it (fail closed); try again when /readyz shows no fleet detail");
        }
        pending.remove(member);
        version.incrementAndGet();
        fleet.call(redis -> redis.srem(key, member).thenCompose(n -> redis.publish(CHANNEL, key)));
    }

    /** Additions made here that Redis does not have yet. */
    int pending() {
        return pending.size();
    }

    /** True once this replica's state is in Redis and Redis answers. */
    boolean synced() {
        return synced && fleet.healthy();
    }

    void refresh() {
        long failures = fleet.failures();
        if (!fleet.healthy() || failures != failuresSeen) {
            synced = false;
            failuresSeen = failures;
            if (!fleet.healthy()) {
                return;
            }
        }
        if (!synced) {
            pending.addAll(local.get());
            synced = true;
            log.info("fleet state: {} joined from this replica's last known state ({} member(s))", key,
                    pending.size());
        }
        write(Set.copyOf(pending));
        long seen = version.get();
        fleet.<Set<String>>call(redis -> redis.smembers(key)).whenCompleteAsync((members, e) -> {
            if (e != null || version.get() != seen) {
                return; // Redis out (last known state stays) or a change since the read was sent: the next read
            }
            Set<String> state = new HashSet<>(members);
            state.addAll(pending);
            try {
                apply.accept(state);
            } catch (RuntimeException ex) {
                log.error("fleet state: applying {} failed", key, ex);
            }
        }, fleet.scheduler());
    }

    /**
     * One SADD for all of {@code members}, announced only when it added one (a member Redis had already is no news:
     * announcing it again would make every replica read again, and re-send its own pending members, for nothing).
     */
    private void write(Set<String> members) {
        if (members.isEmpty()) {
            return;
        }
        String[] batch = members.toArray(String[]::new);
        fleet.call(redis -> redis.sadd(key, batch).thenCompose(added -> added > 0 ? redis.publish(CHANNEL, key)
                : CompletableFuture.completedFuture(0L)))
                .whenComplete((n, e) -> {
                    if (e == null) {
                        pending.removeAll(members);
                    }
                });
    }
}
