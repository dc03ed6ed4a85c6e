package dev.sieve.proxy.budget;

import dev.sieve.proxy.config.BudgetLimits;
import dev.sieve.proxy.config.BudgetSettings;
import dev.sieve.proxy.config.Units;
import dev.sieve.proxy.config.StateSettings;
import dev.sieve.proxy.fleet.FleetConnection;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budget check the handlers call: what an agent (and the agent at a destination) may still use, from
 * {@code budgets:} narrowed by the agent token's own limits, counted in a {@link BudgetStore}.
 * <ul>
 *   <li>{@link #admitRequest}: each request takes a token from the requests-per-minute buckets and needs room in the
 *       upload windows (not spent; at least its Content-Length left when it declares one);</li>
 *   <li>{@link #chargeUpload}: the body bytes received are charged once the body is complete (blocked bodies
 *       too: they were uploaded to Sieve);</li>
 *   <li>{@link #admitConnection}: a connection holds a lease while it is open (a CONNECT tunnel for the agent and the
 *       agent at its destination; a plain-HTTP connection, which may carry requests to several destinations, for the
 *       agent only).</li>
 * </ul>
 * Answers complete on the caller's event loop; nothing blocks it. A check that fails unexpectedly refuses (fail
 * closed).
 */
public final class Budgets implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Budgets.class);

    private static final Predicate<BudgetLimits> REQUEST_LIMITS = l -> l.requestsPerMinute().isPresent()
            || l.uploadBytesPerHour().isPresent() || l.uploadBytesPerDay().isPresent();
    private static final Predicate<BudgetLimits> UPLOAD_LIMITS = l -> l.uploadBytesPerHour().isPresent()
            || l.uploadBytesPerDay().isPresent();
    private static final Predicate<BudgetLimits> CONNECTION_LIMITS = l -> l.concurrentConnections().isPresent();

    private final BudgetSettings settings;
    /** The agents a destination budget may limit the requests, or the connections, of: settings never change. */
    private final DestinationAgents requestDestinations;
    private final DestinationAgents connectionDestinations;
    private final BudgetStore store;
    private final BudgetMetrics metrics;
    private final String replica = UUID.randomUUID().toString();
    private final AtomicLong leases = new AtomicLong();
    private volatile FleetConnection fleet;

    /** @param metrics where refusals are counted, or {@code null} */
    public Budgets(BudgetSettings settings, BudgetStore store, BudgetMetrics metrics) {
        this.settings = settings;
        this.requestDestinations = DestinationAgents.of(settings, REQUEST_LIMITS);
        this.connectionDestinations = DestinationAgents.of(settings, CONNECTION_LIMITS);
        this.store = store;
        this.metrics = metrics;
    }

    /**
     * The budgets {@code settings} describe, counted in process or, with {@code state.redis}, in the fleet's
     * Valkey/Redis (connecting in the background). Registers the budget metrics on {@code registry}.
     *
     * @throws java.io.IOException if the Redis password file cannot be read
     */
    public static Budgets start(BudgetSettings settings, StateSettings state,
            io.micrometer.core.instrument.MeterRegistry registry) throws java.io.IOException {
        BudgetMetrics metrics = new BudgetMetrics(registry, settings.metricAgentLabels());
        LocalBudgetStore local = new LocalBudgetStore(System::currentTimeMillis);
        if (state.redis().isEmpty()) {
            metrics.fleet(null);
            return new Budgets(settings, local, metrics);
        }
        FleetConnection fleet = FleetConnection.open(state.redis().get());
        metrics.fleet(fleet);
        log.info("fleet state: budget counters in Redis {}", fleet.display());
        Budgets budgets = new Budgets(settings, new FleetBudgetStore(fleet,
                new RedisBudgetStore(fleet, state.redis().get().leaseTtl()), local), metrics);
        budgets.fleet = fleet;
        return budgets;
    }

    /**
     * What {@code /readyz} reports while the fleet's Redis is out ({@code budgets: per-replica limits, ...}); empty
     * without {@code state.redis} or while it answers. Not a reason to be unready: the budgets still hold, per
     * replica.
     */
    public Optional<String> degraded() {
        FleetConnection f = fleet;
        if (f == null || f.healthy()) {
            return Optional.empty();
        }
        return Optional.of("per-replica limits: " + f.problem().orElse("Redis unavailable"));
    }

    /** The fleet's Redis connection ({@code state.redis}), shared with the revocations and the kill switch. */
    public Optional<FleetConnection> fleet() {
        return Optional.ofNullable(fleet);
    }

    /** No budgets: every check allows at once. */
    public static Budgets off() {
        return new Budgets(BudgetSettings.NONE, new LocalBudgetStore(System::currentTimeMillis), null);
    }

    /**
     * The scopes whose limits {@code relevant} selects: the agent (its config budget narrowed by {@code token}) and,
     * with a {@code host}, the agent at that host; empty when nothing limits.
     */
    List<BudgetScope> scopes(String agentId, String host, BudgetLimits token, Predicate<BudgetLimits> relevant) {
        if (agentId == null) {
            return List.of();
        }
        BudgetLimits agent = settings.forAgent(agentId).narrowest(token);
        BudgetScope agentScope = relevant.test(agent) ? BudgetScope.ofAgent(agentId, agent) : null;
        BudgetLimits destination = host == null ? BudgetLimits.NONE : settings.forDestination(agentId, host);
        if (!relevant.test(destination)) {
            return agentScope == null ? List.of() : List.of(agentScope);
        }
        BudgetScope destinationScope = BudgetScope.ofDestination(agentId, host, destination);
        return agentScope == null ? List.of(destinationScope) : List.of(agentScope, destinationScope);
    }

    /**
     * False if no budget can limit the requests of {@code agentId} with {@code token}, at any destination: then
     * {@link #admitRequest} would allow them all, and a caller may skip it. Allocates nothing.
     */
    public boolean mayLimitRequests(String agentId, BudgetLimits token) {
        return mayLimit(agentId, token, REQUEST_LIMITS, requestDestinations);
    }

    /** Like {@link #mayLimitRequests}, for {@link #admitConnection}. */
    public boolean mayLimitConnections(String agentId, BudgetLimits token) {
        return mayLimit(agentId, token, CONNECTION_LIMITS, connectionDestinations);
    }

    private boolean mayLimit(String agentId, BudgetLimits token, Predicate<BudgetLimits> relevant,
            DestinationAgents destinations) {
        if (agentId == null) {
            return false;
        }
        return relevant.test(settings.forAgent(agentId).narrowest(token)) || destinations.covers(agentId);
    }

    /**
     * The agents with a destination budget of relevant limits at some host, and whether one is for every agent:
     * {@link BudgetSettings#forDestination} applies an agent's own entries and those for
     * {@link BudgetSettings#EVERY_AGENT}.
     */
    private record DestinationAgents(Set<String> agents, boolean every) {
        static DestinationAgents of(BudgetSettings settings, Predicate<BudgetLimits> relevant) {
            Set<String> agents = new HashSet<>();
            for (BudgetSettings.DestinationBudget d : settings.destinations()) {
                if (relevant.test(d.limits())) {
                    agents.add(d.agent());
                }
            }
            return new DestinationAgents(Set.copyOf(agents), agents.contains(BudgetSettings.EVERY_AGENT));
        }

        boolean covers(String agentId) {
            return every || agents.contains(agentId);
        }
    }

    /**
     * Admits a request of {@code agentId} to {@code host} or refuses it.
     *
     * @param token    the limits of the agent's token ({@link BudgetLimits#NONE} for static credentials)
     * @param declared the request's Content-Length, or -1
     */
    public Future<BudgetDecision> admitRequest(EventExecutor loop, String agentId, String host, BudgetLimits token,
            long declared) {
        List<BudgetScope> scopes = scopes(agentId, host, token, REQUEST_LIMITS);
        if (scopes.isEmpty()) {
            return loop.newSucceededFuture(BudgetDecision.ALLOWED);
        }
        return answer(loop, store.admitRequest(scopes, declared), outcome -> decide(scopes, outcome, declared));
    }

    /** Charges {@code bytes} of request body received from {@code agentId} for {@code host}. */
    public void chargeUpload(String agentId, String host, BudgetLimits token, long bytes) {
        if (bytes <= 0) {
            return;
        }
        List<BudgetScope> scopes = scopes(agentId, host, token, UPLOAD_LIMITS);
        if (!scopes.isEmpty()) {
            store.chargeUpload(scopes, bytes);
        }
    }

    /**
     * Admits a connection of {@code agentId} (to {@code host}, or {@code null} for a plain-HTTP connection) or
     * refuses it. An admitted connection's lease is released when {@code closed} completes.
     */
    public Future<BudgetDecision> admitConnection(EventExecutor loop, Future<?> closed, String agentId, String host,
            BudgetLimits token) {
        List<BudgetScope> scopes = scopes(agentId, host, token, CONNECTION_LIMITS);
        if (scopes.isEmpty()) {
            return loop.newSucceededFuture(BudgetDecision.ALLOWED);
        }
        String leaseId = replica + ":" + leases.incrementAndGet();
        return answer(loop, store.acquireConnection(scopes, leaseId), lease -> {
            if (lease.outcome().allowed()) {
                closed.addListener(f -> lease.release());
            }
            return decide(scopes, lease.outcome(), -1);
        });
    }

    private <T> Future<BudgetDecision> answer(EventExecutor loop, CompletionStage<T> stage,
            java.util.function.Function<T, BudgetDecision> decide) {
        Promise<BudgetDecision> promise = loop.newPromise();
        stage.whenComplete((result, e) -> {
            BudgetDecision decision;
            if (e != null) {
                log.warn("budget check failed, refusing: {}", e.toString());
                decision = new BudgetDecision(false, "the budget check failed", 1);
            } else {
                decision = decide.apply(result);
            }
            promise.trySuccess(decision);
        });
        return promise;
    }

    private BudgetDecision decide(List<BudgetScope> scopes, BudgetOutcome outcome, long declared) {
        if (outcome.allowed()) {
            return BudgetDecision.ALLOWED;
        }
        BudgetScope scope = scopes.get(outcome.scope());
        if (metrics != null) {
            metrics.rejected(scope.agent(), outcome.limit());
        }
        String limit = outcome.limit().describe(outcome.limit().of(scope.limits()).orElse(0));
        String what = switch (outcome.limit()) {
            case CONNECTIONS -> " are all open";
            case RPM -> " is spent";
            default -> outcome.left() > 0 && declared > outcome.left()
                    ? ": " + Units.formatSize(outcome.left()) + " left, the request declares "
                            + Units.formatSize(declared)
                    : " is spent";
        };
        long seconds = Math.max(1, (outcome.retryAfterMillis() + 999) / 1000);
        return new BudgetDecision(false, limit + " of " + scope.label() + what, seconds);
    }

    @Override
    public void close() {
        store.close();
    }
}
