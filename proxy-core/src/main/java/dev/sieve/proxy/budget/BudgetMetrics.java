package dev.sieve.proxy.budget;

import dev.sieve.proxy.fleet.FleetConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The budget and fleet-state meters ({@code docs/deploy.md} lists them):
 * <pre>
 * sieve_budget_rejections_total{agent,limit}  requests and connections refused (429) over a budget; limit is rpm,
 *                                             upload_per_hour, upload_per_day or connections; agent is capped at
 *                                             budgets.metricAgentLabels distinct ids, the rest are "other"
 * sieve_fleet_state_degraded                  gauge: 1 while state.redis is set and Redis does not answer (budgets
 *                                             are per replica; revocations and the kill switch keep the last known
 *                                             state), else 0
 * sieve_fleet_state_errors_total              Redis commands that failed or timed out
 * sieve_fleet_state_fallbacks_total           budget operations done on this replica's own counters instead of Redis,
 *                                             and revocations/engages made here while Redis was out
 * </pre>
 */
public final class BudgetMetrics {

    public static final String REJECTIONS = "sieve.budget.rejections";
    public static final String FLEET_DEGRADED = "sieve.fleet.state.degraded";
    public static final String FLEET_ERRORS = "sieve.fleet.state.errors";
    public static final String FLEET_FALLBACKS = "sieve.fleet.state.fallbacks";

    private final MeterRegistry registry;
    private final AgentLabels agents;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** @param maxAgentLabels {@code budgets.metricAgentLabels} */
    public BudgetMetrics(MeterRegistry registry, int maxAgentLabels) {
        this.registry = registry;
        this.agents = new AgentLabels(maxAgentLabels);
    }

    /** One refusal over {@code limit} of {@code agentId}'s budget. */
    void rejected(String agentId, BudgetLimit limit) {
        String agent = agents.of(agentId);
        counters.computeIfAbsent(agent + '\0' + limit.label(), k -> Counter.builder(REJECTIONS)
                .tag("agent", agent).tag("limit", limit.label())
                .description("Requests and connections refused (429) over a budget").register(registry))
                .increment();
    }

    /** Registers the fleet-state meters; without {@code fleet} (no state.redis) the gauge stays 0. */
    public void fleet(FleetConnection fleet) {
        Gauge.builder(FLEET_DEGRADED, () -> fleet != null && !fleet.healthy() ? 1 : 0)
                .description("1 while state.redis is set and Redis does not answer: budgets are per replica,"
                        + " revocations and the kill switch keep the last known state")
                .register(registry);
        if (fleet != null) {
            FunctionCounter.builder(FLEET_ERRORS, fleet, FleetConnection::failures)
                    .description("Redis commands that failed or timed out").register(registry);
            FunctionCounter.builder(FLEET_FALLBACKS, fleet, FleetConnection::fallbacks)
                    .description("Budget operations done on this replica's own counters, and revocations and"
                            + " kill-switch engages made here, because Redis was out")
                    .register(registry);
        }
    }
}
