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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Sieve signs its seals and chain heads with the key it creates, appends them to the anchor file, and a third
 * party holding only the public key ({@code sieve audit pubkey}) verifies the audit directory, while Sieve runs and
 * after it stopped; truncating the file is then caught with the anchors, and only with them.
 */
class AuditSignedEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void aThirdPartyVerifiesARealSievesAuditWithThePublicKeyAndTheAnchors() throws Exception {
        Path anchors = dir.resolve("anchors.jsonl");
        Path pem = dir.resolve("audit-signing.pub");
        Path auditDir;
        try (ProxyTestEnv env = new ProxyTestEnv(dir, "audit: { maxFileBytes: 64KiB, anchors: { interval: 1s, file: "
                + anchors + " } }", null)) {
            auditDir = env.auditDir();
            Path key = dir.resolve("data").resolve("audit-signing.key");
            assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

            HttpClient http = env.agentClient();
            String lastId = null;
            for (int i = 0; i < 12; i++) {
                String text = i < 11 ? "hi " + i : "ssn 536-22-8174";
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(env.apiUrl("/v1/messages")))
                        .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\""
                                + text + "\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(i < 11 ? 200 : 403);
                lastId = r.headers().firstValue("x-sieve-request-id").orElseThrow();
            }
            env.awaitAuditLine(lastId);
            // Within about two seconds of the last record, a chain head covers it and reaches the anchor file.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && !lastLineIsHead(auditDir)) {
                Thread.sleep(100);
            }
            assertThat(lastLineIsHead(auditDir)).as("a chain head follows the last record").isTrue();
            assertThat(Files.readString(anchors)).contains("\"decision\":\"head\"").doesNotContain("536-22-8174");

            CliRun pub = CliRun.run("audit", "pubkey", "--config", env.configFile.toString());
            assertThat(pub.exit()).as(pub.err()).isZero();
            Files.writeString(pem, pub.out());

            CliRun live = CliRun.run("audit", "verify", "--public-key", pem.toString(), "--anchors", anchors.toString(),
                    auditDir.toString());
            assertThat(live.exit()).as(live.err()).isZero();
            assertThat(live.out()).startsWith("OK: ").contains("signatures: ", "anchors: ", "MACs not checked")
                    .doesNotContain("unproven");
        }

        CliRun sealed = CliRun.run("audit", "verify", "--sealed", "--public-key", pem.toString(), "--anchors",
                anchors.toString(), auditDir.toString());
        assertThat(sealed.exit()).as(sealed.err()).isZero();
        assertThat(sealed.out()).contains("12 records");

        Path file = newest(auditDir);
        Files.write(file, Files.readAllLines(file, StandardCharsets.UTF_8).subList(0, 3), StandardCharsets.UTF_8);
        assertThat(CliRun.run("audit", "verify", "--public-key", pem.toString(), auditDir.toString()).exit())
                .as("without anchors the truncation looks like a live file").isZero();
        CliRun anchored = CliRun.run("audit", "verify", "--public-key", pem.toString(), "--anchors",
                anchors.toString(), auditDir.toString());
        assertThat(anchored.exit()).isEqualTo(1);
        assertThat(anchored.err()).contains("TAMPERED: truncated: ", "but an anchor at seq", "were removed");
    }

    private static boolean lastLineIsHead(Path auditDir) throws Exception {
        List<String> lines = Files.readAllLines(auditDir.resolve(newest(auditDir)), StandardCharsets.UTF_8);
        return !lines.isEmpty() && lines.get(lines.size() - 1).contains("\"decision\":\"head\"");
    }

    private static Path newest(Path auditDir) throws Exception {
        List<Path> files = auditFiles(auditDir);
        return files.get(files.size() - 1);
    }

    private static List<Path> auditFiles(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
    }
}
