package dev.sieve.proxy.audit;

import static dev.sieve.proxy.audit.AuditTestSupport.KEY;
import static dev.sieve.proxy.audit.AuditTestSupport.T0;
import static dev.sieve.proxy.audit.AuditTestSupport.auditFiles;
import static dev.sieve.proxy.audit.AuditTestSupport.lines;
import static dev.sieve.proxy.audit.AuditTestSupport.record;
import static dev.sieve.proxy.audit.AuditTestSupport.writeLegacyFile;
import static dev.sieve.proxy.audit.AuditTestSupport.writeLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.proxy.audit.AuditVerification.Kind;
import dev.sieve.proxy.auth.AuditSigningKeys;
import dev.sieve.proxy.auth.Ed25519Keys;
import dev.sieve.proxy.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed seals and chain heads: what is signed, verification with the public key only (each way of tampering),
 * with both keys, old unsigned seals, the unproven tail, and anchors detecting deleted or truncated newest files.
 */
class AuditSignatureTest {
    static final SealSigner SIGNER = AuditSigningKeys.signer(Ed25519Keys.generate().getPrivate());
    static final PublicKey PUBLIC = SIGNER.publicKey();
    static final Duration INTERVAL = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    Path logs;
    Path anchorFile;
    List<Path> files;

    @BeforeEach
    void write() throws Exception {
        logs = Files.createDirectory(dir.resolve("audit"));
        anchorFile = dir.resolve("anchors.jsonl");
        files = writeSigned(logs, 30, List.of(AuditSinks.anchorFile(anchorFile)));
    }

    /**
     * Writes {@code n} records with 4 KiB files, moving the clock past the head interval before every fifth
     * record, so the files hold seals and heads; then shuts down (a final seal).
     */
    static List<Path> writeSigned(Path dir, int n, List<AuditSink> anchors) throws Exception {
        return writeSigned(dir, n, anchors, SIGNER);
    }

    static List<Path> writeSigned(Path dir, int n, List<AuditSink> anchors, SealSigner signer) throws Exception {
        ManualClock clock = new ManualClock(T0);
        ChainWriter writer = new ChainWriter(List.of(AuditSinks.rotatingFiles(dir, 4096, Duration.ofDays(1), clock)),
                new ChainMac(KEY), clock, AuditMetrics.NONE, signer, INTERVAL, anchors);
        for (int i = 0; i < n; i++) {
            if (i % 5 == 4) {
                clock.advance(INTERVAL);
            }
            writer.write(record(i, clock.instant()));
        }
        writer.shutdown();
        return auditFiles(dir);
    }

    static AuditVerification publicOnly(List<Path> files) throws Exception {
        return AuditVerifier.verify(files, new AuditVerifier.Check(null, PUBLIC, List.of(), false));
    }

    static List<String> all(List<Path> files) throws Exception {
        List<String> all = new ArrayList<>();
        for (Path f : files) {
            all.addAll(lines(f));
        }
        return all;
    }

    @Test
    void sealsAndHeadsCarryASignatureAfterCountInsideTheMacdBody() throws Exception {
        List<String> all = all(files);
        List<String> signed = all.stream().filter(l -> l.contains("\"decision\":\"sealed\"")
                || l.contains("\"decision\":\"head\"")).toList();
        assertThat(signed).as("seals and heads").hasSizeGreaterThan(files.size());
        assertThat(all).anySatisfy(l -> assertThat(l).contains("\"decision\":\"head\""));
        for (String l : signed) {
            assertThat(l).matches(".*\"count\":\\d+,\"sigKeyId\":\"" + SIGNER.keyId()
                    + "\",\"sig\":\"[A-Za-z0-9_-]{86}\",\"prev\":\"[0-9a-f]{64}\",\"mac\":\"[0-9a-f]{64}\"}");
        }
        assertThat(AuditVerifier.verify(files, KEY).ok()).as("the HMAC chain covers the signature fields").isTrue();
    }

