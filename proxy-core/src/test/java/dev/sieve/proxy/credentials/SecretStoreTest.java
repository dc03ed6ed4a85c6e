package dev.sieve.proxy.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.proxy.testing.CapturingAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets are read at start (fail closed), files are re-read on change, and nothing shows a value. */
class SecretStoreTest {
    @TempDir
    Path dir;

    private static CredentialEntry entry(SecretSource source) {
        return new CredentialEntry(0, "api.example.com", 443, Set.of(), CredentialKind.ANTHROPIC,
                CredentialKind.ANTHROPIC.fixedSlot().orElseThrow(), source, false);
    }

    @Test
    void readsTrimmedValuesFromFilesAndEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("key"), "synthetic-file-value-1\n");
        SecretSource.File f = new SecretSource.File("credentials.entries[0].secretFile", file);
        SecretSource.Env env = new SecretSource.Env("credentials.entries[1].secretEnv", "KEY");

        SecretStore store = SecretStore.load(List.of(entry(f), entry(env)), Map.of("KEY", " synthetic-env-value ")::get);

        assertThat(store.value(f)).isEqualTo("synthetic-file-value-1");
        assertThat(store.value(env)).isEqualTo("synthetic-env-value");
        assertThat(store.toString()).doesNotContain("synthetic");
    }

    @Test
    void aMissingEmptyOrMultiLineSecretFailsTheStartWithoutShowingIt() throws Exception {
        SecretSource.File missing = new SecretSource.File("credentials.entries[0].secretFile", dir.resolve("none"));
        assertThatThrownBy(() -> SecretStore.load(List.of(entry(missing)), k -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("credentials.entries[0].secretFile: the secret cannot be used (cannot be read:"
                        + " NoSuchFileException; expected: " + SecretText.EXPECTED + ")");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> SecretStore.load(List.of(entry(new SecretSource.File("k", empty))), k -> null))
                .hasMessageContaining("(empty;");
        Path twoLines = Files.writeString(dir.resolve("two"), "synthetic-a\nsynthetic-b\n");
        assertThatThrownBy(() -> SecretStore.load(List.of(entry(new SecretSource.File("k", twoLines))), k -> null))
                .hasMessageContaining("more than one line").hasMessageNotContaining("synthetic");
        SecretSource.Env unset = new SecretSource.Env("credentials.entries[0].secretEnv", "UNSET");
        assertThatThrownBy(() -> SecretStore.load(List.of(entry(unset)), k -> null))
                .hasMessageContaining("environment variable UNSET is not set");
    }

    @Test
    void aRotatedFileIsUsedAndABrokenOneKeepsTheLastGoodValue() throws Exception {
        Path file = Files.writeString(dir.resolve("key"), "synthetic-old-value\n");
        SecretSource.File f = new SecretSource.File("credentials.entries[0].secretFile", file);
        SecretStore store = SecretStore.load(List.of(entry(f)), k -> null);

        Files.writeString(file, "synthetic-new-value\n");
        store.refresh();
        assertThat(store.value(f)).isEqualTo("synthetic-new-value");

        Files.writeString(file, "");
        store.refresh();
        assertThat(store.value(f)).isEqualTo("synthetic-new-value");
        Files.writeString(file, "synthetic-broken\nsecond-line\n");
        store.refresh();
        Files.delete(file);
        store.refresh();
        assertThat(store.value(f)).isEqualTo("synthetic-new-value");

        Files.writeString(file, "synthetic-third-value");
        store.refresh();
        assertThat(store.value(f)).isEqualTo("synthetic-third-value");
        assertThat(CapturingAppender.all()).contains("credentials.entries[0].secretFile " + file
                + ": the new content cannot be used (empty;").doesNotContain("synthetic-");
    }
}
