package dev.sieve.proxy.report;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG charts, no script, no external font, image
 * or stylesheet, so it opens offline and can be mailed or attached to a ticket. Every string from the audit files
 * (agent ids, hosts, rule ids, summaries, actors) is HTML-escaped. Colours are the Okabe-Ito palette (distinguishable
 * with the common colour-vision deficiencies), and each chart has a text alternative.
 */
public final class ReportHtml {
    private static final Map<String, String> COLOURS = Map.of("allowed", "#a9b8c9", "logged", "#e69f00",
            "redacted", "#0072b2", "blocked", "#d55e00", "denied", "#cc79a7");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC);
    private static final int TOP_AGENTS = 10;
    private static final int CHART_WIDTH = 560;
    private static final int CHART_HEIGHT = 220;

    private ReportHtml() {}

    public static String render(KpiReport r) {
        StringBuilder h = new StringBuilder(32 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Sieve KPI report ").append(esc(TIME.format(r.since()))).append(" to ")
                .append(esc(TIME.format(r.until()))).append("</title><style>").append(CSS).append("</style></head><body>");
        header(h, r);
        kpis(h, r);
        h.append("<section class=\"row two\">");
        chart(h, "Decisions per day", "All requests, stacked by decision (UTC days).", r, KpiReport.DECISIONS);
        chart(h, "Interventions per day", "Requests Sieve logged, redacted, blocked or denied.", r,
                List.of("logged", "redacted", "blocked", "denied"));
        h.append("</section><section class=\"row three\">");
        agents(h, r);
        rules(h, r);
        destinations(h, r);
        h.append("</section>");
        alerts(h, r);
        unmatched(h, r);
        footer(h, r);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, KpiReport r) {
        h.append("<header><div><h1>Agent egress report</h1><p class=\"muted\">")
                .append(esc(TIME.format(r.since()))).append(" &ndash; ").append(esc(TIME.format(r.until())));
        r.agent().ifPresent(a -> h.append(" &middot; agent <code>").append(esc(a)).append("</code>"));
        h.append(" &middot; generated ").append(esc(TIME.format(r.generatedAt()))).append("</p></div>");
        if (r.chain().isPresent()) {
            h.append("<div class=\"badge ok\" title=\"").append(esc(r.chain().get()))
                    .append("\">&#10003; Audit chain verified</div>");
        } else {
            h.append("<div class=\"badge\" title=\"run sieve report with --verify\">Audit chain not verified</div>");
        }
        h.append("</header>");
    }

    private static void kpis(StringBuilder h, KpiReport r) {
        KpiReport.Kpis k = r.kpis();
        h.append("<section class=\"kpis\">");
        card(h, "Mean time to detect", ReportFormat.millis(k.meanTimeToDetectMillis()), "",
                "median " + ReportFormat.millis(k.medianTimeToDetectMillis()) + " &middot; "
                        + ReportFormat.count(r.alerts().size()) + " alerts", "");
        card(h, "Blocked exfiltration", ReportFormat.rate(k.blockedPer1000Sessions()), "attempts per 1,000 sessions",
                ReportFormat.count(r.decisions().get("blocked")) + " blocks in " + ReportFormat.count(r.sessions())
                        + " sessions", "accent");
        String status = k.falsePositiveShare().isEmpty() ? "" : k.falsePositiveOnTarget() ? "good" : "bad";
        String verdict = k.falsePositiveShare().isEmpty() ? "no labelled blocks yet"
                : k.falsePositiveOnTarget() ? "&#10003; under the 5 % target" : "&#9888; over the 5 % target";
        card(h, "False-positive share", ReportFormat.percent(k.falsePositiveShare()), verdict,
                ReportFormat.count(k.falsePositiveBlocks()) + " of " + ReportFormat.count(k.labelledBlocks())
                        + " labelled blocks &middot; " + ReportFormat.count(k.unlabelledBlocks()) + " unlabelled",
                status);
        card(h, "Requests", ReportFormat.count(r.requests()), ReportFormat.count(r.sessions()) + " sessions &middot; "
                + ReportFormat.count(r.agents().size()) + " agents", "per 1,000 sessions: "
                + ReportFormat.rate(k.redactedPer1000Sessions()) + " redacted &middot; "
                + ReportFormat.rate(k.loggedPer1000Sessions()) + " logged &middot; "
                + ReportFormat.rate(k.deniedPer1000Sessions()) + " denied", "");
        h.append("</section>");
    }

    /** Arguments other than the title are formatted numbers or fixed markup, never file strings. */
    private static void card(StringBuilder h, String title, String value, String unit, String detail, String status) {
        h.append("<div class=\"kpi ").append(status).append("\"><div class=\"label\">").append(title)
                .append("</div><div class=\"value\">").append(value).append("</div><div class=\"unit\">").append(unit)
                .append("</div><div class=\"detail\">").append(detail).append("</div></div>");
    }

    private static void chart(StringBuilder h, String title, String caption, KpiReport r, List<String> shown) {
        List<KpiReport.Day> days = r.daily();
        long max = 0;
        for (KpiReport.Day d : days) {
            max = Math.max(max, shown.stream().mapToLong(s -> d.decisions().get(s)).sum());
        }
        long top = niceCeiling(max);
        int left = 48;
        int bottom = 24;
        int plotWidth = CHART_WIDTH - left - 8;
        int plotHeight = CHART_HEIGHT - bottom - 8;
        double slot = (double) plotWidth / Math.max(days.size(), 1);
        double barWidth = Math.max(2, slot * 0.7);
        StringBuilder alt = new StringBuilder(title).append(": ");
        h.append("<div class=\"card\"><h2>").append(title).append("</h2><p class=\"muted\">").append(caption)
                .append("</p><svg viewBox=\"0 0 ").append(CHART_WIDTH).append(' ').append(CHART_HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"t-").append(shown.size()).append("\">");
        for (int i = 0; i <= 4; i++) {
            double y = 8 + plotHeight - plotHeight * i / 4.0;
            h.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>",
                    left, CHART_WIDTH - 8, y, y));
            h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"axis\" text-anchor=\"end\">%s</text>",
                    left - 6, y + 4, ReportFormat.count(top * i / 4)));
        }
        int labelEvery = Math.max(1, (int) Math.ceil(days.size() / 10.0));
        for (int i = 0; i < days.size(); i++) {
            KpiReport.Day d = days.get(i);
            double x = left + slot * i + (slot - barWidth) / 2;
            double y = 8 + plotHeight;
            alt.append(d.date()).append(' ');
            for (String decision : shown) {
                long n = d.decisions().get(decision);
                alt.append(decision).append(' ').append(n).append(", ");
                if (n == 0 || top == 0) {
                    continue;
                }
                double height = plotHeight * (double) n / top;
                y -= height;
                h.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %s</title>"
                                + "</rect>", x, y, barWidth, height, COLOURS.get(decision), d.date(), decision,
                        ReportFormat.count(n)));
            }
            if (i % labelEvery == 0) {
                h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">"
                        + "%s</text>", x + barWidth / 2, CHART_HEIGHT - 6, DAY.format(d.date())));
            }
        }
        h.append("<desc id=\"t-").append(shown.size()).append("\">").append(esc(alt.toString())).append("</desc>")
                .append("</svg><div class=\"legend\">");
        for (String decision : shown) {
            h.append("<span><i style=\"background:").append(COLOURS.get(decision)).append("\"></i>").append(decision)
                    .append(' ').append(ReportFormat.count(r.decisions().get(decision))).append("</span>");
        }
        h.append("</div></div>");
    }

    /** 1, 2 or 5 times a power of ten, at least {@code n} (and at least 4, so four grid steps are whole numbers). */
    static long niceCeiling(long n) {
        long base = 1;
        while (true) {
            for (long step : new long[] {1, 2, 5}) {
                if (step * base >= n && step * base >= 4) {
                    return step * base;
                }
            }
            base *= 10;
        }
    }

    private static void agents(StringBuilder h, KpiReport r) {
        long max = r.agents().stream().mapToLong(KpiReport.AgentRow::requests).max().orElse(1);
        h.append("<div class=\"card\"><h2>Top agents</h2><table><thead><tr><th>Agent</th><th class=\"n\">Requests</th>"
                + "<th class=\"n\">Sessions</th><th class=\"n\">Blocked</th></tr></thead><tbody>");
        r.agents().stream().limit(TOP_AGENTS)
                .forEach(a -> h.append("<tr><td>").append(bar(esc(a.agentId()), a.requests(), max)).append("</td>")
                        .append(num(a.requests())).append(num(a.sessions())).append(num(a.decisions().get("blocked"), true))
                        .append("</tr>"));
        empty(h, r.agents(), 4);
        h.append("</tbody></table></div>");
    }

    private static void rules(StringBuilder h, KpiReport r) {
        long max = max(r.topRules(), KpiReport.RuleRow::records);
        h.append("<div class=\"card\"><h2>Top rules</h2><table><thead><tr><th>Rule</th><th class=\"n\">Records</th>"
                + "<th class=\"n\">Blocked</th></tr></thead><tbody>");
        r.topRules().forEach(x -> h.append("<tr><td>").append(bar("<code>" + esc(x.ruleId()) + "</code>", x.records(), max))
                .append("</td>").append(num(x.records())).append(num(x.blocked(), true)).append("</tr>"));
        empty(h, r.topRules(), 3);
        h.append("</tbody></table></div>");
    }

    private static void destinations(StringBuilder h, KpiReport r) {
        long max = max(r.topDestinations(), KpiReport.DestinationRow::requests);
        h.append("<div class=\"card\"><h2>Top destinations</h2><table><thead><tr><th>Host</th>"
                + "<th class=\"n\">Requests</th><th class=\"n\">Blocked</th><th class=\"n\">Denied</th></tr></thead><tbody>");
        r.topDestinations().forEach(x -> h.append("<tr><td>").append(bar(esc(x.host()), x.requests(), max))
                .append("</td>").append(num(x.requests())).append(num(x.blocked(), true)).append(num(x.denied(), true))
                .append("</tr>"));
        empty(h, r.topDestinations(), 4);
        h.append("</tbody></table></div>");
    }

    private static void alerts(StringBuilder h, KpiReport r) {
        h.append("<section class=\"card\"><h2>Alerts <span class=\"muted\">").append(ReportFormat.count(r.alerts().size()))
                .append("</span></h2><table><thead><tr><th>Time</th><th>Severity</th><th>Alert</th><th>Agent</th>"
                        + "<th class=\"n\">Time to detect</th><th class=\"n\">Evidence</th><th>Summary</th></tr></thead>"
                        + "<tbody>");
        r.alerts().stream().sorted((a, b) -> b.time().compareTo(a.time())).limit(25).forEach(a -> h.append("<tr><td>")
                .append(esc(TIME.format(a.time()))).append("</td><td><span class=\"sev ").append(severityClass(a.severity()))
                .append("\">").append(esc(a.severity())).append("</span></td><td>").append(esc(a.alert().replace('_', ' ')))
                .append("</td><td>").append(esc(a.agentId())).append("</td><td class=\"n\">")
                .append(a.ttdMillis().map(ReportFormat::millis).orElse("n/a")).append("</td>").append(num(a.evidence()))
                .append("<td class=\"summary\">").append(esc(a.summary())).append("</td></tr>"));
        empty(h, r.alerts(), 7);
        h.append("</tbody></table>");
        if (r.alerts().size() > 25) {
            h.append("<p class=\"muted\">The 25 most recent of ").append(ReportFormat.count(r.alerts().size()))
                    .append("; every alert is in the JSON report.</p>");
        }
        h.append("</section>");
    }

    private static void unmatched(StringBuilder h, KpiReport r) {
        if (r.unmatchedLabels().isEmpty()) {
            return;
        }
        h.append("<section class=\"card\"><h2>Labels for unknown request ids</h2><p class=\"muted\">These request ids"
                + " are in none of the audit files read (a typo, or older files not given).</p><table><thead><tr>"
                + "<th>Time</th><th>Request id</th><th>Label</th><th>Actor</th></tr></thead><tbody>");
        r.unmatchedLabels().forEach(l -> h.append("<tr><td>").append(esc(TIME.format(l.time()))).append("</td><td><code>")
                .append(esc(l.requestId())).append("</code></td><td>").append(esc(l.label())).append("</td><td>")
                .append(esc(l.actor())).append("</td></tr>"));
        h.append("</tbody></table></section>");
    }

    private static void footer(StringBuilder h, KpiReport r) {
        KpiReport.Input in = r.input();
        h.append("<footer><p>Read ").append(ReportFormat.count(in.files())).append(" audit file(s), ")
                .append(ReportFormat.count(in.lines())).append(" lines");
        if (in.corruptLines() > 0) {
            h.append(", <strong>").append(ReportFormat.count(in.corruptLines())).append(" corrupt line(s) skipped</strong>");
        }
        if (!in.otherKinds().isEmpty()) {
            h.append("; other record kinds not counted: ").append(String.join(", ", in.otherKinds().entrySet().stream()
                    .map(e -> esc(e.getKey()) + " " + ReportFormat.count(e.getValue())).toList()));
        }
        h.append(". A session is one agent's run of requests with gaps under ").append(r.sessionGap().toMinutes())
                .append(" minutes. The false-positive share counts blocks labelled with <code>sieve audit label</code>"
                        + " (latest label wins). Chain: ")
                .append(r.chain().map(ReportHtml::esc).orElse("not verified")).append(".</p></footer>");
    }

    private static String bar(String label, long n, long max) {
        return String.format(Locale.ROOT, "<div class=\"cell\"><span>%s</span><b style=\"width:%.1f%%\"></b></div>",
                label, max == 0 ? 0 : 100.0 * n / max);
    }

    private static String num(long n) {
        return num(n, false);
    }

    private static String num(long n, boolean alarm) {
        return "<td class=\"n" + (alarm && n > 0 ? " alarm" : "") + "\">" + ReportFormat.count(n) + "</td>";
    }

    private static <T> long max(List<T> rows, ToLongFunction<T> value) {
        return rows.stream().mapToLong(value).max().orElse(1);
    }

    private static void empty(StringBuilder h, List<?> rows, int columns) {
        if (rows.isEmpty()) {
            h.append("<tr><td colspan=\"").append(columns).append("\" class=\"muted\">None in the window.</td></tr>");
        }
    }

    private static String severityClass(String severity) {
        return switch (severity) {
            case "high" -> "high";
            case "medium" -> "medium";
            default -> "low";
        };
    }

    /**
     * HTML-escapes text and attribute values (both quote kinds). Written here rather than pulling in a template
     * library for five characters; every string that comes from the audit files passes through it.
     */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            :root{--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#f5f7fa;--card:#fff;--good:#1b7f4b;--bad:#c23616;\
            --accent:#d55e00}
            *{box-sizing:border-box}
            body{margin:0;padding:28px 32px;background:var(--bg);color:var(--ink);\
            font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;\
            font-variant-numeric:tabular-nums}
            header{display:flex;justify-content:space-between;align-items:flex-start;margin-bottom:20px}
            h1{font-size:24px;margin:0 0 4px;letter-spacing:-.01em}
            h2{font-size:15px;margin:0 0 4px}
            p{margin:0}
            .muted{color:var(--muted);font-weight:normal}
            code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            .badge{padding:6px 12px;border-radius:999px;background:#e4e7eb;color:var(--ink);font-weight:600;\
            white-space:nowrap}
            .badge.ok{background:#e3f4ea;color:var(--good)}
            .kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:16px;margin-bottom:16px}
            .kpi{background:var(--card);border-radius:10px;padding:16px 18px;border-top:4px solid #9aa5b1;\
            box-shadow:0 1px 2px rgba(31,41,51,.08)}
            .kpi.accent{border-top-color:var(--accent)}
            .kpi.good{border-top-color:var(--good)}
            .kpi.bad{border-top-color:var(--bad)}
            .kpi .label{color:var(--muted);font-size:12.5px;text-transform:uppercase;letter-spacing:.04em;font-weight:600}
            .kpi .value{font-size:34px;font-weight:700;line-height:1.2;margin-top:6px}
            .kpi .unit{font-size:13px;font-weight:600;min-height:19px}
            .kpi.good .unit{color:var(--good)}
            .kpi.bad .unit{color:var(--bad)}
            .kpi .detail{color:var(--muted);font-size:12.5px;margin-top:6px}
            .row{display:grid;gap:16px;margin-bottom:16px}
            .row.two{grid-template-columns:1fr 1fr}
            .row.three{grid-template-columns:1fr 1fr 1fr}
            .card{background:var(--card);border-radius:10px;padding:16px 18px;box-shadow:0 1px 2px rgba(31,41,51,.08);\
            margin-bottom:16px;min-width:0}
            .row .card{margin-bottom:0}
            svg{width:100%;height:auto;margin-top:8px;display:block}
            svg .grid{stroke:var(--line);stroke-width:1}
            svg .axis{fill:var(--muted);font-size:11px}
            .legend{display:flex;flex-wrap:wrap;gap:14px;font-size:12.5px;color:var(--muted);margin-top:6px}
            .legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px}
            table{width:100%;border-collapse:collapse;margin-top:8px;font-size:13px}
            th{text-align:left;color:var(--muted);font-weight:600;font-size:12px;border-bottom:1px solid var(--line);\
            padding:6px 6px}
            td{padding:6px;border-bottom:1px solid var(--line);vertical-align:top}
            .n{text-align:right;white-space:nowrap}
            td.alarm{color:var(--bad);font-weight:600}
            .cell{position:relative;min-width:0}
            .cell span{position:relative;z-index:1;overflow-wrap:anywhere}
            .cell b{position:absolute;left:-4px;top:-3px;bottom:-3px;background:#e8eef6;border-radius:3px;z-index:0}
            .sev{padding:2px 8px;border-radius:999px;font-size:12px;font-weight:600}
            .sev.high{background:#fde2d8;color:#a33a00}
            .sev.medium{background:#fdf0d0;color:#7a5200}
            .sev.low{background:#e4e7eb;color:#3e4c59}
            .summary{color:var(--muted)}
            footer{color:var(--muted);font-size:12px;margin-top:8px}
            """;
}
