package dev.sieve.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH JSON result files ({@code -rf json}) into Markdown tables: one table per benchmark method, one row per
 * parameter combination, with the score, its 99.9% error and, where the benchmark counts bytes
 * ({@link dev.sieve.bench.ByteCounter}), MB/s (10^6 bytes per second). Benchmarks with an {@code engine}
 * parameter get a second table: hyperscan MB/s over java MB/s for the same other parameters.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.sieve.bench.report.JmhReport results/*.json}
 */
public final class JmhReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JmhReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: JmhReport RESULT.json... (expected: JMH result files written with -rf json)");
            System.exit(2);
        }
        List<Row> rows = new ArrayList<>();
        for (String file : args) {
            for (JsonNode result : JSON.readTree(Path.of(file).toFile())) {
                rows.add(Row.of(result));
            }
        }
        print(rows, System.out);
    }

    /** Prints the tables for {@code rows}, grouped by benchmark method in first-seen order. */
    static void print(List<Row> rows, PrintStream out) {
        Map<String, List<Row>> byBenchmark = new LinkedHashMap<>();
        for (Row row : rows) {
            byBenchmark.computeIfAbsent(row.benchmark(), b -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<String, List<Row>> group : byBenchmark.entrySet()) {
            List<Row> list = group.getValue();
            List<String> params = new ArrayList<>(list.get(0).params().keySet());
            boolean bytes = list.stream().anyMatch(r -> r.bytesPerSecond() > 0);
            out.println("### " + group.getKey());
            out.println();
            StringBuilder header = new StringBuilder("|");
            StringBuilder rule = new StringBuilder("|");
            for (String p : params) {
                header.append(' ').append(p).append(" |");
                rule.append("---|");
            }
            header.append(" score | unit |").append(bytes ? " MB/s |" : "");
            rule.append("--:|---|").append(bytes ? "--:|" : "");
            out.println(header);
            out.println(rule);
            for (Row r : list) {
                StringBuilder line = new StringBuilder("|");
                for (String p : params) {
                    line.append(' ').append(r.params().getOrDefault(p, "")).append(" |");
                }
                line.append(' ').append(format(r.score())).append(" ± ").append(format(r.error())).append(" | ")
                        .append(r.unit()).append(" |");
                if (bytes) {
                    line.append(' ').append(format(r.bytesPerSecond() / 1e6)).append(" |");
                }
                out.println(line);
            }
            out.println();
            if (bytes && params.contains("engine")) {
                printEngineRatios(list, params, out);
            }
        }
    }

    private static void printEngineRatios(List<Row> list, List<String> params, PrintStream out) {
        Map<String, Double> java = new LinkedHashMap<>();
        Map<String, Double> hyperscan = new LinkedHashMap<>();
        for (Row r : list) {
            Map<String, String> others = new LinkedHashMap<>(r.params());
            String engine = others.remove("engine");
            String key = others.toString();
            ("java".equals(engine) ? java : hyperscan).put(key, r.bytesPerSecond());
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Double> h : hyperscan.entrySet()) {
            Double j = java.get(h.getKey());
            if (j != null && j > 0) {
                lines.add("| " + h.getKey().replaceAll("[{}]", "") + " | " + format(h.getValue() / 1e6) + " | "
                        + format(j / 1e6) + " | " + format(h.getValue() / j) + "x |");
            }
        }
        if (!lines.isEmpty()) {
            out.println("Hyperscan vs java engine, same other parameters:");
            out.println();
            out.println("| parameters | hyperscan MB/s | java MB/s | ratio |");
            out.println("|---|--:|--:|--:|");
            lines.forEach(out::println);
            out.println();
        }
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }

    /** One JMH result: benchmark method, parameters, primary score and the optional {@code bytes} rate. */
    record Row(String benchmark, Map<String, String> params, double score, double error, String unit,
               double bytesPerSecond) {

        static Row of(JsonNode result) {
            String benchmark = result.path("benchmark").asText();
            int dot = benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1);
            Map<String, String> params = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : result.path("params").properties()) {
                params.put(e.getKey(), e.getValue().asText());
            }
            JsonNode primary = result.path("primaryMetric");
            JsonNode bytes = result.path("secondaryMetrics").path("bytes");
            return new Row(benchmark.substring(dot + 1), params, primary.path("score").asDouble(),
                    primary.path("scoreError").asDouble(Double.NaN), primary.path("scoreUnit").asText(),
                    bytes.isMissingNode() ? 0 : bytes.path("score").asDouble());
        }
    }
}
