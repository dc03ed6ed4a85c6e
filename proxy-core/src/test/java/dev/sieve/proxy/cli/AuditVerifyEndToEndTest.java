package dev.sieve.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.testing.ProxyTestEnv;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sieve audit verify} on the audit directory of a Sieve that is running and writing it: the live file is
 * reported as not yet sealed (exit 0), a truncated older file is tampering (exit 1), a wrong or missing key is a
 * key error (exit 2). Small audit files make Sieve rotate, so the directory holds sealed files and the live one.
 */
class AuditVerifyEndToEndTest {

    @TempDir
    static Path dir;

    static ProxyTestEnv env;
    static Path auditDir;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, "audit: { maxFileBytes: 4KiB }", null);
        auditDir = env.auditDir();
        HttpClient http = env.agentClient();
        HttpResponse<String> r = null;
        for (int i = 0; i <= 20; i++) {
            // The last one is blocked (an SSN), so its refusal names the request id to wait for in the audit.
            String text = i < 20 ? "hi " + i : "ssn 536-22-8174";
            r = http.send(HttpRequest.newBuilder(URI.create(env.apiUrl("/v1/messages")))
                    .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\""
                            + text + "\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(i < 20 ? 200 : 403);
        }
        env.awaitAuditLine(r.headers().firstValue("x-sieve-request-id").orElseThrow());
        assertThat(auditFiles(auditDir)).as("rotated into sealed files and the live one").hasSizeGreaterThan(2);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void theRunningSievesDirectoryVerifiesWithALiveFileNote() {
        CliRun run = CliRun.run("audit", "verify", "--config", env.configFile.toString(), auditDir.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("OK: ").containsPattern("live file audit-[0-9-]+\\.jsonl: [0-9]+ records?"
                + " after the last seal (is|are) not yet sealed");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void withoutKeyTheConfiguredHmacKeyFileIsUsed() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path key = elsewhere.resolve("moved.key");
        Files.copy(env.dir.resolve("data").resolve("audit.key"), key, StandardCopyOption.COPY_ATTRIBUTES);
        Path config = Files.writeString(elsewhere.resolve("sieve.yaml"), "dataDir: " + elsewhere.resolve("data")
                + "\naudit:\n  hmacKeyFile: " + key + "\n");

        CliRun run = CliRun.run("audit", "verify", "--config", config.toString(), auditDir.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("OK: ");
    }

    @Test
    void aTruncatedOlderFileExitsOne() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("truncated"));
        List<Path> copies = new ArrayList<>();
        for (Path f : auditFiles(auditDir)) {
            copies.add(Files.copy(f, copy.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING));
        }
        Path older = copies.get(0);
        List<String> lines = Files.readAllLines(older, StandardCharsets.UTF_8);
        Files.write(older, lines.subList(0, lines.size() - 2), StandardCharsets.UTF_8);

        CliRun run = CliRun.run("audit", "verify", "--config", env.configFile.toString(), copy.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith("TAMPERED: truncated: ").contains(older.getFileName() + " ends without a seal");

        CliRun alone = CliRun.run("audit", "verify", "--config", env.configFile.toString(), older.toString());
        assertThat(alone.exit()).as(alone.out() + alone.err()).isEqualTo(1);
        assertThat(alone.err()).startsWith("TAMPERED: truncated: ").contains("a newer audit file exists");
    }

    @Test
    void aWrongKeyExitsTwoWithAKeyError() throws Exception {
        byte[] other = new byte[32];
        java.util.Arrays.fill(other, (byte) 42);
        Path key = Files.write(dir.resolve("other.key"), other);

        CliRun run = CliRun.run("audit", "verify", "--key", key.toString(), auditDir.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("KEY ERROR: ").contains("written with another key").doesNotContain("TAMPERED");
    }

    @Test
    void aMissingKeyFileExitsTwoWithAKeyError() {
        CliRun run = CliRun.run("audit", "verify", "--key", dir.resolve("no-such.key").toString(), auditDir.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("KEY ERROR: ").contains("no-such.key: audit key file does not exist");
    }

    private static List<Path> auditFiles(Path directory) throws Exception {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
    }
}
