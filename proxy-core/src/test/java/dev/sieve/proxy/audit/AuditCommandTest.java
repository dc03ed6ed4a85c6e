package dev.sieve.proxy.audit;

import static dev.sieve.proxy.audit.AuditTestSupport.KEY;
import static dev.sieve.proxy.audit.AuditTestSupport.lines;
import static dev.sieve.proxy.audit.AuditTestSupport.writeFiles;
import static dev.sieve.proxy.audit.AuditTestSupport.writeLines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.cli.SieveCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sieve audit verify} through the real command line (lives here to reuse the audit fixtures). */
class AuditCommandTest {

    @TempDir
    Path dir;

    Path logs;
    Path key;
    List<Path> files;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void write() throws Exception {
        logs = Files.createDirectory(dir.resolve("audit"));
        key = Files.write(dir.resolve("audit.key"), KEY);
        files = writeFiles(logs, 20);
    }

    @Test
    void verifiedFilesExitZeroWithCounts() {
        List<String> args = new ArrayList<>(List.of("audit", "verify", "--key", key.toString()));
        files.forEach(f -> args.add(f.toString()));

        assertThat(run(args.toArray(String[]::new))).isZero();
        assertThat(out.toString()).startsWith("OK: " + files.size() + " files, 20 records");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aDirectoryStandsForItsAuditFiles() {
        assertThat(run("audit", "verify", "--key", key.toString(), logs.toString())).isZero();
        assertThat(out.toString()).contains("20 records");
    }

    @Test
    void tamperedFilesExitOneNamingTheFirstProblem() throws Exception {
        Path f = files.get(1);
        List<String> lines = lines(f);
        lines.remove(1);
        writeLines(f, lines);

        assertThat(run("audit", "verify", "--key", key.toString(), logs.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("TAMPERED: deleted: " + f.toAbsolutePath().normalize() + ":2: record seq ")
                .contains("missing before this line (deleted)");
    }

    @Test
    void theLiveFileIsReportedAsNotYetSealedNotAsTampering() throws Exception {
        Path last = files.get(files.size() - 1);
        List<String> lines = lines(last);
        writeLines(last, lines.subList(0, lines.size() - 1));

        assertThat(run("audit", "verify", "--key", key.toString(), logs.toString())).isZero();
        assertThat(out.toString()).startsWith("OK: ").contains("live file " + last.getFileName() + ": "
                + (lines.size() - 1) + " records after the last seal are not yet sealed");
        assertThat(err.toString()).isEmpty();
        assertThat(run("audit", "verify", "--sealed", "--key", key.toString(), logs.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("truncated: ", "ends without a seal");
    }

    @Test
    void truncatedOlderFileExitsOne() throws Exception {
        Path older = files.get(0);
        List<String> lines = lines(older);
        writeLines(older, lines.subList(0, lines.size() - 1));

        assertThat(run("audit", "verify", "--key", key.toString(), older.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("TAMPERED: truncated: ").contains("a newer audit file exists");
    }

    @Test
    void wrongKeyExitsTwoWithAKeyError() throws Exception {
        Path other = Files.write(dir.resolve("other.key"), AuditTestSupport.key(8));

        assertThat(run("audit", "verify", "--key", other.toString(), logs.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("KEY ERROR: ").contains("written with another key")
                .doesNotContain("TAMPERED");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unreadableInputsExitTwo() {
        assertThat(run("audit", "verify", "--key", dir.resolve("missing.key").toString(), logs.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("KEY ERROR: ").contains("missing.key: audit key file does not exist");

        assertThat(run("audit", "verify", "--key", key.toString(), dir.resolve("nope.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope.jsonl: no such file");
    }

    @Test
    void missingFileArgumentIsAUsageError() {
        assertThat(run("audit", "verify", "--key", key.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter");
    }

    private int run(String... args) {
        CommandLine cli = SieveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