    @Test
    void theSignedMessageIsTheDocumentedCanonicalText() {
        byte[] prev = new byte[32];
        prev[31] = 1;
        byte[] lines = new byte[32];
        lines[0] = (byte) 0xab;
        String message = new String(AuditFormat.signedMessage("head", 42, "2025-03-01T10:01:00Z", 7, prev, lines,
                "abcdefghijk"), StandardCharsets.US_ASCII);

        assertThat(message).isEqualTo("sieve-audit-signature-v1\n"
                + "decision=head\n"
                + "seq=42\n"
                + "time=2025-03-01T10:01:00Z\n"
                + "count=7\n"
                + "prev=" + "00".repeat(31) + "01\n"
                + "lines=ab" + "00".repeat(31) + "\n"
                + "sigKeyId=abcdefghijk\n");
    }

    @Test
    void aSealSignatureCoversTheDigestOfItsSpansExactLines() throws Exception {
        Path first = files.get(0);
        List<String> lines = lines(first);
        int head = indexOf(lines, "\"decision\":\"head\"");
        var digest = ChainWriter.sha256();
        var span = ChainWriter.sha256();
        for (int i = 0; i < head; i++) {
            span.update(digest.digest(lines.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        AuditFormat.Parsed h = AuditFormat.parse(lines.get(head).getBytes(StandardCharsets.UTF_8));
        byte[] message = AuditFormat.signedMessage("head", h.seq(), h.time(), h.count(), h.prev(), span.digest(),
                SIGNER.keyId());

        assertThat(h.count()).isEqualTo(head);
        assertThat(SealSigner.verifies(PUBLIC, message, h.signature().sig())).isTrue();
        message[message.length - 2] ^= 1;
        assertThat(SealSigner.verifies(PUBLIC, message, h.signature().sig())).isFalse();
    }

    @Test
    void theChainVerifiesWithThePublicKeyAloneAndWithBothKeys() throws Exception {
        AuditVerification pub = publicOnly(files);
        assertThat(pub.ok()).as(pub.describe()).isTrue();
        assertThat(pub.records()).isEqualTo(30);
        assertThat(pub.proof().heads()).isPositive();
        assertThat(pub.proof().signed()).isEqualTo(pub.seals() + pub.proof().heads());
        assertThat(pub.describe()).contains("signatures: " + pub.proof().signed() + " verified",
                "MACs not checked (no HMAC key given)").doesNotContain("unproven");

        AuditVerification both = AuditVerifier.verify(files, new AuditVerifier.Check(KEY, PUBLIC, List.of(), true));
        assertThat(both.ok()).as(both.describe()).isTrue();
        assertThat(both.proof().macs()).isTrue();
        assertThat(both.describe()).doesNotContain("MACs not checked");
    }

    @Test
    void anEditedRecordThatKeepsItsMacIsCaughtByTheSignature() throws Exception {
        Path f = files.get(1);
        List<String> lines = lines(f);
        lines.set(1, lines.get(1).replaceFirst("\"agent-(\\d)\"", "\"agent-X\""));
        writeLines(f, lines);

        AuditVerification pub = publicOnly(files);
        assertThat(pub.problem()).get().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.BAD_SIGNATURE);
            assertThat(p.file()).isEqualTo(f.toAbsolutePath().normalize());
            assertThat(p.message()).containsPattern("the signature of (seal|head) at seq \\d+ does not verify over"
                    + " its fields and the lines it covers \\(seq \\d+\\.\\.\\d+\\)");
        });
        assertThat(AuditVerifier.verify(files, KEY).problem().get().kind()).isEqualTo(Kind.EDITED);
    }

    @Test
    void aRemovedLineIsCaught() throws Exception {
        Path f = files.get(1);
        List<String> lines = lines(f);
        lines.remove(2);
        writeLines(f, lines);

        assertThat(publicOnly(files).problem().get().kind()).isEqualTo(Kind.DELETED);
    }

