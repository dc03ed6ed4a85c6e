package dev.sieve.proxy.auth;

import dev.sieve.proxy.config.BudgetLimits;
import dev.sieve.proxy.config.EnforcementMode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an authenticated agent may do: who it is and, when it presented a signed token, the token's limits.
 * Static credentials and anonymous agents get an unscoped grant ({@link #of}).
 *
 * <p>A grant only ever narrows: its scope narrows the allowlist ({@link TokenScope#permits}), its budget is combined
 * with the configured one by {@link BudgetLimits#narrowest}, and its mode can make enforcement stricter, never laxer
 * ({@link #effectiveMode}).
 *
 * @param agentId the agent id (a token's subject)
 * @param tokenId the signed token's id; empty for static credentials and anonymous agents
 * @param scope destinations the token allows; {@link TokenScope#UNRESTRICTED} without a token
 * @param budget the token's budget claim; {@link BudgetLimits#NONE} without a token or claim
 * @param mode the token's mode claim; empty without a token
 * @param expiresAt when the token expires; empty without a token
 * @param scopeName the token's named scope ({@link TokenClaims#scopeName}); empty without a token or name
 */
public record Grant(String agentId, Optional<String> tokenId, TokenScope scope, BudgetLimits budget,
        Optional<EnforcementMode> mode, Optional<Instant> expiresAt, Optional<String> scopeName) {

    /** A grant without a scope name. */
    public Grant(String agentId, Optional<String> tokenId, TokenScope scope, BudgetLimits budget,
            Optional<EnforcementMode> mode, Optional<Instant> expiresAt) {
        this(agentId, tokenId, scope, budget, mode, expiresAt, Optional.empty());
    }

    public Grant {
        Objects.requireNonNull(scopeName, "scopeName");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** An unscoped grant for a static credential or an anonymous agent. */
    public static Grant of(String agentId) {
        return new Grant(agentId, Optional.empty(), TokenScope.UNRESTRICTED, BudgetLimits.NONE, Optional.empty(),
                Optional.empty());
    }

    /** The grant a verified token carries. */
    public static Grant of(TokenClaims claims) {
        return new Grant(claims.subject(), Optional.of(claims.tokenId()), claims.scope(), claims.budget(),
                Optional.of(claims.mode()), Optional.of(claims.expiresAt()), claims.scopeName());
    }

    /** True if this grant comes from a signed token. */
    public boolean fromToken() {
        return tokenId.isPresent();
    }

    /**
     * The mode that applies to this agent's requests: the stricter of the configured mode and the token's. A
     * monitor-mode token under {@code mode: enforce} is enforced (the token cannot weaken enforcement); an
     * enforce-mode token under {@code mode: monitor} is enforced.
     */
    public EnforcementMode effectiveMode(EnforcementMode configured) {
        return configured == EnforcementMode.ENFORCE || mode.orElse(configured) == EnforcementMode.ENFORCE
                ? EnforcementMode.ENFORCE : EnforcementMode.MONITOR;
    }

    @Override
    public String toString() {
        return "Grant[agent=" + agentId + tokenId.map(t -> ", token=" + t).orElse("")
                + (scope.unrestricted() ? "" : ", allow=" + scope.texts())
                + (budget.unlimited() ? "" : ", budget=" + budget.format())
                + mode.map(m -> ", mode=" + m.name().toLowerCase(java.util.Locale.ROOT)).orElse("")
                + scopeName.map(s -> ", scope=" + s).orElse("") + "]";
    }
}
