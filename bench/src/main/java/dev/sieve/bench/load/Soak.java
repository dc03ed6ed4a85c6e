package dev.sieve.bench.load;

import dev.sieve.bench.load.GrowthCheck.Verdict;
import dev.sieve.bench.load.SoakCsv.Row;
import dev.sieve.certs.CertificateAuthority;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The soak test: mixed agent traffic ({@link SoakRequests}) at a modest steady rate through a real Sieve process for
 * a long time, sampling the process's resources ({@link SoakSeries}) to find anything that grows steadily
 * ({@link GrowthCheck}). Sieve runs as a child process from the runnable jar like the load harness starts it (its
 * own data directory, the fake endpoint allowlisted and its CA trusted, everything else default: the full rule pack,
 * the audit log, metrics), with {@code -Xms1g -Xmx1g -XX:+AlwaysPreTouch} by default: the heap is committed and
 * touched up front, so the resident set grows only with native memory and the heap is judged on its own.
 *
 * <p>Every {@code --poll} (1 s) it reads {@link SoakPoll}; every {@code --interval} (30 s) it writes one CSV row
 * with each series' lowest and highest reading of the interval and the request counts, flushed at once. The lowest
 * reading is the one judged: load in flight and garbage raise the peaks, a leak raises the floor. For the heap that
 * floor is the heap after the young collections of the interval (a young collection empties eden; with ~20 req/s
 * G1 runs several a minute), without forcing a collection. At the end it judges each series after the warm-up,
 * writes {@code soak.png} and {@code summary.txt}, and exits 1 if a series grows steadily, if errors exceed
 * {@code --max-error-rate}, if no request was blocked or answered, or if any request with planted secrets was not
 * blocked; 2 on a bad option or a setup failure.
 *
 * <p>Run through {@code bench/soak.sh} (builds the jars, cleans up); directly: {@code java -cp
 * bench/target/benchmarks.jar dev.sieve.bench.load.Soak --minutes 30}. {@code --judge DIR/soak.csv} judges and plots
 * an existing CSV again (e.g. of an interrupted run).
 */
public final class Soak {

    /** Set by the shutdown hook: what fails after it (Sieve stopped under the sampler) is not news. */
    private static volatile boolean stopping;

