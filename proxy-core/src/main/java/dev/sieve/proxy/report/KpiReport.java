package dev.sieve.proxy.report;

import dev.sieve.proxy.audit.AuditRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pilot KPIs and their breakdowns, computed by {@link ReportBuilder} from audit files; rendered by
 * {@link ReportJson} (the stable schema {@value #SCHEMA}), {@link ReportMarkdown} and {@link ReportHtml}.
 *
 * <p>Definitions: a <em>session</em> is one agent's run of requests with no gap of {@code sessionGap} or more
 * (default 30 minutes; records carry no conversation id). Rates are per 1,000 sessions. The false-positive share is
 * labelled-false-positive blocks over labelled blocks (the latest label per request wins); blocks nobody labelled are
 * counted apart. Time to detect is each alert's {@code ttdMillis} (first evidence to alert).
 *
 * @param generatedAt when the report was made
 * @param since start of the window (inclusive)
 * @param until end of the window (exclusive)
 * @param agent the agent filter, if any
 * @param sessionGap the gap that ends a session
 * @param chain the verification result, when the chain was verified first
 * @param input what was read: files, lines, corrupt lines, lines of other kinds by kind
 * @param decisions requests in the window by decision (every decision present, zero or not)
 * @param sessions sessions in the window
 * @param kpis the headline numbers
 * @param daily decisions per UTC day of the window
 * @param agents every agent with requests in the window, most requests first
 * @param topRules rules with findings, most records first
 * @param topDestinations hosts, most requests first
 * @param alerts alert records in the window, oldest first
 * @param unmatchedLabels labels whose request id is in none of the files read
 */
public record KpiReport(Instant generatedAt, Instant since, Instant until, Optional<String> agent, Duration sessionGap,
        Optional<String> chain, Input input, Map<String, Long> decisions, long sessions, Kpis kpis, List<Day> daily,
        List<AgentRow> agents, List<RuleRow> topRules, List<DestinationRow> topDestinations, List<AlertRow> alerts,
        List<LabelRow> unmatchedLabels) {

    /** The JSON schema id; a breaking change to {@link ReportJson}'s output changes it. */
    public static final String SCHEMA = "sieve.report/v1";

    /** The false-positive share the pilot aims to stay under. */
    public static final double FALSE_POSITIVE_TARGET = 0.05;

    /** Request decisions in display order (least to most severe). */
    public static final List<String> DECISIONS = List.of("allowed", "logged", "redacted", "blocked", "denied");

    static {
        if (!Set.copyOf(DECISIONS).equals(AuditRecord.DECISIONS)) {
            throw new AssertionError("KpiReport.DECISIONS must list AuditRecord.DECISIONS, in display order");
        }
    }

    public long requests() {
        return decisions.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @param files audit files read
     * @param lines non-empty lines read
     * @param corruptLines lines that are not JSON objects or lack a field their kind needs
     * @param otherKinds lines of kinds the report does not use ({@code sealed}, {@code admin}, {@code head}, unknown)
     */
    public record Input(int files, long lines, long corruptLines, Map<String, Long> otherKinds) {}

    /**
     * @param meanTimeToDetectMillis mean alert time to detect; empty without alerts
     * @param medianTimeToDetectMillis median alert time to detect; empty without alerts
     * @param blockedPer1000Sessions blocked requests (DLP blocks: exfiltration attempts) per 1,000 sessions
     * @param redactedPer1000Sessions redacted requests per 1,000 sessions
     * @param loggedPer1000Sessions logged requests per 1,000 sessions
     * @param deniedPer1000Sessions refused destinations per 1,000 sessions
     * @param falsePositiveShare false-positive blocks / labelled blocks; empty when no block is labelled
     * @param labelledBlocks blocks with a label
     * @param falsePositiveBlocks blocks labelled false-positive
     * @param unlabelledBlocks blocks without a label
     */
    public record Kpis(Optional<Double> meanTimeToDetectMillis, Optional<Double> medianTimeToDetectMillis,
            double blockedPer1000Sessions, double redactedPer1000Sessions, double loggedPer1000Sessions,
            double deniedPer1000Sessions, Optional<Double> falsePositiveShare, long labelledBlocks,
            long falsePositiveBlocks, long unlabelledBlocks) {

        /** True when a share exists and is under {@link #FALSE_POSITIVE_TARGET}. */
        public boolean falsePositiveOnTarget() {
            return falsePositiveShare.map(s -> s < FALSE_POSITIVE_TARGET).orElse(false);
        }
    }

    /** One UTC day: requests by decision (every decision present). */
    public record Day(LocalDate date, Map<String, Long> decisions) {
        public long total() {
            return decisions.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public record AgentRow(String agentId, long requests, long sessions, Map<String, Long> decisions) {}

    /**
     * @param records records with a finding of this rule
     * @param blocked of those, blocked
     */
    public record RuleRow(String ruleId, long records, long blocked) {}

    public record DestinationRow(String host, long requests, long blocked, long denied) {}

    public record AlertRow(Instant time, String alert, String agentId, String severity, Optional<Long> ttdMillis,
            int evidence, String summary) {}

    public record LabelRow(Instant time, String requestId, String label, String actor) {}
}
