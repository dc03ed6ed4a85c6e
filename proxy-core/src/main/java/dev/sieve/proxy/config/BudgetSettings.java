package dev.sieve.proxy.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The config file's budgets ({@code budgets:}): what every agent may use, per agent and per agent at a destination.
 * Each agent has its own counters; an agent at a destination has counters of its own besides (both must allow a
 * request).
 *
 * @param defaults          every agent's budget unless {@code agents} names the agent ({@code budgets.default})
 * @param agents            budgets of named agents, replacing {@code defaults} for them ({@code budgets.agents})
 * @param destinations      budgets of an agent (or of every agent, {@code agent: "*"}) at one destination host
 *                          ({@code budgets.destinations})
 * @param metricAgentLabels the most distinct agent ids the rejection metric names; the rest count as {@code other}
 */
public record BudgetSettings(BudgetLimits defaults, Map<String, BudgetLimits> agents,
        List<DestinationBudget> destinations, int metricAgentLabels) {

    /** The agent id of a destination budget that applies to every agent. */
    public static final String EVERY_AGENT = "*";

    /** No budget at all, with the default label cap. */
    public static final BudgetSettings NONE = new BudgetSettings(BudgetLimits.NONE, Map.of(), List.of(), 100);

    /** A budget for {@code agent} (or {@link #EVERY_AGENT}) at {@code host} (normalized, lower case). */
    public record DestinationBudget(String agent, String host, BudgetLimits limits) {
        public DestinationBudget {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(limits, "limits");
        }
    }

    public BudgetSettings {
        Objects.requireNonNull(defaults, "defaults");
        agents = Map.copyOf(agents);
        destinations = List.copyOf(destinations);
        if (metricAgentLabels < 1) {
            throw new IllegalArgumentException("metricAgentLabels: " + metricAgentLabels + " (expected: >= 1)");
        }
    }

    /** The config budget of {@code agentId} as a whole. */
    public BudgetLimits forAgent(String agentId) {
        return agents.getOrDefault(agentId, defaults);
    }

    /** The config budget of {@code agentId} at {@code host}: its own entry, else the every-agent one, else none. */
    public BudgetLimits forDestination(String agentId, String host) {
        BudgetLimits every = BudgetLimits.NONE;
        for (DestinationBudget d : destinations) {
            if (d.host().equals(host)) {
                if (d.agent().equals(agentId)) {
                    return d.limits();
                }
                if (d.agent().equals(EVERY_AGENT)) {
                    every = d.limits();
                }
            }
        }
        return every;
    }
}
