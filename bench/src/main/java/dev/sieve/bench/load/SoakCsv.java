package dev.sieve.bench.load;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The soak's CSV file, one row per sampling interval, written and flushed as each interval ends (an interrupted run
 * keeps what it measured). Columns: {@code elapsed_s}; for each {@link SoakSeries} its lowest and highest reading in
 * the interval ({@code rss_mib_min}, {@code rss_mib_max}, ...; the judged value is the lowest; empty for the heap when
 * no collection ran in the interval); {@code gcs} (collections in the interval); {@code ok}, {@code blocked},
 * {@code errors} (requests so far);
 * {@code req_per_s} (completed in the interval); {@code cpu_pct} (Sieve's CPU time in the interval, % of one core);
 * {@code small_p50_ms}, {@code small_p99_ms} (small requests of the interval, from due to answer).
 */
final class SoakCsv implements Closeable {

    /** One interval. {@code min} and {@code max} are indexed by {@link SoakSeries#ordinal()}. */
    record Row(double elapsedSeconds, double[] min, double[] max, int collections, long ok,
            long blocked, long errors, double requestsPerSecond, double cpuPercent, double smallP50Ms,
            double smallP99Ms) {

        double min(SoakSeries s) {
            return min[s.ordinal()];
        }

        double max(SoakSeries s) {
            return max[s.ordinal()];
        }
    }

    private static final List<String> TAIL = List.of("gcs", "ok", "blocked", "errors",
            "req_per_s", "cpu_pct", "small_p50_ms", "small_p99_ms");

    private final BufferedWriter out;

    /** Creates {@code file} (replacing it) and writes the header. */
    SoakCsv(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(String.join(",", header()));
        out.newLine();
        out.flush();
    }

    static List<String> header() {
        List<String> columns = new ArrayList<>(List.of("elapsed_s"));
        for (SoakSeries s : SoakSeries.values()) {
            columns.add(s.column + "_min");
            columns.add(s.column + "_max");
        }
        columns.addAll(TAIL);
        return columns;
    }

    void append(Row row) throws IOException {
        List<String> cells = new ArrayList<>(List.of(number(row.elapsedSeconds())));
        for (SoakSeries s : SoakSeries.values()) {
            cells.add(number(row.min(s)));
            cells.add(number(row.max(s)));
        }
        cells.addAll(List.of(Integer.toString(row.collections()), Long.toString(row.ok()),
                Long.toString(row.blocked()), Long.toString(row.errors()), number(row.requestsPerSecond()),
                number(row.cpuPercent()), number(row.smallP50Ms()), number(row.smallP99Ms())));
        out.write(String.join(",", cells));
        out.newLine();
        out.flush();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * Reads a file this class wrote.
     *
     * @throws IOException if it cannot be read or its header is not this class's
     */
    static List<Row> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(String.join(",", header()))) {
            throw new IOException(file + ": header '" + (lines.isEmpty() ? "" : lines.get(0)) + "' (expected: '"
                    + String.join(",", header()) + "')");
        }
        List<Row> rows = new ArrayList<>();
        int seriesCount = SoakSeries.values().length;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header().size()) {
                throw new IOException(file + ":" + (i + 1) + ": " + cells.length + " cells (expected: "
                        + header().size() + ")");
            }
            double[] v = Arrays.stream(cells).mapToDouble(c -> c.isEmpty() ? Double.NaN : Double.parseDouble(c))
                    .toArray();
            double[] min = new double[seriesCount];
            double[] max = new double[seriesCount];
            for (int s = 0; s < seriesCount; s++) {
                min[s] = v[1 + 2 * s];
                max[s] = v[2 + 2 * s];
            }
            int t = 1 + 2 * seriesCount;
            rows.add(new Row(v[0], min, max, (int) v[t], (long) v[t + 1], (long) v[t + 2], (long) v[t + 3],
                    v[t + 4], v[t + 5], v[t + 6], v[t + 7]));
        }
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
