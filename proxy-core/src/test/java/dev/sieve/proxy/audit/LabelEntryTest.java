package dev.sieve.proxy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a label may carry, the line it makes, and the one-writer lock on an audit directory. */
class LabelEntryTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final String ID = "req_0123456789abcdef01234567";

    @TempDir
    Path dir;

    @Test
    void aLabelIsAChainedLineOfItsOwnWithTheAgreedFields() throws Exception {
        try (AuditLog log = open(dir)) {
            log.append(AuditTestSupport.record(1, T));
            log.append(new LabelEntry(T, AuditTestSupport.record(1, T).requestId(), LabelEntry.FALSE_POSITIVE,
                    "admin@127.0.0.1", "synthetic fixture"));
        }
        List<Path> files = AuditTestSupport.auditFiles(dir);
        List<String> lines = AuditTestSupport.lines(files.get(0));
        assertThat(lines.get(1)).matches("\\{\"v\":1,\"seq\":2,\"time\":\"2026-12-01T10:00:00Z\",\"decision\":\"label\","
                + "\"requestId\":\"req_0{23}1\",\"label\":\"false-positive\",\"actor\":\"admin@127.0.0.1\","
                + "\"note\":\"synthetic fixture\",\"prev\":\"[0-9a-f]{64}\",\"mac\":\"[0-9a-f]{64}\"}");
        assertThat(lines.get(0)).as("the labelled record is untouched").contains("\"decision\":\"blocked\"");
        assertThat(AuditVerifier.verifySealed(files, AuditTestSupport.KEY).ok()).isTrue();
    }

    @Test
    void theNoteLosesControlAndFormatCharactersAndIsBounded() {
        LabelEntry e = new LabelEntry(T, ID, LabelEntry.CONFIRMED, "cli@host", " line\nbreak\u001b[31m red\u202e rtl ");
        assertThat(e.note()).isEqualTo("linebreak[31m red rtl");
        assertThat(new LabelEntry(T, ID, LabelEntry.CONFIRMED, "cli@host", null).note()).isEmpty();
        assertThat(new LabelEntry(T, ID, LabelEntry.CONFIRMED, "cli@host", "x".repeat(500)).note()).hasSize(500);
        assertThatThrownBy(() -> new LabelEntry(T, ID, LabelEntry.CONFIRMED, "cli@host", "x".repeat(501)))
                .hasMessage("note: 501 characters (expected: at most 500)");
    }

    @Test
    void requestIdLabelAndActorComeFromClosedAlphabets() {
        assertThatThrownBy(() -> new LabelEntry(T, "req 1\"", LabelEntry.CONFIRMED, "cli@host", ""))
                .hasMessageStartingWith("requestId: req?1\" (expected: a request id");
        assertThatThrownBy(() -> new LabelEntry(T, ID, "benign", "cli@host", ""))
                .hasMessage("label: benign (expected: false-positive or confirmed)");
        assertThatThrownBy(() -> new LabelEntry(T, ID, LabelEntry.CONFIRMED, "Bearer abc def", ""))
                .hasMessageStartingWith("actor: (not shown)");
    }

    @Test
    void aSecondWriterOnTheSameDirectoryFailsClearlyUntilTheFirstCloses() throws Exception {
        AuditLog first = open(dir);
        assertThatThrownBy(() -> open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("in use by another writer (.lock is locked");
        first.close();
        try (AuditLog second = open(dir)) {
            second.append(AuditTestSupport.record(2, T));
        }
        assertThat(AuditVerifier.verifySealed(AuditTestSupport.auditFiles(dir), AuditTestSupport.KEY).ok()).isTrue();
    }

    private static AuditLog open(Path dir) throws IOException {
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        return AuditLog.start(List.of(AuditSinks.rotatingFiles(dir, 1 << 20, Duration.ofDays(1), clock)),
                AuditTestSupport.KEY, clock, AuditMetrics.NONE, 16, OverflowPolicy.BLOCK);
    }
}
