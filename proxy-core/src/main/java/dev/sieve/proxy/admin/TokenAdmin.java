package dev.sieve.proxy.admin;

import dev.sieve.proxy.audit.AdminAuditRecord;
import dev.sieve.proxy.audit.AuditEntry;
import dev.sieve.proxy.auth.RevocationList;
import dev.sieve.proxy.auth.TokenIssuer;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the admin API needs for agent tokens and for auditing admin actions.
 *
 * @param revocations the revocation list; empty: {@code /admin/revocations} answers 404
 * @param issuer issues tokens for {@code POST /admin/tokens}; empty: 404
 * @param audit writes an admin action to the audit chain; it blocks until queued and throws
 *     {@link IllegalStateException} when the audit log has failed (the action is then refused or reported)
 * @param clock the time of issued tokens and records
 * @param adminTokens the subject of a signed admin token ({@link AdminTokens}); none accepted without it
 */
public record TokenAdmin(Optional<RevocationList> revocations, Optional<TokenIssuer> issuer, AdminAudit audit,
        Clock clock, AdminTokens adminTokens) {

    /** No revocation list, no issuer, no audit. */
    public static final TokenAdmin NONE = new TokenAdmin(Optional.empty(), Optional.empty(), r -> { }, Clock.systemUTC());

    /** Without signed admin tokens (only the admin bearer token, if any). */
    public TokenAdmin(Optional<RevocationList> revocations, Optional<TokenIssuer> issuer, AdminAudit audit,
            Clock clock) {
        this(revocations, issuer, audit, clock, AdminTokens.NONE);
    }

    /**
     * Signed Sieve tokens accepted as admin credentials: those of the scope {@link #SCOPE}
     * ({@code sieve token issue --scope admin}), verified with the agent tokens' verification keys, unexpired and
     * not revoked. The admin actions they make name their subject.
     */
    @FunctionalInterface
    public interface AdminTokens {
        /** Accepts none. */
        AdminTokens NONE = bearer -> Optional.empty();

        /** The token's subject if {@code bearer} is a valid admin token; empty otherwise (never throws). */
        Optional<String> subject(String bearer);
    }

    /** The token scope name ({@code scope} claim) of admin tokens. */
    public static final String SCOPE = "admin";

    public TokenAdmin {
        Objects.requireNonNull(adminTokens, "adminTokens");
        Objects.requireNonNull(revocations, "revocations");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(clock, "clock");
    }

    /** Appends an admin record to the audit chain. */
    @FunctionalInterface
    public interface AdminAudit {
        void record(AdminAuditRecord record) throws InterruptedException;

        /**
         * Appends another kind of chained entry (an analyst label). Default: there is no audit log here, so it throws
         * {@link IllegalStateException} (the endpoint answers 503).
         */
        default void append(AuditEntry entry) throws InterruptedException {
            throw new IllegalStateException("audit log: not available here (expected: a running Sieve's audit log)");
        }

        /** False while records cannot be written: actions that weaken protection or grant access are refused. */
        default boolean available() {
            return true;
        }
    }
}
