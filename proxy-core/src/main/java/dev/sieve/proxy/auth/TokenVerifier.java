package dev.sieve.proxy.auth;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies tokens statelessly: format, key id, Ed25519 signature, then time. Pure apart from the clock, which is
 * injected so expiry tests never sleep.
 */
public final class TokenVerifier {
    private volatile VerificationKeys keys;
    private final Clock clock;
    private final Duration clockSkew;
    private final Duration maxTtl;

    /**
     * @param keys the active public keys
     * @param clock the time tokens are checked against
     * @param clockSkew tolerance for the issuer's clock: a token is accepted this long before its {@code iat}, and
     *     refused as expired from its {@code exp} on (expiry is never extended)
     * @param maxTtl the longest lifetime ({@code exp - iat}) accepted: longer tokens are invalid
     */
    public TokenVerifier(VerificationKeys keys, Clock clock, Duration clockSkew, Duration maxTtl) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
        this.maxTtl = Objects.requireNonNull(maxTtl, "maxTtl");
    }

    /** The keys in use. */
    public VerificationKeys keys() {
        return keys;
    }

    /** Verifies with {@code keys} from the next token on (a rotation: {@link VerificationKeyFiles}). */
    public void useKeys(VerificationKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Checks a token; never throws for any input. */
    public TokenCheck verify(String token) {
        TokenCodec.Decoded decoded;
        try {
            decoded = TokenCodec.decode(token);
        } catch (IllegalArgumentException e) {
            return new TokenCheck.Invalid(e.getMessage());
        }
        TokenClaims claims = decoded.claims();
        Optional<PublicKey> key = keys.get(claims.keyId());
        if (key.isEmpty()) {
            return new TokenCheck.Invalid("token: signed with key id " + claims.keyId()
                    + " (expected: one of the active keys " + keys.ids() + ")");
        }
        if (!TokenCodec.verifies(decoded, key.get())) {
            return new TokenCheck.Invalid("token: signature does not verify (expected: a token as issued)");
        }
        return checkTime(claims);
    }

    /** Checks the time of claims verified earlier (a token presented when a tunnel opened, at each request). */
    public TokenCheck checkTime(TokenClaims claims) {
        Instant now = clock.instant();
        if (Duration.between(claims.issuedAt(), claims.expiresAt()).compareTo(maxTtl) > 0) {
            return new TokenCheck.Invalid("token: lifetime longer than auth.maxTokenTtl (expected: a shorter --ttl)");
        }
        if (now.plus(clockSkew).isBefore(claims.issuedAt())) {
            return new TokenCheck.Invalid("token: not valid before " + claims.issuedAt() + " (issuer clock ahead?)");
        }
        if (!now.isBefore(claims.expiresAt())) {
            return new TokenCheck.Expired(claims);
        }
        return new TokenCheck.Valid(claims);
    }

    /** Now, by this verifier's clock. */
    public Instant now() {
        return clock.instant();
    }
}
