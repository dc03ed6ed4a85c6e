package dev.sieve.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One reading of the Sieve process: from {@code /proc/PID} its resident set, threads and open file descriptors; from
 * its {@code /metrics} the JVM's accounting of direct buffers; from its GC log the collections since the previous
 * reading (the lowest heap after and the highest heap before them, NaN when there was none). Reading
 * {@code /metrics} allocates a little in Sieve (like any Prometheus scrape) and forces nothing.
 */
record SoakPoll(double rssMiB, double directMiB, double fds, double threads, double heapAfterMiB,
        double heapBeforeMiB, int collections) {

    private static final double MIB = 1024 * 1024;

    /** Reads process {@code pid}, its metrics at {@code metrics} and what its GC log gained. */
    static SoakPoll read(long pid, HttpClient http, URI metrics, GcLog gcLog) throws IOException,
            InterruptedException {
        Path proc = Path.of("/proc", Long.toString(pid));
        double rssKiB = Double.NaN;
        double threads = Double.NaN;
        try {
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rssKiB = Double.parseDouble(line.replaceAll("[^0-9]", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Double.parseDouble(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new IOException("sieve (pid " + pid + "): " + proc + " unreadable, did it exit? " + e, e);
        }
        int fds = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path ignored : entries) {
                fds++;
            }
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(metrics + ": status " + response.statusCode() + " (expected: 200)");
        }
        double after = Double.NaN;
        double before = Double.NaN;
        List<GcLog.Collection> collections = gcLog.readNew();
        for (GcLog.Collection c : collections) {
            after = Double.isNaN(after) ? c.afterMiB() : Math.min(after, c.afterMiB());
            before = Double.isNaN(before) ? c.beforeMiB() : Math.max(before, c.beforeMiB());
        }
        return new SoakPoll(rssKiB / 1024,
                PrometheusText.sum(response.body(), "jvm_buffer_memory_used_bytes", Map.of("id", "direct")) / MIB,
                fds, threads, after, before, collections.size());
    }
}