    @Test
    void aRemovedRecordWithTheFollowingSeqPrevAndCountRewrittenIsCaughtByTheSignature() throws Exception {
        Path f = files.get(1);
        List<String> lines = lines(f);
        int seal = indexOf(lines, "\"decision\":\"head\"");
        assertThat(seal).isGreaterThan(2);
        // Drop line 1, renumber the rest of the span and re-link prev: only the signature can tell.
        String removedPrev = field(lines.get(1), "prev");
        lines.remove(1);
        for (int i = 1; i < lines.size(); i++) {
            long seq = Long.parseLong(field(lines.get(i), "seq"));
            lines.set(i, lines.get(i).replaceFirst("\"seq\":\\d+", "\"seq\":" + (seq - 1)));
        }
        lines.set(1, lines.get(1).replaceFirst("\"prev\":\"[0-9a-f]{64}\"", "\"prev\":\"" + removedPrev + "\""));
        int head = seal - 1;
        lines.set(head, lines.get(head).replaceFirst("\"count\":\\d+", "\"count\":"
                + (Long.parseLong(field(lines.get(head), "count")) - 1)));
        writeLines(f, lines);

        AuditVerification pub = AuditVerifier.verify(List.of(f), new AuditVerifier.Check(null, PUBLIC, List.of(), false));
        assertThat(pub.problem()).as(pub.describe()).get().extracting(AuditVerification.Problem::kind)
                .isEqualTo(Kind.BAD_SIGNATURE);
    }

    @Test
    void swappedLinesAreCaught() throws Exception {
        Path f = files.get(1);
        List<String> lines = lines(f);
        String a = lines.get(1);
        lines.set(1, lines.get(2));
        lines.set(2, a);
        writeLines(f, lines);

        assertThat(publicOnly(files).problem().get().kind()).isEqualTo(Kind.REORDERED);
    }

    @Test
    void aSealSignatureReplacedByAnotherOneIsCaught() throws Exception {
        Path f = files.get(1);
        List<String> lines = lines(f);
        int last = lines.size() - 1;
        String otherSig = field(lines(files.get(0)).get(lines(files.get(0)).size() - 1), "sig");
        lines.set(last, lines.get(last).replaceFirst("\"sig\":\"[A-Za-z0-9_-]+\"", "\"sig\":\"" + otherSig + "\""));
        writeLines(f, lines);

        AuditVerification pub = publicOnly(files);
        assertThat(pub.problem().get().kind()).isEqualTo(Kind.BAD_SIGNATURE);
        assertThat(pub.problem().get().line()).isEqualTo(last + 1);
    }

    @Test
    void anotherPublicKeyIsAKeyErrorNotTampering() throws Exception {
        PublicKey other = Ed25519Keys.generate().getPublic();
        AuditVerification result = AuditVerifier.verify(files, new AuditVerifier.Check(null, other, List.of(), false));

        assertThat(result.keyError()).as(result.describe()).isTrue();
        assertThat(result.describe()).startsWith("KEY ERROR: ").contains("signed by key id " + SIGNER.keyId(),
                "the given public key's id is " + Ed25519Keys.keyId(other));
    }

    @Test
    void oldUnsignedSealsVerifyWithTheHmacKeyButNotWithThePublicKeyAlone() throws Exception {
        Path legacy = writeLegacyFile(dir.resolve("audit-legacy.jsonl"), 5);

        AuditVerification both = AuditVerifier.verify(List.of(legacy), new AuditVerifier.Check(KEY, PUBLIC, List.of(), true));
        assertThat(both.ok()).as(both.describe()).isTrue();
        assertThat(both.proof().unsignedSeals()).isEqualTo(1);
        assertThat(AuditVerifier.verifySealed(List.of(legacy), KEY).ok()).isTrue();

        AuditVerification pub = publicOnly(List.of(legacy));
        assertThat(pub.problem().get().kind()).isEqualTo(Kind.BAD_SIGNATURE);
        assertThat(pub.problem().get().message()).contains("is not signed");
    }

