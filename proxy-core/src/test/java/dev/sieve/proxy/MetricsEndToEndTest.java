package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.testing.AuditStdoutGate;
import dev.sieve.proxy.testing.MetricsScrape;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import dev.sieve.proxy.testing.RecordingUpstream;
import dev.sieve.proxy.testing.RsyslogServer;
import dev.sieve.proxy.testing.TestTls;
import dev.sieve.proxy.testing.WebSocketEndpoint;
import dev.sieve.proxy.testing.WebhookReceiver;
import java.io.UncheckedIOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric docs/deploy.md documents moves when its event happens in a running Sieve: the names are read from
 * the document, so a newly documented metric is covered without touching this test. Sieves: one for the
 * traffic (allow, block, redact, refusal, upstream error, tunnels, certificates, rule reload, kill switch, audit
 * rotation), two whose audit writer is stalled through {@code audit.stdout} (a full queue under
 * {@code overflow: block} and {@code drop}, then a failing write), one with connection limits, and one whose
 * inspection pool is saturated (a worker busy, the queue full, a request waiting and refused). The dashboard's queries must name metrics that
 * exist and are documented.
 */
class MetricsEndToEndTest {
    private static final Path DEPLOY_DOC = Path.of("..", "docs", "deploy.md");
    private static final Path DASHBOARD = Path.of("..", "helm", "sieve", "files", "sieve-dashboard.json");
    private static final Pattern METRIC_NAME = Pattern.compile("\\bsieve_[a-z0-9_]+\\b");
    /** A bound, not a pause: a rule reload of the whole pack took over 30 s on a loaded 2-core machine. */
    private static final Duration WAIT = Duration.ofSeconds(90);

    /** Documented metrics this test cannot move, each with the reason. Keep it empty where at all possible. */
    private static final Map<String, String> NOT_DRIVEN = Map.of(
            "sieve_fleet_state_degraded", "needs a redis-server stopped mid-test: FleetBudgetEndToEndTest moves it",
            "sieve_fleet_state_errors_total", "needs a redis-server stopped mid-test: FleetBudgetEndToEndTest moves it",
            "sieve_fleet_state_fallbacks_total",
            "needs a redis-server stopped mid-test: FleetBudgetEndToEndTest moves it",
            "sieve_conversation_state_fallbacks_total",
            "needs a redis-server stopped mid-test: FleetConversationEndToEndTest moves it",
            "sieve_alert_events_dropped_total",
            "needs the behaviour detector's queue full while it is held: BehaviourMonitorTest moves it");

    @TempDir
    static Path dir;

    /** Metrics some scrape (of any of the Sieves) showed different from that Sieve's first scrape. */
    static final Set<String> moved = new TreeSet<>();
    static MetricsScrape trafficScrape;
    static MetricsScrape trafficBaseline;

    @BeforeAll
    static void driveEveryEvent() throws Exception {
        trafficSieve();
        stalledAuditSieve("block");
        stalledAuditSieve("drop");
        limitedSieve();
        saturatedInspectionSieve();
        webhookSieve();
        exportSieve();
    }

    @Test
    void everyDocumentedMetricMoves() throws Exception {
        Set<String> documented = documentedMetrics();
        assertThat(documented).as("metric names found in docs/deploy.md")
                .contains("sieve_requests_total", "sieve_scan_bytes_total", "sieve_certificates_total");
        assertThat(NOT_DRIVEN.keySet()).as("exemptions name documented metrics").isSubsetOf(documented);

        Set<String> expected = new TreeSet<>(documented);
        expected.removeAll(NOT_DRIVEN.keySet());
        assertThat(moved).as("metrics that moved").containsAll(expected);
    }

