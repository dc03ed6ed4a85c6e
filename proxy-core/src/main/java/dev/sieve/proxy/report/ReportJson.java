package dev.sieve.proxy.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * The report as JSON, schema {@value KpiReport#SCHEMA} (documented in docs/report.md). Fields are only ever added
 * within a schema version; absent values (no alerts, no labelled block) are {@code null}, never omitted.
 */
public final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {}

    public static String render(KpiReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", KpiReport.SCHEMA);
        root.put("generatedAt", r.generatedAt().toString());
        ObjectNode window = root.putObject("window");
        window.put("since", r.since().toString());
        window.put("until", r.until().toString());
        window.put("agent", r.agent().orElse(null));
        window.put("sessionGapSeconds", r.sessionGap().toSeconds());
        ObjectNode chain = root.putObject("chain");
        chain.put("verified", r.chain().isPresent());
        chain.put("detail", r.chain().orElse(null));
        ObjectNode input = root.putObject("input");
        input.put("files", r.input().files());
        input.put("lines", r.input().lines());
        input.put("corruptLines", r.input().corruptLines());
        counts(input.putObject("otherKinds"), r.input().otherKinds());

        ObjectNode totals = root.putObject("totals");
        totals.put("requests", r.requests());
        totals.put("sessions", r.sessions());
        totals.put("agents", r.agents().size());
        totals.put("alerts", r.alerts().size());
        counts(totals.putObject("decisions"), r.decisions());

        KpiReport.Kpis k = r.kpis();
        ObjectNode kpis = root.putObject("kpis");
        number(kpis, "meanTimeToDetectMillis", k.meanTimeToDetectMillis());
        number(kpis, "medianTimeToDetectMillis", k.medianTimeToDetectMillis());
        kpis.put("blockedPer1000Sessions", k.blockedPer1000Sessions());
        kpis.put("redactedPer1000Sessions", k.redactedPer1000Sessions());
        kpis.put("loggedPer1000Sessions", k.loggedPer1000Sessions());
        kpis.put("deniedPer1000Sessions", k.deniedPer1000Sessions());
        number(kpis, "falsePositiveShare", k.falsePositiveShare());
        kpis.put("falsePositiveTarget", KpiReport.FALSE_POSITIVE_TARGET);
        kpis.put("falsePositiveOnTarget", k.falsePositiveOnTarget());
        kpis.put("labelledBlocks", k.labelledBlocks());
        kpis.put("falsePositiveBlocks", k.falsePositiveBlocks());
        kpis.put("unlabelledBlocks", k.unlabelledBlocks());

        ArrayNode daily = root.putArray("daily");
        for (KpiReport.Day d : r.daily()) {
            ObjectNode day = daily.addObject();
            day.put("date", d.date().toString());
            counts(day, d.decisions());
        }
        ArrayNode agents = root.putArray("agents");
        for (KpiReport.AgentRow a : r.agents()) {
            ObjectNode row = agents.addObject();
            row.put("agentId", a.agentId());
            row.put("requests", a.requests());
            row.put("sessions", a.sessions());
            counts(row.putObject("decisions"), a.decisions());
        }
        ArrayNode rules = root.putArray("topRules");
        for (KpiReport.RuleRow rule : r.topRules()) {
            rules.addObject().put("ruleId", rule.ruleId()).put("records", rule.records()).put("blocked", rule.blocked());
        }
        ArrayNode destinations = root.putArray("topDestinations");
        for (KpiReport.DestinationRow d : r.topDestinations()) {
            destinations.addObject().put("host", d.host()).put("requests", d.requests()).put("blocked", d.blocked())
                    .put("denied", d.denied());
        }
        ArrayNode alerts = root.putArray("alerts");
        for (KpiReport.AlertRow a : r.alerts()) {
            ObjectNode row = alerts.addObject();
            row.put("time", a.time().toString());
            row.put("alert", a.alert());
            row.put("agentId", a.agentId());
            row.put("severity", a.severity());
            row.put("ttdMillis", a.ttdMillis().orElse(null));
            row.put("evidence", a.evidence());
            row.put("summary", a.summary());
        }
        ArrayNode unmatched = root.putArray("unmatchedLabels");
        for (KpiReport.LabelRow l : r.unmatchedLabels()) {
            unmatched.addObject().put("time", l.time().toString()).put("requestId", l.requestId())
                    .put("label", l.label()).put("actor", l.actor());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static void counts(ObjectNode node, Map<String, Long> counts) {
        counts.forEach(node::put);
    }

    private static void number(ObjectNode node, String field, Optional<Double> value) {
        node.put(field, value.orElse(null));
    }
}
