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
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The end-to-end load harness: one command that measures, in one run with the same client and the same upstream,
 * a direct TLS connection to a local fake model endpoint, Sieve in inspect mode (CONNECT, TLS terminated and
 * re-originated), Sieve in passthrough mode (CONNECT tunnel) and, when installed, the peers of {@link Peers}
 * (mitmproxy plain and with a DLP addon, Squid ssl-bump, Squid as a plain CONNECT tunnel, and nginx terminating TLS
 * and re-encrypting without CONNECT or inspection as the ceiling for inspect; a missing or failing peer is skipped
 * with a note in the report), on these workloads: (a) 2 KiB JSON POSTs over keep-alive at concurrency 16 and 64,
 * (b) large uploads, (c) a new connection per request, (d) time to the first SSE event, (e) half of Sieve's peak rate, and (f) p99 of
 * small POSTs idle and while eight 20 MiB PDFs are uploaded and inspected ({@code mixed-load}), and (g) small POSTs
 * with the JDK HttpClient over HTTP/1.1 and over h2 through Sieve's CONNECT tunnel, in alternating rounds
 * ({@code h1-h2}, {@link JdkClientPosts}; the fake endpoint speaks HTTP/1.1, so only Sieve inspect has h2 to offer). Every proxy runs as
 * a child process so its CPU seconds and resident memory are its own. Everything binds to 127.0.0.1 and stops by itself; results go to {@code OUT/load.md} and {@code OUT/load.json}.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.sieve.bench.load.LoadHarness [--quick] [--out DIR]
 * [--routes direct,sieve-inspect,...,nginx-ceiling]
 * [--workloads small-posts,half-load,uploads,new-connections,sse,mixed-load,h1-h2]
 * [--repeat N]
 * [--jit-warmup SECONDS]} (full with all peers: about 6 minutes per run; quick: about 2
 * minutes). With {@code --repeat N} the whole sequence runs N times against the same processes and every reported
 * value is the median of its N runs (each run is kept in the JSON file).
 */
public final class LoadHarness {

    static final String API = "api.sieve.bench";
    private static final String PASS = "pass.sieve.bench";
    private static final List<String> ROUTES = List.of("direct", "sieve-inspect", "sieve-passthrough", "mitmproxy",
            "mitmproxy-dlp", "squid-bump", "squid-connect", "nginx-ceiling");

    private static final List<String> WORKLOADS = List.of("small-posts", "half-load", "uploads", "new-connections",
            "sse", "mixed-load", "h1-h2");
    /** The h1-h2 workload: alternating rounds of HTTP/1.1 and h2 small POSTs with the JDK client, at this concurrency. */
    private static final int H1_H2_ROUNDS = 3;
    private static final int H1_H2_CONCURRENCY = 16;
    /** The mixed-load workload: this many concurrent uploads of a PDF of this size, small POSTs at this rate. */
    private static final int MIXED_UPLOADERS = 8;
    private static final int MIXED_PDF_BYTES = 20 * 1024 * 1024;
    private static final double MIXED_RATE = 20;

