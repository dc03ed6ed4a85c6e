package dev.sieve.proxy.budget;

import dev.sieve.proxy.config.BudgetLimits;
import java.util.Objects;

/**
 * One set of counters and the limits that apply to it: an agent as a whole, or an agent at a destination host.
 *
 * @param key    the counters' name in a store ({@code agent:a1}, {@code agent:a1@api.openai.com}); agent ids and
 *               host names only, never request data
 * @param agent  the agent id
 * @param host   the destination host, or {@code null} for the agent as a whole
 * @param limits the effective limits (config and token combined)
 */
public record BudgetScope(String key, String agent, String host, BudgetLimits limits) {

    public BudgetScope {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(limits, "limits");
    }

    static BudgetScope ofAgent(String agent, BudgetLimits limits) {
        return new BudgetScope("agent:" + agent, agent, null, limits);
    }

    static BudgetScope ofDestination(String agent, String host, BudgetLimits limits) {
        return new BudgetScope("agent:" + agent + "@" + host, agent, Objects.requireNonNull(host, "host"), limits);
    }

    /** How a refusal names it ({@code agent a1}, {@code agent a1 at api.openai.com}); made only for a refusal. */
    public String label() {
        return host == null ? "agent " + agent : "agent " + agent + " at " + host;
    }
}