    private Soak() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(SoakOptions.parse(args));
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            System.err.println(SoakOptions.USAGE);
            status = 2;
        } catch (Exception e) {
            if (!stopping) {
                System.err.println("soak: " + e);
            }
            status = 2;
        }
        System.exit(status);
    }

    static int run(SoakOptions options) throws Exception {
        if (options.judge() != null) {
            List<Row> rows = SoakCsv.read(options.judge());
            Path out = options.judge().toAbsolutePath().getParent();
            Duration warmup = options.warmup() != null ? options.warmup() : rows.isEmpty() ? Duration.ZERO
                    : Duration.ofMillis(Math.round(rows.get(rows.size() - 1).elapsedSeconds() * 1000 / 6));
            return judge(rows, warmup, out, "judged again from " + options.judge() + ", warm-up " + seconds(warmup),
                    null);
        }
        if (!Files.isRegularFile(options.sieveJar())) {
            throw new IllegalArgumentException("--sieve-jar: " + options.sieveJar() + " does not exist (expected: the"
                    + " runnable jar: mvn -B -DskipTests -pl bench -am package)");
        }
        Files.createDirectories(options.out());
        Path dir = Files.createTempDirectory("sieve-soak");
        Deque<AutoCloseable> running = new ArrayDeque<>();
        Thread cleanup = new Thread(() -> {
            stopping = true;
            System.err.println("soak: stopping; the samples so far are in " + options.out().resolve("soak.csv")
                    + " (judge them with --judge)");
            closeAll(running);
            // A Sieve still starting is not in `running` yet: stop whatever child is left.
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            deleteQuietly(dir);
        }, "soak-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        SoakCounts counts;
        List<Row> rows;
        String finalMetrics;
        try {
            CertificateAuthority upstreamCa = CertificateAuthority.loadOrCreate(dir.resolve("upstream-ca"),
                    Clock.systemUTC());
            FakeModelEndpoint api = push(running, new FakeModelEndpoint(TlsMaterial.server(upstreamCa,
                    LoadHarness.API), 16));
            int adminPort = ProxyProcess.freePort();
            // The soak uses the inspected endpoint only; the passthrough entry of the shared config points at it too.
            Path gcLogFile = options.out().resolve("gc.log");
            Files.deleteIfExists(gcLogFile);
            List<String> jvmArgs = new ArrayList<>(options.jvmArgs());
            jvmArgs.add(GcLog.jvmOption(gcLogFile));
            ProxyProcess sieve = push(running, ProxyProcess.startSieve(dir, LoadHarness.sieveConfig(dir, upstreamCa,
                    api.port(), api.port(), adminPort), jvmArgs, options.sieveJar(),
                    options.out().resolve("sieve.log")));
            GcLog gcLog = new GcLog(gcLogFile);
            Files.writeString(options.out().resolve("sieve.pid"), Long.toString(sieve.pid()));
            System.err.printf(Locale.ROOT, "soak: Sieve pid %d (%s %s), admin 127.0.0.1:%d, log %s%n", sieve.pid(),
                    String.join(" ", options.jvmArgs()), options.sieveJar(), adminPort,
                    options.out().resolve("sieve.log"));
            Route route = new Route("sieve-inspect", LoadHarness.API, api.port(), sieve.address(),
                    TlsMaterial.client(List.of(LoadHarness.readCertificate(sieve.caCertificate()))));
            SoakTraffic traffic = push(running, new SoakTraffic(route, new SoakRequests(options.uploadMiB() << 20),
                    options.rate(), options.connections(), options.reconnectEvery()));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI metrics = URI.create("http://127.0.0.1:" + adminPort + "/metrics");
            traffic.start();
            try (SoakCsv csv = new SoakCsv(options.out().resolve("soak.csv"))) {
                rows = sample(options, sieve, http, metrics, gcLog, traffic, csv);
            }
            traffic.close();
            counts = traffic.counts();
            System.err.println("soak: " + traffic.connectionsOpened() + " connections opened through Sieve");
            finalMetrics = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Files.writeString(options.out().resolve("metrics-end.txt"), finalMetrics, StandardCharsets.UTF_8);
        } finally {
            closeAll(running);
            deleteQuietly(dir);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs and finds nothing left to close
            }
            Files.deleteIfExists(options.out().resolve("sieve.pid"));
        }
        String settings = String.format(Locale.ROOT, "%s min at %.4g req/s on %d connections (new connection every %d"
                + " requests), %d MiB uploads, sampled every %s (poll %s), warm-up %s; Sieve %s %s",
                minutes(options.run()), options.rate(), options.connections(), options.reconnectEvery(),
                options.uploadMiB(), seconds(options.interval()), seconds(options.poll()), seconds(options.warmup()),
                String.join(" ", options.jvmArgs()), options.sieveJar());
        StringBuilder requests = new StringBuilder(counts.describe());
        for (String line : finalMetrics.split("\n")) {
            if (line.startsWith("sieve_requests_total{") || line.startsWith("sieve_audit_records_total")
                    || line.startsWith("sieve_audit_dropped_total") || line.startsWith("sieve_audit_failures_total")) {
                requests.append("sieve: ").append(line).append('\n');
            }
        }
        List<String> problems = counts.problems(options.maxErrorRate());
        return judge(rows, options.warmup(), options.out(), settings + "\n\n" + requests, problems);
    }

    /** Polls until the run's end, writing a row per interval; returns the rows (one per interval: bounded). */
    private static List<Row> sample(SoakOptions options, ProxyProcess sieve, HttpClient http, URI metrics,
            GcLog gcLog, SoakTraffic traffic, SoakCsv csv) throws IOException, InterruptedException {
        int n = SoakSeries.values().length;
        List<Row> rows = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + options.run().toNanos();
        long intervalNanos = options.interval().toNanos();
        long boundary = start + intervalNanos;
        double[] min = new double[n];
        double[] max = new double[n];
        Arrays.fill(min, Double.NaN);
        Arrays.fill(max, Double.NaN);
        long previousCount = 0;
        long previousAt = start;
        double previousCpu = sieve.cpuSeconds();
        int collections = 0;
        traffic.smallLatency().drain();
        while (true) {
            SoakPoll poll = SoakPoll.read(sieve.pid(), http, metrics, gcLog);
            collections += poll.collections();
            for (SoakSeries s : SoakSeries.values()) {
                min[s.ordinal()] = lower(min[s.ordinal()], s.low.applyAsDouble(poll));
                max[s.ordinal()] = -lower(-max[s.ordinal()], -s.high.applyAsDouble(poll));
            }
            long now = System.nanoTime();
            if (now >= boundary || now >= end) {
                SoakCounts c = traffic.counts();
                long count = c.all();
                double[] latency = traffic.smallLatency().drain();
                double cpu = sieve.cpuSeconds();
                double seconds = (now - previousAt) / 1e9;
                Row row = new Row((now - start) / 1e9, min.clone(), max.clone(), collections, c.ok(), c.blocked(),
                        c.errors(), (count - previousCount) / seconds, (cpu - previousCpu) / seconds * 100,
                        latency[0], latency[1]);
                previousCpu = cpu;
                collections = 0;
                csv.append(row);
                rows.add(row);
                progress(row, options);
                previousCount = count;
                previousAt = now;
                Arrays.fill(min, Double.NaN);
                Arrays.fill(max, Double.NaN);
                while (boundary <= now) {
                    boundary += intervalNanos;
                }
                if (now >= end) {
                    return rows;
                }
            }
            long wake = Math.min(now + options.poll().toNanos(), Math.min(boundary, end));
            for (long wait = wake - System.nanoTime(); wait > 0; wait = wake - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (!sieve.isAlive()) {
                throw new IOException("sieve: exited during the soak; see " + options.out().resolve("sieve.log"));
            }
        }
    }

    /** The lower of two readings, NaN (no reading) losing to any number. */
    private static double lower(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static void progress(Row r, SoakOptions options) {
        System.err.printf(Locale.ROOT, "soak: %5.1f/%s min  rss %.0f MiB  heap after GC %s MiB (%d GCs)  direct %.1f"
                + " MiB  fds %.0f  threads %.0f  |  ok %d  blocked %d  errors %d  %.1f req/s  p99 %.1f ms  cpu %.0f %%%n",
                r.elapsedSeconds() / 60, minutes(options.run()), r.min(SoakSeries.RSS),
                Double.isNaN(r.min(SoakSeries.HEAP)) ? "-" : String.format(Locale.ROOT, "%.0f",
                        r.min(SoakSeries.HEAP)), r.collections(), r.min(SoakSeries.DIRECT), r.min(SoakSeries.FDS),
                r.min(SoakSeries.THREADS), r.ok(), r.blocked(), r.errors(), r.requestsPerSecond(), r.smallP99Ms(),
                r.cpuPercent());
    }

    /**
     * Judges every series of {@code rows}, writes {@code summary.txt} and {@code soak.png} to {@code out}, prints
     * the summary; returns 1 if a series or {@code problems} fails the run, else 0.
     */
    private static int judge(List<Row> rows, Duration warmup, Path out, String header, List<String> problems)
            throws IOException {
        double[] t = rows.stream().mapToDouble(Row::elapsedSeconds).toArray();
        Map<SoakSeries, Verdict> verdicts = new EnumMap<>(SoakSeries.class);
        List<String> failures = new ArrayList<>(problems == null ? List.of() : problems);
        StringBuilder summary = new StringBuilder("Sieve soak: ").append(header).append('\n');
        summary.append("series (lowest reading per interval, judged after the warm-up):\n");
        for (SoakSeries s : SoakSeries.values()) {
            double[] y = rows.stream().mapToDouble(r -> r.min(s)).toArray();
            double warmupSeconds = warmup.toMillis() / 1000.0;
            Verdict v = s == SoakSeries.HEAP ? GrowthCheck.judgeSparse(t, y, warmupSeconds, s.relative, s.absolute)
                    : GrowthCheck.judge(t, y, warmupSeconds, s.relative, s.absolute);
            verdicts.put(s, v);
            String line = v.describe(s.column, s.unit);
            summary.append("  ").append(line).append('\n');
            if (v.failed()) {
                failures.add(line);
            }
        }
        boolean failed = !failures.isEmpty();
        summary.append(failed ? "\nSOAK FAILED:\n  " + String.join("\n  ", failures) + "\n" : "\nSOAK PASSED\n");
        Path png = out.resolve("soak.png");
        double minutes = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).elapsedSeconds() / 60;
        SoakPlot.write(png, String.format(Locale.ROOT, "Sieve soak, %.0f min: %s", minutes,
                failed ? "FAILED" : "passed"), rows, verdicts, warmup.toMillis() / 1000.0);
        summary.append("csv: ").append(out.resolve("soak.csv")).append("\nplot: ").append(png).append('\n');
        Files.writeString(out.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
        System.out.print(summary);
        return failed ? 1 : 0;
    }

    private static String minutes(Duration d) {
        double m = d.toMillis() / 60_000.0;
        return m == Math.rint(m) ? Long.toString((long) m) : String.format(Locale.ROOT, "%.2f", m);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> running, T resource) {
        synchronized (running) {
            running.push(resource);
        }
        return resource;
    }

    /** Closes everything started, newest first, once (the shutdown hook and the normal end may both call it). */
    private static void closeAll(Deque<AutoCloseable> running) {
        synchronized (running) {
            while (!running.isEmpty()) {
                try {
                    running.pop().close();
                } catch (Exception e) {
                    System.err.println("soak: while stopping: " + e);
                }
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            LoadHarness.deleteTree(dir);
        } catch (IOException e) {
            System.err.println("soak: could not delete " + dir + ": " + e);
        }
    }
}