    private LoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        List<String> argList = List.of(args);
        boolean quick = argList.contains("--quick");
        Path out = Path.of(option(argList, "--out", "bench/results"));
        Set<String> only = Set.of(option(argList, "--routes", String.join(",", ROUTES)).split(","));
        Set<String> workloads = Set.of(option(argList, "--workloads", String.join(",", WORKLOADS)).split(","));
        if (!WORKLOADS.containsAll(workloads)) {
            throw new IllegalArgumentException("--workloads: " + workloads + " (expected: some of " + WORKLOADS + ")");
        }
        Settings settings = quick
                ? new Settings(Duration.ofSeconds(1), Duration.ofSeconds(3), 16, 2, 50, Duration.ofSeconds(8))
                : new Settings(Duration.ofSeconds(3), Duration.ofSeconds(10), 50, 3, 200, Duration.ofSeconds(40));
        String jitWarmup = option(argList, "--jit-warmup", null);
        if (jitWarmup != null) {
            settings = settings.withJitWarmup(Duration.ofSeconds(Long.parseLong(jitWarmup)));
        }
        Files.createDirectories(out);
        Path dir = Files.createTempDirectory("sieve-load");
        int repeat = Integer.parseInt(option(argList, "--repeat", "1"));
        if (repeat < 1 || repeat > 9) {
            throw new IllegalArgumentException("--repeat: " + repeat + " (expected: 1 to 9)");
        }
        List<List<Map<String, Object>>> runs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, List<Double>> rssAfterRun = new LinkedHashMap<>();
        Deque<AutoCloseable> running = new ArrayDeque<>();
        try {
            CertificateAuthority upstreamCa = CertificateAuthority.loadOrCreate(dir.resolve("upstream-ca"),
                    Clock.systemUTC());
            Path upstreamCaPem = upstreamCa.certificateFile().orElseThrow();
            FakeModelEndpoint api = started(running, new FakeModelEndpoint(TlsMaterial.server(upstreamCa, API), 16));
            FakeModelEndpoint pass = started(running, new FakeModelEndpoint(TlsMaterial.server(upstreamCa, PASS),
                    16));
            ProxyProcess sieve = started(running, ProxyProcess.startSieve(dir, sieveConfig(dir, upstreamCa,
                    api.port(), pass.port(), ProxyProcess.freePort()), sieveJvmArgs()));
            SSLContext trustUpstream = TlsMaterial.client(List.of(upstreamCa.certificate()));
            List<Target> targets = new ArrayList<>(List.of(
                    new Target(new Route("direct", API, api.port(), null, trustUpstream), null),
                    new Target(new Route("sieve-inspect", API, api.port(), sieve.address(),
                            trustFor(sieve)), sieve),
                    new Target(new Route("sieve-passthrough", PASS, pass.port(), sieve.address(), trustUpstream),
                            sieve)));
            Map<String, String> resolve = Map.of(API, "127.0.0.1", PASS, "127.0.0.1");
            for (String peer : List.of("mitmproxy", "mitmproxy-dlp", "squid-bump", "squid-connect", "nginx-ceiling")) {
                if (!only.contains(peer)) {
                    continue;
                }
                String binary = peer.startsWith("mitmproxy") ? "mitmdump"
                        : peer.startsWith("squid") ? "squid" : "nginx";
                boolean tunnel = peer.equals("squid-connect");
                Optional<Path> executable = Peers.find(binary);
                if (executable.isEmpty()) {
                    notes.add(peer + ": skipped, `" + binary + "` not installed");
                    continue;
                }
                try {
                    Path peerDir = dir.resolve(peer);
                    ProxyProcess process = started(running, switch (binary) {
                        case "squid" -> Peers.squid(executable.get(), peerDir, upstreamCaPem, resolve, !tunnel);
                        case "nginx" -> Peers.nginx(executable.get(), peerDir, upstreamCaPem, API, api.port());
                        default -> Peers.mitmproxy(executable.get(), peerDir, upstreamCaPem, resolve,
                                peer.equals("mitmproxy-dlp"));
                    });
                    Route route;
                    if (tunnel) { // squid-connect tunnels to the passthrough endpoint, as Sieve's passthrough does
                        route = new Route(peer, PASS, pass.port(), process.address(), trustUpstream);
                    } else if (binary.equals("nginx")) { // no CONNECT: straight to nginx, asking for the same name
                        route = new Route(peer, API, process.address().getPort(), null, trustFor(process));
                    } else {
                        route = new Route(peer, API, api.port(), process.address(), trustFor(process));
                    }
                    targets.add(new Target(route, process));
                } catch (IOException | GeneralSecurityException e) {
                    notes.add(peer + ": skipped, did not start: " + e.getMessage().lines().findFirst().orElse(""));
                    System.err.println(peer + ": " + e.getMessage());
                }
            }
            targets.removeIf(t -> !only.contains(t.route().name()));
            byte[] small = Bodies.generate(InputKind.JSON, 2048, false).wire();
            Workloads w = new Workloads(settings.warmup(), settings.measure());
            warmUp(targets, settings, small, workloads.contains("mixed-load"));
            for (int run = 1; run <= repeat; run++) {
                System.err.println("== run " + run + " of " + repeat);
                runs.add(runOnce(targets, settings, w, small, workloads));
                for (Target t : targets) {
                    if (t.proxy() != null) {
                        rssAfterRun.computeIfAbsent(t.route().name(), k -> new ArrayList<>())
                                .add(t.proxy().memoryMiB()[0]);
                    }
                }
            }
        } finally {
            while (!running.isEmpty()) {
                running.pop().close();
            }
            deleteTree(dir);
        }
        List<Map<String, Object>> results = Medians.of(runs);
        String described = settings.describe() + (repeat > 1 ? "; median of " + repeat + " runs per value" : "");
        String markdown = Report.markdown(results, described, notes) + Report.memory(rssAfterRun);
        Files.writeString(out.resolve("load.md"), markdown, StandardCharsets.UTF_8);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("load.json").toFile(), Map.of("settings", described,
                        "finished", Instant.now().toString(), "notes", notes, "results", results, "runs", runs,
                        "proxy_rss_mib_after_each_run", rssAfterRun));
        System.out.println(markdown);
    }

    /** Every workload over every target once, routes interleaved per workload so that drift hits all alike. */
    private static List<Map<String, Object>> runOnce(List<Target> targets, Settings settings, Workloads w,
            byte[] small, Set<String> workloads) throws Exception {
        List<Map<String, Object>> results = new ArrayList<>();
        Map<String, Double> peak = new LinkedHashMap<>();
        if (workloads.contains("small-posts") || workloads.contains("half-load")) {
            for (int concurrency : new int[] {16, 64}) {
                for (Target t : targets) {
                    Map<String, Object> row = measure("small-posts c=" + concurrency, t,
                            () -> w.smallPosts(t.route(), concurrency, small));
                    results.add(row);
                    if (concurrency == 16) {
                        peak.put(t.route().name(), metric(row, "req_per_s"));
                    }
                }
            }
        }
        if (workloads.contains("half-load")) {
            // (e) half of Sieve inspect's peak, offered to every route alike: p99 added latency = p99 - direct p99
            Double inspectPeak = peak.get("sieve-inspect");
            for (Target t : targets) {
                double rate = Math.max(1, (inspectPeak != null ? inspectPeak : peak.get(t.route().name())) / 2);
                results.add(measure("half-load", t, () -> w.fixedRate(t.route(), rate, 16, small)));
            }
        }
        if (workloads.contains("uploads")) {
            for (Target t : targets) {
                results.add(measure("uploads " + settings.uploadMiB() + " MiB", t,
                        () -> w.uploads(t.route(), settings.uploadMiB(), settings.uploads())));
            }
            // (b) what agents upload: 30 MB of conversation JSON, and the same words as plain text
            for (AgentUpload u : agentUploads()) {
                for (Target t : targets) {
                    results.add(measure("uploads 30 MB " + u.name(), t,
                            () -> w.uploads(t.route(), u.contentType(), u.body(), 1, settings.uploads())));
                }
            }
        }
        if (workloads.contains("new-connections")) {
            for (Target t : targets) {
                results.add(measure("new-connections c=8", t, () -> w.newConnections(t.route(), 8, small)));
            }
        }
        if (workloads.contains("sse")) {
            for (Target t : targets) {
                results.add(measure("sse", t, () -> w.sse(t.route(), small, settings.sseRequests())));
            }
        }
        if (workloads.contains("mixed-load")) {
            // (f) p99 of small POSTs idle, then while 8 PDFs of 20 MiB are uploaded (and inspected) back to back
            byte[] pdf = mixedPdf();
            for (Target t : targets) {
                results.add(measure("mixed-load " + MIXED_UPLOADERS + " x 20 MiB PDF", t,
                        () -> w.mixedLoad(t.route(), MIXED_RATE, 8, small, pdf, MIXED_UPLOADERS)));
            }
        }
        if (workloads.contains("h1-h2")) {
            // (g) h1 and h2 through Sieve inspect: the other routes have no h2 to measure (the fake endpoint speaks
            // HTTP/1.1, which a tunnel carries as it is; Squid's ssl-bump offers HTTP/1.1 only)
            for (Target t : targets) {
                if (!t.route().name().equals("sieve-inspect")) {
                    continue;
                }
                Map<String, Map<String, Double>> both = new LinkedHashMap<>();
                Map<String, Object> probe = measure("jdk-posts c=" + H1_H2_CONCURRENCY, t, () -> {
                    both.putAll(JdkClientPosts.interleaved(t.route(), H1_H2_CONCURRENCY, small, settings.warmup(),
                            settings.measure(), H1_H2_ROUNDS));
                    return Map.of();
                });
                @SuppressWarnings("unchecked")
                Map<String, Double> proxyMetrics = (Map<String, Double>) probe.get("metrics");
                for (Map.Entry<String, Map<String, Double>> e : both.entrySet()) {
                    Map<String, Double> metrics = new LinkedHashMap<>(e.getValue());
                    metrics.put("proxy_rss_mib", proxyMetrics.get("proxy_rss_mib"));
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("workload", "jdk-posts " + e.getKey() + " c=" + H1_H2_CONCURRENCY);
                    row.put("route", t.route().name());
                    row.put("metrics", metrics);
                    results.add(row);
                }
            }
        }
        return results;
    }

    /** An agent-shaped upload of the {@code uploads} workload. */
    record AgentUpload(String name, String contentType, byte[] body) {
    }

    private static final int AGENT_UPLOAD_BYTES = 30_000_000;
    private static List<AgentUpload> agentUploads;

    /**
     * The agent-shaped uploads, made once per run: a coding agent's conversation as Messages JSON (many messages, code,
     * tool results) of 30 MB, and the words of its string values as {@code text/plain}, one value per line, cut at
     * 30 MB (not JSON, so Sieve does not sniff it as JSON).
     */
    static synchronized List<AgentUpload> agentUploads() {
        if (agentUploads == null) {
            byte[] json = Bodies.generate(InputKind.JSON, AGENT_UPLOAD_BYTES, false).wire();
            agentUploads = List.of(new AgentUpload("agent JSON", "application/json", json),
                    new AgentUpload("text", "text/plain; charset=utf-8", words(json, AGENT_UPLOAD_BYTES)));
        }
        return agentUploads;
    }

    /** The string values of {@code json}, one per line, repeated and cut at the last whole line within {@code size}. */
    static byte[] words(byte[] json, int size) {
        List<String> values = new ArrayList<>();
        try {
            collect(new ObjectMapper().readTree(json), values);
        } catch (IOException e) {
            throw new IllegalStateException("upload fixture: " + e.getMessage(), e);
        }
        StringBuilder text = new StringBuilder(size);
        while (text.length() < size) {
            for (String v : values) {
                text.append(v).append('\n');
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        int end = size;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return java.util.Arrays.copyOf(bytes, end);
    }

    private static void collect(com.fasterxml.jackson.databind.JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.textValue());
        }
        node.forEach(child -> collect(child, out));
    }

    private static byte[] mixedPdf;

    /** The mixed-load PDF, made once per run with PDFBox: agent text on 40 pages and an image up to 20 MiB. */
    private static synchronized byte[] mixedPdf() {
        if (mixedPdf == null) {
            mixedPdf = dev.sieve.bench.fixture.Pdfs.upload(MIXED_PDF_BYTES, 13);
            System.err.println("mixed-load: PDF of " + mixedPdf.length + " bytes");
        }
        return mixedPdf;
    }

    /**
     * Brings every route to a steady state before anything is measured: Sieve and the harness itself run on the JVM,
     * whose JIT compiler needs tens of seconds of load on two cores to finish compiling the hot paths (measured:
     * Sieve's small-POST rate kept rising for about a minute of load). Every route gets the same treatment: small
     * POSTs at c=16 for the warmup time, one upload, new connections for a quarter of the time; with
     * {@code mixedLoad} also the mixed-load PDF uploads for a quarter of it, so that the document path (PDF extraction,
     * the large lane) is compiled before the mixed phase is measured and not while it is (measured without: the JIT
     * compiler threads took 0.4 of Sieve's 2 cores during the mixed window). Nothing is recorded; the rates are printed
     * so that a still-rising curve can be seen.
     */
    private static void warmUp(List<Target> targets, Settings settings, byte[] small, boolean mixedLoad)
            throws Exception {
        if (settings.jitWarmup().isZero()) {
            return;
        }
        Duration slice = settings.jitWarmup().dividedBy(4);
        Workloads w = new Workloads(Duration.ZERO, slice);
        for (Target t : targets) {
            StringBuilder rates = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                rates.append(String.format(java.util.Locale.ROOT, " %.0f", w.smallPosts(t.route(), 16, small)
                        .get("req_per_s")));
            }
            w.uploads(t.route(), settings.uploadMiB(), 1);
            w.newConnections(t.route(), 8, small);
            String pdfs = "";
            if (mixedLoad) {
                pdfs = "; PDF uploads: " + w.pdfUploadsFor(t.route(), mixedPdf(), MIXED_UPLOADERS, slice);
            }
            System.err.println("warmup " + t.route().name() + ": small posts req/s per " + slice.toSeconds()
                    + " s:" + rates + pdfs);
        }
    }

    @SuppressWarnings("unchecked")
    private static double metric(Map<String, Object> row, String name) {
        return ((Map<String, Double>) row.get("metrics")).get(name);
    }

    /** A route and the proxy process behind it (null for direct). */
    private record Target(Route route, ProxyProcess proxy) {
    }

    private static <T extends AutoCloseable> T started(Deque<AutoCloseable> running, T resource) {
        running.push(resource);
        return resource;
    }

    private static SSLContext trustFor(ProxyProcess proxy) throws Exception {
        return TlsMaterial.client(List.of(readCertificate(proxy.caCertificate())));
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }

    private interface Measurement {
        Map<String, Double> run() throws Exception;
    }

    private static Map<String, Object> measure(String workload, Target target, Measurement m) throws Exception {
        ProxyProcess proxy = target.proxy();
        Route route = target.route();
        double cpuBefore = proxy != null ? proxy.cpuSeconds() : 0;
        Map<String, Double> metrics = new LinkedHashMap<>(m.run());
        if (proxy != null) {
            metrics.put("proxy_cpu_s", proxy.cpuSeconds() - cpuBefore);
            double[] memory = proxy.memoryMiB();
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

    /**
     * Sieve's configuration for the harness: the two fake endpoints allowlisted (inspect and passthrough), their CA
     * trusted, the admin listener on {@code adminPort} (not the default 9090, which another Sieve may hold), bodies up
     * to 64 MiB, one agent allowed the whole in-flight budget (every load thread is the same client address), PDF
     * text extraction and decoding allowed 60 s (on a shared machine the default 2 s fails the mixed-load PDFs),
     * everything else default (the full rule pack, the audit log, metrics).
     */
    static String sieveConfig(Path dir, CertificateAuthority upstreamCa, int apiPort, int passPort, int adminPort) {
        return """
                proxy:
                  listen: 127.0.0.1:0
                  connectTimeout: 5s
                  responseTimeout: 60s
                  workerThreads: %s
                admin:
                  listen: 127.0.0.1:%d
                dataDir: %s
                upstream:
                  extraCaFiles: [%s]
                  resolve:
                    %s: 127.0.0.1
                    %s: 127.0.0.1
                inspection:
                  maxBodyBytes: 64MiB
                  maxBodyBytesInFlightPerAgent: 100%%
                  limits:
                    maxPdfTime: 60s
                    maxDecodeTime: 60s
                allow:
                  - { host: %s, ports: [%d], privateAddresses: true }
                  - { host: %s, ports: [%d], privateAddresses: true, mode: passthrough }
                """.formatted(Integer.getInteger("sieve.load.workerThreads", 0), adminPort, dir.resolve("sieve-data"),
                upstreamCa.certificateFile().orElseThrow(), API, PASS,
                API, apiPort, PASS, passPort);
    }

    static X509Certificate readCertificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Durations and counts of one run. */
    record Settings(Duration warmup, Duration measure, int uploadMiB, int uploads, int sseRequests,
            Duration jitWarmup) {
        String describe() {
            return "JIT warmup " + jitWarmup.toSeconds() + " s per route before the first run; warmup "
                    + warmup.toSeconds() + " s, measure " + measure.toSeconds() + " s per point; uploads "
                    + uploads + " x " + uploadMiB + " MiB after 1 warmup; SSE " + sseRequests + " requests; "
                    + "half-load: 16 connections at half of sieve-inspect's c=16 rate";
        }

        Settings withJitWarmup(Duration d) {
            return new Settings(warmup, measure, uploadMiB, uploads, sseRequests, d);
        }
    }
}
