package dev.sieve.bench.load;

import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Small POSTs with the JDK HttpClient through a proxy's {@code CONNECT} tunnel, over HTTP/1.1 or h2, for the h1 and
 * h2 rates of the same route. h2load, the usual h2 load generator, cannot use an HTTP proxy, and an agent's h2 goes
 * through Sieve's tunnel; the JDK client is what Java agents and SDKs use, so it drives both protocols here, alike:
 * {@code concurrency} threads in a closed loop, each sending its next request when the last is answered. Over
 * HTTP/1.1 the client opens one connection per thread; over h2 it multiplexes all of them on one connection (streams),
 * as agents do.
 *
 * <p>The two protocols are measured in alternating rounds ({@link #interleaved}), so that drift on a shared machine
 * hits both alike; each protocol's rate is the median of its rounds, its latencies are pooled over them.
 */
final class JdkClientPosts {

    private JdkClientPosts() {
    }

    /**
     * {@code rounds} rounds of HTTP/1.1 then h2 on {@code route}, each round {@code warmup} then {@code measure};
     * results keyed {@code h1} and {@code h2}: {@code req_per_s} (median of the rounds), {@code p50_ms},
     * {@code p99_ms}, {@code errors} (failed requests and answers in the wrong protocol).
     */
    static Map<String, Map<String, Double>> interleaved(Route route, int concurrency, byte[] body, Duration warmup,
            Duration measure, int rounds) throws Exception {
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, Latencies> latencies = new LinkedHashMap<>();
        Map<String, AtomicLong> errors = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
                String key = version == HttpClient.Version.HTTP_2 ? "h2" : "h1";
                Latencies l = latencies.computeIfAbsent(key, k -> new Latencies());
                int before = l.count();
                run(version, route, concurrency, body, warmup, measure, l,
                        errors.computeIfAbsent(key, k -> new AtomicLong()));
                double rate = (l.count() - before) / (measure.toNanos() / 1e9);
                rates.computeIfAbsent(key, k -> new ArrayList<>()).add(rate);
                System.err.printf(java.util.Locale.ROOT, "jdk-posts %s round %d: %.0f req/s%n", key, round + 1, rate);
            }
        }
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        for (String key : rates.keySet()) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("req_per_s", median(rates.get(key)));
            m.put("p50_ms", latencies.get(key).percentileMillis(50));
            m.put("p99_ms", latencies.get(key).percentileMillis(99));
            m.put("errors", (double) errors.get(key).get());
            results.put(key, m);
        }
        return results;
    }

    private static void run(HttpClient.Version version, Route route, int concurrency, byte[] body, Duration warmup,
            Duration measure, Latencies into, AtomicLong errors) throws InterruptedException {
        HttpClient.Builder builder = HttpClient.newBuilder().version(version).sslContext(route.tls())
                .connectTimeout(Duration.ofSeconds(5));
        if (route.proxy() != null) {
            builder.proxy(ProxySelector.of(route.proxy()));
        }
        HttpClient client = builder.build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + route.host() + ":" + route.port()
                + "/v1/messages")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int t = 0; t < concurrency; t++) {
            Thread thread = new Thread(() -> {
                Latencies.Recorder recorder = new Latencies.Recorder();
                try {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            ok = r.statusCode() == 200 && r.version() == version;
                        } catch (java.io.IOException e) {
                            ok = false;
                        }
                        long t1 = System.nanoTime();
                        if (!ok) {
                            errors.incrementAndGet();
                        } else if (t0 >= measureFrom && t1 <= end) {
                            recorder.record(t1 - t0);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    recorder.mergeInto(into);
                    done.countDown();
                }
            }, "jdk-posts-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
