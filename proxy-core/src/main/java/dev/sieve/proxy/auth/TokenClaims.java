package dev.sieve.proxy.auth;

import dev.sieve.proxy.config.BudgetLimits;
import dev.sieve.proxy.config.EnforcementMode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The signed content of an agent token. Times are whole seconds since the epoch.
 *
 * @param keyId the id of the key that signed it ({@link Ed25519Keys#keyId})
 * @param tokenId a random id, what revocations and the per-token kill switch name
 * @param subject the agent id (syntax of {@link AgentIds#PATTERN})
 * @param issuedAt when it was issued; it is not valid before
 * @param expiresAt when it expires (after {@code issuedAt})
 * @param scope destinations it allows (narrowing the allowlist)
 * @param budget its budget (text form of {@link BudgetLimits})
 * @param mode enforce or monitor; never weakens the configured mode ({@link Grant#effectiveMode})
 * @param scopeName the named scope it was issued for ({@code sieve token issue --scope}), which
 *                  {@code credentials.entries[].tokenScopes} select credentials by; empty when none
 */
public record TokenClaims(String keyId, String tokenId, String subject, Instant issuedAt, Instant expiresAt,
        TokenScope scope, BudgetLimits budget, EnforcementMode mode, Optional<String> scopeName) {

    /** Key ids and token ids: URL-safe, short. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * Scope names ({@code scope} claim, {@code credentials.entries[].tokenScopes}): the agent id syntax, a safe
     * alphabet for logs and audit records.
     */
    public static final Pattern SCOPE_NAME = AgentIds.PATTERN;

    /** Claims without a scope name. */
    public TokenClaims(String keyId, String tokenId, String subject, Instant issuedAt, Instant expiresAt,
            TokenScope scope, BudgetLimits budget, EnforcementMode mode) {
        this(keyId, tokenId, subject, issuedAt, expiresAt, scope, budget, mode, Optional.empty());
    }

    public TokenClaims {
        Objects.requireNonNull(scopeName, "scopeName");
        if (scopeName.isPresent() && !SCOPE_NAME.matcher(scopeName.get()).matches()) {
            throw new IllegalArgumentException("scope: (expected: a scope name, 1-64 of A-Z a-z 0-9 . _ - starting"
                    + " with a letter or digit)");
        }
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(mode, "mode");
        if (keyId == null || !ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("kid: (expected: 1-64 of A-Z a-z 0-9 _ -)");
        }
        if (tokenId == null || !ID.matcher(tokenId).matches()) {
            throw new IllegalArgumentException("jti: (expected: 1-64 of A-Z a-z 0-9 _ -)");
        }
        if (!AgentIds.valid(subject)) {
            throw new IllegalArgumentException("sub: (expected: an agent id, 1-64 of A-Z a-z 0-9 . _ -)");
        }
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (issuedAt.getNano() != 0 || expiresAt.getNano() != 0) {
            throw new IllegalArgumentException("iat/exp: (expected: whole seconds)");
        }
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("exp: " + expiresAt + " (expected: after iat " + issuedAt + ")");
        }
    }
}