    @Test
    void scanMetricsCountTheScannedBodiesAndCertificatesCountMintsAndHits() {
        assertThat(trafficScrape.total("sieve_scan_bytes_total") - trafficBaseline.total("sieve_scan_bytes_total"))
                .as("bytes scanned: at least the bodies posted").isGreaterThanOrEqualTo(POSTED_BYTES);
        assertThat(trafficScrape.total("sieve_scan_duration_seconds"))
                .as("one scan per inspected request with a body").isGreaterThanOrEqualTo(4);
        assertThat(trafficScrape.value("sieve_certificates_total{result=\"mint\"}")).isGreaterThanOrEqualTo(1);
        assertThat(trafficScrape.value("sieve_certificates_total{result=\"hit\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theDashboardQueriesOnlyMetricsThatExistAndAreDocumented() throws Exception {
        Set<String> queried = new TreeSet<>();
        for (JsonNode expr : new ObjectMapper().readTree(DASHBOARD.toFile()).findValues("expr")) {
            Matcher m = METRIC_NAME.matcher(expr.asText());
            while (m.find()) {
                queried.add(m.group().replaceFirst("_(bucket|count|sum)$", ""));
            }
        }
        assertThat(queried).as("metrics the dashboard queries").isNotEmpty();
        assertThat(trafficScrape.names()).as("metrics a running Sieve exports").containsAll(queried);
        assertThat(documentedMetrics()).as("metrics docs/deploy.md documents").containsAll(queried);
    }

    static Set<String> documentedMetrics() throws Exception {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC_NAME.matcher(Files.readString(DEPLOY_DOC));
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The traffic Sieve

    static long POSTED_BYTES;

    static void trafficSieve() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("traffic-rules"));
        Files.writeString(rules.resolve("rules.yaml"),
                rules("source-code.zebra=block=PROJECT-ZEBRA", "source-code.lynx=redact=PROJECT-LYNX"));
        try (WebSocketEndpoint ws = new WebSocketEndpoint(false);
                ProxyTestEnv env = new ProxyTestEnv(Files.createDirectories(dir.resolve("traffic")), "",
                "rules: { dir: " + rules + ", reloadInterval: 200ms }\naudit: { maxFileBytes: 4KiB, anchors: { file: "
                        + dir.resolve("anchors.jsonl") + " } }\n"
                        + "budgets: { destinations: [ { agent: \"*\", host: api.anthropic.com, rpm: 1 } ] }\n"
                        + "alerts: { newDestinations: { warmUp: 0s } }",
                "- { host: ws.sieve.test, ports: [" + ws.port() + "], privateAddresses: true, websocket: true }",
                null)) {
            ws.tls(TestTls.serverContext(env.upstreamCa, "ws.sieve.test"));
            Scrapes scrapes = new Scrapes(env);
            trafficBaseline = scrapes.baseline;
            HttpClient http = HttpClient.newBuilder().proxy(ProxySelector.of(env.proxy())).sslContext(env.agentTls())
                    .connectTimeout(Duration.ofSeconds(5)).build();

            // A tunnel held open (connections, tunnels, a minted certificate), and a body held for inspection.
            try (RawClient tunnel = new RawClient(env.proxy())) {
                assertThat(tunnel.connect("api.sieve.test:" + env.api.port()).status()).isEqualTo(200);
                tunnel.startTls(env.agentTls(), "api.sieve.test", "api.sieve.test", env.api.port());
                String body = "x".repeat(2000);
                tunnel.send("POST /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                        + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n"
                        + body.substring(0, 1000));
                scrapes.awaitMove("sieve_body_bytes_in_flight");
                scrapes.take();
                tunnel.send(body.substring(1000));
                assertThat(tunnel.readResponse(false).status()).isEqualTo(200);
                POSTED_BYTES += body.length();
                scrapes.take();
            }
            // An upload that goes upstream while it is inspected: the upstream has its head while the agent still
            // holds half of the body (the clean prefix passed 64 KiB).
            try (RawClient streamed = new RawClient(env.proxy())) {
                assertThat(streamed.connect("api.sieve.test:" + env.api.port()).status()).isEqualTo(200);
                streamed.startTls(env.agentTls(), "api.sieve.test", "api.sieve.test", env.api.port());
                byte[] body = "The agent reads the quarterly report and writes a summary of it for the team.\n"
                        .repeat(8000).getBytes(StandardCharsets.US_ASCII);
                int heads = env.api.heads();
                streamed.send("POST /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                        + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\n\r\n");
                streamed.send(java.util.Arrays.copyOfRange(body, 0, body.length / 2));
                RecordingUpstream.await(() -> env.api.heads() > heads, "the upload's head reaches the upstream");
                streamed.send(java.util.Arrays.copyOfRange(body, body.length / 2, body.length));
                assertThat(streamed.readResponse(false).status()).isEqualTo(200);
                POSTED_BYTES += body.length;
            }
            scrapes.awaitMove("sieve_streamed_uploads_total");
            scrapes.awaitMove("sieve_streamed_sent_before_verdict_bytes");
            // Allowed, blocked and redacted uploads over a second tunnel (its certificate: a cache hit).
            assertThat(post(http, env, "an ordinary prompt").statusCode()).isEqualTo(200);
            assertThat(post(http, env, "what is PROJECT-ZEBRA?").statusCode()).isEqualTo(403);
            assertThat(post(http, env, "notes on PROJECT-LYNX").statusCode()).isEqualTo(200);
            assertThat(env.api.last().bodyText()).doesNotContain("PROJECT-LYNX");
            // The agent's first use of api.sieve.test: a new_destination alert, with its time to detect.
            scrapes.awaitMove("sieve_alerts_total");
            scrapes.awaitMove("sieve_alert_time_to_detect_seconds");
            // A conversation whose second turn re-sends the redacted word: a repeat, not a second detection.
            String turn = "{\"model\":\"m\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"notes on PROJECT-LYNX\"}";
            assertThat(postJson(http, env, turn + "]}").statusCode()).isEqualTo(200);
            assertThat(postJson(http, env, turn + ",{\"role\":\"assistant\",\"content\":\"ok\"},"
                    + "{\"role\":\"user\",\"content\":\"go on\"}]}").statusCode()).isEqualTo(200);
            // A WebSocket message, inspected.
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create("wss://ws.sieve.test:" + ws.port()
                    + "/ws"), new WebSocket.Listener() { }).get(10, java.util.concurrent.TimeUnit.SECONDS);
            socket.sendText("an ordinary event", true).get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(ws.next(10_000)).isEqualTo("an ordinary event");
            socket.abort();
            scrapes.take();
            // An h2 stream the codec resets itself (a connection-specific header field).
            try (RawClient raw = new RawClient(env.proxy())) {
                String authority = "api.sieve.test:" + env.api.port();
                assertThat(raw.connect(authority).status()).isEqualTo(200);
                assertThat(raw.startTlsAlpn(env.agentTls(), "api.sieve.test", env.api.port(), "h2")).isEqualTo("h2");
                dev.sieve.proxy.testing.H2Wire h2 = new dev.sieve.proxy.testing.H2Wire(raw).preface();
                h2.frame(dev.sieve.proxy.testing.H2Wire.HEADERS, dev.sieve.proxy.testing.H2Wire.END_HEADERS
                        | dev.sieve.proxy.testing.H2Wire.END_STREAM, 1, dev.sieve.proxy.testing.H2Wire.request("GET",
                        authority, "/echo", "connection", "close"));
                assertThat(h2.await(1).reset()).isTrue();
            }
            scrapes.awaitMove("sieve_http2_stream_resets_total");
            // A refusal: not on the allowlist (port 8443: a plain CONNECT 403, not explained inside the tunnel).
            try (RawClient c = new RawClient(env.proxy())) {
                assertThat(c.connect("evil.example.com:8443").status()).isEqualTo(403);
            }
            // A budget rejection: one request per minute to api.anthropic.com, the second is refused (429).
            for (int expected : new int[] {200, 429}) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create("https://api.anthropic.com:"
                        + env.anthropic.port() + "/echo")).POST(HttpRequest.BodyPublishers.ofString("hi")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(expected);
            }
            // An upstream error: nothing listens at down.sieve.test.
            assertThat(http.send(HttpRequest.newBuilder(URI.create("https://down.sieve.test:" + env.downPort + "/"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(502);
            scrapes.take();
            // A rule reload.
            Files.writeString(rules.resolve("more.yaml"), rules("source-code.heron=block=PROJECT-HERON"));
            scrapes.awaitMove("sieve_rule_reloads_total");
            // The kill switch, engaged and released.
            assertThat(admin(env, "POST", "/admin/killswitch")).isEqualTo(200);
            scrapes.awaitMove("sieve_killswitch_active");
            assertThat(admin(env, "DELETE", "/admin/killswitch")).isEqualTo(200);
            // Audit files rotate past 4 KiB: keep sending until one does.
            for (int i = 0; i < 40 && !scrapes.moved("sieve_audit_rotations_total"); i++) {
                assertThat(post(http, env, "filler " + i).statusCode()).isEqualTo(200);
                scrapes.take();
            }
            scrapes.awaitMove("sieve_audit_rotations_total");
            scrapes.awaitMove("sieve_audit_anchors_total"); // each rotation's signed seal reached the anchor file
            scrapes.awaitMove("sieve_audit_records_total");
            trafficScrape = scrapes.take();
            moved.addAll(scrapes.moved());
        }
    }

    /** A rule file with one rule per {@code id=action=WORD} entry, each matching the word. */
    static String rules(String... entries) {
        StringBuilder yaml = new StringBuilder("rules:\n");
        for (String entry : entries) {
            String[] p = entry.split("=");
            yaml.append("""
                      - id: %1$s
                        name: %3$s
                        category: source-code
                        severity: medium
                        action: %2$s
                        patterns: ['\\b%3$s\\b']
                        tests:
                          match: ['about %3$s now', '%3$s']
                          no_match: ['%4$s', '%3$sS']
                    """.formatted(p[0], p[1], p[2], p[2].toLowerCase(java.util.Locale.ROOT)));
        }
        return yaml.toString();
    }

    static HttpResponse<String> postJson(HttpClient http, ProxyTestEnv env, String json) throws Exception {
        POSTED_BYTES += json.getBytes(StandardCharsets.UTF_8).length;
        return http.send(HttpRequest.newBuilder(URI.create(env.apiUrl("/v1/messages"))).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(HttpClient http, ProxyTestEnv env, String text) throws Exception {
        POSTED_BYTES += text.getBytes(StandardCharsets.UTF_8).length;
        return http.send(HttpRequest.newBuilder(URI.create(env.apiUrl("/echo"))).timeout(Duration.ofSeconds(30))
                .header("content-type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(text)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static int admin(ProxyTestEnv env, String method, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + env.admin().getPort() + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sieves with a stalled audit writer

    static void stalledAuditSieve(String overflow) throws Exception {
        Path rules = Files.createDirectories(dir.resolve(overflow + "-rules"));
        Files.writeString(rules.resolve("rules.yaml"), rules("source-code.zebra=block=PROJECT-ZEBRA"));
        Path home = Files.createDirectories(dir.resolve(overflow));
        AuditStdoutGate[] gate = new AuditStdoutGate[1];
        ProxyTestEnv env = AuditStdoutGate.whileStarting(gate, () -> new ProxyTestEnv(home,
                "rules: { dir: " + rules + " }\naudit: { files: false, stdout: true, queueCapacity: 1, overflow: "
                        + overflow + " }", null));
        try {
            Scrapes scrapes = new Scrapes(env);
            gate[0].stall();
            plainRequest(env);                                   // its record: held by the stalled writer
            await(() -> gate[0].held() > 0, "the audit writer is stalled");
            plainRequest(env);                                   // queued: the queue (capacity 1) is full
            scrapes.awaitMove("sieve_audit_queue_depth");
            plainRequest(env);                                   // finds the queue full
            if (overflow.equals("block")) {
                scrapes.awaitMove("sieve_audit_refused_total");  // refused on the event loop...
                scrapes.awaitMove("sieve_audit_blocked_total");  // ...and appended by a thread that waits
                gate[0].fail();                                  // the held write fails
                scrapes.awaitMove("sieve_audit_failures_total");
            } else {
                scrapes.awaitMove("sieve_audit_dropped_total");
                gate[0].release();
            }
            moved.addAll(scrapes.moved());
        } finally {
            try {
                env.close();
            } catch (UncheckedIOException e) {
                // the failed audit log says so when it closes
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // A Sieve exporting to a real rsyslogd that goes away and comes back

    static void exportSieve() throws Exception {
        assertThat(RsyslogServer.installed()).as("rsyslogd at " + RsyslogServer.EXECUTABLE
                + " (.ci/run installs rsyslog) for the audit export metrics").isTrue();
        Path rules = Files.createDirectories(dir.resolve("export-rules"));
        Files.writeString(rules.resolve("rules.yaml"), rules("source-code.zebra=block=PROJECT-ZEBRA"));
        try (RsyslogServer rsyslog = RsyslogServer.tcp(dir.resolve("export-rsyslog"));
                ProxyTestEnv env = new ProxyTestEnv(Files.createDirectories(dir.resolve("export")),
                        "rules: { dir: " + rules + " }\naudit: { export: [ { name: siem, type: syslog, address: \""
                                + rsyslog.address() + "\", queueCapacity: 1 } ] }", null)) {
            Scrapes scrapes = new Scrapes(env);
            plainRequest(env);
            scrapes.awaitMove("sieve_audit_export_records_total");   // sent
            scrapes.awaitMove("sieve_audit_export_connected");
            rsyslog.stop();
            await(() -> scrapes.scrape().value("sieve_audit_export_connected{sink=\"siem\"}") == 0,
                    "the export sink saw rsyslog go");
            plainRequest(env);                                       // held by the sink thread, retrying
            scrapes.awaitMove("sieve_audit_export_errors_total");
            plainRequest(env);                                       // queued: the export queue is full
            scrapes.awaitMove("sieve_audit_export_queue_depth");
            plainRequest(env);                                       // the audit writer waits (blocked)
            await(() -> scrapes.scrape().value("sieve_audit_export_records_total{outcome=\"blocked\",sink=\"siem\"}")
                    >= 1, "the audit writer waited for the export queue");
            moved.addAll(scrapes.moved());
            rsyslog.start();
            rsyslog.awaitMessages(4);
        }
    }

    /** A Sieve with a header timeout and one connection per client: a slow head times out, a second connection is refused. */
    static void limitedSieve() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("limited-rules"));
        Files.writeString(rules.resolve("rules.yaml"), rules("source-code.zebra=block=PROJECT-ZEBRA"));
        try (ProxyTestEnv env = new ProxyTestEnv(Files.createDirectories(dir.resolve("limited")),
                "headerTimeout: 1s\nmaxConnectionsPerClient: 1", "rules: { dir: " + rules + " }", null)) {
            Scrapes scrapes = new Scrapes(env);
            try (RawClient slow = new RawClient(env.proxy())) {
                slow.send("CONNECT api.sieve.test:443 HTTP/1.1\r\n");      // never finishes its head
                // Connections are admitted on their event loops, in no set order: the second must come after.
                await(() -> scrapes.scrape().total("sieve_open_connections") >= 1, "the slow connection is admitted");
                try (RawClient second = new RawClient(env.proxy())) {
                    assertThat(second.readResponse(false).status()).as("over maxConnectionsPerClient").isEqualTo(503);
                }
                scrapes.awaitMove("sieve_connections_refused_total");
                assertThat(slow.readResponse(false).status()).as("the head timed out").isEqualTo(408);
                scrapes.awaitMove("sieve_client_timeouts_total");
            }
            moved.addAll(scrapes.moved());
        }
    }

    /**
     * A Sieve with one inspection worker and a queue of one, whose inspections of {@code ?slow} requests wait for a
     * gate: one running, one queued, one waiting in line until it is refused after {@code inspection.queueWait}.
     */
    static void saturatedInspectionSieve() throws Exception {
        InspectionPoolEndToEndTest.GatedInspector gated = new InspectionPoolEndToEndTest.GatedInspector();
        try (ProxyTestEnv env = new ProxyTestEnv(Files.createDirectories(dir.resolve("saturated")), "",
                "inspection: { workers: 1, queue: 1, queueWait: 1s }", gated)) {
            Scrapes scrapes = new Scrapes(env);
            List<RawClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    RawClient c = dev.sieve.proxy.testing.Agents.tunnel(env, null, null);
                    clients.add(c);
                    c.send("POST /echo?slow HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                            + "\r\nContent-Length: 2\r\n\r\nhi");
                    if (i == 0) {
                        scrapes.awaitMove("sieve_inspection_busy_workers");
                    } else if (i == 1) {
                        scrapes.awaitMove("sieve_inspection_queue_depth");
                    }
                }
                scrapes.awaitMove("sieve_inspection_waiting");
                assertThat(clients.get(2).readResponse(false).status()).as("no worker within queueWait")
                        .isEqualTo(503);
                scrapes.awaitMove("sieve_inspection_wait_timeouts_total");
            } finally {
                gated.open();
                for (RawClient c : clients) {
                    c.close();
                }
            }
            moved.addAll(scrapes.moved());
        }
    }

    /**
     * A Sieve whose refusals go to an audit webhook (an HTTPS receiver on 127.0.0.1 with a test CA) with a queue of
     * one: a 503 is retried, then the receiver holds a delivery while more refusals fill the queue.
     */
    static void webhookSieve() throws Exception {
        Path home = Files.createDirectories(dir.resolve("webhook"));
        Path key = Files.writeString(home.resolve("webhook.key"), "synthetic-webhook-key-0123456789\n");
        try (WebhookReceiver receiver = new WebhookReceiver(home.resolve("hook-ca"));
                ProxyTestEnv env = new ProxyTestEnv(home, "", "audit:\n  webhooks:\n    - { name: e2e, url: \"https://"
                        + "127.0.0.1:" + receiver.port() + "/hook\", secretFile: " + key + ", caFile: "
                        + receiver.caFile() + ", records: [blocks], backoff: { initial: 10ms, max: 50ms },"
                        + " queueCapacity: 1 }",
                        "- { host: 127.0.0.1, ports: [" + receiver.port() + "], privateAddresses: true }", null)) {
            Scrapes scrapes = new Scrapes(env);
            receiver.script(503);
            try (RawClient c = new RawClient(env.proxy())) {
                assertThat(c.connect("evil.example.com:8443").status()).isEqualTo(403);
            }
            scrapes.awaitMove("sieve_audit_webhook_retries_total");   // the 503
            scrapes.awaitMove("sieve_audit_webhook_deliveries_total"); // then delivered
            receiver.hold();
            for (int i = 0; i < 3; i++) { // one held at the receiver, one queued, one waits for room
                try (RawClient c = new RawClient(env.proxy())) {
                    assertThat(c.connect("evil.example.com:8443").status()).isEqualTo(403);
                }
            }
            scrapes.awaitMove("sieve_audit_webhook_queue_depth");
            scrapes.awaitMove("sieve_audit_webhook_queue_full_total");
            receiver.release();
            moved.addAll(scrapes.moved());
        }
    }

    static void plainRequest(ProxyTestEnv env) throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            String authority = "plain.sieve.test:" + env.plain.port();
            c.request("GET http://" + authority + "/echo HTTP/1.1\r\nHost: " + authority + "\r\n\r\n");
        }
    }

    static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as(what + " within " + WAIT).isTrue();
    }

    /** Scrapes of one Sieve, compared with its first. */
    static final class Scrapes {
        final ProxyTestEnv env;
        final MetricsScrape baseline;
        final List<MetricsScrape> taken = new ArrayList<>();

        Scrapes(ProxyTestEnv env) {
            this.env = env;
            this.baseline = scrape();
        }

        MetricsScrape scrape() {
            return MetricsScrape.parse(env.sieve.enforcement().operations().metrics().scrape());
        }

        MetricsScrape take() {
            MetricsScrape s = scrape();
            taken.add(s);
            return s;
        }

        boolean moved(String metric) {
            return taken.stream().anyMatch(differs(metric));
        }

        Set<String> moved() {
            Set<String> names = new TreeSet<>(baseline.names());
            taken.forEach(s -> names.addAll(s.names()));
            names.removeIf(n -> !moved(n));
            return names;
        }

        void awaitMove(String metric) throws InterruptedException {
            await(() -> differs(metric).test(take()), metric + " moves");
        }

        private Predicate<MetricsScrape> differs(String metric) {
            double before = baseline.total(metric);
            return s -> {
                double now = s.total(metric);
                return Double.isNaN(before) ? !Double.isNaN(now) : now != before;
            };
        }
    }
}
