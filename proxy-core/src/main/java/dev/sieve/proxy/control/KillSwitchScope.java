package dev.sieve.proxy.control;

import dev.sieve.proxy.policy.AgentAuthenticator;
import java.util.Objects;
import java.util.Optional;

/**
 * What a kill-switch operation applies to: every agent, or one agent id.
 *
 * @param agentId the agent (syntax of {@link AgentAuthenticator#AGENT_ID}), or empty for everything
 */
public record KillSwitchScope(Optional<String> agentId) {

    /** Every agent, anonymous ones included. */
    public static final KillSwitchScope ALL = new KillSwitchScope(Optional.empty());

    static final String AGENT_SYNTAX = "1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit";

    public KillSwitchScope {
        Objects.requireNonNull(agentId, "agentId");
        agentId.ifPresent(KillSwitchScope::checkAgentId);
    }

    /**
     * One agent, by the id it authenticates with ({@code anonymous} for agents without credentials).
     *
     * @throws IllegalArgumentException if {@code agentId} is not a valid agent id
     */
    public static KillSwitchScope agent(String agentId) {
        return new KillSwitchScope(Optional.of(agentId));
    }

    public boolean all() {
        return agentId.isEmpty();
    }

    static void checkAgentId(String id) {
        if (id == null || !AgentAuthenticator.AGENT_ID.matcher(id).matches()) {
            // The value is shown only when it is short printable ASCII; it comes from an operator, not an agent.
            String shown = id == null ? "null"
                    : id.length() <= 64 && id.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"')
                            ? "\"" + id + "\"" : "(not shown)";
            throw new IllegalArgumentException("agent: " + shown + " (expected: " + AGENT_SYNTAX + ")");
        }
    }

    @Override
    public String toString() {
        return agentId.map(a -> "agent " + a).orElse("all agents");
    }
}
