package dev.sieve.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void keygenIssueAndVerifyRoundTrip() throws Exception {
        String prefix = dir.resolve("sieve-signing").toString();
        CliRun keygen = CliRun.run("token", "keygen", "--out", prefix);
        assertThat(keygen.exit()).as(keygen.err()).isZero();
        String keyId = keygen.out().strip();
        assertThat(Files.getPosixFilePermissions(Path.of(prefix + ".key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        CliRun issue = CliRun.run("token", "issue", "--agent", "agent-1", "--ttl", "1h", "--allow", "api.anthropic.com",
                "--allow", "*.openai.com:443", "--budget", "rpm=60,uploadPerDay=1GiB", "--mode", "monitor",
                "--scope", "team-a", "--key", prefix + ".key");
        assertThat(issue.exit()).as(issue.err()).isZero();
        String token = issue.out().strip();
        assertThat(token).startsWith("sieve1.");
        assertThat(issue.err()).contains("for agent agent-1").contains("never weakens").doesNotContain(token);

        CliRun verify = CliRun.run("token", "verify", "--key", prefix + ".pub", token);
        assertThat(verify.exit()).as(verify.err()).isZero();
        JsonNode out = JSON.readTree(verify.out());
        assertThat(out.path("status").asText()).isEqualTo("valid");
        assertThat(out.at("/claims/kid").asText()).isEqualTo(keyId);
        assertThat(out.at("/claims/sub").asText()).isEqualTo("agent-1");
        assertThat(out.at("/claims/allow").toString()).isEqualTo("[\"api.anthropic.com\",\"*.openai.com:443\"]");
        assertThat(out.at("/claims/budget").asText()).isEqualTo("rpm=60,uploadPerDay=1GiB");
        assertThat(out.at("/claims/mode").asText()).isEqualTo("monitor");
        assertThat(out.at("/claims/scope").asText()).isEqualTo("team-a");
        assertThat(issue.err()).contains("scope team-a");
    }

    @Test
    void verifyRefusesAnotherKeysTokenAndATamperedOne() throws Exception {
        CliRun.run("token", "keygen", "--out", dir.resolve("a").toString());
        CliRun.run("token", "keygen", "--out", dir.resolve("b").toString());
        String token = CliRun.run("token", "issue", "--agent", "x", "--ttl", "5m", "--key",
                dir.resolve("a.key").toString()).out().strip();

        CliRun wrongKey = CliRun.run("token", "verify", "--key", dir.resolve("b.pub").toString(), token);
        assertThat(wrongKey.exit()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("INVALID").contains("key id").doesNotContain(token);
        String tampered = token.substring(0, 20) + (token.charAt(20) == 'A' ? 'B' : 'A') + token.substring(21);
        assertThat(CliRun.run("token", "verify", "--key", dir.resolve("a.pub").toString(), tampered).exit())
                .isEqualTo(1);
    }

    @Test
    void badOptionsAreClearErrors() throws Exception {
        CliRun.run("token", "keygen", "--out", dir.resolve("k").toString());
        String key = dir.resolve("k.key").toString();

        assertThat(CliRun.run("token", "issue", "--agent", "x", "--ttl", "forever", "--key", key).err())
                .contains("--ttl: forever (expected:");
        assertThat(CliRun.run("token", "issue", "--agent", "x", "--ttl", "1h", "--allow", "*", "--key", key).err())
                .contains("allow: * (expected: HOST[:PORT]");
        assertThat(CliRun.run("token", "issue", "--agent", "x", "--ttl", "1h", "--budget", "rpm=0", "--key", key)
                .err()).contains("budget: rpm=0 (expected:");
        assertThat(CliRun.run("token", "issue", "--agent", "x", "--ttl", "1h", "--scope", "a b", "--key", key)
                .err()).contains("scope: (expected: a scope name");
        assertThat(CliRun.run("token", "issue", "--agent", "x", "--ttl", "31d", "--key", key).err())
                .contains("ttl:").contains("(expected: 1s to 30d)");
        assertThat(CliRun.run("token", "keygen", "--out", dir.resolve("k").toString()).exit())
                .as("never overwrites a key").isNotZero();
    }

    @Test
    void opensslKeysAreAccepted() throws Exception {
        Path key = dir.resolve("ossl.key");
        Path pub = dir.resolve("ossl.pub");
        Process gen = new ProcessBuilder("openssl", "genpkey", "-algorithm", "ed25519", "-out", key.toString())
                .redirectErrorStream(true).start();
        assertThat(gen.waitFor(30, TimeUnit.SECONDS) && gen.exitValue() == 0).isTrue();
        Process out = new ProcessBuilder("openssl", "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString())
                .redirectErrorStream(true).start();
        assertThat(out.waitFor(30, TimeUnit.SECONDS) && out.exitValue() == 0).isTrue();

        String token = CliRun.run("token", "issue", "--agent", "ossl", "--ttl", "10m", "--key", key.toString())
                .out().strip();
        CliRun verify = CliRun.run("token", "verify", "--key", pub.toString(), token);
        assertThat(verify.exit()).as(verify.err()).isZero();
    }
}
