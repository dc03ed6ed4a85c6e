package dev.sieve.proxy.policy;

import java.util.Objects;

/** Outcome of {@link AgentAuthenticator#authenticate}. Only {@link Authenticated} and {@link Anonymous} may proceed. */
public sealed interface AuthResult
        permits AuthResult.Authenticated, AuthResult.Anonymous, AuthResult.Missing, AuthResult.Invalid {

    /** True if the request may proceed (authenticated, or anonymous where authentication is optional). */
    default boolean permitted() {
        return this instanceof Authenticated || this instanceof Anonymous;
    }

    /** Valid credentials for {@code agentId}. */
    record Authenticated(String agentId) implements AuthResult {
        public Authenticated {
            Objects.requireNonNull(agentId, "agentId");
        }
    }

    /** No credentials, and none are required. */
    record Anonymous() implements AuthResult {}

    /** No credentials, but they are required: answer 407. */
    record Missing() implements AuthResult {}

    /**
     * Credentials were sent but are not valid: answer 407 (also when authentication is optional).
     *
     * @param detail why, naming at most the scheme and the agent id; never the token
     */
    record Invalid(String detail) implements AuthResult {
        public Invalid {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
