package dev.sieve.proxy.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.audit.AuditLog;
import dev.sieve.proxy.audit.AuditMetrics;
import dev.sieve.proxy.audit.AuditSinks;
import dev.sieve.proxy.audit.OverflowPolicy;
import dev.sieve.proxy.cli.SieveCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sieve audit export} over real audit files: the backfill path gives what a live sink sends. */
class AuditExportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private Path writeAudit() throws Exception {
        Path audit = Files.createDirectories(dir.resolve("audit"));
        Clock clock = Clock.fixed(OcsfMapperTest.T0, ZoneOffset.UTC);
        try (AuditLog log = AuditLog.start(List.of(AuditSinks.rotatingFiles(audit, 4096, Duration.ofDays(1), clock)),
                OcsfMapperTest.KEY, clock, AuditMetrics.NONE, 64, OverflowPolicy.BLOCK)) {
            for (int i = 0; i < 12; i++) {
                log.append(ExportSinkRsyslogTest.record(i));
            }
        }
        return audit;
    }

    private int run(String... args) {
        CommandLine cli = SieveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void ocsfFromADirectoryIsEveryDecisionFindingAndSealInChainOrder() throws Exception {
        Path audit = writeAudit();
        assertThat(run("audit", "export", "--format", "ocsf", audit.toString())).isZero();
        List<String> lines = out.toString().lines().toList();
        List<JsonNode> events = lines.stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertThat(events.stream().filter(e -> e.path("class_uid").asInt() == 4002).count()).isEqualTo(12);
        assertThat(events.stream().filter(e -> e.path("class_uid").asInt() == 2004).count()).isEqualTo(6);
        assertThat(events.stream().filter(e -> "sealed".equals(e.path("decision").asText())).count())
                .as("each file's seal, as raw JSON").isPositive();
        events.stream().filter(e -> e.has("class_uid"))
                .forEach(e -> assertThat(OcsfSchemaCheck.problems(e)).as(e.toString()).isEmpty());
        assertThat(events.get(0).path("metadata").path("uid").asText()).isEqualTo("1");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonWithARecordSelectionAndClearErrors() throws Exception {
        Path audit = writeAudit();
        assertThat(run("audit", "export", "--records", "anchors", audit.toString())).isZero();
        assertThat(out.toString().lines()).isNotEmpty().allMatch(l -> l.contains("\"decision\":\"sealed\""));

        assertThat(run("audit", "export", "--format", "cef", audit.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--format: cef (expected: json or ocsf)");
        Path bad = Files.writeString(dir.resolve("audit-bad.jsonl"), "not json\n");
        assertThat(run("audit", "export", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("audit-bad.jsonl:1: not an audit line");
    }
}
