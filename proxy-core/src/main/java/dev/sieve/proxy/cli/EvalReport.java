package dev.sieve.proxy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.proxy.cli.EvalFloors.Floor;
import dev.sieve.proxy.cli.EvalScore.Counts;
import dev.sieve.proxy.cli.EvalScore.TagStats;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an {@link EvalScore} as text (lists first, tables and floors last, so a terminal shows the summary) or as
 * JSON for CI. A detected value appears only as the finding's masked sample, and its view and location only masked
 * ({@link FindingPlace}); a miss is described by its case id, tags and {@code where}, never by its value.
 */
final class EvalReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EvalScore score;
    private final List<Floor> floors;
    private final String title;

    /** @param title what was evaluated with what (manifest, rule count, engine), printed first */
    EvalReport(EvalScore score, List<Floor> floors, String title) {
        this.score = score;
        this.floors = List.copyOf(floors);
        this.title = title;
    }

    void printText(PrintWriter out) {
        out.println(title);
        printMisses(out);
        printFalsePositives(out);
        printOutcomes(out);
        out.println();
        TextTable cats = countsTable("CATEGORY");
        score.categories.forEach((k, c) -> countsRow(cats, k, c));
        cats.print(out, "");
        out.println();
        TextTable rules = countsTable("RULE");
        score.rules.forEach((k, c) -> countsRow(rules, k, c));
        rules.print(out, "");
        if (!score.rulesWithoutCases.isEmpty()) {
            out.println("rules no case expects: " + String.join(", ", score.rulesWithoutCases));
        }
        out.println();
        TextTable tags = new TextTable("TAG", "POSITIVES", "DETECTED", "RECALL", "NEGATIVES", "FLAGGED", "FP-RATE");
        score.tags.forEach((k, t) -> tags.row(k, Integer.toString(t.positives()), Integer.toString(t.detected()),
                fmt(t.recall()), Integer.toString(t.negatives()), Integer.toString(t.flagged()), fmt(t.fpRate())));
        tags.print(out, "");
        out.println();
        out.println(summary());
        for (Floor f : floors) {
            out.println((f.ok() ? "ok   " : "FAIL ") + f.name() + " " + fmt(f.actual()) + (f.min() ? " >= " : " <= ")
                    + fmt(f.limit()));
        }
        out.flush();
    }

    /** One line: recall, precision, F1, false-positive rate, outcome agreement. */
    String summary() {
        return String.format(Locale.ROOT, "recall %s (%d/%d)  precision %s  F1 %s  false-positive rate %s (%d/%d)"
                        + "  outcomes %s (%d/%d)",
                fmt(score.recall()), score.detected, score.positives, fmt(score.precision()), fmt(score.f1()),
                fmt(score.fpRate()), score.flaggedNegatives, score.negatives, fmt(score.outcomeAgreement()),
                score.outcomesChecked - score.outcomeMismatches.size(), score.outcomesChecked);
    }

    private void printMisses(PrintWriter out) {
        if (score.misses.isEmpty()) {
            return;
        }
        out.println();
        out.println("MISSES (" + score.misses.size() + "; PARTIAL: the category was caught by another rule)");
        for (EvalScore.Miss m : score.misses) {
            StringBuilder line = new StringBuilder(m.partial() ? "  PARTIAL " : "  MISS ");
            line.append(m.kase().id()).append(": expected ");
            line.append(String.join(", ", m.missedCategories().isEmpty() ? m.missedRules()
                    : concat(m.missedRules(), m.missedCategories())));
            line.append("; found ").append(m.foundRules().isEmpty() ? "nothing" : String.join(", ", m.foundRules()));
            m.failure().ifPresent(f -> line.append(" (inspection failed: ").append(f).append(')'));
            appendCase(line, m.kase());
            out.println(line);
        }
    }

    private void printFalsePositives(PrintWriter out) {
        if (score.falsePositives.isEmpty() && score.failedNegatives.isEmpty()) {
            return;
        }
        out.println();
        out.println("FALSE POSITIVES (" + (score.falsePositives.size() + score.failedNegatives.size()) + ")");
        for (EvalScore.FalsePositive fp : score.falsePositives) {
            StringBuilder line = new StringBuilder("  FP ").append(fp.kase().id()).append(": ")
                    .append(fp.finding().ruleId()).append(' ').append(FindingPlace.view(fp.finding())).append('@')
                    .append(fp.finding().start());
            FindingPlace.whereAt(fp.finding()).ifPresent(l -> line.append(" at ").append(l));
            line.append(" '").append(fp.finding().masked()).append('\'');
            appendCase(line, fp.kase());
            out.println(line);
        }
        for (EvalScore.FailedNegative f : score.failedNegatives) {
            StringBuilder line = new StringBuilder("  FAILED ").append(f.kase().id()).append(": inspection failed: ")
                    .append(f.failure()).append(" (the proxy blocks this request)");
            appendCase(line, f.kase());
            out.println(line);
        }
    }

    private void printOutcomes(PrintWriter out) {
        if (score.outcomeMismatches.isEmpty()) {
            return;
        }
        out.println();
        out.println("OUTCOME MISMATCHES (" + score.outcomeMismatches.size() + ")");
        for (EvalScore.OutcomeMismatch m : score.outcomeMismatches) {
            out.println("  OUTCOME " + m.kase().id() + ": expected " + lower(m.expected()) + ", got " + lower(m.actual())
                    + (m.weaker() ? " (weaker)" : " (stricter)"));
        }
    }

    private static void appendCase(StringBuilder line, EvalCase c) {
        if (!c.where().isEmpty()) {
            line.append("; where: ").append(c.where());
        }
        if (!c.tags().isEmpty()) {
            line.append("; tags: ").append(String.join(" ", c.tags()));
        }
    }

    private static TextTable countsTable(String first) {
        return new TextTable(first, "TP", "FN", "FP", "PRECISION", "RECALL", "F1");
    }

    private static void countsRow(TextTable t, String key, Counts c) {
        t.row(key, Integer.toString(c.tp()), Integer.toString(c.fn()), Integer.toString(c.fp()), fmt(c.precision()),
                fmt(c.recall()), fmt(c.f1()));
    }

    /** The whole report as one JSON object. */
    ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("title", title);
        ObjectNode overall = root.putObject("overall");
        overall.put("cases", score.positives + score.negatives).put("positives", score.positives)
                .put("negatives", score.negatives).put("detected", score.detected)
                .put("flaggedNegatives", score.flaggedNegatives);
        num(overall, "recall", score.recall());
        num(overall, "precision", score.precision());
        num(overall, "f1", score.f1());
        num(overall, "fpRate", score.fpRate());
        overall.put("outcomesChecked", score.outcomesChecked).put("outcomeMismatches", score.outcomeMismatches.size());
        num(overall, "outcomeAgreement", score.outcomeAgreement());
        counts(root.putObject("categories"), score.categories);
        counts(root.putObject("rules"), score.rules);
        ArrayNode without = root.putArray("rulesWithoutCases");
        score.rulesWithoutCases.forEach(without::add);
        ObjectNode tags = root.putObject("tags");
        for (Map.Entry<String, TagStats> e : score.tags.entrySet()) {
            TagStats t = e.getValue();
            ObjectNode n = tags.putObject(e.getKey()).put("positives", t.positives()).put("detected", t.detected())
                    .put("negatives", t.negatives()).put("flagged", t.flagged());
            num(n, "recall", t.recall());
            num(n, "fpRate", t.fpRate());
        }
        ArrayNode misses = root.putArray("misses");
        for (EvalScore.Miss m : score.misses) {
            ObjectNode n = caseNode(misses.addObject(), m.kase()).put("partial", m.partial());
            strings(n.putArray("missedRules"), m.missedRules());
            strings(n.putArray("missedCategories"), m.missedCategories());
            strings(n.putArray("foundRules"), m.foundRules());
            m.failure().ifPresent(f -> n.put("failure", f));
        }
        ArrayNode fps = root.putArray("falsePositives");
        for (EvalScore.FalsePositive fp : score.falsePositives) {
            ScanCommand.putFinding(caseNode(fps.addObject(), fp.kase()), fp.finding());
        }
        ArrayNode failed = root.putArray("failedNegatives");
        for (EvalScore.FailedNegative f : score.failedNegatives) {
            caseNode(failed.addObject(), f.kase()).put("failure", f.failure());
        }
        ArrayNode outcomes = root.putArray("outcomeMismatches");
        for (EvalScore.OutcomeMismatch m : score.outcomeMismatches) {
            caseNode(outcomes.addObject(), m.kase()).put("expected", lower(m.expected()))
                    .put("actual", lower(m.actual())).put("weaker", m.weaker());
        }
        ArrayNode floorNodes = root.putArray("floors");
        for (Floor f : floors) {
            floorNodes.addObject().put("name", f.name()).put("actual", f.actual()).put("limit", f.limit())
                    .put("kind", f.min() ? "min" : "max").put("ok", f.ok());
        }
        return root;
    }

    private static ObjectNode caseNode(ObjectNode n, EvalCase c) {
        n.put("id", c.id()).put("line", c.line());
        if (!c.where().isEmpty()) {
            n.put("where", c.where());
        }
        strings(n.putArray("tags"), c.tags());
        return n;
    }

    private static void counts(ObjectNode parent, Map<String, Counts> counts) {
        counts.forEach((k, c) -> {
            ObjectNode n = parent.putObject(k).put("tp", c.tp()).put("fn", c.fn()).put("fp", c.fp());
            num(n, "precision", c.precision());
            num(n, "recall", c.recall());
            num(n, "f1", c.f1());
        });
    }

    private static void num(ObjectNode n, String field, double v) {
        if (Double.isNaN(v)) {
            n.putNull(field);
        } else {
            n.put(field, Math.round(v * 10000) / 10000.0);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
