package dev.sieve.proxy.budget;

import dev.sieve.proxy.fleet.FleetConnection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The budgets of a fleet: counters in Valkey/Redis ({@link RedisBudgetStore}) while it answers, else this replica's
 * own ({@link LocalBudgetStore}, with the same limits: each replica then enforces the whole limit on its own, so a
 * fleet of N may let up to N times a limit through until Redis is back). An operation that fails or times out in
 * Redis is done locally at once, and later ones go straight to the local counters until the
 * {@link FleetConnection}'s probe finds Redis again: nothing waits on a Redis that is out, and what the local counters
 * counted meanwhile is not carried over.
 */
public final class FleetBudgetStore implements BudgetStore {

    private final FleetConnection fleet;
    private final RedisBudgetStore redis;
    private final LocalBudgetStore local;

    public FleetBudgetStore(FleetConnection fleet, RedisBudgetStore redis, LocalBudgetStore local) {
        this.fleet = fleet;
        this.redis = redis;
        this.local = local;
    }

    /** True while the counters are shared (Redis answers). */
    public boolean shared() {
        return fleet.healthy();
    }

    @Override
    public CompletionStage<BudgetOutcome> admitRequest(List<BudgetScope> scopes, long declared) {
        if (!fleet.healthy()) {
            fleet.fellBack();
            return local.admitRequest(scopes, declared);
        }
        return redis.admitRequest(scopes, declared).toCompletableFuture()
                .exceptionally(e -> {
                    fleet.fellBack();
                    return local.admit(scopes, declared);
                });
    }

    @Override
    public void chargeUpload(List<BudgetScope> scopes, long bytes) {
        if (!fleet.healthy()) {
            fleet.fellBack();
            local.chargeUpload(scopes, bytes);
            return;
        }
        redis.chargeAsync(scopes, bytes).exceptionally(e -> {
            fleet.fellBack();
            local.chargeUpload(scopes, bytes);
            return 0L;
        });
    }

    @Override
    public CompletionStage<Lease> acquireConnection(List<BudgetScope> scopes, String leaseId) {
        if (!fleet.healthy()) {
            fleet.fellBack();
            return local.acquireConnection(scopes, leaseId);
        }
        CompletableFuture<Lease> shared = redis.acquireConnection(scopes, leaseId).toCompletableFuture();
        return shared.exceptionally(e -> {
            fleet.fellBack();
            return local.acquire(scopes, leaseId);
        });
    }

    @Override
    public void close() {
        fleet.close();
    }
}
