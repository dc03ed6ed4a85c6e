package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.testing.FakeModelServer;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request heads that Netty's decoder lets through but that must never be forwarded: bytes in the
 * request target that are not part of a URI, header fields with control bytes, HTTP versions other
 * than 1.0 and 1.1, and over-long chunk lines. Each is sent over a real socket, both as a plain
 * absolute-form {@code http://} request and inside an intercepted TLS tunnel, and must get the
 * usual refusal (status, Proxy-Status, JSON body) with nothing reaching the upstream.
 */
class RequestValidationEndToEndTest {
    @TempDir
    static Path dir;

    static ProxyTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, null, RequestInspector.PASS_THROUGH);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    /** How a request reaches Sieve: its connection, the request-target prefix and the Host it names. */
    private enum Via {
        PLAIN, TUNNEL;

        RawClient open() throws Exception {
            RawClient c = new RawClient(env.proxy());
            if (this == TUNNEL) {
                assertThat(c.connect("api.sieve.test:" + env.api.port()).status()).isEqualTo(200);
                c.startTls(env.agentTls(), "api.sieve.test", "api.sieve.test", env.api.port());
            }
            return c;
        }

        String host() {
            return this == PLAIN ? "plain.sieve.test:" + env.plain.port() : "api.sieve.test:" + env.api.port();
        }

        /** {@code path} as this connection's request target. */
        String target(String path) {
            return this == PLAIN ? "http://" + host() + path : path;
        }

        FakeModelServer upstream() {
            return this == PLAIN ? env.plain : env.api;
        }
    }

    /** Sends {@code rest} ({@code %T}: the target for {@code path}, {@code %H}: the host) both ways; nothing may be forwarded. */
    private static List<RawClient.Response> sendBothWays(String path, String rest) throws Exception {
        return exchangeBothWays(path, rest, 0);
    }

    /** As {@link #sendBothWays}, but each request must reach the upstream once. */
    private static List<RawClient.Response> forwardBothWays(String path, String rest) throws Exception {
        return exchangeBothWays(path, rest, 1);
    }

    private static List<RawClient.Response> exchangeBothWays(String path, String rest, int forwards) throws Exception {
        RawClient.Response[] answers = new RawClient.Response[2];
        for (Via via : Via.values()) {
            int before = via.upstream().received().size();
            try (RawClient c = via.open()) {
                answers[via.ordinal()] = c.request(rest.replace("%T", via.target(path)).replace("%H", via.host()));
            }
            assertThat(via.upstream().received()).as("forwarded " + via).hasSize(before + forwards);
        }
        return List.of(answers);
    }

    private static void assertRefusal(RawClient.Response r, int status, String reason) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.header("proxy-status")).startsWith("sieve; error=http_request_error");
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.body()).startsWith("{\"type\":\"error\",\"error\":{")
                .contains("\"reason\":\"" + reason + "\"")
                .contains("\"request_id\":\"req_");
    }

    @ParameterizedTest(name = "byte 0x{0}")
    @ValueSource(strings = {"00", "01", "08", "0b", "0c", "1f", "7f", "80", "c3", "ff"})
    void controlAndNonAsciiBytesInTheTargetAreRefused(String hex) throws Exception {
        char c = (char) Integer.parseInt(hex, 16);
        for (RawClient.Response r : sendBothWays("/echo/a" + c + "b",
                "POST %T HTTP/1.1\r\nHost: %H\r\nContent-Length: 2\r\n\r\nok")) {
            assertRefusal(r, 400, "bad_request");
            if (c != 0x0b && c != 0x0c) { // Netty's decoder splits the line at VT and FF: a bad version then
                assertThat(r.body()).contains("the request target has byte 0x" + hex.toUpperCase(Locale.ROOT));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"", "<", ">"})
    void charactersNoClientSendsUnencodedAreRefused(String ch) throws Exception {
        for (RawClient.Response r : sendBothWays("/echo?q=a" + ch + "b",
                "GET %T HTTP/1.1\r\nHost: %H\r\n\r\n")) {
            assertRefusal(r, 400, "bad_request");
        }
    }

    @Test
    void aFragmentIsInspectedThenRefusedAndASecondHashIsNotAUri() throws Exception {
        // One '#': the fragment is scanned (TargetPartsEndToEndTest) and the request refused, never forwarded.
        for (RawClient.Response r : sendBothWays("/echo?q=a#b", "GET %T HTTP/1.1\r\nHost: %H\r\n\r\n")) {
            assertRefusal(r, 400, "target_fragment");
        }
        for (RawClient.Response r : sendBothWays("/echo?q=a#b#c", "GET %T HTTP/1.1\r\nHost: %H\r\n\r\n")) {
            assertRefusal(r, 400, "bad_request");
        }
    }

    @Test
    void charactersThatWhatwgUrlClientsSendUnencodedInAQueryAreForwarded() throws Exception {
        // Node's fetch (undici), browsers and Go's net/http send these raw in a query string. The JDK
        // server behind refuses them itself (java.net.URI) before it records a request, so what shows
        // that Sieve forwarded them is that the answer is the upstream's, not a refusal by Sieve.
        for (RawClient.Response r : exchangeBothWays("/echo?q={a}|b^c`d[e]\\f%g", "GET %T HTTP/1.1\r\nHost: %H\r\n\r\n",
                0)) {
            assertThat(r.header("proxy-status")).isNull();
            assertThat(r.body()).doesNotContain("\"reason\":");
            // Forwarded after inspection: the upstream's answer names its audit record like every inspected one.
            assertThat(r.header("x-sieve-request-id")).startsWith("req_");
        }
    }

    @ParameterizedTest(name = "byte 0x{0}")
    @ValueSource(strings = {"00", "01", "0a", "0b", "0c", "0d", "1f", "7f"})
    void controlBytesInAHeaderValueAreRefused(String hex) throws Exception {
        char c = (char) Integer.parseInt(hex, 16);
        for (RawClient.Response r : sendBothWays("/echo",
                "POST %T HTTP/1.1\r\nHost: %H\r\nX-Note: a" + c + "b\r\nContent-Length: 2\r\n\r\nok")) {
            assertRefusal(r, 400, "bad_request");
        }
    }

    @Test
    void aTabInAHeaderValueIsFine() throws Exception {
        for (RawClient.Response r : forwardBothWays("/echo",
                "POST %T HTTP/1.1\r\nHost: %H\r\nX-Note: a\tb\r\nContent-Length: 2\r\n\r\nok")) {
            assertThat(r.status()).isEqualTo(200);
        }
        for (Via via : Via.values()) {
            // Forwarded as sent; the JDK server behind turns HTAB into SP when it parses the field.
            assertThat(via.upstream().last().header("X-Note")).matches("a[\t ]b");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"X Note", "X-Note ", "X(Note)", "X\"Note", "X\u0000Note", "X\u00e9Note", "X/Note"})
    void headerNamesMustBeTokens(String name) throws Exception {
        for (RawClient.Response r : sendBothWays("/echo",
                "POST %T HTTP/1.1\r\nHost: %H\r\n" + name + ": 1\r\nContent-Length: 2\r\n\r\nok")) {
            assertRefusal(r, 400, "bad_request");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP/2.0", "HTTP/0.9", "HTTP/1.2", "HTTP/3.0"})
    void versionsOtherThanHttp10And11Get505(String version) throws Exception {
        for (RawClient.Response r : sendBothWays("/echo",
                "POST %T " + version + "\r\nHost: %H\r\nContent-Length: 2\r\n\r\nok")) {
            assertRefusal(r, 505, "http_version_not_supported");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP/2", "HTTP/1", "HTTP/11.1", "HTTP/1.1.1", "HTTPS/1.1", "FOO"})
    void aVersionThatIsNotHttpVersionSyntaxIsABadRequest(String version) throws Exception {
        for (RawClient.Response r : sendBothWays("/echo",
                "POST %T " + version + "\r\nHost: %H\r\nContent-Length: 2\r\n\r\nok")) {
            assertRefusal(r, 400, "bad_request");
        }
    }

    @Test
    void http10IsStillServed() throws Exception {
        for (RawClient.Response r : forwardBothWays("/echo", "POST %T HTTP/1.0\r\nHost: %H\r\nContent-Length: 2\r\n\r\nok")) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("ok");
        }
    }

    @Test
    void aConnectWithAnotherVersionGets505() throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            c.send("CONNECT api.sieve.test:" + env.api.port() + " HTTP/2.0\r\nHost: api.sieve.test\r\n\r\n");
            assertRefusal(c.readResponse(true), 505, "http_version_not_supported");
        }
    }

    @Test
    void aLongChunkExtensionIsABadRequestNotA414() throws Exception {
        for (RawClient.Response r : sendBothWays("/echo", "POST %T HTTP/1.1\r\nHost: %H\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n2;ext=" + "x".repeat(100 * 1024) + "\r\nok\r\n0\r\n\r\n")) {
            assertRefusal(r, 400, "request_smuggling");
        }
    }

    @Test
    void overLongChunkLinesAreRefusedWithoutWaitingForTheirEnd() throws Exception {
        // Neither line ever ends: the refusal must come once the line limit is passed, not buffer on.
        String[] unterminated = {"2;ext=" + "x".repeat(64 * 1024), "0".repeat(64 * 1024)};
        for (String line : unterminated) {
            for (RawClient.Response r : sendBothWays("/echo", "POST %T HTTP/1.1\r\nHost: %H\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + line)) {
                assertRefusal(r, 400, "request_smuggling");
            }
        }
    }

    @Test
    void aRefusalReachesAnAgentThatIsStillUploading() throws Exception {
        // Refused at the head (413), while the agent goes on writing its body before it reads: Sieve
        // must not reset the connection under it, or the agent never sees the refusal.
        long limit = env.sieve.config().inspection().maxBodyBytes();
        byte[] body = new byte[1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'x');
        for (Via via : Via.values()) {
            int before = via.upstream().received().size();
            try (RawClient c = via.open()) {
                c.send("POST " + via.target("/echo") + " HTTP/1.1\r\nHost: " + via.host() + "\r\nContent-Length: "
                        + (limit + 1) + "\r\n\r\n");
                c.send(body);
                assertRefusal(c.readResponse(false), 413, "body_too_large");
            }
            assertThat(via.upstream().received()).hasSize(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gzip, chunked", "deflate,chunked", "identity, chunked"})
    void transferCodingsOtherThanChunkedAreRefused(String codings) throws Exception {
        // Sieve would scan the still-compressed body, then forward it without the coding that says so.
        for (RawClient.Response r : sendBothWays("/echo", "POST %T HTTP/1.1\r\nHost: %H\r\nTransfer-Encoding: "
                + codings + "\r\n\r\n2\r\nok\r\n0\r\n\r\n")) {
            assertRefusal(r, 400, "bad_request");
            assertThat(r.body()).contains("only chunked");
        }
    }

    @Test
    void aFoldedTransferEncodingIsJudgedAsOneValue() throws Exception {
        for (RawClient.Response r : sendBothWays("/echo", "POST %T HTTP/1.1\r\nHost: %H\r\nTransfer-Encoding: gzip,"
                + "\r\n chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n")) {
            assertRefusal(r, 400, "bad_request");
        }
    }

    @Test
    void chunkedInAnyCaseIsFine() throws Exception {
        for (RawClient.Response r : forwardBothWays("/echo",
                "POST %T HTTP/1.1\r\nHost: %H\r\nTransfer-Encoding: Chunked \r\n\r\n2\r\nok\r\n0\r\n\r\n")) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("ok");
        }
    }
}
