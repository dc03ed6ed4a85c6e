package dev.sieve.proxy.auth;

import java.util.Objects;

/** Outcome of {@link TokenVerifier#verify}. Messages never contain the token. */
public sealed interface TokenCheck permits TokenCheck.Valid, TokenCheck.Invalid, TokenCheck.Expired {

    /** The signature verifies with an active key and the token is within its validity. */
    record Valid(TokenClaims claims) implements TokenCheck {
        public Valid {
            Objects.requireNonNull(claims, "claims");
        }
    }

    /** Malformed, unknown key id, bad signature, not yet valid, lifetime too long: answer 407. */
    record Invalid(String detail) implements TokenCheck {
        public Invalid {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Genuine but expired: answer 407 {@code token_expired}. */
    record Expired(TokenClaims claims) implements TokenCheck {
        public Expired {
            Objects.requireNonNull(claims, "claims");
        }
    }
}
