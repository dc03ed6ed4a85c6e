package dev.sieve.proxy.admin;

import dev.sieve.proxy.audit.AdminAuditRecord;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the admin actions of one caller (an admin connection, a watched file) to the audit chain, naming the caller
 * as the actor; the one place admin records are built. Actions that stop traffic
 * (engage, revoke) are applied first and audited after, so a failing audit log never delays them; actions that
 * weaken protection or grant access (release, lift, issue) are refused while the audit log cannot record them
 * ({@link #mayWeaken()}).
 */
final class AdminActions {
    private static final Logger log = LoggerFactory.getLogger(AdminActions.class);

    private final TokenAdmin.AdminAudit audit;
    private final Clock clock;
    private final String actor;

    AdminActions(TokenAdmin.AdminAudit audit, Clock clock, String actor) {
        this.audit = audit;
        this.clock = clock;
        this.actor = actor;
    }

    String actor() {
        return actor;
    }

    /** True if a weakening action may proceed (its record can be written). */
    boolean mayWeaken() {
        return audit.available();
    }

    /** Records an action; a failure to record is logged, never thrown (the action has happened). */
    void record(String action, String target, String outcome, List<String> reasons) {
        try {
            audit.record(new AdminAuditRecord(clock.instant(), action, actor, target, outcome, reasons));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.error("admin: {} {} by {} not audited (interrupted)", action, target, actor);
        } catch (RuntimeException e) {
            log.error("admin: {} {} by {} not audited: {}", action, target, actor, e.getMessage());
        }
    }
}
