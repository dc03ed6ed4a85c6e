package dev.sieve.proxy.admin;

import dev.sieve.proxy.auth.RevocationList;
import dev.sieve.proxy.auth.RevocationState;
import dev.sieve.proxy.control.KillSwitch;
import dev.sieve.proxy.control.KillSwitchState;
import dev.sieve.proxy.credentials.SecretSource;
import dev.sieve.proxy.files.FileBackedState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Audits what a watched file changes (the kill-switch file, the revocation file, a credential's secret file) as
 * admin records in the audit
 * chain, with the actor {@code file:<file name>}: whoever edits the ConfigMap acts as an admin, and the chain says
 * what changed and when this replica applied it. One record per scope engaged or released, per token or agent
 * revoked or lifted. The state read at start is the baseline (not audited); changes made through the admin API are
 * audited there, not here.
 */
public final class FileChangeAudit {
    /** File names that fit an audit record's actor; others are named by their config key. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private FileChangeAudit() {}

    /** Audits the changes of {@code killSwitch}'s watched file {@code file} (config key {@code key}). */
    public static void watch(KillSwitch killSwitch, Path file, String key, TokenAdmin.AdminAudit audit, Clock clock) {
        AdminActions actions = new AdminActions(audit, clock, actor(file, key));
        BiConsumer<KillSwitchState, KillSwitchState> changed = (before, after) -> {
            if (after.all() != before.all()) {
                actions.record(after.all() ? "killswitch.engage" : "killswitch.release", "all", "ok", List.of());
            }
            changes(actions, "agent:", before.agents(), after.agents(), "killswitch.engage", "killswitch.release");
            changes(actions, "token:", before.tokens(), after.tokens(), "killswitch.engage", "killswitch.release");
        };
        onFileChange(killSwitch.snapshot(), killSwitch::addListener, changed);
    }

    /** Audits the changes of {@code revocations}' watched file {@code file} (config key {@code key}). */
    public static void watch(RevocationList revocations, Path file, String key, TokenAdmin.AdminAudit audit,
            Clock clock) {
        AdminActions actions = new AdminActions(audit, clock, actor(file, key));
        BiConsumer<RevocationState, RevocationState> changed = (before, after) -> {
            changes(actions, "token:", before.tokens(), after.tokens(), "revocation.add", "revocation.remove");
            changes(actions, "agent:", before.agents(), after.agents(), "revocation.add", "revocation.remove");
        };
        onFileChange(revocations.snapshot(), revocations::addListener, changed);
    }

    /**
     * Audits each credential secret file whose new value is now in use as {@code credential.rotate} of its config
     * key (e.g. {@code credentials.entries[0].secretFile}) by {@code file:<file name>}; never the value.
     */
    public static Consumer<SecretSource.File> credentialRotations(TokenAdmin.AdminAudit audit, Clock clock) {
        return f -> new AdminActions(audit, clock, actor(f.path(), f.key()))
                .record("credential.rotate", f.key(), "ok", List.of());
    }

    /** {@code file:<file name>}, or {@code file:<config key>} for a name an audit record cannot hold. */
    static String actor(Path file, String key) {
        Path name = file.getFileName();
        return "file:" + (name != null && SAFE_NAME.matcher(name.toString()).matches() ? name : key);
    }

    /** Runs {@code audit} with the watched file's state before and after each change of it. */
    private static <S, T extends FileBackedState.Sources<S>> void onFileChange(T initial,
            Consumer<Consumer<T>> listeners, BiConsumer<S, S> audit) {
        AtomicReference<S> last = new AtomicReference<>(initial.file());
        listeners.accept(snapshot -> {
            S before = last.getAndSet(snapshot.file());
            if (!before.equals(snapshot.file())) {
                audit.accept(before, snapshot.file());
            }
        });
    }

    private static void changes(AdminActions actions, String prefix, Set<String> before, Set<String> after,
            String added, String removed) {
        for (String id : new TreeSet<>(after)) {
            if (!before.contains(id)) {
                actions.record(added, prefix + id, "ok", List.of());
            }
        }
        for (String id : new TreeSet<>(before)) {
            if (!after.contains(id)) {
                actions.record(removed, prefix + id, "ok", List.of());
            }
        }
    }
}
