package dev.sieve.proxy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditKeysTest {

    @TempDir
    Path dir;

    @Test
    void createsA32ByteOwnerOnlyKeyOnceAndReusesIt() throws Exception {
        Path file = dir.resolve("data/audit.key");

        byte[] first = AuditKeys.loadOrCreate(file);
        byte[] second = AuditKeys.loadOrCreate(file);

        assertThat(first).hasSize(32).isEqualTo(second).isNotEqualTo(new byte[32]);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void rejectsShortKeysWithoutShowingThem() throws Exception {
        Path file = Files.write(dir.resolve("short.key"), new byte[] {'a', 'b', 'c'});

        assertThatThrownBy(() -> AuditKeys.load(file))
                .hasMessage("audit key file " + file + ": 3 bytes (expected: at least 32 raw bytes, e.g. head -c 32 /dev/urandom)");
    }

    @Test
    void missingKeyFileSaysWhatIsExpected() {
        Path file = dir.resolve("none.key");

        assertThatThrownBy(() -> AuditKeys.load(file))
                .hasMessage(file + ": audit key file does not exist (expected: the key the audit log was written with)");
    }
}
