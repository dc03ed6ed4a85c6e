package dev.sieve.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sieve.bench.fixture.Bodies;
import dev.sieve.bench.fixture.InputKind;
import dev.sieve.certs.CertificateAuthority;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The end-to-end load harness: one command that measures, in one run with the same client and the same upstream,
 * a direct TLS connection to a local fake model endpoint, Sieve in inspect mode (CONNECT, TLS terminated and
 * re-originated) and Sieve in passthrough mode (CONNECT tunnel), on four workloads: (a) 2 KiB JSON POSTs over
 * keep-alive at concurrency 16 and 64, (b) large uploads, (c) a new connection per request, (d) time to the first
 * SSE event. Sieve runs as a child process so its CPU seconds and resident memory are its own. Everything binds
 * to 127.0.0.1 and stops by itself; results go to {@code OUT/load.md} and {@code OUT/load.json}.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.sieve.bench.load.LoadHarness [--quick] [--out DIR]}
 * (full: about 3 minutes; quick: about 1 minute).
 */
public final class LoadHarness {

    private static final String API = "api.sieve.bench";
    private static final String PASS = "pass.sieve.bench";

    private LoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int outIndex = List.of(args).indexOf("--out");
        Path out = Path.of(outIndex >= 0 && outIndex + 1 < args.length ? args[outIndex + 1] : "bench/results");
        Settings settings = quick
                ? new Settings(Duration.ofSeconds(1), Duration.ofSeconds(3), 16, 2, 50)
                : new Settings(Duration.ofSeconds(3), Duration.ofSeconds(10), 50, 3, 200);
        Files.createDirectories(out);
        Path dir = Files.createTempDirectory("sieve-load");
        List<Map<String, Object>> results = new ArrayList<>();
        CertificateAuthority upstreamCa = CertificateAuthority.loadOrCreate(dir.resolve("upstream-ca"),
                Clock.systemUTC());
        try (FakeModelEndpoint api = new FakeModelEndpoint(TlsMaterial.server(upstreamCa, API), 16);
                FakeModelEndpoint pass = new FakeModelEndpoint(TlsMaterial.server(upstreamCa, PASS), 16);
                ProxyProcess sieve = ProxyProcess.startSieve(dir, sieveConfig(dir, upstreamCa, api.port(),
                        pass.port()), sieveJvmArgs())) {
            SSLContext trustUpstream = TlsMaterial.client(List.of(upstreamCa.certificate()));
            SSLContext trustSieve = TlsMaterial.client(List.of(readCertificate(sieve.caCertificate())));
            List<Route> routes = List.of(
                    new Route("direct", API, api.port(), null, trustUpstream),
                    new Route("sieve-inspect", API, api.port(), sieve.address(), trustSieve),
                    new Route("sieve-passthrough", PASS, pass.port(), sieve.address(), trustUpstream));
            byte[] small = Bodies.generate(InputKind.JSON, 2048, false).wire();
            Workloads w = new Workloads(settings.warmup(), settings.measure());
            for (int concurrency : new int[] {16, 64}) {
                for (Route r : routes) {
                    results.add(measure("small-posts c=" + concurrency, r, sieve,
                            () -> w.smallPosts(r, concurrency, small)));
                }
            }
            for (Route r : routes) {
                results.add(measure("uploads " + settings.uploadMiB() + " MiB", r, sieve,
                        () -> w.uploads(r, settings.uploadMiB(), settings.uploads())));
            }
            for (Route r : routes) {
                results.add(measure("new-connections c=8", r, sieve, () -> w.newConnections(r, 8, small)));
            }
            for (Route r : routes) {
                results.add(measure("sse", r, sieve, () -> w.sse(r, small, settings.sseRequests())));
            }
        } finally {
            deleteTree(dir);
        }
        String markdown = Report.markdown(results, settings.describe());
        Files.writeString(out.resolve("load.md"), markdown, StandardCharsets.UTF_8);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("load.json").toFile(), Map.of("settings", settings.describe(),
                        "finished", Instant.now().toString(), "results", results));
        System.out.println(markdown);
    }

    private interface Measurement {
        Map<String, Double> run() throws Exception;
    }

    private static Map<String, Object> measure(String workload, Route route, ProxyProcess sieve, Measurement m)
            throws Exception {
        boolean viaSieve = route.proxy() != null;
        double cpuBefore = viaSieve ? sieve.cpuSeconds() : 0;
        Map<String, Double> metrics = new LinkedHashMap<>(m.run());
        if (viaSieve) {
            metrics.put("proxy_cpu_s", sieve.cpuSeconds() - cpuBefore);
            double[] memory = sieve.memoryMiB();
            metrics.put("proxy_rss_mib", memory[0]);
            metrics.put("proxy_peak_rss_mib", memory[1]);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("workload", workload);
        row.put("route", route.name());
        row.put("metrics", metrics);
        System.err.println(workload + " " + route.name() + " " + metrics);
        return row;
    }

    /** {@code -Xmx2g} plus the space-separated {@code sieve.load.jvmArgs} property (e.g. JFR or logging options). */
    private static List<String> sieveJvmArgs() {
        List<String> jvmArgs = new ArrayList<>(List.of("-Xmx2g"));
        String extra = System.getProperty("sieve.load.jvmArgs", "").trim();
        if (!extra.isEmpty()) {
            jvmArgs.addAll(List.of(extra.split("\\s+")));
        }
        return jvmArgs;
    }

    private static String sieveConfig(Path dir, CertificateAuthority upstreamCa, int apiPort, int passPort) {
        return """
                proxy:
                  listen: 127.0.0.1:0
                  connectTimeout: 5s
                  responseTimeout: 60s
                dataDir: %s
                upstream:
                  extraCaFiles: [%s]
                  resolve:
                    %s: 127.0.0.1
                    %s: 127.0.0.1
                inspection:
                  maxBodyBytes: 64MiB
                allow:
                  - { host: %s, ports: [%d], privateAddresses: true }
                  - { host: %s, ports: [%d], privateAddresses: true, mode: passthrough }
                """.formatted(dir.resolve("sieve-data"), upstreamCa.certificateFile().orElseThrow(), API, PASS,
                API, apiPort, PASS, passPort);
    }

    private static X509Certificate readCertificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Durations and counts of one run. */
    record Settings(Duration warmup, Duration measure, int uploadMiB, int uploads, int sseRequests) {
        String describe() {
            return "warmup " + warmup.toSeconds() + " s, measure " + measure.toSeconds() + " s per point; uploads "
                    + uploads + " x " + uploadMiB + " MiB after 1 warmup; SSE " + sseRequests + " requests";
        }
    }
}
