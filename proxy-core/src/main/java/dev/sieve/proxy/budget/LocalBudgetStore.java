package dev.sieve.proxy.budget;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Budget counters in this process: one replica's own, and the fallback of a fleet while Valkey/Redis is out.
 * Every operation completes at once. One lock guards all counters: each operation is a few arithmetic steps, and
 * it makes an operation atomic across its scopes. Counters idle for longer than a day (no open connection, bucket
 * refilled, windows over) are dropped now and then, so memory follows the agents in use.
 */
public final class LocalBudgetStore implements BudgetStore {

    private static final int SWEEP_EVERY = 4096;
    private static final long IDLE_MILLIS = UploadWindow.DAY_MILLIS + UploadWindow.HOUR_MILLIS;

    private final LongSupplier clock;
    private final Map<String, Counters> counters = new HashMap<>();
    private int operations;

    /** @param clock milliseconds since the epoch (UTC windows: hours and days start on the epoch's boundaries) */
    public LocalBudgetStore(LongSupplier clock) {
        this.clock = clock;
    }

    /** One scope's counters. */
    private static final class Counters {
        TokenBucket bucket;
        UploadWindow hour = new UploadWindow(Long.MIN_VALUE, 0);
        UploadWindow day = new UploadWindow(Long.MIN_VALUE, 0);
        final Set<String> leases = new HashSet<>();
        long usedAt;
    }

    @Override
    public CompletionStage<BudgetOutcome> admitRequest(List<BudgetScope> scopes, long declared) {
        return CompletableFuture.completedFuture(admit(scopes, declared));
    }

    /** {@link #admitRequest}, answered directly. */
    public synchronized BudgetOutcome admit(List<BudgetScope> scopes, long declared) {
        long now = clock.getAsLong();
        TokenBucket[] refilled = new TokenBucket[scopes.size()];
        for (int i = 0; i < scopes.size(); i++) {
            BudgetScope scope = scopes.get(i);
            Counters c = counters(scope, now);
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
                counters.get(scopes.get(i).key()).bucket = refilled[i].take();
            }
        }
        return BudgetOutcome.ALLOWED;
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
    public synchronized void chargeUpload(List<BudgetScope> scopes, long bytes) {
        long now = clock.getAsLong();
        for (BudgetScope scope : scopes) {
            Counters c = counters(scope, now);
            if (scope.limits().uploadBytesPerHour().isPresent()) {
                c.hour = c.hour.at(now, UploadWindow.HOUR_MILLIS).charge(bytes);
            }
            if (scope.limits().uploadBytesPerDay().isPresent()) {
                c.day = c.day.at(now, UploadWindow.DAY_MILLIS).charge(bytes);
            }
        }
    }

    @Override
    public CompletionStage<Lease> acquireConnection(List<BudgetScope> scopes, String leaseId) {
        return CompletableFuture.completedFuture(acquire(scopes, leaseId));
    }

    /** {@link #acquireConnection}, answered directly. */
    public synchronized Lease acquire(List<BudgetScope> scopes, String leaseId) {
        long now = clock.getAsLong();
        for (int i = 0; i < scopes.size(); i++) {
            BudgetScope scope = scopes.get(i);
            OptionalLong max = scope.limits().concurrentConnections();
            if (max.isPresent() && counters(scope, now).leases.size() >= max.getAsLong()) {
                return Lease.refused(BudgetOutcome.refused(BudgetLimit.CONNECTIONS, i,
                        BudgetOutcome.CONNECTION_RETRY_MILLIS, 0));
            }
        }
        for (BudgetScope scope : scopes) {
            if (scope.limits().concurrentConnections().isPresent()) {
                counters.get(scope.key()).leases.add(leaseId);
            }
        }
        return new Lease() {
            private boolean released;

            @Override
            public BudgetOutcome outcome() {
                return BudgetOutcome.ALLOWED;
            }

            @Override
            public void release() {
                synchronized (LocalBudgetStore.this) {
                    if (released) {
                        return;
                    }
                    released = true;
                    for (BudgetScope scope : scopes) {
                        Counters c = counters.get(scope.key());
                        if (c != null) {
                            c.leases.remove(leaseId);
                            c.usedAt = clock.getAsLong();
                        }
                    }
                }
            }
        };
    }

    /** Open leases of {@code key} (for tests and metrics). */
    public synchronized int leases(String key) {
        Counters c = counters.get(key);
        return c == null ? 0 : c.leases.size();
    }

    private Counters counters(BudgetScope scope, long now) {
        if (++operations % SWEEP_EVERY == 0) {
            sweep(now);
        }
        Counters c = counters.computeIfAbsent(scope.key(), k -> new Counters());
        c.usedAt = now;
        return c;
    }

    private void sweep(long now) {
        for (Iterator<Counters> it = counters.values().iterator(); it.hasNext(); ) {
            Counters c = it.next();
            if (c.leases.isEmpty() && now - c.usedAt > IDLE_MILLIS) {
                it.remove(); // a day idle: bucket full again, both windows over
            }
        }
    }
}
