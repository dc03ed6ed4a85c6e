package dev.sieve.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-metric medians over repeated runs of the same sequence of (workload, route) measurements. */
final class Medians {

    private Medians() {
    }

    /**
     * One row per (workload, route) in first-run order, each metric the median of its values over {@code runs}
     * (the mean of the middle two for an even count); a single run is returned as it is.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> of(List<List<Map<String, Object>>> runs) {
        if (runs.size() == 1) {
            return runs.get(0);
        }
        Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
        Map<String, Map<String, Object>> keys = new LinkedHashMap<>();
        for (List<Map<String, Object>> run : runs) {
            for (Map<String, Object> row : run) {
                String key = row.get("workload") + "\u0000" + row.get("route");
                keys.putIfAbsent(key, row);
                Map<String, List<Double>> metrics = values.computeIfAbsent(key, k -> new LinkedHashMap<>());
                ((Map<String, Double>) row.get("metrics"))
                        .forEach((name, v) -> metrics.computeIfAbsent(name, n -> new ArrayList<>()).add(v));
            }
        }
        List<Map<String, Object>> medians = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : keys.entrySet()) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            values.get(e.getKey()).forEach((name, list) -> metrics.put(name, median(list)));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workload", e.getValue().get("workload"));
            row.put("route", e.getValue().get("route"));
            row.put("metrics", metrics);
            medians.add(row);
        }
        return medians;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
