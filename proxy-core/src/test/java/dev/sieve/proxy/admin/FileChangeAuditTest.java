package dev.sieve.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.audit.AdminAuditRecord;
import dev.sieve.proxy.auth.RevocationList;
import dev.sieve.proxy.control.KillSwitch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits of the watched kill-switch and revocation files become admin records by {@code file:<name>}. */
class FileChangeAuditTest {
    @TempDir
    Path dir;

    private final List<AdminAuditRecord> records = new CopyOnWriteArrayList<>();

    private List<String> lines() {
        return records.stream().map(r -> r.action() + " " + r.target() + " " + r.actor()).toList();
    }

    @Test
    void killSwitchFileEditsAreAuditedScopeByScopeAndAdminApiChangesAreNot() throws Exception {
        Path file = Files.writeString(dir.resolve("killswitch"), "agent:a1\n");
        KillSwitch ks = KillSwitch.open(dir.resolve("ks.json"), Optional.of(file));
        FileChangeAudit.watch(ks, file, "killSwitch.file", records::add, Clock.systemUTC());

        Files.writeString(file, "agent:a2\ntoken:tok-9\n");
        assertThat(ks.pollFile()).isTrue();
        Files.writeString(file, "engaged\n");
        assertThat(ks.pollFile()).isTrue();
        ks.engage(dev.sieve.proxy.control.KillSwitchScope.agent("api-only"));

        assertThat(lines()).containsExactly(
                "killswitch.engage agent:a2 file:killswitch",
                "killswitch.release agent:a1 file:killswitch",
                "killswitch.engage token:tok-9 file:killswitch",
                "killswitch.engage all file:killswitch",
                "killswitch.release agent:a2 file:killswitch",
                "killswitch.release token:tok-9 file:killswitch");
    }

    @Test
    void revocationFileEditsAreAuditedEntryByEntry() throws Exception {
        Path file = Files.writeString(dir.resolve("revoked list.txt"), "token:t1\n");
        RevocationList list = RevocationList.open(dir.resolve("revocations.json"), Optional.of(file));
        FileChangeAudit.watch(list, file, "auth.revocationFile", records::add, Clock.systemUTC());

        Files.writeString(file, "agent:bot-1\n");
        assertThat(list.pollFile()).isTrue();

        assertThat(lines()).containsExactly(
                "revocation.remove token:t1 file:auth.revocationFile",
                "revocation.add agent:bot-1 file:auth.revocationFile");
    }
}
