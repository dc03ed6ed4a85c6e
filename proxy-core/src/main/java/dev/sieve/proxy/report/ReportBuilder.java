package dev.sieve.proxy.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.audit.AuditRecord;
import dev.sieve.proxy.report.KpiReport.AgentRow;
import dev.sieve.proxy.report.KpiReport.AlertRow;
import dev.sieve.proxy.report.KpiReport.Day;
import dev.sieve.proxy.report.KpiReport.DestinationRow;
import dev.sieve.proxy.report.KpiReport.LabelRow;
import dev.sieve.proxy.report.KpiReport.RuleRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes a {@link KpiReport} from audit files read in the order given (oldest first). It reads every line as plain
 * JSON and never needs the HMAC key (verify first for tamper evidence); a line that is not a JSON object, or lacks a
 * field its kind needs, is counted as corrupt and skipped; lines of kinds it does not use are counted by kind.
 * Labels apply whatever their time (a block in the window may be labelled later); the latest label per request (by
 * its time) wins.
 */
public final class ReportBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> REQUEST_DECISIONS = AuditRecord.DECISIONS;
    /** The request id as the audit format writes it (no whitespace; ids hold no quote or backslash). */
    private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\":\"([^\"\\\\]{1,200})\"");
    private static final String LABEL_KIND = "\"decision\":\"label\"";

    private final Instant since;
    private final Instant until;
    private final Optional<String> agent;
    private final Duration sessionGap;
    private final int top;

    private int files;
    private long lines;
    private long corrupt;
    private final Map<String, Long> otherKinds = new TreeMap<>();
    private final Map<String, Long> decisions = zeros();
    private final Map<LocalDate, Map<String, Long>> daily = new TreeMap<>();
    private final Map<String, List<Instant>> agentTimes = new HashMap<>();
    private final Map<String, Map<String, Long>> agentDecisions = new HashMap<>();
    private final Map<String, long[]> rules = new HashMap<>();
    private final Map<String, long[]> destinations = new HashMap<>();
    private final List<String> blockedIds = new ArrayList<>();
    private final Map<String, LabelRow> labels = new LinkedHashMap<>();
    private final List<AlertRow> alerts = new ArrayList<>();

    /**
     * @param since window start (inclusive)
     * @param until window end (exclusive), after {@code since}
     * @param agent only this agent's requests and alerts
     * @param sessionGap a gap this long or longer starts a new session
     * @param top rows in each top-N table
     */
    public ReportBuilder(Instant since, Instant until, Optional<String> agent, Duration sessionGap, int top) {
        this.since = Objects.requireNonNull(since, "since");
        this.until = Objects.requireNonNull(until, "until");
        this.agent = Objects.requireNonNull(agent, "agent");
        this.sessionGap = Objects.requireNonNull(sessionGap, "sessionGap");
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("since: " + since + " (expected: before until " + until + ")");
        }
        if (sessionGap.isNegative() || sessionGap.isZero()) {
            throw new IllegalArgumentException("sessionGap: " + sessionGap + " (expected: > 0)");
        }
        if (top < 1) {
            throw new IllegalArgumentException("top: " + top + " (expected: >= 1)");
        }
        this.top = top;
    }

    /** Reads {@code files} in order and returns the report; {@code chain} is the verification summary, if any. */
    public KpiReport build(List<Path> paths, Instant generatedAt, Optional<String> chain) throws IOException {
        for (Path file : paths) {
            files++;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        lines++;
                        read(line);
                    }
                }
            }
        }
        return result(generatedAt, chain, unmatched(paths));
    }

    /**
     * Labels whose request id is on no request line: a second pass over the files that only looks for those ids (few),
     * so the first pass need not keep every request id in memory.
     */
    private List<LabelRow> unmatched(List<Path> paths) throws IOException {
        Set<String> missing = new HashSet<>(labels.keySet());
        for (Path file : paths) {
            if (missing.isEmpty()) {
                break;
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null && !missing.isEmpty(); line = in.readLine()) {
                    Matcher m = REQUEST_ID.matcher(line);
                    if (m.find() && missing.contains(m.group(1)) && !line.contains(LABEL_KIND)) {
                        missing.remove(m.group(1));
                    }
                }
            }
        }
        return labels.values().stream().filter(l -> missing.contains(l.requestId())).toList();
    }

    private void read(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            corrupt++;
            return;
        }
        if (node == null || !node.isObject()) {
            corrupt++;
            return;
        }
        String kind = node.path("decision").asText("");
        try {
            if (REQUEST_DECISIONS.contains(kind)) {
                request(node, kind);
            } else if (kind.equals("alert")) {
                alert(node);
            } else if (kind.equals("label")) {
                label(node);
            } else {
                otherKinds.merge(kind.isEmpty() ? "(none)" : kind, 1L, Long::sum);
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            corrupt++;
        }
    }

    private void request(JsonNode node, String decision) {
        Instant time = time(node);
        String requestId = text(node, "requestId");
        String agentId = text(node, "agentId");
        String host = text(node, "host");
        if (!inWindow(time) || agent.filter(a -> !a.equals(agentId)).isPresent()) {
            return;
        }
        decisions.merge(decision, 1L, Long::sum);
        daily.computeIfAbsent(LocalDate.ofInstant(time, ZoneOffset.UTC), d -> zeros()).merge(decision, 1L, Long::sum);
        agentTimes.computeIfAbsent(agentId, a -> new ArrayList<>()).add(time);
        agentDecisions.computeIfAbsent(agentId, a -> zeros()).merge(decision, 1L, Long::sum);
        boolean blocked = decision.equals("blocked");
        long[] dest = destinations.computeIfAbsent(host, h -> new long[3]);
        dest[0]++;
        dest[1] += blocked ? 1 : 0;
        dest[2] += decision.equals("denied") ? 1 : 0;
        Set<String> ruleIds = new HashSet<>();
        for (JsonNode finding : node.path("findings")) {
            String ruleId = finding.path("ruleId").asText("");
            if (!ruleId.isEmpty()) {
                ruleIds.add(ruleId);
            }
        }
        for (String ruleId : ruleIds) {
            long[] counts = rules.computeIfAbsent(ruleId, r -> new long[2]);
            counts[0]++;
            counts[1] += blocked ? 1 : 0;
        }
        if (blocked) {
            blockedIds.add(requestId);
        }
    }

    private void alert(JsonNode node) {
        Instant time = time(node);
        String agentId = text(node, "agentId");
        if (!inWindow(time) || agent.filter(a -> !a.equals(agentId)).isPresent()) {
            return;
        }
        JsonNode ttd = node.get("ttdMillis");
        Optional<Long> ttdMillis = ttd != null && ttd.canConvertToLong() && ttd.asLong() >= 0
                ? Optional.of(ttd.asLong()) : Optional.empty();
        alerts.add(new AlertRow(time, text(node, "alert"), agentId, node.path("severity").asText(""), ttdMillis,
                node.path("evidence").size(), node.path("summary").asText("")));
    }

    private void label(JsonNode node) {
        String label = text(node, "label");
        if (!label.equals("false-positive") && !label.equals("confirmed")) {
            throw new IllegalArgumentException("label");
        }
        String requestId = text(node, "requestId");
        LabelRow row = new LabelRow(time(node), requestId, label, node.path("actor").asText(""));
        // Latest by time, so files from several replicas may be given in any order; a tie goes to the later line.
        labels.merge(requestId, row, (old, now) -> now.time().isBefore(old.time()) ? old : now);
    }

    private KpiReport result(Instant generatedAt, Optional<String> chain, List<LabelRow> unmatched) {
        long sessions = 0;
        List<AgentRow> agents = new ArrayList<>();
        for (Map.Entry<String, List<Instant>> e : agentTimes.entrySet()) {
            long s = sessions(e.getValue());
            sessions += s;
            Map<String, Long> d = agentDecisions.get(e.getKey());
            agents.add(new AgentRow(e.getKey(), d.values().stream().mapToLong(Long::longValue).sum(), s, d));
        }
        agents.sort(Comparator.comparingLong(AgentRow::requests).reversed().thenComparing(AgentRow::agentId));

        long labelled = 0;
        long falsePositive = 0;
        for (String id : blockedIds) {
            LabelRow label = labels.get(id);
            if (label != null) {
                labelled++;
                falsePositive += label.label().equals("false-positive") ? 1 : 0;
            }
        }
        List<Long> ttds = alerts.stream().flatMap(a -> a.ttdMillis().stream()).sorted().toList();
        Optional<Double> mean = ttds.isEmpty() ? Optional.empty()
                : Optional.of(ttds.stream().mapToLong(Long::longValue).average().orElseThrow());
        Optional<Double> median = ttds.isEmpty() ? Optional.empty() : Optional.of(ttds.size() % 2 == 1
                ? ttds.get(ttds.size() / 2) : (ttds.get(ttds.size() / 2 - 1) + ttds.get(ttds.size() / 2)) / 2.0);
        KpiReport.Kpis kpis = new KpiReport.Kpis(mean, median, per1000(decisions.get("blocked"), sessions),
                per1000(decisions.get("redacted"), sessions), per1000(decisions.get("logged"), sessions),
                per1000(decisions.get("denied"), sessions),
                labelled == 0 ? Optional.empty() : Optional.of((double) falsePositive / labelled), labelled,
                falsePositive, blockedIds.size() - labelled);

        List<Day> days = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(until.minusNanos(1), ZoneOffset.UTC);
        for (LocalDate d = LocalDate.ofInstant(since, ZoneOffset.UTC); !d.isAfter(last); d = d.plusDays(1)) {
            days.add(new Day(d, daily.getOrDefault(d, zeros())));
        }
        List<RuleRow> topRules = rules.entrySet().stream()
                .map(e -> new RuleRow(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong(RuleRow::records).reversed().thenComparing(RuleRow::ruleId))
                .limit(top).toList();
        List<DestinationRow> topDestinations = destinations.entrySet().stream()
                .map(e -> new DestinationRow(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .sorted(Comparator.comparingLong(DestinationRow::requests).reversed()
                        .thenComparing(DestinationRow::host))
                .limit(top).toList();
        alerts.sort(Comparator.comparing(AlertRow::time));
        return new KpiReport(generatedAt, since, until, agent, sessionGap, chain,
                new KpiReport.Input(files, lines, corrupt, java.util.Collections.unmodifiableMap(otherKinds)), decisions, sessions, kpis,
                days, List.copyOf(agents), topRules, topDestinations, List.copyOf(alerts),
                unmatched);
    }

    /** Sessions in one agent's request times: a gap of {@code sessionGap} or more starts a new one. */
    private long sessions(List<Instant> times) {
        times.sort(null);
        long count = 0;
        Instant previous = null;
        for (Instant t : times) {
            if (previous == null || Duration.between(previous, t).compareTo(sessionGap) >= 0) {
                count++;
            }
            previous = t;
        }
        return count;
    }

    private static double per1000(long count, long sessions) {
        return sessions == 0 ? 0 : count * 1000.0 / sessions;
    }

    private boolean inWindow(Instant time) {
        return !time.isBefore(since) && time.isBefore(until);
    }

    private static Instant time(JsonNode node) {
        return Instant.parse(text(node, "time"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw new IllegalArgumentException(field);
        }
        return value.textValue();
    }

    private static Map<String, Long> zeros() {
        Map<String, Long> map = new LinkedHashMap<>();
        KpiReport.DECISIONS.forEach(d -> map.put(d, 0L));
        return map;
    }
}
