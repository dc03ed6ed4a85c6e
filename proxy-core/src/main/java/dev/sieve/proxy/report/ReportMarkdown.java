package dev.sieve.proxy.report;

import java.util.List;

/**
 * The report as GitHub-flavoured Markdown, readable as plain text in a terminal and rendered in a pull request.
 * Strings from the audit files go into table cells with {@code |}, backticks, angle brackets and line breaks
 * neutralised, so a crafted agent id cannot break the table or inject HTML where Markdown is rendered.
 */
public final class ReportMarkdown {
    private ReportMarkdown() {}

    public static String render(KpiReport r) {
        StringBuilder md = new StringBuilder();
        KpiReport.Kpis k = r.kpis();
        md.append("# Sieve KPI report\n\n");
        md.append(r.since()).append(" to ").append(r.until())
                .append(r.agent().map(a -> ", agent " + cell(a)).orElse("")).append(". ")
                .append(r.chain().map(c -> "Chain verified: " + cell(c) + ".").orElse("Chain not verified (run with --verify)."))
                .append("\n\n");
        md.append("| KPI | Value |\n|---|---:|\n");
        md.append("| Mean time to detect | ").append(ReportFormat.millis(k.meanTimeToDetectMillis()))
                .append(" (median ").append(ReportFormat.millis(k.medianTimeToDetectMillis())).append(") |\n");
        md.append("| Blocked exfiltration attempts per 1,000 sessions | ")
                .append(ReportFormat.rate(k.blockedPer1000Sessions())).append(" |\n");
        md.append("| False-positive share (target < 5 %) | ").append(ReportFormat.percent(k.falsePositiveShare()))
                .append(k.falsePositiveShare().isEmpty() ? "" : k.falsePositiveOnTarget() ? " on target" : " OVER target")
                .append(", ").append(ReportFormat.count(k.falsePositiveBlocks())).append(" of ")
                .append(ReportFormat.count(k.labelledBlocks())).append(" labelled blocks; ")
                .append(ReportFormat.count(k.unlabelledBlocks())).append(" unlabelled |\n");
        md.append("| Requests / sessions | ").append(ReportFormat.count(r.requests())).append(" / ")
                .append(ReportFormat.count(r.sessions())).append(" |\n");
        md.append("| Redacted / logged / denied per 1,000 sessions | ")
                .append(ReportFormat.rate(k.redactedPer1000Sessions())).append(" / ")
                .append(ReportFormat.rate(k.loggedPer1000Sessions())).append(" / ")
                .append(ReportFormat.rate(k.deniedPer1000Sessions())).append(" |\n");
        md.append("| Alerts | ").append(ReportFormat.count(r.alerts().size())).append(" |\n\n");

        md.append("## Decisions per day (UTC)\n\n| Day |");
        KpiReport.DECISIONS.forEach(d -> md.append(' ').append(d).append(" |"));
        md.append("\n|---|");
        KpiReport.DECISIONS.forEach(d -> md.append("---:|"));
        md.append('\n');
        for (KpiReport.Day day : r.daily()) {
            md.append("| ").append(day.date()).append(" |");
            KpiReport.DECISIONS.forEach(d -> md.append(' ').append(ReportFormat.count(day.decisions().get(d))).append(" |"));
            md.append('\n');
        }

        md.append("\n## Agents\n\n| Agent | Requests | Sessions | Blocked | Redacted | Logged | Denied |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (KpiReport.AgentRow a : r.agents()) {
            md.append("| ").append(cell(a.agentId())).append(" | ").append(ReportFormat.count(a.requests()))
                    .append(" | ").append(ReportFormat.count(a.sessions()));
            for (String d : List.of("blocked", "redacted", "logged", "denied")) {
                md.append(" | ").append(ReportFormat.count(a.decisions().get(d)));
            }
            md.append(" |\n");
        }
        md.append("\n## Top rules\n\n| Rule | Records | Blocked |\n|---|---:|---:|\n");
        r.topRules().forEach(x -> md.append("| ").append(cell(x.ruleId())).append(" | ")
                .append(ReportFormat.count(x.records())).append(" | ").append(ReportFormat.count(x.blocked()))
                .append(" |\n"));
        md.append("\n## Top destinations\n\n| Host | Requests | Blocked | Denied |\n|---|---:|---:|---:|\n");
        r.topDestinations().forEach(x -> md.append("| ").append(cell(x.host())).append(" | ")
                .append(ReportFormat.count(x.requests())).append(" | ").append(ReportFormat.count(x.blocked()))
                .append(" | ").append(ReportFormat.count(x.denied())).append(" |\n"));
        md.append("\n## Alerts\n\n");
        if (r.alerts().isEmpty()) {
            md.append("None in the window.\n");
        } else {
            md.append("| Time | Alert | Agent | Severity | Time to detect | Evidence | Summary |\n"
                    + "|---|---|---|---|---:|---:|---|\n");
            r.alerts().forEach(a -> md.append("| ").append(a.time()).append(" | ").append(cell(a.alert()))
                    .append(" | ").append(cell(a.agentId())).append(" | ").append(cell(a.severity())).append(" | ")
                    .append(a.ttdMillis().map(ReportFormat::millis).orElse("n/a")).append(" | ")
                    .append(a.evidence()).append(" | ").append(cell(a.summary())).append(" |\n"));
        }
        if (!r.unmatchedLabels().isEmpty()) {
            md.append("\n## Labels for unknown request ids\n\n| Time | Request id | Label | Actor |\n|---|---|---|---|\n");
            r.unmatchedLabels().forEach(l -> md.append("| ").append(l.time()).append(" | ").append(cell(l.requestId()))
                    .append(" | ").append(l.label()).append(" | ").append(cell(l.actor())).append(" |\n"));
        }
        md.append("\nRead ").append(r.input().files()).append(" file(s), ")
                .append(ReportFormat.count(r.input().lines())).append(" lines; ")
                .append(ReportFormat.count(r.input().corruptLines())).append(" corrupt line(s) skipped; other kinds: ")
                .append(r.input().otherKinds().isEmpty() ? "none" : cell(r.input().otherKinds().toString()))
                .append(". Sessions: an agent's requests with gaps under ").append(r.sessionGap().toMinutes())
                .append(" min.\n");
        return md.toString();
    }

    /** A string from the files as a safe table cell. */
    static String cell(String s) {
        return s.replaceAll("[\\p{Cc}\\p{Cf}]", " ").replace("\\", "\\\\").replace("|", "\\|").replace("`", "'")
                .replace("<", "&lt;").replace(">", "&gt;");
    }
}
