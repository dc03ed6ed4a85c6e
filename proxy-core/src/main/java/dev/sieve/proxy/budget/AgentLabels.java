package dev.sieve.proxy.budget;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the {@code agent} label of a metric: the first {@code max} distinct agent ids are named as they are, every
 * later one is {@link #OTHER}. Agents with signed tokens are unbounded in number, a metric's series must not be.
 * Thread-safe; an agent once named stays named.
 */
final class AgentLabels {

    static final String OTHER = "other";

    private final int max;
    private final Set<String> named = ConcurrentHashMap.newKeySet();

    AgentLabels(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= 1)");
        }
        this.max = max;
    }

    /** {@code agentId}, or {@link #OTHER} once {@code max} other agents are named. */
    String of(String agentId) {
        if (named.contains(agentId)) {
            return agentId;
        }
        synchronized (named) {
            if (named.size() < max) {
                named.add(agentId);
                return agentId;
            }
        }
        return named.contains(agentId) ? agentId : OTHER;
    }
}
