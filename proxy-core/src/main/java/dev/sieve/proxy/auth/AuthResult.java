package dev.sieve.proxy.auth;

import java.util.Objects;

/** Outcome of {@link AgentAuthenticator#authenticate}. Only {@link Authenticated} and {@link Anonymous} may proceed. */
public sealed interface AuthResult permits AuthResult.Authenticated, AuthResult.Anonymous, AuthResult.Missing,
        AuthResult.Invalid, AuthResult.Expired, AuthResult.Revoked, AuthResult.Stopped {

    /** True if the request may proceed (authenticated, or anonymous where authentication is optional). */
    default boolean permitted() {
        return this instanceof Authenticated || this instanceof Anonymous;
    }

    /** Valid credentials: a static token for {@code grant.agentId()}, or a signed token and its grant. */
    record Authenticated(Grant grant) implements AuthResult {
        public Authenticated {
            Objects.requireNonNull(grant, "grant");
        }

        /** A static credential of {@code agentId} (an unscoped grant). */
        public Authenticated(String agentId) {
            this(Grant.of(Objects.requireNonNull(agentId, "agentId")));
        }

        public String agentId() {
            return grant.agentId();
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

    /** A genuine signed token past its expiry: answer 407 {@code token_expired}. */
    record Expired(Grant grant) implements AuthResult {
        public Expired {
            Objects.requireNonNull(grant, "grant");
        }
    }

    /** The token or the agent is on the revocation list: answer 407 {@code token_revoked}. */
    record Revoked(Grant grant) implements AuthResult {
        public Revoked {
            Objects.requireNonNull(grant, "grant");
        }
    }

    /** The kill switch is engaged for this token: answer 403 {@code kill_switch}. */
    record Stopped(Grant grant) implements AuthResult {
        public Stopped {
            Objects.requireNonNull(grant, "grant");
        }
    }
}
