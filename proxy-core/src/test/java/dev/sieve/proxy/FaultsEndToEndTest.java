package dev.sieve.proxy;

import static dev.sieve.proxy.testing.Agents.assertAtRest;
import static dev.sieve.proxy.testing.Agents.assertRefusal;
import static dev.sieve.proxy.testing.Agents.counter;
import static dev.sieve.proxy.testing.Agents.eventually;
import static dev.sieve.proxy.testing.Agents.gauge;
import static dev.sieve.proxy.testing.Agents.postHead;
import static dev.sieve.proxy.testing.Agents.tunnel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.metrics.SieveMetrics;
import dev.sieve.proxy.testing.Agents;
import dev.sieve.proxy.testing.GarbageServer;
import dev.sieve.proxy.testing.GarbageServer.Fault;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The faults suite: misbehaving upstreams and clients, over real sockets. Each fault gets a clean answer (the right
 * status, or a close where a response was already under way), and leaves Sieve at rest: no open connection or
 * tunnel, nothing held in the body budget (checked after every test), no leaked buffer (the paranoid leak detector,
 * after the class). Timeouts are short (1-2 s) so that the suite stays quick.
 *
 * <p>The exact refusal shapes of a hang-up and of a non-HTTP upstream are also checked in
 * {@code RefusalsEndToEndTest}; header and body timeouts one by one in {@code SlowClientsEndToEndTest}; here they
 * run as faults among others, at scale where the fault is about scale.
 */
class FaultsEndToEndTest {
    private static final List<String> AGENTS = List.of("u1", "u2", "u3", "u4");
    /** The body limit; the budget is four of them, 25 % each agent. */
    private static final int MAX_BODY = 256 * 1024;

    @TempDir
    static Path dir;

