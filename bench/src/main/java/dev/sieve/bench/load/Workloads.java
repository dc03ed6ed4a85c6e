package dev.sieve.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The four measured workloads. Each runs for a bounded time (or a bounded number of requests), counts only what
 * completes inside its measurement window after a warmup, and returns plain metrics.
 */
final class Workloads {

    /** How long a route that cannot keep up with a fixed rate may run past the window before it is cut. */
    private static final long GIVE_UP_NANOS = 2_000_000_000L;

    private final Duration warmup;
    private final Duration measure;

    Workloads(Duration warmup, Duration measure) {
        this.warmup = warmup;
        this.measure = measure;
    }

    /** (a) Small JSON POSTs over keep-alive connections: req/s and latency percentiles. */
    Map<String, Double> smallPosts(Route route, int concurrency, byte[] body) throws InterruptedException {
        return closedLoop(route, concurrency, body, false);
    }

    /** (c) A new connection (CONNECT and TLS handshakes) for every request: connections/s and latency. */
    Map<String, Double> newConnections(Route route, int concurrency, byte[] body) throws InterruptedException {
        return closedLoop(route, concurrency, body, true);
    }

    private Map<String, Double> closedLoop(Route route, int concurrency, byte[] body, boolean reconnect)
            throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime() + 50_000_000L;
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int t = 0; t < concurrency; t++) {
            Thread worker = new Thread(() -> {
                Latencies.Recorder recorder = new Latencies.Recorder();
                Http1Connection conn = null;
                try {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        try {
                            if (conn == null) {
                                conn = route.open();
                            }
                            int status = conn.post("/v1/messages", "application/json", body, 1);
                            if (reconnect) {
                                conn.close();
                                conn = null;
                            }
                            long t1 = System.nanoTime();
                            if (status != 200) {
                                reportFirstError(errors, route, "status " + status);
                            } else if (t0 >= measureFrom && t1 <= end) {
                                recorder.record(t1 - t0);
                            }
                        } catch (IOException e) {
                            reportFirstError(errors, route, e.toString());
                            closeQuietly(conn);
                            conn = null;
                        }
                    }
                } finally {
                    closeQuietly(conn);
                    recorder.mergeInto(latencies);
                    done.countDown();
                }
            }, "load-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        done.await();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(reconnect ? "conn_per_s" : "req_per_s", latencies.count() / (measure.toNanos() / 1e9));
        m.put("p50_ms", latencies.percentileMillis(50));
        m.put("p99_ms", latencies.percentileMillis(99));
        m.put("p99_9_ms", latencies.percentileMillis(99.9));
        m.put("errors", (double) errors.get());
        return m;
    }

    /**
     * (e) Small POSTs offered at a fixed rate (open loop) on {@code connections} keep-alive connections: request
     * {@code i} is due at {@code start + i / rate}; its latency counts from when it was due, so time spent waiting
     * for a free connection is included (no coordinated omission). Reports the offered and achieved rates and the
     * latency percentiles; an achieved rate below the offered one means the route could not keep up.
     */
    Map<String, Double> fixedRate(Route route, double ratePerSecond, int connections, byte[] body)
            throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicLong errors = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime() + 50_000_000L;
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        double interval = 1e9 / ratePerSecond;
        CountDownLatch done = new CountDownLatch(connections);
        for (int t = 0; t < connections; t++) {
            Thread worker = new Thread(() -> {
                Latencies.Recorder recorder = new Latencies.Recorder();
                Http1Connection conn = null;
                try {
                    while (true) {
                        long due = start + (long) (next.getAndIncrement() * interval);
                        if (due >= end || System.nanoTime() - end > GIVE_UP_NANOS) {
                            break;
                        }
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        try {
                            if (conn == null) {
                                conn = route.open();
                            }
                            int status = conn.post("/v1/messages", "application/json", body, 1);
                            long finished = System.nanoTime();
                            if (status != 200) {
                                reportFirstError(errors, route, "status " + status);
                            } else if (due >= measureFrom) {
                                recorder.record(finished - due);
                            }
                        } catch (IOException e) {
                            reportFirstError(errors, route, e.toString());
                            closeQuietly(conn);
                            conn = null;
                        }
                    }
                } finally {
                    closeQuietly(conn);
                    recorder.mergeInto(latencies);
                    done.countDown();
                }
            }, "rate-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        done.await();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("p99_ms", latencies.percentileMillis(99));
        m.put("offered_per_s", ratePerSecond);
        m.put("achieved_per_s", latencies.count() / (measure.toNanos() / 1e9));
        m.put("p50_ms", latencies.percentileMillis(50));
        m.put("p99_9_ms", latencies.percentileMillis(99.9));
        m.put("errors", (double) errors.get());
        return m;
    }

    /** (b) Sequential uploads of {@code mib} MiB each on one connection after one warmup upload: MB/s. */
    Map<String, Double> uploads(Route route, int mib, int count) throws IOException {
        byte[] chunk = new byte[1024 * 1024];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) ('a' + i % 26);
        }
        try (Http1Connection conn = route.open()) {
            requireOk(conn.post("/upload", "application/octet-stream", chunk, mib), "warmup upload");
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                requireOk(conn.post("/upload", "application/octet-stream", chunk, mib), "upload");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("MB_per_s", (double) count * mib * chunk.length / 1e6 / seconds);
            m.put("seconds_per_upload", seconds / count);
            return m;
        }
    }

    /** (d) Time from request sent to the first SSE event, {@code count} requests on one connection. */
    Map<String, Double> sse(Route route, byte[] body, int count) throws IOException {
        Latencies latencies = new Latencies();
        Latencies.Recorder recorder = new Latencies.Recorder();
        try (Http1Connection conn = route.open()) {
            for (int i = 0; i < count / 10; i++) {
                conn.timeToFirstEvent("/sse", body);
            }
            for (int i = 0; i < count; i++) {
                recorder.record(conn.timeToFirstEvent("/sse", body));
            }
        }
        recorder.mergeInto(latencies);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("ttfe_p50_ms", latencies.percentileMillis(50));
        m.put("ttfe_p99_ms", latencies.percentileMillis(99));
        return m;
    }

    /** Counts an error and prints the first one of a run, so a failing route is diagnosable. */
    private static void reportFirstError(AtomicLong errors, Route route, String what) {
        if (errors.getAndIncrement() == 0) {
            System.err.println(route.name() + ": first error: " + what);
        }
    }

    private static void requireOk(int status, String what) throws IOException {
        if (status != 200) {
            throw new IOException(what + ": status " + status + " (expected: 200)");
        }
    }

    private static void closeQuietly(Http1Connection conn) {
        if (conn != null) {
            try {
                conn.close();
            } catch (IOException e) {
                // closing a broken connection; nothing to do
            }
        }
    }
}