    @Test
    void recordsAfterTheLastSignedLineAreReportedAsUnproven() throws Exception {
        Path last = files.get(files.size() - 1);
        List<String> lines = lines(last);
        int signed = lastIndexOf(lines.subList(0, lines.size() - 1), "\"sig\":");
        writeLines(last, lines.subList(0, lines.size() - 1)); // drop the shutdown seal: Sieve is "still writing"
        long unproven = lines.size() - 2 - signed;
        assertThat(unproven).isPositive();

        AuditVerification pub = publicOnly(files);
        assertThat(pub.ok()).as(pub.describe()).isTrue();
        assertThat(pub.proof().unproven()).isEqualTo(unproven);
        assertThat(pub.describe()).contains(unproven + " record" + (unproven == 1 ? "" : "s")
                + " after the last signed seal (unproven until sealed or anchored)");
    }

    @Test
    void aCaptureThatStartsInsideASpanVerifiesWithItsFirstRecordsUnproven() throws Exception {
        List<String> all = all(files);
        int from = 2; // the third line of the first file: inside the first span, no keyId
        assertThat(all.get(from)).doesNotContain("\"keyId\"").doesNotContain("\"sig\"");
        int firstSigned = indexOf(all, "\"sig\":");
        Path capture = dir.resolve("stdout-capture.jsonl");
        writeLines(capture, all.subList(from, all.size()));

        AuditVerification result = publicOnly(List.of(capture));
        assertThat(result.ok()).as(result.describe()).isTrue();
        assertThat(result.proof().leadingUnproven()).isEqualTo(firstSigned - from);
        assertThat(result.describe()).contains("the first " + (firstSigned - from) + " records precede the first signed");

        // An edit after the first signed line is still caught.
        List<String> edited = new ArrayList<>(all.subList(from, all.size()));
        int later = firstSigned - from + 1;
        while (!edited.get(later).contains("\"agentId\"")) {
            later++;
        }
        String line = edited.get(later);
        edited.set(later, line.replaceFirst("\"agent-(\\d)\"", "\"agent-X\""));
        assertThat(edited.get(later)).as("edited").isNotEqualTo(line);
        writeLines(capture, edited);
        AuditVerification tampered = publicOnly(List.of(capture));
        assertThat(tampered.problem()).as(tampered.describe()).get().extracting(AuditVerification.Problem::kind)
                .isEqualTo(Kind.BAD_SIGNATURE);
    }

    @Test
    void aStdoutCaptureAcrossAnUncleanRestartVerifiesWithTheUnsealedRecordsUnproven() throws Exception {
        Path crashed = Files.createDirectory(dir.resolve("crashed"));
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        ManualClock clock = new ManualClock(T0);
        AuditSink firstFiles = AuditSinks.rotatingFiles(crashed, 1 << 20, Duration.ofDays(1), clock);
        ChainWriter first = new ChainWriter(List.of(firstFiles, AuditSinks.stream(stdout)), new ChainMac(KEY), clock,
                AuditMetrics.NONE, SIGNER, INTERVAL, List.of());
        for (int i = 0; i < 3; i++) {
            first.write(record(i, clock.instant()));
        }
        clock.advance(INTERVAL);
        first.idle(); // a head over records 0..2
        for (int i = 3; i < 5; i++) {
            first.write(record(i, clock.instant()));
        }
        first.flush(); // then the process dies: records 3 and 4 are never signed
        firstFiles.close(); // and its directory lock goes with it (no seal: the chain writer never shuts down)
        ChainWriter second = new ChainWriter(List.of(AuditSinks.rotatingFiles(crashed, 1 << 20, Duration.ofDays(1),
                clock), AuditSinks.stream(stdout)), new ChainMac(KEY), clock, AuditMetrics.NONE, SIGNER, INTERVAL,
                List.of());
        for (int i = 5; i < 8; i++) {
            second.write(record(i, clock.instant()));
        }
        second.shutdown();
        Path capture = Files.write(dir.resolve("capture.jsonl"), stdout.toByteArray());

        AuditVerification result = AuditVerifier.verify(List.of(capture),
                new AuditVerifier.Check(null, PUBLIC, List.of(), true));
        assertThat(result.ok()).as(result.describe()).isTrue();
        assertThat(result.records()).isEqualTo(8);
        assertThat(result.proof().unproven()).isEqualTo(2);
        assertThat(publicOnly(auditFiles(crashed)).proof().unproven()).as("the same in the files").isEqualTo(2);
    }

