package dev.sieve.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Markdown tables of load results: one per workload, every metric a column, and the first metric vs direct. */
final class Report {

    private Report() {
    }

    @SuppressWarnings("unchecked")
    static String markdown(List<Map<String, Object>> results, String settings) {
        Map<String, List<Map<String, Object>>> byWorkload = new LinkedHashMap<>();
        for (Map<String, Object> r : results) {
            byWorkload.computeIfAbsent((String) r.get("workload"), k -> new ArrayList<>()).add(r);
        }
        StringBuilder md = new StringBuilder("Settings: " + settings + "\n\n");
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
        return md.toString();
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }
}
