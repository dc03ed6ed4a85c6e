package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.testing.H2Wire;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP/2 attack classes against Sieve's agent side, with hand-built frames through a real tunnel (CONNECT, TLS
 * with ALPN h2): each is a clean stream error (RST_STREAM), a 4xx answer, or the end of the connection, and none
 * reaches the upstream. The leak detector (paranoid) checks that no buffer is lost on any of these paths.
 */
class Http2DefencesTest {
    static final long NO_ERROR = 0x0, PROTOCOL_ERROR = 0x1, REFUSED_STREAM = 0x7, ENHANCE_YOUR_CALM = 0xb;

    @TempDir
    static Path dir;

    static ProxyTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, "maxHeaderBytes: 16KiB\nhttp2: true\nhttp2MaxConcurrentStreams: 20\nheaderTimeout: 3s", null,
                RequestInspector.PASS_THROUGH);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    static String authority() {
        return "api.sieve.test:" + env.api.port();
    }

    /** A connection through Sieve that negotiated h2, preface sent. */
    static H2Wire open(RawClient raw) throws Exception {
        assertThat(raw.connect(authority()).status()).isEqualTo(200);
        assertThat(raw.startTlsAlpn(env.agentTls(), "api.sieve.test", env.api.port(), "h2", "http/1.1"))
                .isEqualTo("h2");
        return new H2Wire(raw).preface();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] int32(long value) {
        return ByteBuffer.allocate(4).putInt((int) value).array();
    }

    @Test
    void aWellFormedRequestOnHandBuiltFramesIsAnswered() throws Exception {
        try (RawClient raw = new RawClient(env.proxy())) {
            H2Wire h2 = open(raw);
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS, 1,
                    H2Wire.request("POST", authority(), "/echo", "content-length", "5"));
            h2.frame(H2Wire.DATA, H2Wire.END_STREAM, 1, utf8("hello"));
            H2Wire.Outcome out = h2.await(1);
            assertThat(out.status()).isEqualTo(200);
            assertThat(out.body()).isEqualTo("hello");
            assertThat(env.api.last().bodyText()).isEqualTo("hello");
            // te: trailers is the one te value h2 allows.
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS | H2Wire.END_STREAM, 3,
                    H2Wire.request("GET", authority(), "/echo", "te", "trailers"));
            assertThat(h2.await(3).status()).isEqualTo(200);
        }
    }

    @Test
    void aStreamThatStallsMidBodyDoesNotHoldUpTheOthers() throws Exception {
        try (RawClient raw = new RawClient(env.proxy())) {
            H2Wire h2 = open(raw);
            // Stream 1 announces 200 KB and sends 60 KB (almost its whole window), then nothing.
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS, 1,
                    H2Wire.request("POST", authority(), "/echo", "content-length", "200000"));
            for (int i = 0; i < 4; i++) {
                h2.frame(H2Wire.DATA, 0, 1, new byte[15_000]);
            }
            // Streams 3 and 5 on the same connection are answered meanwhile.
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS | H2Wire.END_STREAM, 3,
                    H2Wire.request("GET", authority(), "/echo"));
            assertThat(h2.await(3).status()).isEqualTo(200);
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS, 5,
                    H2Wire.request("POST", authority(), "/echo", "content-length", "2"));
            h2.frame(H2Wire.DATA, H2Wire.END_STREAM, 5, utf8("ok"));
            H2Wire.Outcome five = h2.await(5);
            assertThat(five.status()).isEqualTo(200);
            assertThat(five.body()).isEqualTo("ok");
            // Stream 1 still completes once its body does.
            h2.body(1, 140_000, true);
            H2Wire.Outcome one = h2.await(1);
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.body()).hasSize(200_000);
        }
    }

    /**
     * An upload over the limit gets its complete 413 (END_STREAM), and the agent may go on sending: its stream's
     * window keeps opening (Sieve reads and discards the DATA), and once the agent goes quiet the stream is reset with
     * NO_ERROR (RFC 9113 section 8.1); the connection serves the next stream. Nothing reaches the upstream.
     */
    @Test
    void anOverLimitUploadIsAnsweredThenDrainedThenResetWithNoError() throws Exception {
        int before = env.api.received().size();
        try (RawClient raw = new RawClient(env.proxy())) {
            H2Wire h2 = open(raw);
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS, 1,
                    H2Wire.request("POST", authority(), "/echo", "content-length", String.valueOf(64L << 20)));
            H2Wire.Outcome refused = h2.await(1);
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.reset()).isFalse();
            // Far more than the stream's initial window of 65,535 bytes: Sieve keeps granting credit.
            h2.body(1, 1 << 20, false);
            H2Wire.Frame end = h2.read();
            while (end.stream() != 1 || end.type() != H2Wire.RST_STREAM) {
                end = h2.read();
            }
            assertThat(end.errorCode()).isEqualTo(NO_ERROR);
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS | H2Wire.END_STREAM, 3,
                    H2Wire.request("GET", authority(), "/echo"));
            assertThat(h2.await(3).status()).isEqualTo(200);
        }
        assertThat(env.api.received()).hasSize(before + 1); // the GET only
    }

    /**
     * Slowloris over h2 after the first stream: a header block whose CONTINUATION frame arrives a few bytes at a time
     * (each piece keeps the connection from being idle, and no frame is complete for the codec to count) must be
     * complete within proxy.headerTimeout (3 s here), else the connection ends with GOAWAY ENHANCE_YOUR_CALM. The
     * first stream, answered at once, stopped the tunnel's own deadline.
     */
    @Test
    void aHeaderBlockTrickledAfterTheFirstStreamEndsTheConnectionAtTheHeaderTimeout() throws Exception {
        try (RawClient raw = new RawClient(env.proxy())) {
            H2Wire h2 = open(raw);
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS | H2Wire.END_STREAM, 1,
                    H2Wire.request("GET", authority(), "/echo"));
            assertThat(h2.await(1).status()).isEqualTo(200);
            h2.frame(H2Wire.HEADERS, H2Wire.END_STREAM, 3, H2Wire.request("GET", authority(), "/echo"));
            StringBuilder fields = new StringBuilder();
            for (int i = 0; fields.length() < 600; i++) {
                fields.append("x-slow-").append(i).append(',');
            }
            byte[] continuation = H2Wire.encode(H2Wire.CONTINUATION, H2Wire.END_HEADERS, 3,
                    H2Wire.block("x-slow", fields.toString()));
            long start = System.nanoTime();
            H2Wire.Frame goAway = null;
            raw.readTimeout(300);
            for (int at = 0; at < continuation.length && goAway == null; at += 15) { // ~40 pieces, ~12 s
                try {
                    raw.send(java.util.Arrays.copyOfRange(continuation, at, Math.min(at + 15, continuation.length)));
                } catch (java.io.IOException closed) {
                    break;
                }
                try {
                    H2Wire.Frame f = h2.read();
                    if (f.type() == H2Wire.GOAWAY) {
                        goAway = f;
                    }
                } catch (java.net.SocketTimeoutException quiet) {
                    // nothing from Sieve yet: trickle on
                } catch (java.io.EOFException | java.net.SocketException ended) {
                    break;
                }
            }
            long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertThat(goAway).as("GOAWAY after the header timeout").isNotNull();
            assertThat(goAway.errorCode()).isEqualTo(ENHANCE_YOUR_CALM);
            assertThat(seconds).as("ended by the 3 s header timeout, not by the trickle's end").isBetween(2L, 9L);
        }
    }

    /** Sends one request (head, then {@code body} unless null) and returns how its stream ended. */
    static H2Wire.Outcome send(byte[] block, String body) throws Exception {
        try (RawClient raw = new RawClient(env.proxy())) {
            H2Wire h2 = open(raw);
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS | (body == null ? H2Wire.END_STREAM : 0), 1, block);
            if (body != null) {
                h2.frame(H2Wire.DATA, H2Wire.END_STREAM, 1, utf8(body));
            }
            return h2.await(1);
        }
    }

    @Test
    void aRefusedH2RequestIsAnsweredInH2TermsNotHttp11() throws Exception {
        H2Wire.Outcome out = send(H2Wire.block(":method", "GET", ":scheme", "http", ":authority", authority(),
                ":path", "/echo"), null);
        assertThat(out.status()).isEqualTo(400);
        assertThat(out.body()).contains("the request is not valid HTTP: :scheme must be https")
                .doesNotContain("HTTP/1.1");
    }

    /** Refused before any upstream: a stream error, or a 400 from Sieve. */
    static void assertRefused(H2Wire.Outcome out, int before) {
        assertThat(out.reset() ? out.resetCode() : (long) out.status())
                .as("reset code or status").isIn(PROTOCOL_ERROR, 400L);
        assertThat(env.api.received()).hasSize(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"transfer-encoding:chunked", "connection:close", "keep-alive:timeout=5",
        "proxy-connection:keep-alive", "upgrade:websocket", "te:gzip"})
    void connectionSpecificFieldsAreStreamErrors(String field) throws Exception {
        int before = env.api.received().size();
        double resets = protocolErrorResets();
        String[] nv = field.split(":", 2);
        H2Wire.Outcome out = send(H2Wire.request("POST", authority(), "/echo", nv[0], nv[1]), "hello");
        assertThat(out.resetCode()).isEqualTo(PROTOCOL_ERROR);
        assertThat(env.api.received()).hasSize(before);
        // Netty's codec answered these itself, before any exchange: counted by the reset it sent.
        double after = protocolErrorResets();
        assertThat(after).isNotNaN().isGreaterThan(Double.isNaN(resets) ? 0 : resets);
    }

    static double protocolErrorResets() {
        return dev.sieve.proxy.testing.MetricsScrape.parse(env.sieve.enforcement().operations().metrics().scrape())
                .value("sieve_http2_stream_resets_total{by=\"sieve\",error=\"PROTOCOL_ERROR\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "3"})
    void contentLengthThatDisagreesWithTheDataIsAStreamError(String length) throws Exception {
        int before = env.api.received().size();
        H2Wire.Outcome out = send(H2Wire.request("POST", authority(), "/echo", "content-length", length), "hello");
        assertThat(out.resetCode()).isEqualTo(PROTOCOL_ERROR);
        assertThat(env.api.received()).hasSize(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nx-injected: 1", "a\nb", "a\rb", "a\u0000b", " leading", "trailing\t"})
    void controlBytesAndEdgeWhitespaceInValuesAreRefused(String value) throws Exception {
        int before = env.api.received().size();
        assertRefused(send(H2Wire.request("POST", authority(), "/echo", "x-note", value), "hello"), before);
    }

    @Test
    void pseudoHeaderMisuseIsRefused() throws Exception {
        int before = env.api.received().size();
        String a = authority();
        // missing :method, missing :path, duplicate :path, duplicate :method, :scheme http, a pseudo-header after a
        // regular one, an unknown pseudo-header, an absolute :path, and :protocol (extended CONNECT).
        byte[][] blocks = {
            H2Wire.block(":scheme", "https", ":authority", a, ":path", "/echo"),
            H2Wire.block(":method", "GET", ":scheme", "https", ":authority", a),
            H2Wire.block(":method", "GET", ":scheme", "https", ":authority", a, ":path", "/echo", ":path", "/x"),
            H2Wire.block(":method", "GET", ":method", "POST", ":scheme", "https", ":authority", a, ":path", "/echo"),
            H2Wire.block(":method", "GET", ":scheme", "http", ":authority", a, ":path", "/echo"),
            H2Wire.block(":method", "GET", ":scheme", "https", "x-a", "1", ":authority", a, ":path", "/echo"),
            H2Wire.block(":method", "GET", ":scheme", "https", ":authority", a, ":path", "/echo", ":evil", "1"),
            H2Wire.block(":method", "GET", ":scheme", "https", ":authority", a, ":path", "https://" + a + "/echo"),
            H2Wire.block(":method", "GET", ":protocol", "websocket", ":scheme", "https", ":authority", a,
                    ":path", "/echo"),
        };
        for (byte[] block : blocks) {
            assertRefused(send(block, null), before);
        }
    }

    @Test
    void anAuthorityOtherThanTheTunnelsHostIsRefused() throws Exception {
        int before = env.api.received().size();
        H2Wire.Outcome other = send(H2Wire.request("GET", "evil.example:" + env.api.port(), "/echo"), null);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.headers().get("proxy-status").toString()).contains("http_request_denied");
        // A host field that disagrees with :authority is malformed (RFC 9113 8.3.1).
        assertRefused(send(H2Wire.request("GET", authority(), "/echo", "host", "evil.example"), null), before);
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void rapidResetEndsTheConnection() throws Exception {
        int before = env.api.received().size();
        try (RawClient raw = new RawClient(env.proxy())) {
            H2Wire h2 = open(raw);
            // CVE-2023-44487: open a stream and cancel it at once, over and over.
            for (int i = 0, stream = 1; i < 1000; i++, stream += 2) {
                try {
                    h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS, stream,
                            H2Wire.request("POST", authority(), "/echo", "content-length", "5"));
                    h2.frame(H2Wire.RST_STREAM, 0, stream, int32(0x8)); // CANCEL
                } catch (java.io.IOException closed) {
                    break; // Sieve already ended the connection
                }
            }
            assertThat(h2.connectionEnds()).isTrue();
        }
        assertThat(env.api.received()).hasSize(before);
    }

    /**
     * The agent learns why: GOAWAY ENHANCE_YOUR_CALM, the code the codec gives a connection error, not NO_ERROR. The
     * resets go in one write, so that Sieve has read everything when it closes (no TCP reset loses the GOAWAY).
     */
    @Test
    void rapidResetIsAnsweredWithGoAwayEnhanceYourCalm() throws Exception {
        int before = env.api.received().size();
        try (RawClient raw = new RawClient(env.proxy())) {
            H2Wire h2 = open(raw);
            byte[][] pairs = new byte[2 * 210][]; // over Http2Frontend.MAX_RESETS_PER_WINDOW (200)
            for (int i = 0; i < pairs.length; i += 2) {
                int stream = 1 + i;
                pairs[i] = H2Wire.encode(H2Wire.HEADERS, H2Wire.END_HEADERS, stream,
                        H2Wire.request("POST", authority(), "/echo", "content-length", "5"));
                pairs[i + 1] = H2Wire.encode(H2Wire.RST_STREAM, 0, stream, int32(0x8)); // CANCEL
            }
            raw.send(H2Wire.concat(pairs));
            H2Wire.Frame f = h2.read();
            while (f.type() != H2Wire.GOAWAY) {
                f = h2.read();
            }
            assertThat(f.errorCode()).isEqualTo(ENHANCE_YOUR_CALM);
            assertThat(h2.connectionEnds()).isTrue();
        }
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void continuationFloodEndsTheConnection() throws Exception {
        try (RawClient raw = new RawClient(env.proxy())) {
            H2Wire h2 = open(raw);
            // A header block that never ends: CONTINUATION after CONTINUATION, none with END_HEADERS.
            h2.frame(H2Wire.HEADERS, 0, 1, H2Wire.request("GET", authority(), "/echo"));
            byte[] piece = H2Wire.block("x-filler", "f".repeat(1000));
            try {
                for (int i = 0; i < 10_000; i++) {
                    h2.frame(H2Wire.CONTINUATION, 0, 1, piece);
                }
            } catch (java.io.IOException closed) {
                // Sieve ended the connection mid-flood
            }
            assertThat(h2.connectionEnds()).isTrue();
        }
    }

    @Test
    void floodOfTinyContinuationFramesEndsTheConnection() throws Exception {
        try (RawClient raw = new RawClient(env.proxy())) {
            H2Wire h2 = open(raw);
            h2.frame(H2Wire.HEADERS, 0, 1, H2Wire.request("GET", authority(), "/echo"));
            try {
                for (int i = 0; i < 10_000; i++) {
                    h2.frame(H2Wire.CONTINUATION, 0, 1, new byte[0]);
                }
            } catch (java.io.IOException closed) {
                // ended mid-flood
            }
            assertThat(h2.connectionEnds()).isTrue();
        }
    }

    @Test
    void headerBlockOverTheLimitIsRefused() throws Exception {
        int before = env.api.received().size();
        // 20 KiB of fields against proxy.maxHeaderBytes 16KiB.
        String[] fields = new String[40];
        for (int i = 0; i < 20; i++) {
            fields[2 * i] = "x-big-" + i;
            fields[2 * i + 1] = "v".repeat(1024);
        }
        H2Wire.Outcome out = send(H2Wire.request("GET", authority(), "/echo", fields), null);
        assertThat(out.connectionEnded() || out.reset() || out.status() == 431).as("refused").isTrue();
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void hpackBombIsRefused() throws Exception {
        int before = env.api.received().size();
        // One 4000-byte field enters the dynamic table, then 100 one-byte references to it: 400 KB decoded from
        // about 4 KB on the wire.
        byte[][] parts = new byte[102][];
        parts[0] = H2Wire.request("GET", authority(), "/echo");
        parts[1] = H2Wire.indexedLiteral("x-bomb", "b".repeat(4000));
        for (int i = 2; i < parts.length; i++) {
            parts[i] = H2Wire.indexed(62);
        }
        H2Wire.Outcome out = send(H2Wire.concat(parts), null);
        assertThat(out.connectionEnded() || out.reset() || out.status() == 431).as("refused").isTrue();
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void streamsOverTheConcurrencyLimitAreRefused() throws Exception {
        try (RawClient raw = new RawClient(env.proxy())) {
            H2Wire h2 = open(raw);
            assertThat(h2.serverSetting(0x3)).isEqualTo(20); // SETTINGS_MAX_CONCURRENT_STREAMS
            // 21 streams left open (a body is announced but never sent).
            for (int i = 0; i < 21; i++) {
                h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS, 1 + 2 * i,
                        H2Wire.request("POST", authority(), "/echo", "content-length", "5"));
            }
            H2Wire.Outcome last = h2.await(1 + 2 * 20);
            assertThat(last.resetCode()).isEqualTo(REFUSED_STREAM);
            // The open ones still work.
            h2.frame(H2Wire.DATA, H2Wire.END_STREAM, 1, utf8("hello"));
            assertThat(h2.await(1).status()).isEqualTo(200);
        }
    }
}
