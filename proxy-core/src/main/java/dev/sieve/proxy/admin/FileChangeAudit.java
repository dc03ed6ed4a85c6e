package dev.sieve.proxy.admin;

import dev.sieve.proxy.audit.AdminAuditRecord;
import dev.sieve.proxy.auth.RevocationList;
import dev.sieve.proxy.auth.RevocationState;
import dev.sieve.proxy.control.KillSwitch;
import dev.sieve.proxy.control.KillSwitchState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits what a watched file changes (the kill-switch file, the revocation file, a credential's secret file) as
 * admin records in the audit
 * chain, with the actor {@code file:<file name>}: whoever edits the ConfigMap acts as an admin, and the chain says
 * what changed and when this replica applied it. One record per scope engaged or released, per token or agent
 * revoked or lifted. The state read at start is the baseline (not audited); changes made through the admin API are
 * audited there, not here.
 */
public final class FileChangeAudit {
    private static final Logger log = LoggerFactory.getLogger(FileChangeAudit.class);
    /** File names that fit an audit record's actor; others are named by their config key. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private FileChangeAudit() {}

    /** Audits the changes of {@code killSwitch}'s watched file {@code file} (config key {@code key}). */
    public static void watch(KillSwitch killSwitch, Path file, String key, TokenAdmin.AdminAudit audit, Clock clock) {
        String actor = actor(file, key);
        AtomicReference<KillSwitchState> last = new AtomicReference<>(killSwitch.snapshot().file());
        killSwitch.addListener(snapshot -> {
            KillSwitchState before = last.getAndSet(snapshot.file());
            KillSwitchState after = snapshot.file();
            if (before.equals(after)) {
                return;
            }
            if (after.all() != before.all()) {
                record(audit, clock, after.all() ? "killswitch.engage" : "killswitch.release", actor, "all");
            }
            changes(audit, clock, actor, "agent:", before.agents(), after.agents(), "killswitch.engage",
                    "killswitch.release");
            changes(audit, clock, actor, "token:", before.tokens(), after.tokens(), "killswitch.engage",
                    "killswitch.release");
        });
    }

    /** Audits the changes of {@code revocations}' watched file {@code file} (config key {@code key}). */
    public static void watch(RevocationList revocations, Path file, String key, TokenAdmin.AdminAudit audit,
            Clock clock) {
        String actor = actor(file, key);
        AtomicReference<RevocationState> last = new AtomicReference<>(revocations.snapshot().file());
        revocations.addListener(snapshot -> {
            RevocationState before = last.getAndSet(snapshot.file());
            RevocationState after = snapshot.file();
            if (before.equals(after)) {
                return;
            }
            changes(audit, clock, actor, "token:", before.tokens(), after.tokens(), "revocation.add",
                    "revocation.remove");
            changes(audit, clock, actor, "agent:", before.agents(), after.agents(), "revocation.add",
                    "revocation.remove");
        });
    }

    /**
     * Audits each credential secret file whose new value is now in use as {@code credential.rotate} of its config
     * key (e.g. {@code credentials.entries[0].secretFile}) by {@code file:<file name>}; never the value.
     */
    public static java.util.function.Consumer<dev.sieve.proxy.credentials.SecretSource.File> credentialRotations(
            TokenAdmin.AdminAudit audit, Clock clock) {
        return f -> record(audit, clock, "credential.rotate", actor(f.path(), f.key()), f.key());
    }

    /** {@code file:<file name>}, or {@code file:<config key>} for a name an audit record cannot hold. */
    static String actor(Path file, String key) {
        Path name = file.getFileName();
        return "file:" + (name != null && SAFE_NAME.matcher(name.toString()).matches() ? name : key);
    }

    private static void changes(TokenAdmin.AdminAudit audit, Clock clock, String actor, String prefix,
            Set<String> before, Set<String> after, String added, String removed) {
        for (String id : new TreeSet<>(after)) {
            if (!before.contains(id)) {
                record(audit, clock, added, actor, prefix + id);
            }
        }
        for (String id : new TreeSet<>(before)) {
            if (!after.contains(id)) {
                record(audit, clock, removed, actor, prefix + id);
            }
        }
    }

    private static void record(TokenAdmin.AdminAudit audit, Clock clock, String action, String actor, String target) {
        try {
            audit.record(new AdminAuditRecord(clock.instant(), action, actor, target, "ok", List.of()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.error("{} {} by {} not audited (interrupted)", action, target, actor);
        } catch (RuntimeException e) {
            log.error("{} {} by {} not audited: {}", action, target, actor, e.getMessage());
        }
    }
}
