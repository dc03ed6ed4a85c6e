package dev.sieve.proxy;

import static dev.sieve.proxy.testing.Agents.assertAtRest;
import static dev.sieve.proxy.testing.Agents.counter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.metrics.SieveMetrics;
import dev.sieve.proxy.testing.FakeModelServer;
import dev.sieve.proxy.testing.H2Wire;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow request bodies over h2 (a DATA trickle inside an intercepted tunnel, hand-built frames with {@link H2Wire}) get
 * what they get over HTTP/1.1 ({@link SlowClientsEndToEndTest}): a body below {@code proxy.minBodyBytesPerSecond}
 * over {@code proxy.minBodyRateGrace} is answered 408 {@code request_body_timeout} on its own stream, counted
 * ({@code sieve_client_timeouts_total{type="body"}}) and audited, and nothing of it reaches the upstream; the other
 * streams of the connection and other agents go on normally. Frames that carry no body (WINDOW_UPDATE, PING, empty
 * DATA) do not keep a slow body alive, and a run of empty DATA frames (the "empty frames flood", CVE-2019-9518) ends
 * the connection. Real sockets, TLS with the test CA, 1 s grace; the leak detector (paranoid) runs after the class.
 */
class Http2SlowClientsEndToEndTest {
    static final long NO_ERROR = 0x0, ENHANCE_YOUR_CALM = 0xb;
    /** One DATA byte this often: 5 B/s against a minimum of 1 KiB/s. */
    static final int DRIP_MILLIS = 200;
    /** The grace (1 s) plus room for a loaded machine. */
    static final long BOUND_MILLIS = 4_000;

    @TempDir
    static Path dir;

