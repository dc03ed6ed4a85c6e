package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import dev.sieve.proxy.testing.TestTls;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal is an HTTP response an agent can act on: the status, a Proxy-Status header with
 * an RFC 9209 error type and a JSON error body; and a refused request never reaches an upstream.
 */
class RefusalsEndToEndTest {
    @TempDir
    static Path dir;

    static ProxyTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        // CONNECT refusals as plain 403s: explained refusals inside the tunnel are ExplainedRefusalsEndToEndTest's.
        env = new ProxyTestEnv(dir, "refusals:\n  explainInTunnel: false\n", RequestInspector.PASS_THROUGH);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static RawClient.Response connect(String authority) throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            return c.connect(authority);
        }
    }

    private static void assertRefusal(RawClient.Response r, int status, String proxyStatusError, String reason) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.header("proxy-status")).startsWith("sieve; error=" + proxyStatusError);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.body()).startsWith("{\"type\":\"error\",\"error\":{")
                .contains("\"reason\":\"" + reason + "\"")
                .contains("\"request_id\":\"req_");
        assertThat(r.header("x-sieve-request-id")).startsWith("req_");
    }

    /** With {@code refusals.explainInTunnel: false}: the CONNECT itself is refused. */
    @Test
    void hostNotOnTheAllowlist() throws Exception {
        assertRefusal(connect("evil.example.com:443"), 403, "destination_not_found", "not_allowlisted");
    }

    @Test
    void portNotAllowed() throws Exception {
        assertRefusal(connect("api.sieve.test:8443"), 403, "destination_not_found", "port_not_allowed");
    }

    @Test
    void ipLiteralDestination() throws Exception {
        assertRefusal(connect("127.0.0.1:" + env.api.port()), 403, "destination_ip_prohibited", "ip_literal");
        assertRefusal(connect("[::1]:" + env.api.port()), 403, "destination_ip_prohibited", "ip_literal");
    }

    @Test
    void nameResolvingToLoopbackWithoutTheSwitch() throws Exception {
        int before = env.api.received().size();
        assertRefusal(connect("private.sieve.test:" + env.api.port()), 403, "destination_ip_prohibited",
                "prohibited_address");
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void connectWithoutPort() throws Exception {
        assertRefusal(connect("api.sieve.test"), 400, "destination_not_found", "invalid_host");
    }

    @Test
    void originFormRequestToTheProxyItself() throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            assertRefusal(c.request("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), 400, "http_request_error",
                    "bad_request");
        }
    }

    private static RawClient tunnel(String sni) throws Exception {
        RawClient c = new RawClient(env.proxy());
        assertThat(c.connect("api.sieve.test:" + env.api.port()).status()).isEqualTo(200);
        // Checks the chain only (like a client with a fixed pin); the name check is Sieve's job here.
        SSLContext trustSieve = TestTls.clientContext(env.sieve.ca().certificate());
        c.startTls(trustSieve, sni, "api.sieve.test", env.api.port());
        return c;
    }

    @Test
    void sniThatDoesNotMatchConnectHostIsRefused() throws Exception {
        int before = env.api.received().size();
        try (RawClient c = tunnel("other.sieve.test")) {
            RawClient.Response r = c.request("GET /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                    + "\r\n\r\n");
            assertRefusal(r, 403, "http_request_denied", "sni_mismatch");
        }
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void hostHeaderThatDoesNotMatchConnectHostIsDomainFronting() throws Exception {
        int before = env.api.received().size();
        try (RawClient c = tunnel("api.sieve.test")) {
            assertRefusal(c.request("GET /echo HTTP/1.1\r\nHost: evil.example.com\r\n\r\n"), 403,
                    "http_request_denied", "host_mismatch");
        }
        try (RawClient c = tunnel("api.sieve.test")) {
            assertRefusal(c.request("GET https://evil.example.com/echo HTTP/1.1\r\nHost: api.sieve.test:"
                    + env.api.port() + "\r\n\r\n"), 403, "http_request_denied", "host_mismatch");
        }
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void agentsMayUseTls12AndTls13() throws Exception {
        for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
            try (RawClient c = new RawClient(env.proxy())) {
                assertThat(c.connect("api.sieve.test:" + env.api.port()).status()).isEqualTo(200);
                assertThat(c.startTls(TestTls.clientContext(env.sieve.ca().certificate()), "api.sieve.test",
                        "api.sieve.test", env.api.port(), new String[] {protocol})).isEqualTo(protocol);
                assertThat(c.request("GET /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port() + "\r\n\r\n")
                        .status()).isEqualTo(200);
            }
        }
    }

    @Test
    void upstreamWithUntrustedCertificate() throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect("untrusted.sieve.test:" + env.untrusted.port()).status()).isEqualTo(200);
            c.startTls(env.agentTls(), "untrusted.sieve.test", "untrusted.sieve.test", env.untrusted.port());
            assertRefusal(c.request("GET /echo HTTP/1.1\r\nHost: untrusted.sieve.test:" + env.untrusted.port()
                    + "\r\n\r\n"), 502, "tls_certificate_error", "upstream_tls_certificate");
        }
        assertThat(env.untrusted.received()).isEmpty();
    }

    @Test
    void upstreamCertificateForAnotherName() throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect("badname.sieve.test:" + env.badName.port()).status()).isEqualTo(200);
            c.startTls(env.agentTls(), "badname.sieve.test", "badname.sieve.test", env.badName.port());
            assertRefusal(c.request("GET /echo HTTP/1.1\r\nHost: badname.sieve.test:" + env.badName.port()
                    + "\r\n\r\n"), 502, "tls_certificate_error", "upstream_tls_certificate");
        }
        assertThat(env.badName.received()).isEmpty();
    }

    @Test
    void upstreamAnsweringWithSomethingThatIsNotHttp() throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect("garbage.sieve.test:" + env.garbage.port()).status()).isEqualTo(200);
            c.startTls(env.agentTls(), "garbage.sieve.test", "garbage.sieve.test", env.garbage.port());
            assertRefusal(c.request("GET / HTTP/1.1\r\nHost: garbage.sieve.test:" + env.garbage.port() + "\r\n\r\n"),
                    502, "http_protocol_error", "upstream_bad_response");
        }
    }

    @Test
    void anUpstreamThatHangsUpOnAFreshConnectionGets502AndNoRetry() throws Exception {
        String host = "hangup.sieve.test:" + env.hangup.port();
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect(host).status()).isEqualTo(200);
            c.startTls(env.agentTls(), "hangup.sieve.test", "hangup.sieve.test", env.hangup.port());
            // GET is idempotent, but only a reused pooled connection may be retried (it may have gone stale).
            assertRefusal(c.request("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n"), 502,
                    "http_response_incomplete", "upstream_closed");
        }
        assertThat(env.hangup.requests()).isEqualTo(1);
    }

    @Test
    void upstreamDown() throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect("down.sieve.test:" + env.downPort).status()).isEqualTo(200);
            c.startTls(env.agentTls(), "down.sieve.test", "down.sieve.test", env.downPort);
            assertRefusal(c.request("GET / HTTP/1.1\r\nHost: down.sieve.test:" + env.downPort + "\r\n\r\n"), 502,
                    "connection_refused", "connection_refused");
        }
    }

    @Test
    void contentLengthWithTransferEncodingNeverReachesUpstream() throws Exception {
        int before = env.api.received().size();
        try (RawClient c = tunnel("api.sieve.test")) {
            RawClient.Response r = c.request("POST /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                    + "\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\n"
                    + "Host: api.sieve.test\r\n\r\n");
            assertRefusal(r, 400, "http_request_error", "request_smuggling");
            assertThat(c.isClosedByPeer()).isTrue();
        }
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void duplicateDifferingContentLengthsAreRefused() throws Exception {
        int before = env.api.received().size();
        try (RawClient c = tunnel("api.sieve.test")) {
            RawClient.Response r = c.request("POST /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                    + "\r\nContent-Length: 4\r\nContent-Length: 6\r\n\r\nabcdef");
            assertRefusal(r, 400, "http_request_error", "request_smuggling");
        }
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void badChunkSizeIsRefused() throws Exception {
        int before = env.api.received().size();
        try (RawClient c = tunnel("api.sieve.test")) {
            RawClient.Response r = c.request("POST /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                    + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("proxy-status")).startsWith("sieve; error=http_request_error");
        }
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void transferEncodingOtherThanChunkedIsRefused() throws Exception {
        int before = env.api.received().size();
        try (RawClient c = tunnel("api.sieve.test")) {
            RawClient.Response r = c.request("POST /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                    + "\r\nTransfer-Encoding: gzip\r\n\r\nabcd");
            assertThat(r.status()).isEqualTo(400);
        }
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void smugglingOnThePlainProxyConnectionToo() throws Exception {
        int before = env.plain.received().size();
        try (RawClient c = new RawClient(env.proxy())) {
            RawClient.Response r = c.request("POST http://plain.sieve.test:" + env.plain.port()
                    + "/echo HTTP/1.1\r\nHost: plain.sieve.test\r\nContent-Length: 3\r\nTransfer-Encoding: chunked"
                    + "\r\n\r\n0\r\n\r\n");
            assertRefusal(r, 400, "http_request_error", "request_smuggling");
        }
        assertThat(env.plain.received()).hasSize(before);
    }

    @Test
    void oversizedHeadersGet431() throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            RawClient.Response r = c.request("CONNECT api.sieve.test:" + env.api.port() + " HTTP/1.1\r\nX-Big: "
                    + "a".repeat(40_000) + "\r\n\r\n");
            assertRefusal(r, 431, "http_request_error", "headers_too_large");
        }
    }

    @Test
    void oversizedRequestLineGets414() throws Exception {
        try (RawClient c = tunnel("api.sieve.test")) {
            RawClient.Response r = c.request("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: api.sieve.test:"
                    + env.api.port() + "\r\n\r\n");
            assertRefusal(r, 414, "http_request_error", "uri_too_long");
        }
    }

    @Test
    void websocketUpgradeIsRefusedClearly() throws Exception {
        try (RawClient c = tunnel("api.sieve.test")) {
            RawClient.Response r = c.request("GET /ws HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                    + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n");
            assertRefusal(r, 400, "http_request_error", "unsupported_upgrade");
        }
    }

    @Test
    void hopByHopHeadersDoNotReachUpstream() throws Exception {
        try (RawClient c = tunnel("api.sieve.test")) {
            RawClient.Response r = c.request("POST /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                    + "\r\nConnection: keep-alive, X-Secret-Hop\r\nX-Secret-Hop: 1\r\nKeep-Alive: timeout=5\r\n"
                    + "Proxy-Authorization: Basic Zm9vOmJhcg==\r\nProxy-Connection: keep-alive\r\nTE: trailers\r\n"
                    + "X-Kept: yes\r\nContent-Length: 2\r\n\r\nok");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("ok");
        }
        var received = env.api.last();
        assertThat(received.header("X-Kept")).isEqualTo("yes");
        for (String hop : new String[] {"X-Secret-Hop", "Keep-Alive", "Proxy-Authorization", "Proxy-Connection",
            "TE", "Connection"}) {
            assertThat(received.header(hop)).as(hop).isNull();
        }
    }

    @Test
    void bodyOverTheInspectionLimitGets413BeforeAnythingIsSent() throws Exception {
        int before = env.api.received().size();
        long limit = env.sieve.config().inspection().maxBodyBytes();
        try (RawClient c = tunnel("api.sieve.test")) {
            RawClient.Response r = c.request("POST /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                    + "\r\nContent-Length: " + (limit + 1) + "\r\n\r\n");
            assertRefusal(r, 413, "http_request_error", "body_too_large");
        }
        assertThat(env.api.received()).hasSize(before);
    }
}
