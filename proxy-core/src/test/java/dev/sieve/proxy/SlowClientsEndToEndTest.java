package dev.sieve.proxy;

import static dev.sieve.proxy.testing.Agents.assertAtRest;
import static dev.sieve.proxy.testing.Agents.assertRefusal;
import static dev.sieve.proxy.testing.Agents.postHead;
import static dev.sieve.proxy.testing.Agents.tunnel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients cannot hold a connection forever: a request head must arrive within {@code proxy.headerTimeout}
 * (408 {@code request_header_timeout}), a body at {@code proxy.minBodyBytesPerSecond} within
 * {@code proxy.minBodyRateGrace} (408 {@code request_body_timeout}), and the idle timeout runs in every state.
 * Real sockets, short timeouts (1 s).
 */
class SlowClientsEndToEndTest {
    /** Each slow client sends one byte this often: well below any minimum rate, but never idle. */
    private static final long DRIP_MILLIS = 150;

    @TempDir
    static Path dir;

    static ProxyTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, """
                headerTimeout: 1s
                minBodyBytesPerSecond: 1KiB
                minBodyRateGrace: 1s
                """, null, RequestInspector.PASS_THROUGH);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static String connectHead() {
        return "CONNECT api.sieve.test:" + env.api.port() + " HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                + "\r\nUser-Agent: slowloris\r\nX-Padding: " + "a".repeat(200) + "\r\n\r\n";
    }

    @Test
    void aConnectHeadSentByteByByteGets408AndTheConnectionCloses() throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            Thread drip = c.drip(connectHead(), DRIP_MILLIS);
            RawClient.Response r = c.readResponse(false);
            drip.interrupt();
            assertRefusal(r, 408, "http_request_error", "request_header_timeout");
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(c.closesWithinTimeout()).isTrue();
        }
        assertAtRest(env);
    }

    @Test
    void aRequestHeadSentByteByByteInsideAnInterceptedTunnelGets408() throws Exception {
        int before = env.api.received().size();
        try (RawClient c = tunnel(env, null, null)) {
            Thread drip = c.drip(postHead(env, "Content-Length: 2") + "ok", DRIP_MILLIS);
            RawClient.Response r = c.readResponse(false);
            drip.interrupt();
            assertRefusal(r, 408, "http_request_error", "request_header_timeout");
            assertThat(c.closesWithinTimeout()).isTrue();
        }
        assertThat(env.api.received()).hasSize(before);
        assertAtRest(env);
    }

    @Test
    void aPlainHttpRequestSentByteByByteAfterAFirstOneGets408() throws Exception {
        String get = "GET http://plain.sieve.test:" + env.plain.port() + "/echo HTTP/1.1\r\nHost: plain.sieve.test:"
                + env.plain.port() + "\r\n\r\n";
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.request(get).status()).isEqualTo(200);
            Thread drip = c.drip(get, DRIP_MILLIS);
            RawClient.Response r = c.readResponse(false);
            drip.interrupt();
            assertRefusal(r, 408, "http_request_error", "request_header_timeout");
        }
        assertAtRest(env);
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheHeaderTimeoutWithoutAnAnswer() throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            c.readTimeout(5000); // the idle timeout (120 s) would not close it
            assertThat(c.input().read()).isEqualTo(-1);
        }
        assertAtRest(env);
    }

    @Test
    void onAKeptAliveConnectionTheHeaderTimeoutStartsWithTheNextRequestsFirstByte() throws Exception {
        try (RawClient c = tunnel(env, null, null)) {
            assertThat(c.request(postHead(env, "Content-Length: 2") + "ok").status()).isEqualTo(200);
            Thread.sleep(1500); // idle between requests, longer than the header timeout
            RawClient.Response second = c.request(postHead(env, "Content-Length: 2") + "ok");
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.body()).isEqualTo("ok");
        }
    }

    @Test
    void aBodySentByteByByteGets408AndNothingReachesTheUpstream() throws Exception {
        int before = env.api.received().size();
        try (RawClient c = tunnel(env, null, null)) {
            c.send(postHead(env, "Content-Length: 1000"));
            Thread drip = c.drip("x".repeat(1000), DRIP_MILLIS);
            RawClient.Response r = c.readResponse(false);
            drip.interrupt();
            assertRefusal(r, 408, "http_request_error", "request_body_timeout");
            assertThat(c.closesWithinTimeout()).isTrue();
        }
        assertThat(env.api.received()).hasSize(before);
        assertAtRest(env);
    }

    @Test
    void aChunkedBodyThatStallsAfterAFastStartGets408() throws Exception {
        try (RawClient c = tunnel(env, null, null)) {
            c.send(postHead(env, "Transfer-Encoding: chunked") + "8000\r\n" + "y".repeat(0x8000) + "\r\n");
            RawClient.Response r = c.readResponse(false);
            assertRefusal(r, 408, "http_request_error", "request_body_timeout");
        }
        assertAtRest(env);
    }

    /** With a lenient rate rule, the idle timeout still ends a body that stopped (it runs in every state). */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class IdleTimeoutWhileReceivingABody {
        ProxyTestEnv idleEnv;

        @BeforeAll
        void start() throws Exception {
            idleEnv = new ProxyTestEnv(java.nio.file.Files.createDirectories(dir.resolve("idle")), """
                    idleTimeout: 1s
                    minBodyRateGrace: 1h
                    """, null, RequestInspector.PASS_THROUGH);
        }

        @AfterAll
        void stop() {
            idleEnv.close();
        }

        @Test
        void aStalledBodyIsAnsweredAndClosedAfterTheIdleTimeout() throws Exception {
            try (RawClient c = tunnel(idleEnv, null, null)) {
                c.send(postHead(idleEnv, "Content-Length: 100") + "only part of it");
                RawClient.Response r = c.readResponse(false);
                assertRefusal(r, 408, "http_request_error", "request_body_timeout");
                assertThat(c.closesWithinTimeout()).isTrue();
            }
            assertAtRest(idleEnv);
        }
    }
}
