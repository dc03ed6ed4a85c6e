package dev.sieve.proxy.budget;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Budget counters in this process: one replica's own, and the fallback of a fleet while Valkey/Redis is out.
 * Every operation completes at once.
 *
 * <p>Each scope's counters have a lock of their own; an operation holds the locks of its scopes (taken in key order,
 * so two operations never wait for each other in a cycle), which makes it atomic across them while operations on
 * other agents run in parallel. Counters idle for longer than a day (no open connection, bucket refilled, windows
 * over) are dropped by a sweep that visits a few counters per operation (about {@link #SWEEP_BATCH} every
 * {@link #SWEEP_ONE_IN} operations), so memory follows the agents in use and no request pays for a full pass.
 */
public final class LocalBudgetStore implements BudgetStore {

    /** On average one operation in this many advances the sweep. */
    static final int SWEEP_ONE_IN = 64;
    /** Counters the sweep visits when it advances: two per operation on average. */
    static final int SWEEP_BATCH = 128;
    private static final long IDLE_MILLIS = UploadWindow.DAY_MILLIS + UploadWindow.HOUR_MILLIS;

    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Counters> counters = new ConcurrentHashMap<>();
    private final ReentrantLock sweepLock = new ReentrantLock();
    /** Where the sweep goes on (guarded by {@link #sweepLock}); a new pass starts when it is done. */
    private Iterator<Counters> sweepCursor = Collections.emptyIterator();

    /** @param clock milliseconds since the epoch (UTC windows: hours and days start on the epoch's boundaries) */
    public LocalBudgetStore(LongSupplier clock) {
        this.clock = clock;
    }

    /** One scope's counters; every field is guarded by {@link #lock}. */
    private static final class Counters {
        final String key;
        final ReentrantLock lock = new ReentrantLock();
        TokenBucket bucket;
        UploadWindow hour = new UploadWindow(Long.MIN_VALUE, 0);
        UploadWindow day = new UploadWindow(Long.MIN_VALUE, 0);
        final Set<String> leases = new HashSet<>();
        long usedAt;
        /** Swept out of the map: an operation that found these must look its scope up again. */
        boolean removed;

        Counters(String key) {
            this.key = key;
        }
    }

    private static final Comparator<Counters> KEY_ORDER = Comparator.comparing(c -> c.key);

    @Override
    public CompletionStage<BudgetOutcome> admitRequest(List<BudgetScope> scopes, long declared) {
        return CompletableFuture.completedFuture(admit(scopes, declared));
    }

    /** {@link #admitRequest}, answered directly. */
    public BudgetOutcome admit(List<BudgetScope> scopes, long declared) {
        long now = clock.getAsLong();
        return locked(scopes, now, cs -> {
            TokenBucket[] refilled = new TokenBucket[scopes.size()];
            for (int i = 0; i < scopes.size(); i++) {
                BudgetScope scope = scopes.get(i);
                Counters c = cs[i];
                OptionalLong rpm = scope.limits().requestsPerMinute();
                if (rpm.isPresent()) {
                    TokenBucket b = (c.bucket == null ? TokenBucket.full(rpm.getAsLong(), now) : c.bucket)
                            .at(rpm.getAsLong(), now);
                    if (!b.hasToken()) {
                        c.bucket = b;
                        return BudgetOutcome.refused(BudgetLimit.RPM, i, b.waitMillis(rpm.getAsLong()), 0);
                    }
                    refilled[i] = b;
                }
                BudgetOutcome window = window(BudgetLimit.UPLOAD_PER_HOUR, i, scope, c.hour, now, declared);
                if (window == null) {
                    window = window(BudgetLimit.UPLOAD_PER_DAY, i, scope, c.day, now, declared);
                }
                if (window != null) {
                    return window;
                }
            }
            for (int i = 0; i < scopes.size(); i++) {
                if (refilled[i] != null) {
                    cs[i].bucket = refilled[i].take();
                }
            }
            return BudgetOutcome.ALLOWED;
        });
    }

    private static BudgetOutcome window(BudgetLimit kind, int i, BudgetScope scope, UploadWindow w, long now,
            long declared) {
        OptionalLong limit = kind.of(scope.limits());
        if (limit.isEmpty()) {
            return null;
        }
        long length = kind == BudgetLimit.UPLOAD_PER_HOUR ? UploadWindow.HOUR_MILLIS : UploadWindow.DAY_MILLIS;
        UploadWindow current = w.at(now, length);
        return current.refuses(limit.getAsLong(), declared)
                ? BudgetOutcome.refused(kind, i, current.millisToNext(now, length), current.left(limit.getAsLong()))
                : null;
    }

    @Override
    public void chargeUpload(List<BudgetScope> scopes, long bytes) {
        long now = clock.getAsLong();
        locked(scopes, now, cs -> {
            for (int i = 0; i < scopes.size(); i++) {
                BudgetScope scope = scopes.get(i);
                Counters c = cs[i];
                if (scope.limits().uploadBytesPerHour().isPresent()) {
                    c.hour = c.hour.at(now, UploadWindow.HOUR_MILLIS).charge(bytes);
                }
                if (scope.limits().uploadBytesPerDay().isPresent()) {
                    c.day = c.day.at(now, UploadWindow.DAY_MILLIS).charge(bytes);
                }
            }
            return null;
        });
    }

    @Override
    public CompletionStage<Lease> acquireConnection(List<BudgetScope> scopes, String leaseId) {
        return CompletableFuture.completedFuture(acquire(scopes, leaseId));
    }

    /**
     * What an acquire took: the scopes' counters (a lease in each limited one), or (null) the index of the scope that
     * refused.
     */
    private record Taken(int refusedScope, Counters[] held) {}

    /** {@link #acquireConnection}, answered directly. */
    public Lease acquire(List<BudgetScope> scopes, String leaseId) {
        Taken taken = locked(scopes, clock.getAsLong(), cs -> {
            for (int i = 0; i < scopes.size(); i++) {
                OptionalLong max = scopes.get(i).limits().concurrentConnections();
                if (max.isPresent() && cs[i].leases.size() >= max.getAsLong()) {
                    return new Taken(i, null);
                }
            }
            for (int i = 0; i < scopes.size(); i++) {
                if (scopes.get(i).limits().concurrentConnections().isPresent()) {
                    cs[i].leases.add(leaseId);
                }
            }
            return new Taken(-1, cs);
        });
        if (taken.held() == null) {
            return Lease.refused(BudgetOutcome.refused(BudgetLimit.CONNECTIONS, taken.refusedScope(),
                    BudgetOutcome.CONNECTION_RETRY_MILLIS, 0));
        }
        // Counters holding a lease are never swept, so the limited ones stay the scopes' counters until the release;
        // removing the lease from an unlimited one, which never held it, does nothing.
        Counters[] held = taken.held();
        return new Lease() {
            private boolean released;

            @Override
            public BudgetOutcome outcome() {
                return BudgetOutcome.ALLOWED;
            }

            @Override
            public void release() {
                synchronized (this) {
                    if (released) {
                        return;
                    }
                    released = true;
                }
                Counters[] order = sorted(held);
                lock(order);
                try {
                    long now = clock.getAsLong();
                    for (Counters c : held) {
                        c.leases.remove(leaseId);
                        c.usedAt = now;
                    }
                } finally {
                    unlock(order);
                }
            }
        };
    }

    /** Open leases of {@code key} (for tests and metrics). */
    public int leases(String key) {
        Counters c = counters.get(key);
        if (c == null) {
            return 0;
        }
        c.lock.lock();
        try {
            return c.leases.size();
        } finally {
            c.lock.unlock();
        }
    }

    /** Scopes whose counters are in memory now (for tests). */
    int size() {
        return counters.size();
    }

    /**
     * Runs {@code action} with the counters of {@code scopes} (in their order) locked, so the operation is atomic
     * across them; marks them used at {@code now} and advances the sweep now and then.
     */
    private <T> T locked(List<BudgetScope> scopes, long now, Function<Counters[], T> action) {
        if (ThreadLocalRandom.current().nextInt(SWEEP_ONE_IN) == 0) {
            sweep(now);
        }
        while (true) {
            Counters[] cs = new Counters[scopes.size()];
            for (int i = 0; i < cs.length; i++) {
                cs[i] = counters.computeIfAbsent(scopes.get(i).key(), Counters::new);
            }
            Counters[] order = sorted(cs);
            lock(order);
            try {
                boolean swept = false;
                for (Counters c : cs) {
                    swept |= c.removed;
                    c.usedAt = now;
                }
                if (!swept) {
                    return action.apply(cs);
                }
                // swept between the lookup and the lock: look the scopes up again
            } finally {
                unlock(order);
            }
        }
    }

    private static Counters[] sorted(Counters[] cs) {
        if (cs.length < 2) {
            return cs; // already in order: no copy per request of a single scope
        }
        Counters[] order = cs.clone();
        Arrays.sort(order, KEY_ORDER);
        return order;
    }

    private static void lock(Counters[] order) {
        for (Counters c : order) {
            c.lock.lock(); // reentrant: a scope listed twice is locked twice
        }
    }

    private static void unlock(Counters[] order) {
        for (int i = order.length - 1; i >= 0; i--) {
            order[i].lock.unlock();
        }
    }

    /**
     * Visits up to {@link #SWEEP_BATCH} counters, dropping those a day idle (bucket full again, both windows over,
     * no lease). Skipped while another thread sweeps, and never waits for a counter in use.
     */
    private void sweep(long now) {
        if (!sweepLock.tryLock()) {
            return;
        }
        try {
            for (int i = 0; i < SWEEP_BATCH; i++) {
                if (!sweepCursor.hasNext()) {
                    sweepCursor = counters.values().iterator(); // weakly consistent: safe beside other operations
                    if (!sweepCursor.hasNext()) {
                        return;
                    }
                }
                Counters c = sweepCursor.next();
                if (!c.lock.tryLock()) {
                    continue; // in use: not idle
                }
                try {
                    if (!c.removed && c.leases.isEmpty() && now - c.usedAt > IDLE_MILLIS) {
                        c.removed = true;
                        counters.remove(c.key, c);
                    }
                } finally {
                    c.lock.unlock();
                }
            }
        } finally {
            sweepLock.unlock();
        }
    }
}
