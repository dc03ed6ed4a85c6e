package dev.sieve.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Markdown tables of load results: one per workload, every metric a column, and the first metric vs direct; then
 * one table of Sieve inspect's first metric divided by every other route's, from the same run.
 */
final class Report {

    private Report() {
    }

    @SuppressWarnings("unchecked")
    static String markdown(List<Map<String, Object>> results, String settings, List<String> notes) {
        Map<String, List<Map<String, Object>>> byWorkload = new LinkedHashMap<>();
        for (Map<String, Object> r : results) {
            byWorkload.computeIfAbsent((String) r.get("workload"), k -> new ArrayList<>()).add(r);
        }
        StringBuilder md = new StringBuilder("Settings: " + settings + "\n\n");
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        if (!notes.isEmpty()) {
            md.append('\n');
        }
        for (Map.Entry<String, List<Map<String, Object>>> group : byWorkload.entrySet()) {
            Set<String> columns = new LinkedHashSet<>();
            for (Map<String, Object> r : group.getValue()) {
                columns.addAll(((Map<String, Double>) r.get("metrics")).keySet());
            }
            String primary = columns.iterator().next();
            Double direct = group.getValue().stream().filter(r -> "direct".equals(r.get("route")))
                    .map(r -> ((Map<String, Double>) r.get("metrics")).get(primary)).findFirst().orElse(null);
            md.append("**").append(group.getKey()).append("**\n\n| route |");
            columns.forEach(c -> md.append(' ').append(c).append(" |"));
            md.append(" ").append(primary).append(" vs direct |\n|---|");
            columns.forEach(c -> md.append("--:|"));
            md.append("--:|\n");
            for (Map<String, Object> r : group.getValue()) {
                Map<String, Double> m = (Map<String, Double>) r.get("metrics");
                md.append("| ").append(r.get("route")).append(" |");
                for (String c : columns) {
                    md.append(' ').append(m.containsKey(c) ? format(m.get(c)) : "-").append(" |");
                }
                Double v = m.get(primary);
                md.append(' ').append(direct != null && direct != 0 && v != null ? format(v / direct) + "x" : "-")
                        .append(" |\n");
            }
            md.append('\n');
        }
        md.append(inspectRatios(byWorkload));
        return md.toString();
    }

    /**
     * sieve-inspect's primary metric over each other route's, per workload (above 1 = Sieve inspect is higher:
     * better for rates, worse for times such as {@code ttfe_p50_ms}).
     */
    @SuppressWarnings("unchecked")
    private static String inspectRatios(Map<String, List<Map<String, Object>>> byWorkload) {
        Set<String> others = new LinkedHashSet<>();
        byWorkload.values().forEach(rows -> rows.forEach(r -> others.add((String) r.get("route"))));
        others.remove("sieve-inspect");
        if (others.isEmpty() || byWorkload.values().stream().flatMap(List::stream)
                .noneMatch(r -> "sieve-inspect".equals(r.get("route")))) {
            return "";
        }
        StringBuilder md = new StringBuilder("**sieve-inspect / route** (first metric of each workload)\n\n"
                + "| workload | metric |");
        others.forEach(o -> md.append(" vs ").append(o).append(" |"));
        md.append("\n|---|---|");
        others.forEach(o -> md.append("--:|"));
        md.append('\n');
        for (Map.Entry<String, List<Map<String, Object>>> group : byWorkload.entrySet()) {
            Map<String, Map<String, Double>> byRoute = new LinkedHashMap<>();
            group.getValue().forEach(r -> byRoute.put((String) r.get("route"), (Map<String, Double>) r.get("metrics")));
            Map<String, Double> inspect = byRoute.get("sieve-inspect");
            if (inspect == null || inspect.isEmpty()) {
                continue;
            }
            String primary = inspect.keySet().iterator().next();
            md.append("| ").append(group.getKey()).append(" | ").append(primary).append(" |");
            for (String o : others) {
                Double v = byRoute.containsKey(o) ? byRoute.get(o).get(primary) : null;
                md.append(' ').append(v != null && v != 0 ? format(inspect.get(primary) / v) + "x" : "-").append(" |");
            }
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    /** Each proxy's resident memory after every run: flat rows mean no growth across the runs. */
    static String memory(Map<String, List<Double>> rssAfterRun) {
        if (rssAfterRun.isEmpty()) {
            return "";
        }
        int runs = rssAfterRun.values().stream().mapToInt(List::size).max().orElse(0);
        StringBuilder md = new StringBuilder("**proxy RSS (MiB) after each run**\n\n| route |");
        for (int i = 1; i <= runs; i++) {
            md.append(" run ").append(i).append(" |");
        }
        md.append("\n|---|").append("--:|".repeat(runs)).append('\n');
        rssAfterRun.forEach((route, values) -> {
            md.append("| ").append(route).append(" |");
            values.forEach(v -> md.append(' ').append(format(v)).append(" |"));
            md.append('\n');
        });
        return md.append('\n').toString();
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }
}
