package dev.sieve.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The measured workloads. Each runs for a bounded time (or a bounded number of requests), counts only what
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
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime() + 50_000_000L;
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        Latencies latencies = runWorkers(concurrency, route, errors, worker -> {
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                boolean ok = worker.post(body, reconnect);
                long t1 = System.nanoTime();
                if (ok && t0 >= measureFrom && t1 <= end) {
                    worker.recorder.record(t1 - t0);
                }
            }
        });
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
        AtomicLong errors = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime() + 50_000_000L;
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        double interval = 1e9 / ratePerSecond;
        Latencies latencies = runWorkers(connections, route, errors, worker -> {
            while (true) {
                long due = start + (long) (next.getAndIncrement() * interval);
                if (due >= end || System.nanoTime() - end > GIVE_UP_NANOS) {
                    return;
                }
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                if (worker.post(body, false) && due >= measureFrom) {
                    worker.recorder.record(System.nanoTime() - due);
                }
            }
        });
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("p99_ms", latencies.percentileMillis(99));
        m.put("offered_per_s", ratePerSecond);
        m.put("achieved_per_s", latencies.count() / (measure.toNanos() / 1e9));
        m.put("p50_ms", latencies.percentileMillis(50));
        m.put("p99_9_ms", latencies.percentileMillis(99.9));
        m.put("errors", (double) errors.get());
        return m;
    }

    /**
     * (f) Small POSTs at a fixed rate (as in {@link #fixedRate}), first with nothing else going on, then while
     * {@code uploaders} threads each upload {@code pdf} ({@code application/pdf}, so that Sieve extracts and scans its
     * text) back to back on connections of their own: p99 of each phase and their ratio, the goal being at most 2.
     */
    Map<String, Double> mixedLoad(Route route, double ratePerSecond, int connections, byte[] small, byte[] pdf,
            int uploaders) throws InterruptedException {
        Map<String, Double> idle = fixedRate(route, ratePerSecond, connections, small);
        Uploaders load = Uploaders.start(route, pdf, uploaders);
        long t0 = System.nanoTime();
        long before = load.uploads.get();
        Map<String, Double> mixed = fixedRate(route, ratePerSecond, connections, small);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long done = load.uploads.get() - before;
        load.stop();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("p99_ratio", mixed.get("p99_ms") / idle.get("p99_ms"));
        m.put("idle_p99_ms", idle.get("p99_ms"));
        m.put("mixed_p99_ms", mixed.get("p99_ms"));
        m.put("idle_p50_ms", idle.get("p50_ms"));
        m.put("mixed_p50_ms", mixed.get("p50_ms"));
        m.put("achieved_per_s", mixed.get("achieved_per_s"));
        m.put("pdf_uploads_per_s", done / seconds);
        m.put("errors", idle.get("errors") + mixed.get("errors"));
        m.put("upload_errors", (double) load.errors.get());
        return m;
    }

    /** Uploads {@code pdf} on {@code uploaders} connections back to back for {@code duration}: uploads answered 200. */
    long pdfUploadsFor(Route route, byte[] pdf, int uploaders, Duration duration) throws InterruptedException {
        Uploaders load = Uploaders.start(route, pdf, uploaders);
        Thread.sleep(duration.toMillis());
        load.stop();
        return load.uploads.get();
    }

    /** Threads that upload a PDF back to back, each on a connection of its own, until stopped. */
    private static final class Uploaders {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong uploads = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final List<Thread> threads = new ArrayList<>();

        /** Starts {@code count} uploaders and returns once each is connected and sending its first upload. */
        static Uploaders start(Route route, byte[] pdf, int count) throws InterruptedException {
            Uploaders u = new Uploaders();
            CountDownLatch sending = new CountDownLatch(count);
            for (int i = 0; i < count; i++) {
                Thread t = new Thread(() -> uploadUntil(route, pdf, u.stop, sending, u.uploads, u.errors),
                        "upload-" + route.name() + "-" + i);
                t.setDaemon(true);
                t.start();
                u.threads.add(t);
            }
            sending.await();
            return u;
        }

        /** Stops the uploaders after their current upload and waits for them. */
        void stop() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    /** Uploads {@code pdf} again and again on one connection until {@code stop}; counts the answered 200s. */
    private static void uploadUntil(Route route, byte[] pdf, AtomicBoolean stop, CountDownLatch sending,
            AtomicLong uploads, AtomicLong errors) {
        Http1Connection conn = null;
        boolean first = true;
        try {
            while (!stop.get()) {
                try {
                    if (conn == null) {
                        conn = route.open();
                    }
                    if (first) {
                        first = false;
                        sending.countDown(); // connected: its first upload goes out now
                    }
                    int status = conn.post("/upload", "application/pdf", pdf, 1);
                    if (status == 200) {
                        uploads.incrementAndGet();
                    } else {
                        reportFirstError(errors, route, "pdf upload: status " + status);
                    }
                } catch (IOException e) {
                    reportFirstError(errors, route, "pdf upload: " + e);
                    closeQuietly(conn);
                    conn = null;
                }
            }
        } finally {
            if (first) {
                sending.countDown();
            }
            closeQuietly(conn);
        }
    }

    /** Runs {@code loop} on {@code threads} workers of one route and returns their merged latencies. */
    private static Latencies runWorkers(int threads, Route route, AtomicLong errors, Consumer<Worker> loop)
            throws InterruptedException {
        Latencies latencies = new Latencies();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                Worker worker = new Worker(route, errors);
                try {
                    loop.accept(worker);
                } finally {
                    closeQuietly(worker.conn);
                    worker.recorder.mergeInto(latencies);
                    done.countDown();
                }
            }, "load-" + route.name() + "-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        return latencies;
    }

    /** One load thread's connection (opened on first use, dropped after an error) and latency samples. */
    private static final class Worker {
        final Route route;
        final AtomicLong errors;
        final Latencies.Recorder recorder = new Latencies.Recorder();
        Http1Connection conn;

        Worker(Route route, AtomicLong errors) {
            this.route = route;
            this.errors = errors;
        }

        /** One small POST; true when answered 200. Errors are counted (the first is printed). */
        boolean post(byte[] body, boolean reconnect) {
            try {
                if (conn == null) {
                    conn = route.open();
                }
                int status = conn.post("/v1/messages", "application/json", body, 1);
                if (reconnect) {
                    conn.close();
                    conn = null;
                }
                if (status != 200) {
                    reportFirstError(errors, route, "status " + status);
                    return false;
                }
                return true;
            } catch (IOException e) {
                reportFirstError(errors, route, e.toString());
                closeQuietly(conn);
                conn = null;
                return false;
            }
        }
    }

    /** (b) Sequential uploads of {@code mib} MiB each on one connection after one warmup upload: MB/s. */
    Map<String, Double> uploads(Route route, int mib, int count) throws IOException {
        byte[] chunk = new byte[1024 * 1024];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) ('a' + i % 26);
        }
        return uploads(route, "application/octet-stream", chunk, mib, count);
    }

    /**
     * (b) {@code count} uploads of {@code body} repeated {@code repeat} times, as {@code contentType}, one after
     * another on one connection after one warmup upload: MB/s.
     */
    Map<String, Double> uploads(Route route, String contentType, byte[] body, int repeat, int count)
            throws IOException {
        try (Http1Connection conn = route.open()) {
            requireOk(conn.post("/upload", contentType, body, repeat), "warmup upload");
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                requireOk(conn.post("/upload", contentType, body, repeat), "upload");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("MB_per_s", (double) count * repeat * body.length / 1e6 / seconds);
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
