package dev.sieve.proxy.audit;

import static dev.sieve.proxy.audit.AuditTestSupport.KEY;
import static dev.sieve.proxy.audit.AuditTestSupport.lines;
import static dev.sieve.proxy.audit.AuditTestSupport.writeFiles;
import static dev.sieve.proxy.audit.AuditTestSupport.writeLines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.audit.AuditVerification.Kind;
import dev.sieve.proxy.audit.AuditVerification.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifierTest {
    private static final int N = 30;

    @TempDir
    Path dir;

    List<Path> files;

    @BeforeEach
    void write() throws Exception {
        files = writeFiles(dir, N);
        assertThat(files).as("4 KiB files hold about 8 records").hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void untouchedFilesVerifyWithCounts() throws Exception {
        AuditVerification result = AuditVerifier.verify(files, KEY);

        assertThat(result.ok()).as(result.describe()).isTrue();
        assertThat(result.records()).isEqualTo(N);
        assertThat(result.seals()).isEqualTo(files.size());
        assertThat(result.firstSeq()).isEqualTo(1);
        assertThat(result.lastSeq()).isEqualTo(N + files.size());
        assertThat(result.fromGenesis()).isTrue();
        assertThat(result.describe()).startsWith("OK: " + files.size() + " files, 30 records, " + files.size() + " seals");
    }

    @Test
    void filesGivenInAnyOrderAreSortedByChain() throws Exception {
        List<Path> shuffled = new ArrayList<>(files);
        Collections.reverse(shuffled);

        assertThat(AuditVerifier.verify(shuffled, KEY).ok()).isTrue();
    }

    @Test
    void everyFileEndsWithASealCountingItsRecords() throws Exception {
        for (Path f : files) {
            List<String> lines = lines(f);
            assertThat(lines.get(lines.size() - 1))
                    .contains("\"decision\":\"sealed\"", "\"count\":" + (lines.size() - 1));
        }
    }

    @Test
    void editedFieldIsReportedWithItsLine() throws Exception {
        Path f = files.get(1);
        List<String> lines = lines(f);
        String original = lines.get(2);
        String edited = original.contains("\"decision\":\"blocked\"")
                ? original.replace("\"decision\":\"blocked\"", "\"decision\":\"allowed\"")
                : original.replace("\"decision\":\"allowed\"", "\"decision\":\"blocked\"");
        assertThat(edited).isNotEqualTo(original);
        lines.set(2, edited);
        writeLines(f, lines);

        assertProblem(AuditVerifier.verify(files, KEY), Kind.EDITED, f, 3);
    }

    @Test
    void deletedLineIsReportedAtTheGap() throws Exception {
        Path f = files.get(1);
        List<String> lines = lines(f);
        long deletedSeq = seqOf(lines.remove(2));
        writeLines(f, lines);

        Problem p = assertProblem(AuditVerifier.verify(files, KEY), Kind.DELETED, f, 3);
        assertThat(p.message()).isEqualTo("record seq " + deletedSeq + " is missing before this line (deleted)");
    }

    @Test
    void insertedForgedLineIsReported() throws Exception {
        Path f = files.get(1);
        List<String> lines = lines(f);
        String forged = lines.get(1).replaceFirst("\"requestId\":\"req_[0-9a-f]+\"", "\"requestId\":\"req_forged\"");
        assertThat(forged).isNotEqualTo(lines.get(1));
        lines.add(2, forged);
        writeLines(f, lines);

        assertProblem(AuditVerifier.verify(files, KEY), Kind.INSERTED, f, 3);
    }

    @Test
    void swappedLinesAreReportedAsReordered() throws Exception {
        Path f = files.get(1);
        List<String> lines = lines(f);
        Collections.swap(lines, 2, 3);
        writeLines(f, lines);

        assertProblem(AuditVerifier.verify(files, KEY), Kind.REORDERED, f, 3);
    }

    @Test
    void replayedLineIsReportedAsReorderedOrDuplicated() throws Exception {
        Path f = files.get(1);
        List<String> lines = lines(f);
        lines.add(3, lines.get(1));
        writeLines(f, lines);

        Problem p = assertProblem(AuditVerifier.verify(files, KEY), Kind.REORDERED, f, 4);
        assertThat(p.message()).contains("duplicated");
    }

    @Test
    void newestFileWithoutItsSealIsTheLiveFileUnlessTheSetMustBeSealed() throws Exception {
        Path last = files.get(files.size() - 1);
        List<String> lines = lines(last);
        lines.remove(lines.size() - 1);
        writeLines(last, lines);

        AuditVerification live = AuditVerifier.verify(files, KEY);
        assertThat(live.ok()).as(live.describe()).isTrue();
        assertThat(live.liveFile()).contains(last.toAbsolutePath().normalize());
        assertThat(live.liveRecords()).isEqualTo(lines.size());
        assertThat(live.describe()).contains("live file " + last.getFileName() + ": " + lines.size()
                + " records after the last seal are not yet sealed");
        assertProblem(AuditVerifier.verifySealed(files, KEY), Kind.TRUNCATED, last, lines.size());
    }

    @Test
    void sealedSetHasNoLiveFile() throws Exception {
        AuditVerification result = AuditVerifier.verify(files, KEY);

        assertThat(result.liveFile()).isEmpty();
        assertThat(result.describe()).doesNotContain("live");
    }

    @Test
    void olderFileWithoutItsSealIsTruncationEvenWhenGivenAlone() throws Exception {
        Path older = files.get(1);
        List<String> lines = lines(older);
        writeLines(older, lines.subList(0, lines.size() - 2));

        Problem p = assertProblem(AuditVerifier.verify(List.of(older), KEY), Kind.TRUNCATED, older, lines.size() - 2);
        assertThat(p.message()).contains("a newer audit file exists in its directory");
        assertProblem(AuditVerifier.verify(files.subList(0, 2), KEY), Kind.TRUNCATED, older, lines.size() - 2);
    }

    @Test
    void lineCutOffInTheLiveFileIsAWriteInProgress() throws Exception {
        Path last = files.get(files.size() - 1);
        List<String> lines = lines(last);
        String seal = lines.remove(lines.size() - 1);
        writeLines(last, lines);
        Files.writeString(last, seal.substring(0, 40), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        AuditVerification live = AuditVerifier.verify(files, KEY);
        assertThat(live.ok()).as(live.describe()).isTrue();
        assertThat(live.liveLineCutOff()).isTrue();
        assertThat(live.describe()).contains("a line is being written");
        assertProblem(AuditVerifier.verifySealed(files, KEY), Kind.MALFORMED, last, lines.size() + 1);
    }

    @Test
    void deletedMiddleFileIsReportedAtTheNextFile() throws Exception {
        List<Path> remaining = new ArrayList<>(files);
        Files.delete(remaining.remove(1));

        Problem p = assertProblem(AuditVerifier.verify(remaining, KEY), Kind.DELETED, files.get(2), 1);
        assertThat(p.message()).contains("missing between " + files.get(0).getFileName(), "a whole file deleted");
    }

    @Test
    void truncatedMiddleFileIsReportedAsTruncation() throws Exception {
        Path f = files.get(1);
        List<String> lines = lines(f);
        writeLines(f, lines.subList(0, lines.size() - 2));

        Problem p = assertProblem(AuditVerifier.verify(files, KEY), Kind.TRUNCATED, files.get(2), 1);
        assertThat(p.message()).contains(f.getFileName() + " ends without a seal");
    }

    @Test
    void lineCutOffInAnOlderFileIsMalformed() throws Exception {
        Path older = files.get(1);
        byte[] bytes = Files.readAllBytes(older);
        Files.write(older, java.util.Arrays.copyOf(bytes, bytes.length - 20));

        Problem p = assertProblem(AuditVerifier.verify(files, KEY), Kind.MALFORMED, older, lines(older).size());
        assertThat(p.message()).contains("incomplete last line");
    }

    @Test
    void wrongKeyIsAKeyErrorNamingBothKeyIds() throws Exception {
        AuditVerification result = AuditVerifier.verify(files, AuditTestSupport.key(8));

        assertThat(result.keyError()).isTrue();
        Problem p = result.problem().orElseThrow();
        assertThat(p.kind()).isEqualTo(Kind.WRONG_KEY);
        assertThat(p.message()).contains("written with another key", new ChainMac(KEY).keyId(),
                new ChainMac(AuditTestSupport.key(8)).keyId());
        assertThat(result.describe()).startsWith("KEY ERROR: ").doesNotContain("TAMPERED");
    }

    @Test
    void everyFileNamesItsKeyInItsFirstRecordAndItsSeal() throws Exception {
        String keyId = "\"keyId\":\"" + new ChainMac(KEY).keyId() + "\"";
        for (Path f : files) {
            List<String> lines = lines(f);
            assertThat(lines.get(0)).contains(keyId);
            assertThat(lines.get(lines.size() - 1)).contains(keyId);
            assertThat(lines.subList(1, lines.size() - 1)).allSatisfy(l -> assertThat(l).doesNotContain("keyId"));
        }
    }

    @Test
    void anEditedKeyIdIsTamperingNotAKeyError() throws Exception {
        Path f = files.get(1);
        List<String> lines = lines(f);
        String keyId = new ChainMac(KEY).keyId();
        lines.set(0, lines.get(0).replace(keyId, new ChainMac(AuditTestSupport.key(8)).keyId()));
        writeLines(f, lines);

        AuditVerification result = AuditVerifier.verify(files, KEY);
        assertThat(result.keyError()).isFalse();
        assertProblem(result, Kind.EDITED, f, 1);
    }

    @Test
    void filesWithoutKeyIdsStillVerifyAndAKeyThatVerifiesNothingIsAKeyError() throws Exception {
        Path legacyDir = Files.createDirectory(dir.resolve("legacy"));
        List<Path> legacy = List.of(AuditTestSupport.writeLegacyFile(legacyDir.resolve("audit-20250301-100000-000001.jsonl"), 5));
        assertThat(lines(legacy.get(0))).noneMatch(l -> l.contains("keyId"));

        AuditVerification ok = AuditVerifier.verify(legacy, KEY);
        assertThat(ok.ok()).as(ok.describe()).isTrue();
        assertThat(ok.records()).isEqualTo(5);
        AuditVerification wrong = AuditVerifier.verify(legacy, AuditTestSupport.key(8));
        assertThat(wrong.keyError()).isTrue();
        assertThat(wrong.describe()).startsWith("KEY ERROR: ").contains("name no key");
    }

    @Test
    void olderFilesRemovedByRetentionStillVerifyAndSaySo() throws Exception {
        AuditVerification result = AuditVerifier.verify(files.subList(1, files.size()), KEY);

        assertThat(result.ok()).as(result.describe()).isTrue();
        assertThat(result.fromGenesis()).isFalse();
        assertThat(result.describe()).contains("older files not given");
    }

    @Test
    void garbageFileIsMalformed() throws Exception {
        Path junk = dir.resolve("audit-junk.jsonl");
        Files.writeString(junk, "{\"hello\":1}\n", StandardCharsets.UTF_8);
        List<Path> withJunk = new ArrayList<>(files);
        withJunk.add(junk);

        assertProblem(AuditVerifier.verify(withJunk, KEY), Kind.MALFORMED, junk, 1);
    }

    private static Problem assertProblem(AuditVerification result, Kind kind, Path file, long line) {
        assertThat(result.ok()).as("expected a problem").isFalse();
        Problem p = result.problem().orElseThrow();
        assertThat(p.kind()).as(p.describe()).isEqualTo(kind);
        assertThat(p.file()).isEqualTo(file.toAbsolutePath().normalize());
        assertThat(p.line()).as(p.describe()).isEqualTo(line);
        assertThat(result.describe()).startsWith("TAMPERED: ").contains(file.getFileName().toString());
        return p;
    }

    private static long seqOf(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"seq\":(\\d+)").matcher(line);
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
