package dev.sieve.proxy.auth;

import dev.sieve.proxy.config.BudgetLimits;
import dev.sieve.proxy.config.EnforcementMode;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

/** Keys and claims for token tests: a fresh Ed25519 pair per test class, never a stored key. */
public final class TokenTestKeys {
    private TokenTestKeys() {}

    public static KeyPair pair() {
        return Ed25519Keys.generate();
    }

    /** Claims signed by {@code pair}, valid from {@code iat} for {@code ttlSeconds}. */
    public static TokenClaims claims(KeyPair pair, String agent, Instant iat, long ttlSeconds, List<String> allow,
            String budget, EnforcementMode mode) {
        return new TokenClaims(Ed25519Keys.keyId(pair.getPublic()), "tok-" + Long.toHexString(System.nanoTime()),
                agent, iat, iat.plusSeconds(ttlSeconds), TokenScope.parse(allow), BudgetLimits.parse(budget), mode);
    }

    public static String issue(KeyPair pair, String agent, Instant iat, long ttlSeconds, List<String> allow) {
        return TokenCodec.encode(claims(pair, agent, iat, ttlSeconds, allow, "", EnforcementMode.ENFORCE),
                pair.getPrivate());
    }
}
