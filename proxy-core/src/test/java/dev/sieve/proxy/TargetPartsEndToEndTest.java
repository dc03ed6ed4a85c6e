package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.certs.CertificateAuthority;
import dev.sieve.proxy.testing.CapturingAppender;
import dev.sieve.proxy.testing.FakeModelServer;
import dev.sieve.proxy.testing.H2Wire;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import dev.sieve.proxy.testing.RecordingUpstream;
import dev.sieve.proxy.testing.Synthetic;
import dev.sieve.proxy.testing.TestTls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three places of a request an outside red team hid secrets in, through a running Sieve with the default rule pack,
 * raw requests over real sockets (no HTTP client sends these shapes): the userinfo of an absolute-form target
 * ({@code https://AKIA...:secret@host/}, {@code http://user:ghp_...@host/}), a fragment ({@code /v1/messages#k=...}),
 * and trailer fields after a chunked body (and an h2 HEADERS frame after DATA). Each is scanned as its own place
 * ({@code target:userinfo}, {@code target:fragment}, {@code trailer:<name>}); a secret there is blocked and named in
 * the audit; a target with a userinfo or fragment is refused even without one, and never forwarded; ordinary
 * trailers pass and are dropped; no value reaches the upstream, the audit or the logs.
 */
class TargetPartsEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String STREAM_HOST = "h2.sieve.test";

    @TempDir
    static Path dir;

    static ProxyTestEnv env;
    static RecordingUpstream recording;
    /** Every secret value sent, to check none reaches the audit or the logs. */
    static final List<String> SENT = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        // The environment's upstream CA (same folder): Sieve trusts it.
        CertificateAuthority ca = TestTls.newCa(dir.resolve("upstream-ca"));
        recording = new RecordingUpstream(ca, STREAM_HOST, false);
        env = new ProxyTestEnv(dir, "http2: true", null, "- { host: " + STREAM_HOST + ", ports: [" + recording.port()
                + "], privateAddresses: true }", null);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            String audit = env.auditText();
            String logs = CapturingAppender.all();
            for (String value : SENT) {
                assertThat(audit).as("audit").doesNotContain(value);
                assertThat(logs).as("logs").doesNotContain(value);
            }
        } finally {
            env.close();
            recording.close();
        }
    }

    static String secret(String value) {
        SENT.add(value);
        return value;
    }

    static String api() {
        return "api.sieve.test:" + env.api.port();
    }

    static String plain() {
        return "plain.sieve.test:" + env.plain.port();
    }

    /** An agent connection inside an intercepted tunnel to the api upstream (HTTP/1.1). */
    static RawClient tunnel() throws Exception {
        RawClient c = new RawClient(env.proxy());
        assertThat(c.connect(api()).status()).isEqualTo(200);
        c.startTls(env.agentTls(), "api.sieve.test", "api.sieve.test", env.api.port());
        return c;
    }

    /** Sends {@code raw} on a new connection ({@code tunnel} or plain) and reads the answer. */
    static RawClient.Response send(boolean inTunnel, String raw) throws Exception {
        try (RawClient c = inTunnel ? tunnel() : new RawClient(env.proxy())) {
            return c.request(raw);
        }
    }

    static String post(String target, String host, String body) {
        return "POST " + target + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    static final String BODY = "{\"model\":\"claude\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    /** The audit record of the refusal in {@code r}, once written. */
    static JsonNode audit(RawClient.Response r) throws Exception {
        String id = JSON.readTree(r.body()).get("error").get("request_id").asText();
        return JSON.readTree(env.awaitAuditLine(id));
    }

    static List<String> viewPaths(JsonNode record) {
        List<String> views = new ArrayList<>();
        record.get("findings").forEach(f -> views.add(f.get("viewPath").asText()));
        return views;
    }

    static void assertBlocked(RawClient.Response r, String rule, String view) throws Exception {
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("proxy-status")).startsWith("sieve; error=http_request_denied");
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertThat(error.get("reason").asText()).isEqualTo("inspection_blocked");
        assertThat(error.get("rules").toString()).contains(rule);
        JsonNode record = audit(r);
        assertThat(record.get("decision").asText()).isEqualTo("blocked");
        assertThat(viewPaths(record)).contains(view);
    }

    static void assertRefused(RawClient.Response r, String reason) throws Exception {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("proxy-status")).startsWith("sieve; error=http_request_error").contains(reason);
        assertThat(JSON.readTree(r.body()).get("error").get("reason").asText()).isEqualTo(reason);
        JsonNode record = audit(r);
        assertThat(record.get("decision").asText()).isEqualTo("denied");
        assertThat(record.get("reasons").toString()).contains(reason);
    }

    @Test
    void anAwsKeyInTheUserinfoOfAnAbsoluteFormTargetIsBlockedAndNeverForwarded() throws Exception {
        String id = secret(Synthetic.awsAccessKeyId(501));
        String key = secret(Synthetic.awsSecret(502));
        String encoded = key.replace("/", "%2F").replace("+", "%2B");
        int before = env.api.received().size();

        RawClient.Response r = send(true, post("https://" + id + ":" + encoded + "@" + api() + "/v1/messages", api(),
                BODY));

        assertBlocked(r, "credential.aws", "target:userinfo");
        assertThat(r.body()).doesNotContain(id).doesNotContain(key);
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void aGithubTokenInThePasswordOfAPlainHttpTargetIsBlocked() throws Exception {
        String pat = secret(Synthetic.githubPat(503));
        int before = env.plain.received().size();

        RawClient.Response r = send(false, post("http://user:" + pat + "@" + plain() + "/v1/messages", plain(), BODY));

        assertBlocked(r, "credential.github-pat", "target:userinfo");
        assertThat(env.plain.received()).hasSize(before);
    }

    @Test
    void aUserinfoWithoutASecretIsStillRefusedAndNotForwarded() throws Exception {
        for (boolean inTunnel : new boolean[] {true, false}) {
            FakeModelServer upstream = inTunnel ? env.api : env.plain;
            String authority = inTunnel ? api() : plain();
            int before = upstream.received().size();

            RawClient.Response r = send(inTunnel, post((inTunnel ? "https://" : "http://") + "agent@" + authority
                    + "/v1/messages", authority, BODY));

            assertRefused(r, "target_userinfo");
            assertThat(audit(r).get("findings")).isEmpty();
            assertThat(upstream.received()).as("forwarded").hasSize(before);
        }
    }

    @Test
    void aStripeKeyInAFragmentIsBlockedAndNeverForwarded() throws Exception {
        String key = secret("sk_live_" + Synthetic.alnum(504, 32));
        for (boolean inTunnel : new boolean[] {true, false}) {
            FakeModelServer upstream = inTunnel ? env.api : env.plain;
            String authority = inTunnel ? api() : plain();
            String target = (inTunnel ? "https://" : "http://") + authority + "/v1/messages#k=" + key;
            int before = upstream.received().size();

            RawClient.Response r = send(inTunnel, post(target, authority, BODY));

            assertBlocked(r, "credential.stripe-secret-key", "target:fragment");
            assertThat(upstream.received()).as("forwarded").hasSize(before);
        }
        // Origin-form, inside the tunnel.
        int before = env.api.received().size();
        assertBlocked(send(true, post("/v1/messages#" + key, api(), BODY)), "credential.stripe-secret-key",
                "target:fragment");
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void aFragmentWithoutASecretIsRefusedAndAnEncodedHashOrAnAtSignIsForwarded() throws Exception {
        int before = env.api.received().size();
        assertRefused(send(true, post("/v1/messages#section-2", api(), BODY)), "target_fragment");
        assertThat(env.api.received()).hasSize(before);

        RawClient.Response encoded = send(true, post("/v1/messages?tag=%23release", api(), BODY));
        assertThat(encoded.header("proxy-status")).isNull();
        assertThat(env.api.received()).hasSize(before + 1);
        assertThat(env.api.last().uri()).isEqualTo("/v1/messages?tag=%23release");
        RawClient.Response at = send(true, post("/users/@me?by=@ops", api(), BODY));
        assertThat(at.header("proxy-status")).isNull();
        assertThat(env.api.received()).hasSize(before + 2);
        assertThat(env.api.last().uri()).isEqualTo("/users/@me?by=@ops");
    }

    static String chunked(String target, String host, String body, String... trailers) {
        StringBuilder out = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: " + host
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nTrailer: X-Api-Key\r\n\r\n");
        out.append(Integer.toHexString(body.length())).append("\r\n").append(body).append("\r\n0\r\n");
        for (String t : trailers) {
            out.append(t).append("\r\n");
        }
        return out.append("\r\n").toString();
    }

    @Test
    void aSecretInAChunkedTrailerIsBlockedLikeAHeaderAndNeverForwarded() throws Exception {
        String key = secret("sk_live_" + Synthetic.alnum(505, 28));
        for (boolean inTunnel : new boolean[] {true, false}) {
            FakeModelServer upstream = inTunnel ? env.api : env.plain;
            String authority = inTunnel ? api() : plain();
            int before = upstream.received().size();

            RawClient.Response r = send(inTunnel, chunked(inTunnel ? "/v1/messages" : "http://" + authority
                    + "/v1/messages", authority, BODY, "X-Api-Key: " + key));

            assertBlocked(r, "credential.stripe-secret-key", "trailer:x-api-key");
            assertThat(upstream.received()).as("forwarded").hasSize(before);
        }
    }

    @Test
    void ordinaryTrailersPassAndAreDroppedNotForwarded() throws Exception {
        int before = env.api.received().size();

        RawClient.Response r = send(true, chunked("/v1/messages", api(), BODY, "Server-Timing: total;dur=12.5",
                "X-Checksum-Sha256: 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="));

        assertThat(r.status()).isEqualTo(200);
        assertThat(env.api.received()).hasSize(before + 1);
        FakeModelServer.Received got = env.api.last();
        assertThat(got.bodyText()).isEqualTo(BODY);
        // Re-framed with a length: no chunked coding, so no trailer section, and no Trailer field announcing one.
        assertThat(got.header("content-length")).isEqualTo(String.valueOf(BODY.length()));
        assertThat(got.header("transfer-encoding")).isNull();
        assertThat(got.header("trailer")).isNull();
        assertThat(got.header("server-timing")).isNull();
        assertThat(got.header("x-checksum-sha256")).isNull();
    }

    @Test
    void aSecretInATrailerAfterAStreamedBodyAbortsTheUpstreamRequestBeforeItsEnd() throws Exception {
        String pat = secret(Synthetic.githubPat(506));
        // Prose, as in StreamedUploadWithTheEngineTest: the engine proves its prefix clean, so it streams.
        String[] words = {"the", "agent", "reads", "a", "file", "and", "writes", "its", "quarterly", "report,", "with",
            "numbers", "for", "2026.", "\n"};
        java.util.Random random = new java.util.Random(11);
        StringBuilder prose = new StringBuilder();
        while (prose.length() < 1024 * 1024) {
            prose.append(words[random.nextInt(words.length)]).append(' ');
        }
        byte[] text = prose.substring(0, 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
        int first = 768 * 1024;
        int before = recording.requests().size();
        try (RawClient c = recording.agentThrough(env, STREAM_HOST)) {
            c.send("POST /upload HTTP/1.1\r\nHost: " + STREAM_HOST + ":" + recording.port()
                    + "\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nTrailer: X-Token\r\n\r\n");
            c.send(Integer.toHexString(first) + "\r\n");
            c.send(java.util.Arrays.copyOfRange(text, 0, first));
            c.send("\r\n");
            RecordingUpstream.Request got = recording.awaitRequest(before);
            RecordingUpstream.await(() -> got.body().length >= 256 * 1024, "the clean prefix streams upstream");
            c.send(Integer.toHexString(text.length - first) + "\r\n");
            c.send(java.util.Arrays.copyOfRange(text, first, text.length));
            c.send("\r\n0\r\nX-Token: " + pat + "\r\n\r\n");

            RawClient.Response r = c.readResponse(false);
            assertBlocked(r, "credential.github-pat", "trailer:x-token");
            RecordingUpstream.await(got::aborted, "the upstream request is aborted");
            assertThat(got.complete()).as("the upstream request ended").isFalse();
            assertThat(new String(got.body(), StandardCharsets.ISO_8859_1)).doesNotContain(pat);
        }
    }

    @Test
    void h2TrailersAreScannedLikeHeadersAndAFragmentInThePathIsScanned() throws Exception {
        String key = secret("sk_live_" + Synthetic.alnum(507, 30));
        try (RawClient raw = new RawClient(env.proxy())) {
            assertThat(raw.connect(api()).status()).isEqualTo(200);
            assertThat(raw.startTlsAlpn(env.agentTls(), "api.sieve.test", env.api.port(), "h2", "http/1.1"))
                    .isEqualTo("h2");
            H2Wire h2 = new H2Wire(raw).preface();
            int before = env.api.received().size();
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

            // A secret in the trailers: blocked, nothing upstream.
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS, 1, H2Wire.request("POST", api(), "/v1/messages",
                    "content-type", "application/json"));
            h2.frame(H2Wire.DATA, 0, 1, body);
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS | H2Wire.END_STREAM, 1, H2Wire.block("x-api-key", key));
            H2Wire.Outcome blocked = h2.await(1);
            assertThat(blocked.status()).isEqualTo(403);
            JsonNode error = JSON.readTree(blocked.body()).get("error");
            assertThat(error.get("reason").asText()).isEqualTo("inspection_blocked");
            JsonNode record = JSON.readTree(env.awaitAuditLine(error.get("request_id").asText()));
            assertThat(viewPaths(record)).contains("trailer:x-api-key");
            assertThat(env.api.received()).hasSize(before);

            // Ordinary trailers: forwarded without them.
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS, 3, H2Wire.request("POST", api(), "/v1/messages",
                    "content-type", "application/json"));
            h2.frame(H2Wire.DATA, 0, 3, body);
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS | H2Wire.END_STREAM, 3,
                    H2Wire.block("server-timing", "total;dur=3"));
            assertThat(h2.await(3).status()).isEqualTo(200);
            assertThat(env.api.received()).hasSize(before + 1);
            assertThat(env.api.last().header("server-timing")).isNull();
            assertThat(env.api.last().bodyText()).isEqualTo(BODY);

            // A fragment in :path is scanned and refused the same way.
            String fragmentKey = secret("sk_live_" + Synthetic.alnum(508, 26));
            h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS, 5, H2Wire.request("POST", api(),
                    "/v1/messages#k=" + fragmentKey, "content-type", "application/json"));
            h2.frame(H2Wire.DATA, H2Wire.END_STREAM, 5, body);
            H2Wire.Outcome fragment = h2.await(5);
            assertThat(fragment.status()).isEqualTo(403);
            JsonNode fragmentRecord = JSON.readTree(env.awaitAuditLine(JSON.readTree(fragment.body()).get("error")
                    .get("request_id").asText()));
            assertThat(viewPaths(fragmentRecord)).contains("target:fragment");
            assertThat(env.api.received()).hasSize(before + 1);
        }
    }
}
