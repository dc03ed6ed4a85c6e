package dev.sieve.proxy.audit;

import static dev.sieve.proxy.audit.AuditTestSupport.KEY;
import static dev.sieve.proxy.audit.AuditTestSupport.lines;
import static dev.sieve.proxy.audit.AuditTestSupport.writeLines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.auth.AuditSigningKeys;
import dev.sieve.proxy.auth.Ed25519Keys;
import dev.sieve.proxy.cli.SieveCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sieve audit pubkey} and {@code sieve audit verify --public-key / --anchors} through the real command line. */
class AuditSealCommandTest {

    @TempDir
    Path dir;

    Path data;
    Path config;
    Path logs;
    Path anchors;
    Path hmacKey;
    KeyPair pair;
    List<Path> files;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    @BeforeEach
    void write() throws Exception {
        data = Files.createDirectory(dir.resolve("data"));
        config = Files.writeString(dir.resolve("sieve.yaml"), "dataDir: " + data + "\n");
        logs = Files.createDirectory(dir.resolve("audit"));
        anchors = dir.resolve("anchors.jsonl");
        hmacKey = Files.write(dir.resolve("audit.key"), KEY);
        pair = Ed25519Keys.generate();
        Ed25519Keys.writePrivate(data.resolve("audit-signing.key"), pair.getPrivate());
        files = AuditSignatureTest.writeSigned(logs, 30, List.of(AuditSinks.anchorFile(anchors)),
                AuditSigningKeys.signer(pair.getPrivate()));
    }

    /** Prints the public key with {@code sieve audit pubkey} into a file, as an operator hands it over. */
    private Path exportedPublicKey() throws Exception {
        assertThat(run("audit", "pubkey", "--config", config.toString())).as(err.toString()).isZero();
        Path pem = Files.writeString(dir.resolve("audit-signing.pub"), out.toString());
        out = new StringWriter();
        return pem;
    }

    @Test
    void pubkeyPrintsThePemPublicKeyAndItsId() throws Exception {
        Path pem = exportedPublicKey();

        String text = Files.readString(pem);
        assertThat(text).startsWith("-----BEGIN PUBLIC KEY-----\n").contains("-----END PUBLIC KEY-----\n")
                .endsWith("key id: " + Ed25519Keys.keyId(pair.getPublic()) + "\n").doesNotContain("PRIVATE");
        assertThat(Ed25519Keys.readPublic(pem)).isEqualTo(pair.getPublic());
    }

    @Test
    void pubkeyWithoutAKeyExitsTwoAndCreatesNone() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path other = Files.writeString(dir.resolve("other.yaml"), "dataDir: " + empty + "\n");

        assertThat(run("audit", "pubkey", "--config", other.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("audit-signing.key", "audit signing key does not exist");
        assertThat(empty.resolve("audit-signing.key")).doesNotExist();
    }

    @Test
    void verifyWithThePublicKeyAloneNeedsNoHmacKey() throws Exception {
        Path pem = exportedPublicKey();
        assertThat(data.resolve("audit.key")).doesNotExist();

        assertThat(run("audit", "verify", "--config", config.toString(), "--public-key", pem.toString(),
                logs.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("OK: " + files.size() + " files, 30 records")
                .contains("signatures: ", "MACs not checked (no HMAC key given)");

        out = new StringWriter();
        assertThat(run("audit", "verify", "--public-key", pem.toString(), "--key", hmacKey.toString(),
                "--anchors", anchors.toString(), logs.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("signatures: ", "anchors: ").doesNotContain("MACs not checked");
    }

    @Test
    void verifyWithThePublicKeyReportsAnEditedRecordWithFileAndSeq() throws Exception {
        Path pem = exportedPublicKey();
        Path f = files.get(0);
        List<String> lines = lines(f);
        lines.set(0, lines.get(0).replace("\"agent-0\"", "\"agent-9\""));
        writeLines(f, lines);

        assertThat(run("audit", "verify", "--public-key", pem.toString(), logs.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("TAMPERED: bad signature: " + f.toAbsolutePath().normalize() + ":")
                .containsPattern("at seq \\d+ does not verify over its fields and the lines it covers \\(seq 1\\.\\.");
    }

    @Test
    void verifyWithAnotherPublicKeyIsAKeyError() throws Exception {
        Path other = dir.resolve("other.pub");
        Ed25519Keys.writePublic(other, Ed25519Keys.generate().getPublic());

        assertThat(run("audit", "verify", "--public-key", other.toString(), logs.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("KEY ERROR: ").contains("signed by key id");

        assertThat(run("audit", "verify", "--public-key", dir.resolve("none.pub").toString(), logs.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("KEY ERROR: ", "none.pub");
    }

    @Test
    void verifyWithAnchorsDetectsADeletedNewestFile() throws Exception {
        Path pem = exportedPublicKey();
        Files.delete(files.get(files.size() - 1));

        assertThat(run("audit", "verify", "--public-key", pem.toString(), logs.toString())).isZero();
        assertThat(run("audit", "verify", "--public-key", pem.toString(), "--anchors", anchors.toString(),
                logs.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("TAMPERED: truncated: " + anchors + ":")
                .containsPattern("files end at seq \\d+ but an anchor at seq \\d+ exists: records after \\d+ were"
                        + " removed");
        assertThat(Files.readString(anchors, StandardCharsets.UTF_8)).doesNotContain("agent-");
    }

    private int run(String... args) {
        err = new StringWriter();
        CommandLine cli = SieveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
