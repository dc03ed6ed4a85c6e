package dev.sieve.proxy.auth;

import dev.sieve.proxy.config.BudgetLimits;
import dev.sieve.proxy.config.EnforcementMode;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Issues tokens with one private key: a random token id, issued now, expiring after the requested lifetime. */
public final class TokenIssuer {
    /** The longest lifetime {@code sieve token issue} accepts (the proxy's {@code auth.maxTokenTtl} may be shorter). */
    public static final Duration MAX_TTL = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey key;
    private final String keyId;

    public TokenIssuer(PrivateKey key) {
        this.key = Objects.requireNonNull(key, "key");
        this.keyId = Ed25519Keys.keyId(Ed25519Keys.publicKey(key));
    }

    public String keyId() {
        return keyId;
    }

    /** A token and the claims it carries. {@link #toString()} does not show the token. */
    public record Issued(String token, TokenClaims claims) {
        @Override
        public String toString() {
            return "Issued[token=(not shown), claims=" + claims + "]";
        }
    }

    /**
     * Issues a token.
     *
     * @throws IllegalArgumentException {@code "<option>: <value> (expected: ...)"} for a bad agent id, lifetime,
     *     allow entry or budget
     */
    public Issued issue(String agentId, Duration ttl, List<String> allow, String budget, EnforcementMode mode,
            Instant now) {
        return issue(agentId, ttl, allow, budget, mode, Optional.empty(), now);
    }

    /**
     * Issues a token for the named scope {@code scopeName} ({@code credentials.entries[].tokenScopes} select by it).
     *
     * @throws IllegalArgumentException as {@link #issue(String, Duration, List, String, EnforcementMode, Instant)},
     *     and for a scope name that is not one
     */
    public Issued issue(String agentId, Duration ttl, List<String> allow, String budget, EnforcementMode mode,
            Optional<String> scopeName, Instant now) {
        if (!AgentIds.valid(agentId)) {
            throw new IllegalArgumentException("agent: (not shown) (expected: 1-64 of A-Z a-z 0-9 . _ - starting"
                    + " with a letter or digit)");
        }
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl: " + ttl.toSeconds() + "s (expected: 1s to 30d)");
        }
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        TokenClaims claims = new TokenClaims(keyId, newTokenId(), agentId, issuedAt,
                issuedAt.plusSeconds(ttl.toSeconds()), TokenScope.parse(allow), BudgetLimits.parse(budget), mode,
                scopeName);
        return new Issued(TokenCodec.encode(claims, key), claims);
    }

    /** 128 random bits, base64url (22 characters). */
    static String newTokenId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