    static ProxyTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, """
                headerTimeout: 2s
                responseTimeout: 1s
                minBodyRateGrace: 2s
                """, """
                  - { host: dns-fails.invalid, ports: [80, 443], plainHttp: true }
                """ + Agents.tokensYaml(AGENTS) + """
                inspection:
                  maxBodyBytes: 256KiB
                  maxBodyBytesInFlight: 1MiB
                  budgetWait: 20s
                """, RequestInspector.PASS_THROUGH);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @AfterEach
    void atRest() throws Exception {
        assertAtRest(env);
    }

    private static RawClient faultyTunnel() throws Exception {
        RawClient c = new RawClient(env.proxy());
        String authority = "faulty.sieve.test:" + env.faulty.port();
        assertThat(c.connect(authority).status()).isEqualTo(200);
        c.startTls(env.agentTls(), "faulty.sieve.test", "faulty.sieve.test", env.faulty.port());
        return c;
    }

    private static String get() {
        return "GET /fault HTTP/1.1\r\nHost: faulty.sieve.test:" + env.faulty.port() + "\r\n\r\n";
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "HANG_UP, 502, http_response_incomplete, upstream_closed",
        "BANNER, 502, http_protocol_error, upstream_bad_response",
        "SILENT, 504, http_response_timeout, upstream_response_timeout",
        "DRIP_HEAD, 504, http_response_timeout, upstream_response_timeout"})
    void anUpstreamThatFailsBeforeItsResponseHeadIsRefusedCleanly(Fault fault, int status, String proxyStatus,
            String reason) throws Exception {
        env.faulty.act(fault);
        try (RawClient c = faultyTunnel()) {
            assertRefusal(c.request(get()), status, proxyStatus, reason);
        }
    }

    @Test
    void anUpstreamThatResetsMidResponseEndsTheAgentConnectionAfterWhatItSent() throws Exception {
        env.faulty.act(Fault.RESET_MID_RESPONSE);
        try (RawClient c = faultyTunnel()) {
            c.send(get());
            InputStream in = c.input();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200")
                    .containsIgnoringCase("content-length: " + GarbageServer.ANNOUNCED);
            byte[] body = in.readNBytes(GarbageServer.ANNOUNCED);
            // The agent cannot be told otherwise: it gets what came, then the connection ends short.
            assertThat(body.length).isLessThan(GarbageServer.ANNOUNCED).isLessThanOrEqualTo(GarbageServer.PARTIAL);
        }
    }

    @Test
    void anUpstreamThatDripsItsBodyIsRelayedAsItArrives() throws Exception {
        env.faulty.act(Fault.DRIP_BODY);
        try (RawClient c = faultyTunnel()) {
            RawClient.Response r = c.request(get());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(GarbageServer.DRIPPED);
        }
    }

    @Test
    void aClientThatDisconnectsMidUploadLeavesNothingBehind() throws Exception {
        int before = env.api.received().size();
        try (RawClient c = tunnel(env, "u1", null)) {
            c.send(postHead(env, "Content-Length: " + MAX_BODY) + "x".repeat(100_000));
            eventually(5000, () -> env.sieve.bodyBudget().reserved() > 0);
        }
        try (RawClient c = tunnel(env, "u2", null)) {
            c.send(postHead(env, "Transfer-Encoding: chunked") + "10000\r\n" + "y".repeat(0x10000) + "\r\n");
            eventually(5000, () -> env.sieve.bodyBudget().reserved() > 0);
        }
        assertAtRest(env);
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void aDestinationWhoseNameDoesNotResolveGets502DnsError() throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            assertRefusal(c.connect("dns-fails.invalid:443"), 502, "dns_error", "dns_failed");
        }
        try (RawClient c = new RawClient(env.proxy())) {
            assertRefusal(c.request("GET http://dns-fails.invalid/ HTTP/1.1\r\nHost: dns-fails.invalid\r\n\r\n"),
                    502, "dns_error", "dns_failed");
        }
    }

    @Test
    void slowlorisClientsPlainAndInTunnelsAreAllCutOffByTheHeaderTimeout() throws Exception {
        String head = "POST /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port() + "\r\n";
        List<RawClient> clients = new ArrayList<>();
        List<Long> started = new ArrayList<>();
        try {
            // Each sends its first byte at once, then one every half second: never idle, never done.
            for (int i = 0; i < 120; i++) {
                RawClient c = i < 20 ? tunnel(env, null, null) : new RawClient(env.proxy());
                c.send(head.substring(0, 1));
                clients.add(c);
                started.add(System.nanoTime());
            }
            // The header timeout is 2 s. A client stops sending before it is answered, so that its answer is
            // never overtaken by a reset (answered connections linger, then close).
            for (int tick = 1; tick < head.length(); tick++) {
                Thread.sleep(500);
                long now = System.nanoTime();
                boolean anyone = false;
                for (int i = 0; i < clients.size(); i++) {
                    if (now - started.get(i) < 1_500_000_000L) {
                        clients.get(i).send(head.substring(tick, tick + 1));
                        anyone = true;
                    }
                }
                if (!anyone) {
                    break;
                }
            }
            for (RawClient c : clients) {
                c.readTimeout(5000);
                assertRefusal(c.readResponse(false), 408, "http_request_error", "request_header_timeout");
            }
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void concurrentLargeUploadsBeyondTheBudgetAreAllServed() throws Exception {
        // 12 bodies of the limit from 4 agents against 4 in flight (1 each): they queue for room, none is refused.
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<RawClient.Response>> uploads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String agent = AGENTS.get(i % AGENTS.size());
            uploads.add(pool.submit(() -> {
                try (RawClient c = tunnel(env, agent, null)) {
                    c.readTimeout(30_000);
                    return c.request(postHead(env, "Content-Length: " + MAX_BODY) + "z".repeat(MAX_BODY));
                }
            }));
        }
        for (Future<RawClient.Response> upload : uploads) {
            RawClient.Response r = upload.get(60, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).hasSize(MAX_BODY);
        }
        pool.shutdown();
        assertThat(env.sieve.bodyBudget().peak()).isLessThanOrEqualTo(4L * MAX_BODY);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    /**
     * Connection caps ({@code proxy.maxConnections}, {@code proxy.maxConnectionsPerClient}): thousands of idle
     * connections fit under them; a connection over either is answered at once with 503 ({@code connection_limit},
     * Retry-After), closed and counted in {@code sieve_connections_refused_total}; all are released.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ConnectionCaps {
        /** Connections one client may open; three more (from other client addresses) reach the total cap. */
        int perClient;
        ProxyTestEnv capped;

        @BeforeAll
        void start() throws Exception {
            // Client and server ends both live in this JVM: two descriptors a connection, and headroom.
            var os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long free = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount() - 300;
            perClient = (int) Math.min(2000, free / 2);
            assumeThat(perClient).as("file descriptors for some hundred connections (ulimit -n)")
                    .isGreaterThanOrEqualTo(100);
            capped = new ProxyTestEnv(Files.createDirectories(dir.resolve("capped")), """
                    maxConnections: %d
                    maxConnectionsPerClient: %d
                    """.formatted(perClient + 3, perClient), null, RequestInspector.PASS_THROUGH);
        }

        @AfterAll
        void stop() {
            if (capped != null) {
                capped.close();
            }
        }

        private double refused(String reason) {
            return counter(capped, SieveMetrics.CONNECTIONS_REFUSED, "reason", reason);
        }

        private void assertRefusedAtOnce(InetAddress from) throws IOException {
            try (RawClient over = new RawClient(capped.proxy(), from)) {
                RawClient.Response r = over.readResponse(false);
                assertRefusal(r, 503, "proxy_internal_error", "connection_limit");
                assertThat(r.header("retry-after")).isEqualTo("5");
                assertThat(over.closesWithinTimeout()).isTrue();
            }
        }

        @Test
        void thousandsOfIdleConnectionsFitAndConnectionsOverACapAreRefused() throws Exception {
            InetAddress one = InetAddress.getByName("127.0.0.1");
            InetAddress two = InetAddress.getByName("127.0.0.2");
            assumeThat(Agents.isLocal(two)).as("127.0.0.2 is a local address (Linux)").isTrue();
            List<Socket> idle = new ArrayList<>(perClient + 3);
            try {
                for (int i = 0; i < perClient; i++) {
                    idle.add(connect(one));
                }
                assertThat(eventually(20_000, () -> gauge(capped, SieveMetrics.OPEN_CONNECTIONS) == perClient))
                        .as("%d connections open", perClient).isTrue();
                assertRefusedAtOnce(one);
                assertThat(refused("max_connections_per_client")).isEqualTo(1);
                for (int i = 0; i < 3; i++) {
                    idle.add(connect(two));
                }
                assertThat(eventually(5000, () -> gauge(capped, SieveMetrics.OPEN_CONNECTIONS) == perClient + 3))
                        .isTrue();
                assertRefusedAtOnce(InetAddress.getByName("127.0.0.3"));
                assertThat(refused("max_connections")).isEqualTo(1);
                // The admitted ones are served: the last one sends a request.
                Socket last = idle.get(idle.size() - 1);
                OutputStream out = last.getOutputStream();
                out.write(("CONNECT api.sieve.test:" + capped.api.port() + " HTTP/1.1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                last.setSoTimeout(10_000);
                assertThat(new String(last.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                        .isEqualTo("HTTP/1.1 200");
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
            assertAtRest(capped);
            // Room again once they closed.
            try (RawClient again = new RawClient(capped.proxy())) {
                assertThat(again.connect("api.sieve.test:" + capped.api.port()).status()).isEqualTo(200);
            }
        }

        private Socket connect(InetAddress from) throws IOException {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(from, 0));
            s.connect(capped.proxy(), 5000);
            return s;
        }
    }
}
