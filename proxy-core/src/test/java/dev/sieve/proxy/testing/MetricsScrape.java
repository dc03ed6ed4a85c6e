package dev.sieve.proxy.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Prometheus text exposition, parsed: the value of every series, and each metric's total (the sum over its
 * label sets; for a histogram, its {@code _count}), so that tests can ask whether a metric moved between two
 * scrapes without caring about its type or labels.
 */
public final class MetricsScrape {
    private final Map<String, Double> series = new LinkedHashMap<>();
    private final Set<String> names = new TreeSet<>();

    private MetricsScrape() {}

    public static MetricsScrape parse(String text) {
        MetricsScrape scrape = new MetricsScrape();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                scrape.names.add(line.split(" ")[2]);
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            scrape.series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return scrape;
    }

    /** Metric names declared by {@code # TYPE} lines. */
    public Set<String> names() {
        return names;
    }

    /** The value of one series, e.g. {@code sieve_certificates_total{result="mint"}}; NaN if absent. */
    public double value(String seriesName) {
        return series.getOrDefault(seriesName, Double.NaN);
    }

    /** Sum over every label set of {@code metric}, or of {@code metric_count} for a histogram; NaN if absent. */
    public double total(String metric) {
        double exact = sum(metric);
        return Double.isNaN(exact) ? sum(metric + "_count") : exact;
    }

    private double sum(String name) {
        double total = Double.NaN;
        for (var e : series.entrySet()) {
            String key = e.getKey();
            int brace = key.indexOf('{');
            String seriesMetric = brace < 0 ? key : key.substring(0, brace);
            if (seriesMetric.equals(name)) {
                total = (Double.isNaN(total) ? 0 : total) + e.getValue();
            }
        }
        return total;
    }
}
