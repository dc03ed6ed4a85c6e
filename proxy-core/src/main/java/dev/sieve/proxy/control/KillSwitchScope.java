package dev.sieve.proxy.control;

import dev.sieve.proxy.auth.AgentIds;
import dev.sieve.proxy.auth.TokenClaims;
import java.util.Objects;
import java.util.Optional;

/**
 * What a kill-switch operation applies to: every agent (the global scope), one agent id, or one signed token id.
 * The scopes are independent: releasing one never releases another.
 *
 * @param agentId the agent (syntax of {@link AgentIds#PATTERN}), if this is an agent scope
 * @param tokenId the token id (syntax of {@link TokenClaims#ID}), if this is a token scope
 */
public record KillSwitchScope(Optional<String> agentId, Optional<String> tokenId) {

    /** Every agent, anonymous ones included. */
    public static final KillSwitchScope ALL = new KillSwitchScope(Optional.empty(), Optional.empty());

    static final String AGENT_SYNTAX = "1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit";
    static final String TOKEN_SYNTAX = "1-64 of A-Z a-z 0-9 _ -";

    public KillSwitchScope {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(tokenId, "tokenId");
        if (agentId.isPresent() && tokenId.isPresent()) {
            throw new IllegalArgumentException("agent and token: both given (expected: one scope)");
        }
        agentId.ifPresent(KillSwitchScope::checkAgentId);
        tokenId.ifPresent(KillSwitchScope::checkTokenId);
    }

    /** An agent scope (kept for callers of the agent-only form). */
    public KillSwitchScope(Optional<String> agentId) {
        this(agentId, Optional.empty());
    }

    /**
     * One agent, by the id it authenticates with ({@code anonymous} for agents without credentials).
     *
     * @throws IllegalArgumentException if {@code agentId} is not a valid agent id
     */
    public static KillSwitchScope agent(String agentId) {
        return new KillSwitchScope(Optional.of(agentId), Optional.empty());
    }

    /**
     * One signed token, by its id ({@code jti}).
     *
     * @throws IllegalArgumentException if {@code tokenId} is not a valid token id
     */
    public static KillSwitchScope token(String tokenId) {
        return new KillSwitchScope(Optional.empty(), Optional.of(tokenId));
    }

    public boolean all() {
        return agentId.isEmpty() && tokenId.isEmpty();
    }

    /** {@code all}, {@code agent:<id>} or {@code token:<id>}: an audit record's target, a fleet's set member. */
    public String label() {
        return agentId.map(a -> "agent:" + a).or(() -> tokenId.map(t -> "token:" + t)).orElse("all");
    }

    static void checkAgentId(String id) {
        if (!AgentIds.valid(id)) {
            // The value is shown only when it is short printable ASCII; it comes from an operator, not an agent.
            throw new IllegalArgumentException("agent: " + shown(id, 64) + " (expected: " + AGENT_SYNTAX + ")");
        }
    }

    static void checkTokenId(String id) {
        if (id == null || !TokenClaims.ID.matcher(id).matches()) {
            // Never shown: an operator may paste the token itself where its id belongs.
            throw new IllegalArgumentException("token: " + (id == null ? "null" : "(not shown)")
                    + " (expected: a token id, " + TOKEN_SYNTAX + ")");
        }
    }

    private static String shown(String id, int max) {
        return id == null ? "null"
                : id.length() <= max && id.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"')
                        ? "\"" + id + "\"" : "(not shown)";
    }

    @Override
    public String toString() {
        return agentId.map(a -> "agent " + a).or(() -> tokenId.map(t -> "token " + t)).orElse("all agents");
    }
}