    @Test
    void noHeadIsWrittenWhileIdleAndOneIsWrittenWhenRecordsAreWaiting() throws Exception {
        Path quiet = Files.createDirectory(dir.resolve("quiet"));
        ManualClock clock = new ManualClock(T0);
        List<byte[]> anchors = new ArrayList<>();
        AuditSink anchorSink = new AuditSink() {
            @Override
            public void write(byte[] line) {
                anchors.add(line);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        ChainWriter writer = new ChainWriter(List.of(AuditSinks.rotatingFiles(quiet, 1 << 20, Duration.ofDays(1), clock)),
                new ChainMac(KEY), clock, AuditMetrics.NONE, SIGNER, INTERVAL, List.of(anchorSink));
        clock.advance(INTERVAL.multipliedBy(3));
        assertThat(writer.idle()).as("idle with nothing written: no head").isZero();

        writer.write(record(0, clock.instant()));
        assertThat(writer.idle()).as("a record waits and the interval since the start is up: a head").isEqualTo(1);
        writer.write(record(1, clock.instant()));
        clock.advance(INTERVAL.minusSeconds(1));
        assertThat(writer.idle()).as("interval since the head not up yet").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(writer.idle()).as("a record waits and the interval is up: a head").isEqualTo(1);
        clock.advance(INTERVAL);
        assertThat(writer.idle()).as("nothing since the head").isZero();
        writer.shutdown();

        assertThat(anchors).hasSize(3);
        assertThat(new String(anchors.get(0), StandardCharsets.UTF_8)).contains("\"decision\":\"head\",\"count\":1,");
        assertThat(new String(anchors.get(1), StandardCharsets.UTF_8)).contains("\"decision\":\"head\",\"count\":3,");
        assertThat(new String(anchors.get(2), StandardCharsets.UTF_8)).contains("\"decision\":\"sealed\"");
        assertThat(publicOnly(auditFiles(quiet)).ok()).isTrue();
    }

    @Test
    void theAnchorFileHoldsExactlyTheSealsAndHeads() throws Exception {
        List<String> expected = all(files).stream().filter(l -> l.contains("\"sig\":")).toList();
        assertThat(Files.readAllLines(anchorFile, StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(Files.getPosixFilePermissions(anchorFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void deletingTheNewestFileIsDetectedOnlyWithAnchors() throws Exception {
        Path newest = files.get(files.size() - 1);
        long lastSeq = Long.parseLong(field(lines(newest).get(lines(newest).size() - 1), "seq"));
        Files.delete(newest);
        List<Path> rest = auditFiles(logs);

        assertThat(publicOnly(rest).ok()).as("without anchors the deletion does not show").isTrue();
        assertThat(AuditVerifier.verify(rest, KEY).ok()).isTrue();

        AuditVerification anchored = AuditVerifier.verify(rest,
                new AuditVerifier.Check(null, PUBLIC, AuditVerifier.readAnchors(anchorFile), false));
        long filesEnd = anchored.lastSeq();
        assertThat(anchored.problem()).get().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.TRUNCATED);
            assertThat(p.file()).isEqualTo(anchorFile);
            assertThat(p.message()).isEqualTo("files end at seq " + filesEnd + " but an anchor at seq " + lastSeq
                    + " exists: records after " + filesEnd + " were removed (newest files deleted or truncated)");
        });
    }

    @Test
    void truncatingTheNewestFileIsDetectedOnlyWithAnchors() throws Exception {
        Path newest = files.get(files.size() - 1);
        List<String> lines = lines(newest);
        writeLines(newest, lines.subList(0, 2));

        AuditVerification without = AuditVerifier.verify(files, KEY);
        assertThat(without.ok()).as("without anchors the cut looks like the live file").isTrue();
        assertThat(without.liveFile()).isPresent();

        AuditVerification anchored = AuditVerifier.verify(files,
                new AuditVerifier.Check(KEY, null, AuditVerifier.readAnchors(anchorFile), false));
        assertThat(anchored.problem()).get().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.TRUNCATED);
            assertThat(p.message()).startsWith("files end at seq " + anchored.lastSeq() + " but an anchor at seq ");
        });
    }

    @Test
    void anchorsMatchTheFilesAndMayComeFromSyslogLinesAmongOtherLines() throws Exception {
        List<String> anchorLines = Files.readAllLines(anchorFile, StandardCharsets.UTF_8);
        List<String> syslog = new ArrayList<>();
        syslog.add("<134>1 2025-03-01T10:00:00Z host sieve - audit - " + all(files).get(0)); // a record: skipped
        for (String a : anchorLines) {
            syslog.add("<134>1 2025-03-01T10:00:00Z host sieve - audit - " + a);
            syslog.add("unrelated noise");
        }
        Path capture = Files.write(dir.resolve("syslog.log"), syslog, StandardCharsets.UTF_8);

        List<AuditVerifier.Anchor> anchors = AuditVerifier.readAnchors(capture);
        assertThat(anchors).hasSize(anchorLines.size());
        AuditVerification result = AuditVerifier.verify(files, new AuditVerifier.Check(null, PUBLIC, anchors, true));
        assertThat(result.ok()).as(result.describe()).isTrue();
        assertThat(result.proof().anchors()).isEqualTo((long) anchorLines.size());
        assertThat(result.describe()).contains("anchors: " + anchorLines.size() + " matched");
    }

    @Test
    void anAnchorThatDiffersFromItsLineIsReported() throws Exception {
        List<String> anchorLines = Files.readAllLines(anchorFile, StandardCharsets.UTF_8);
        String first = anchorLines.get(0);
        String mac = field(first, "mac");
        String other = (mac.charAt(0) == '0' ? "1" : "0") + mac.substring(1);
        anchorLines.set(0, first.replace(mac, other));
        Path forged = Files.write(dir.resolve("forged.jsonl"), anchorLines, StandardCharsets.UTF_8);

        AuditVerification result = AuditVerifier.verify(files,
                new AuditVerifier.Check(null, PUBLIC, AuditVerifier.readAnchors(forged), true));
        assertThat(result.problem().get().kind()).isEqualTo(Kind.ANCHOR_MISMATCH);
        assertThat(result.problem().get().message()).contains("differs from its anchor (forged.jsonl:1)");
    }

    @Test
    void aCreatedSigningKeyIsOwnerOnlyPemAndLoadsBack() throws Exception {
        Path file = dir.resolve("keys/audit-signing.key");
        SealSigner created = AuditSigningKeys.loadOrCreate(file);

        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(AuditSigningKeys.loadOrCreate(file).keyId()).isEqualTo(created.keyId());
        assertThat(created.keyId()).as("the same key id as token keys").isEqualTo(Ed25519Keys.keyId(created.publicKey()));
        assertThat(AuditSigningKeys.load(file).publicKey()).isEqualTo(created.publicKey());
    }

    @Test
    void aBadKeyFileErrorNeverShowsItsContent() throws Exception {
        String content = "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(
                HexFormat.of().parseHex("00112233445566778899aabbccddeeff")) + "\n-----END PRIVATE KEY-----\n";
        Path file = Files.writeString(dir.resolve("bad.key"), content);

        assertThatThrownBy(() -> AuditSigningKeys.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an Ed25519 private key (expected: PKCS#8 PEM")
                .hasMessageNotContaining("ABEiM0RVZneImaq7zN3u/w");
        assertThatThrownBy(() -> AuditSigningKeys.load(dir.resolve("missing.key")))
                .hasMessageContaining("audit signing key does not exist");
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + text);
    }

    private static int lastIndexOf(List<String> lines, String text) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static String field(String line, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(line);
        assertThat(m.find()).as(name + " in " + line).isTrue();
        return m.group(1);
    }
}