    static ProxyTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, """
                http2: true
                minBodyBytesPerSecond: 1KiB
                minBodyRateGrace: 1s
                """, null, RequestInspector.PASS_THROUGH);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    static String authority() {
        return "api.sieve.test:" + env.api.port();
    }

    static H2Wire open(RawClient raw) throws Exception {
        assertThat(raw.connect(authority()).status()).isEqualTo(200);
        assertThat(raw.startTlsAlpn(env.agentTls(), "api.sieve.test", env.api.port(), "h2", "http/1.1"))
                .isEqualTo("h2");
        return new H2Wire(raw).preface();
    }

    static byte[] int32(long value) {
        return ByteBuffer.allocate(4).putInt((int) value).array();
    }

    static double bodyTimeouts() {
        return counter(env, SieveMetrics.CLIENT_TIMEOUTS, "type", "body");
    }

    /** What the server sent on each stream of one connection, read a frame at a time between the client's sends. */
    static final class Streams {
        final H2Wire h2;
        final Map<Integer, Integer> status = new HashMap<>();
        final Map<Integer, String> proxyStatus = new HashMap<>();
        final Map<Integer, ByteArrayOutputStream> body = new HashMap<>();
        final Map<Integer, Long> ended = new HashMap<>();
        final Map<Integer, Long> resetCode = new HashMap<>();
        final Map<Integer, Long> resetAt = new HashMap<>();
        long goAway = -1;
        boolean closed;

        Streams(H2Wire h2) {
            this.h2 = h2;
        }

        /** Reads what arrives within the socket's read timeout (the pause between sends). */
        void poll() throws IOException {
            try {
                while (!closed) {
                    take(h2.read());
                }
            } catch (SocketTimeoutException quiet) {
                // nothing more for now
            } catch (EOFException | SocketException end) {
                closed = true;
            }
        }

        private void take(H2Wire.Frame f) {
            int s = f.stream();
            switch (f.type()) {
                case H2Wire.GOAWAY -> goAway = f.errorCode();
                case H2Wire.RST_STREAM -> {
                    // The first: DATA already in flight to a reset stream earns another one (STREAM_CLOSED).
                    resetCode.putIfAbsent(s, f.errorCode());
                    resetAt.putIfAbsent(s, System.nanoTime());
                }
                case H2Wire.HEADERS -> {
                    if (f.headers().status() != null) {
                        status.put(s, Integer.parseInt(f.headers().status().toString()));
                        CharSequence ps = f.headers().get("proxy-status");
                        proxyStatus.put(s, ps == null ? null : ps.toString());
                    }
                }
                case H2Wire.DATA -> body.computeIfAbsent(s, k -> new ByteArrayOutputStream()).writeBytes(f.payload());
                default -> {
                    // SETTINGS ACKs, WINDOW_UPDATEs: nothing to record
                }
            }
            if (f.type() != H2Wire.RST_STREAM && f.endStream()) {
                ended.putIfAbsent(s, System.nanoTime());
            }
        }

        boolean answered(int stream) {
            return ended.containsKey(stream) || resetAt.containsKey(stream) || closed || goAway >= 0;
        }

        String bodyText(int stream) {
            ByteArrayOutputStream b = body.get(stream);
            return b == null ? "" : b.toString(StandardCharsets.UTF_8);
        }
    }

    /** Another agent on its own h2 connection: one POST, sent at once. */
    static H2Wire.Outcome otherAgent() {
        try (RawClient raw = new RawClient(env.proxy())) {
            H2Wire h2 = open(raw);
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS, 1,
                    H2Wire.request("POST", authority(), "/echo", "content-length", "5"));
            h2.frame(H2Wire.DATA, H2Wire.END_STREAM, 1, "other".getBytes(StandardCharsets.UTF_8));
            raw.readTimeout(10_000);
            return h2.await(1);
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    static String requestId(String refusal) {
        Matcher m = Pattern.compile("\"request_id\":\"(req_[^\"]+)\"").matcher(refusal);
        assertThat(m.find()).as("request id in %s", refusal).isTrue();
        return m.group(1);
    }

    /**
     * Stream 1 trickles its body a byte at a time while stream 3 on the same connection and another agent (its own h2
     * connection) send theirs at once: stream 1 gets the HTTP/1.1 path's refusal within the grace, the others their
     * answers, and the upstream sees nothing of stream 1. An agent that then stops sending gets its stream reset with
     * NO_ERROR (the lingering close of an h2 stream), and the connection serves the next stream.
     */
    @Test
    void aTrickledStreamGets408WhileItsConnectionAndOtherAgentsAreServed() throws Exception {
        int before = env.api.received().size();
        double timeoutsBefore = bodyTimeouts();
        try (RawClient raw = new RawClient(env.proxy())) {
            H2Wire h2 = open(raw);
            Streams streams = new Streams(h2);
            raw.readTimeout(DRIP_MILLIS);
            long start = System.nanoTime();
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS, 1,
                    H2Wire.request("POST", authority(), "/echo", "content-length", "1000"));
            CompletableFuture<H2Wire.Outcome> otherAgent = null;
            for (int i = 0; !streams.answered(1) && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10); i++) {
                h2.frame(H2Wire.DATA, 0, 1, new byte[] {'t'});
                if (i == 1) {
                    h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS, 3,
                            H2Wire.request("POST", authority(), "/echo", "content-length", "5"));
                    h2.frame(H2Wire.DATA, H2Wire.END_STREAM, 3, "quick".getBytes(StandardCharsets.UTF_8));
                    otherAgent = CompletableFuture.supplyAsync(Http2SlowClientsEndToEndTest::otherAgent);
                }
                streams.poll();
            }
            assertThat(streams.goAway).as("GOAWAY").isEqualTo(-1);
            assertThat(streams.resetCode).as("resets").doesNotContainKey(1);
            assertThat(streams.status.get(1)).as("status of the trickled stream").isEqualTo(408);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(streams.ended.get(1) - start);
            assertThat(tookMillis).as("answered after the 1 s grace").isBetween(800L, BOUND_MILLIS);
            assertThat(streams.proxyStatus.get(1))
                    .startsWith("sieve; error=http_request_error; details=\"request_body_timeout");
            String refusal = streams.bodyText(1);
            assertThat(refusal).contains("\"reason\":\"request_body_timeout\"");
            assertThat(env.awaitAuditLine(requestId(refusal))).contains("request_body_timeout");
            assertThat(bodyTimeouts()).isEqualTo(timeoutsBefore + 1);

            // The other stream on the connection, and the other agent, were served meanwhile.
            for (int i = 0; !streams.answered(3) && i < 20; i++) {
                streams.poll();
            }
            assertThat(streams.status.get(3)).isEqualTo(200);
            assertThat(streams.bodyText(3)).isEqualTo("quick");
            assertThat(otherAgent).isNotNull();
            H2Wire.Outcome otherResponse = otherAgent.get(10, TimeUnit.SECONDS);
            assertThat(otherResponse.status()).isEqualTo(200);
            assertThat(otherResponse.body()).isEqualTo("other");

            // The agent stops sending: stream 1 is reset with NO_ERROR once it has been quiet (2 s).
            long quietSince = System.nanoTime();
            while (!streams.resetCode.containsKey(1) && !streams.closed
                    && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(6)) {
                streams.poll();
            }
            assertThat(streams.resetCode.get(1)).as("reset of the trickled stream").isEqualTo(NO_ERROR);

            // The connection goes on.
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS | H2Wire.END_STREAM, 5,
                    H2Wire.request("GET", authority(), "/echo"));
            raw.readTimeout(10_000);
            assertThat(h2.await(5).status()).isEqualTo(200);
        }
        assertThat(env.api.received()).hasSize(before + 3); // stream 3, the other agent, stream 5
        assertThat(env.api.received().subList(before, before + 3)).extracting(FakeModelServer.Received::bodyText)
                .containsExactlyInAnyOrder("quick", "other", "");
        assertAtRest(env);
    }

    /**
     * Frames that move no body bytes do not buy time: between its 1-byte DATA frames the agent sends empty DATA
     * frames (one at a time, so Netty's limit of consecutive empty frames does not end the connection first),
     * WINDOW_UPDATEs for the connection and the stream, and PINGs. The body is still ended by its rate, within the
     * same bound, and if the agent goes on trickling after the 408, the stream is reset once the lingering bound is
     * reached (15 s at most), never kept open by the trickle.
     */
    @Test
    void controlFramesAndEmptyDataDoNotKeepASlowBodyAlive() throws Exception {
        int before = env.api.received().size();
        double timeoutsBefore = bodyTimeouts();
        try (RawClient raw = new RawClient(env.proxy())) {
            H2Wire h2 = open(raw);
            Streams streams = new Streams(h2);
            raw.readTimeout(DRIP_MILLIS);
            long start = System.nanoTime();
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS, 1,
                    H2Wire.request("POST", authority(), "/echo", "content-length", "1000"));
            while (!streams.resetCode.containsKey(1) && !streams.closed && streams.goAway < 0
                    && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(25)) {
                try {
                    h2.frame(H2Wire.DATA, 0, 1, new byte[] {'w'});
                    h2.frame(H2Wire.DATA, 0, 1, new byte[0]);
                    h2.frame(H2Wire.WINDOW_UPDATE, 0, 0, int32(1));
                    h2.frame(H2Wire.WINDOW_UPDATE, 0, 1, int32(1));
                    h2.frame(H2Wire.PING, 0, 0, new byte[8]);
                } catch (IOException closed) {
                    break;
                }
                streams.poll();
            }
            assertThat(streams.goAway).as("GOAWAY").isEqualTo(-1);
            assertThat(streams.status.get(1)).as("status of the trickled stream").isEqualTo(408);
            assertThat(streams.proxyStatus.get(1)).contains("request_body_timeout");
            long answeredMillis = TimeUnit.NANOSECONDS.toMillis(streams.ended.get(1) - start);
            assertThat(answeredMillis).as("answered after the 1 s grace").isBetween(800L, BOUND_MILLIS);
            assertThat(streams.resetCode.get(1)).as("reset after lingering").isEqualTo(NO_ERROR);
            long resetMillis = TimeUnit.NANOSECONDS.toMillis(streams.resetAt.get(1) - start);
            assertThat(resetMillis).as("within the lingering bound after the 408")
                    .isLessThan(answeredMillis + 15_000 + BOUND_MILLIS);
            assertThat(bodyTimeouts()).isEqualTo(timeoutsBefore + 1);
        }
        assertThat(env.api.received()).hasSize(before);
        assertAtRest(env);
    }

    /**
     * The empty DATA frames flood (CVE-2019-9518): frames that cost the agent nine bytes each and carry nothing. A
     * run of three ends the connection with GOAWAY ENHANCE_YOUR_CALM (Netty's limit of consecutive empty DATA frames),
     * long before any rate or idle timer would; a flood is cut off as soon as that GOAWAY's close reaches the agent.
     */
    @Test
    void aRunOfEmptyDataFramesEndsTheConnection() throws Exception {
        int before = env.api.received().size();
        try (RawClient raw = new RawClient(env.proxy())) {
            H2Wire h2 = open(raw);
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS, 1,
                    H2Wire.request("POST", authority(), "/echo", "content-length", "10"));
            byte[] run = H2Wire.concat(H2Wire.encode(H2Wire.DATA, 0, 1, new byte[0]),
                    H2Wire.encode(H2Wire.DATA, 0, 1, new byte[0]), H2Wire.encode(H2Wire.DATA, 0, 1, new byte[0]));
            raw.send(run);
            Streams streams = new Streams(h2);
            raw.readTimeout(5_000);
            streams.poll();
            assertThat(streams.goAway).as("GOAWAY code").isEqualTo(ENHANCE_YOUR_CALM);
            assertThat(streams.closed).as("connection closed").isTrue();
            assertThat(streams.status).as("no response on the stream").doesNotContainKey(1);
        }
        try (RawClient raw = new RawClient(env.proxy())) {
            H2Wire h2 = open(raw);
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS, 1,
                    H2Wire.request("POST", authority(), "/echo", "content-length", "10"));
            int sent = 0;
            try {
                for (; sent < 1_000_000; sent++) {
                    h2.frame(H2Wire.DATA, 0, 1, new byte[0]);
                }
            } catch (IOException ended) {
                // Sieve ended the connection mid-flood
            }
            assertThat(sent).as("empty frames the agent could send").isLessThan(1_000_000);
        }
        assertThat(env.api.received()).hasSize(before);
        assertAtRest(env);
    }
}
