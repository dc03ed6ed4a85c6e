package dev.sieve.proxy.cli;

import dev.sieve.proxy.audit.AuditKeys;
import dev.sieve.proxy.audit.AuditSettings;
import dev.sieve.proxy.audit.AuditVerification;
import dev.sieve.proxy.audit.AuditVerifier;
import dev.sieve.proxy.config.SieveConfig;
import dev.sieve.proxy.config.Units;
import dev.sieve.proxy.report.KpiReport;
import dev.sieve.proxy.report.ReportBuilder;
import dev.sieve.proxy.report.ReportHtml;
import dev.sieve.proxy.report.ReportJson;
import dev.sieve.proxy.report.ReportMarkdown;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sieve report}: the pilot KPIs from the audit files, as HTML, JSON or Markdown. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Report the pilot KPIs from the audit files as html, json or md.",
            "The KPIs: mean time to detect, blocked exfiltration attempts per 1,000 agent sessions, the false-positive"
                + " share of labelled blocks (target < 5 %); and the decisions, agents, rules, destinations and alerts"
                + " behind them.",
            "Reads every audit-*.jsonl file of the given directories (default: audit.directory), oldest first.",
            "A session is one agent's run of requests with gaps under --session-gap. Labels come from"
                + " sieve audit label.",
            "Exit status: 0 written, 1 the chain failed --verify (no report), 2 error."})
final class ReportCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int TAMPERED = 1;
    static final int ERROR = 2;

    enum Format { HTML, JSON, MD }

    @Mixin
    ConfigOption config;

    @Parameters(arity = "0..*", paramLabel = "DIR|FILE", description = "Audit directories or files (default:"
            + " audit.directory of the configuration).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--since", paramLabel = "WHEN", description = "Start: a duration back from now (7d, 12h), a date"
            + " (2026-12-01, UTC midnight) or an instant (2026-12-01T08:00:00Z). Default: 7d.")
    String since = "7d";

    @Option(names = "--until", paramLabel = "WHEN", description = "End (exclusive), same forms. Default: now.")
    String until;

    @Option(names = "--agent", paramLabel = "ID", description = "Only this agent's requests and alerts.")
    String agent;

    @Option(names = "--format", paramLabel = "FORMAT", description = "html, json or md. Default: md.")
    Format format = Format.MD;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
    Path out;

    @Option(names = "--session-gap", paramLabel = "DURATION", description = "A gap this long ends a session."
            + " Default: 30m.")
    String sessionGap = "30m";

    @Option(names = "--top", paramLabel = "N", description = "Rows in each top-N table. Default: 10.")
    int top = 10;

    @Option(names = "--verify", description = "Verify the HMAC chain first (key: --key, else the configured one);"
            + " refuse to report on a chain that fails, and say in the report that it verified.")
    boolean verify;

    @Option(names = "--key", paramLabel = "FILE", description = "HMAC key file for --verify.")
    Path key;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Clock clock = Clock.systemUTC();
            Instant now = clock.instant();
            Instant end = until == null ? now : when("--until", until, now);
            Instant start = when("--since", since, now);
            Duration gap = Units.parseDuration(sessionGap);
            if (gap == null) {
                throw new IllegalArgumentException("--session-gap: " + sessionGap + " (expected: a duration such as"
                        + " 30m)");
            }
            SieveConfig cfg = inputs.isEmpty() || verify ? config.load() : null;
            List<Path> files = AuditCommand.Verify.expand(inputs.isEmpty() ? List.of(cfg.audit().directory()
                    .orElseThrow(() -> new IllegalArgumentException("audit.directory: not set (expected: a directory"
                            + " argument or audit.directory in the configuration)"))) : inputs);
            Optional<String> chain = Optional.empty();
            if (verify) {
                Path keyFile = key != null ? key : cfg.audit().keyFile(cfg.dataDir());
                byte[] hmacKey = AuditKeys.load(keyFile);
                try {
                    AuditVerification result = AuditVerifier.verify(files, hmacKey);
                    if (!result.ok()) {
                        err.println("sieve report: the audit chain does not verify, no report: " + result.describe());
                        return result.keyError() ? ERROR : TAMPERED;
                    }
                    chain = Optional.of(result.describe());
                } finally {
                    Arrays.fill(hmacKey, (byte) 0);
                }
            }
            KpiReport report = new ReportBuilder(start, end, Optional.ofNullable(agent), gap, top)
                    .build(files, now, chain);
            String text = switch (format) {
                case HTML -> ReportHtml.render(report);
                case JSON -> ReportJson.render(report);
                case MD -> ReportMarkdown.render(report);
            };
            if (out == null) {
                stdout.print(text);
            } else {
                Files.writeString(out, text, StandardCharsets.UTF_8);
                err.println("wrote " + out + " (" + report.requests() + " requests, " + report.sessions()
                        + " sessions, " + report.alerts().size() + " alerts)");
            }
            return OK;
        } catch (Exception e) {
            err.println("sieve report: " + e.getMessage());
            return ERROR;
        } finally {
            stdout.flush();
            err.flush();
        }
    }

    /** A duration back from {@code now}, a UTC date, or an instant. */
    static Instant when(String option, String text, Instant now) {
        Duration back = Units.parseDuration(text);
        if (back != null) {
            return now.minus(back);
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": " + text + " (expected: a duration such as 7d, a date such"
                    + " as 2026-12-01, or an instant such as 2026-12-01T08:00:00Z)");
        }
    }
}
