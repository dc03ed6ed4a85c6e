package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.audit.AuditKeys;
import dev.sieve.proxy.audit.AuditVerifier;
import dev.sieve.proxy.auth.Ed25519Keys;
import dev.sieve.proxy.auth.TokenClaims;
import dev.sieve.proxy.auth.TokenCodec;
import dev.sieve.proxy.auth.TokenIssuer;
import dev.sieve.proxy.auth.TokenScope;
import dev.sieve.proxy.config.BudgetLimits;
import dev.sieve.proxy.config.EnforcementMode;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.testing.CapturingAppender;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed agent tokens through a real Sieve: curl and the JDK HttpClient present them, the proxy verifies them
 * statelessly, narrows the allowlist to their scope, refuses expired, revoked and kill-switched tokens (also inside
 * open tunnels), and records admin actions in the audit chain. No token and no signing key reaches the logs, the
 * audit log or the metrics.
 */
class TokenEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String STATIC_TOKEN = "static-token-0123456789abcdef";

    @TempDir
    static Path dir;

    static ProxyTestEnv env;
    static KeyPair key;
    static KeyPair oldKey;
    static TokenIssuer issuer;
    static Path revocationFile;
    /** Every token a test made, checked against logs, audit and metrics at the end of each test that uses them. */
    static final List<String> issued = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        key = Ed25519Keys.generate();
        oldKey = Ed25519Keys.generate();
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Ed25519Keys.writePrivate(keys.resolve("signing.key"), key.getPrivate());
        Ed25519Keys.writePublic(keys.resolve("current.pub"), key.getPublic());
        Path secretDir = Files.createDirectories(dir.resolve("secret"));
        Ed25519Keys.writePublic(secretDir.resolve("old.pem"), oldKey.getPublic());
        revocationFile = Files.writeString(dir.resolve("revoked.txt"), "# none yet\n");
        issuer = new TokenIssuer(key.getPrivate());
        env = new ProxyTestEnv(dir, """
                auth:
                  required: true
                  tokens: { static-1: %s }
                  verificationKeys: [%s]
                  verificationKeyDir: %s
                  revocationFile: %s
                  signingKeyFile: %s
                """.formatted(STATIC_TOKEN, keys.resolve("current.pub"), secretDir, revocationFile,
                keys.resolve("signing.key")), RequestInspector.PASS_THROUGH);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static String token(String agent, Duration ttl, String... allow) {
        String t = issuer.issue(agent, ttl, List.of(allow), "rpm=60", EnforcementMode.ENFORCE, Instant.now()).token();
        issued.add(t);
        return t;
    }

    private static String tokenId(String token) {
        return TokenCodec.decode(token).claims().tokenId();
    }

    private static String api() {
        return "api.sieve.test:" + env.api.port();
    }

    private static String bearer(String token) {
        return "Proxy-Authorization: Bearer " + token;
    }

    private static String basic(String user, String password) {
        return "Proxy-Authorization: Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static RawClient.Response echo(RawClient c) throws Exception {
        return c.request("POST /echo HTTP/1.1\r\nHost: " + api() + "\r\nContent-Length: 5\r\n\r\nhello");
    }

    private static RawClient tunnel(String... headers) throws Exception {
        RawClient c = new RawClient(env.proxy());
        assertThat(c.connect(api(), headers).status()).isEqualTo(200);
        c.startTls(env.agentTls(), "api.sieve.test", "api.sieve.test", env.api.port());
        return c;
    }

    private static HttpResponse<String> admin(String method, String pathAndQuery, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + env.admin().getPort()
                + pathAndQuery)).timeout(Duration.ofSeconds(10));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The part of an admin audit line naming the action, the caller and the token. */
    private static String adminLine(String action, String tokenId) {
        return "\"action\":\"" + action + "\",\"actor\":\"admin@127.0.0.1\",\"target\":\"token:" + tokenId + "\"";
    }

    private static Path caFile() throws Exception {
        Path caFile = dir.resolve("sieve-ca.pem");
        if (!Files.exists(caFile)) {
            Files.writeString(caFile, env.sieve.ca().certificatePem());
        }
        return caFile;
    }

    @Test
    void curlWithTheTokenAsBasicPasswordReachesAnAllowedDestination() throws Exception {
        String token = token("curl-agent", Duration.ofMinutes(5), "api.sieve.test");
        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "20", "-x",
                "http://127.0.0.1:" + env.proxy().getPort(), "--proxy-user", "curl-agent:" + token,
                "--cacert", caFile().toString(), "--data", "hello", env.apiUrl("/echo"))
                .redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(out).isEqualTo("hello");
        assertThat(env.awaitAuditLine("\"agentId\":\"curl-agent\"")).contains("\"decision\":\"allowed\"");
    }

    @Test
    void theJdkHttpClientWithABearerTokenReachesAnAllowedDestination() throws Exception {
        String token = token("jdk-agent", Duration.ofMinutes(5));
        HttpResponse<String> r = env.agentClient().send(HttpRequest.newBuilder(URI.create(env.apiUrl("/echo")))
                .header("Proxy-Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
        assertThat(env.api.last().header("Proxy-Authorization")).as("hop-by-hop").isNull();
    }

    @Test
    void staticTokensKeepWorking() throws Exception {
        try (RawClient c = tunnel(basic("static-1", STATIC_TOKEN))) {
            assertThat(echo(c).status()).isEqualTo(200);
        }
    }

    @Test
    void aTokenOfAnOlderKeyInTheKeyDirectoryStillVerifies() throws Exception {
        TokenIssuer old = new TokenIssuer(oldKey.getPrivate());
        String token = old.issue("old-agent", Duration.ofMinutes(5), List.of(), "", EnforcementMode.ENFORCE,
                Instant.now()).token();
        issued.add(token);
        try (RawClient c = tunnel(bearer(token))) {
            assertThat(echo(c).status()).isEqualTo(200);
        }
    }

    @Test
    void aKeyAddedToTheKeyDirectoryVerifiesWithinASecondAndARemovedOneStops() throws Exception {
        KeyPair next = Ed25519Keys.generate();
        String token = new TokenIssuer(next.getPrivate()).issue("rotated-agent", Duration.ofMinutes(5), List.of(),
                "", EnforcementMode.ENFORCE, Instant.now()).token();
        issued.add(token);
        Path file = dir.resolve("secret").resolve("next.pem");
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect(api(), bearer(token)).status()).as("not yet a key").isEqualTo(407);
        }
        Ed25519Keys.writePublic(file, next.getPublic());
        Thread.sleep(1500);
        try (RawClient c = tunnel(bearer(token))) {
            assertThat(echo(c).status()).isEqualTo(200);
        }
        Files.delete(file);
        Thread.sleep(1500);
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect(api(), bearer(token)).status()).as("its key removed").isEqualTo(407);
        }
    }

    @Test
    void aDestinationOutsideTheScopeGets403TokenScope() throws Exception {
        String token = token("narrow-agent", Duration.ofMinutes(5), "api.anthropic.com:443");
        try (RawClient c = new RawClient(env.proxy())) {
            RawClient.Response r = c.connect(api(), bearer(token));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.header("proxy-status")).startsWith("sieve; error=http_request_denied; details=\"token_scope");
            assertThat(JSON.readTree(r.body()).at("/error/reason").asText()).isEqualTo("token_scope");
            assertThat(r.body()).doesNotContain(token);
        }
        try (RawClient c = new RawClient(env.proxy())) {
            RawClient.Response r = c.connect(api(), bearer(token("port-agent", Duration.ofMinutes(5),
                    "api.sieve.test:1")));
            assertThat(r.status()).as("the port narrows too").isEqualTo(403);
        }
    }

    @Test
    void anExpiredTokenGets407TokenExpired() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String expired = TokenCodec.encode(new TokenClaims(Ed25519Keys.keyId(key.getPublic()), "expired-1", "late",
                now.minusSeconds(7200), now.minusSeconds(3600), TokenScope.UNRESTRICTED, BudgetLimits.NONE,
                EnforcementMode.ENFORCE), key.getPrivate());
        issued.add(expired);
        try (RawClient c = new RawClient(env.proxy())) {
            RawClient.Response r = c.connect(api(), bearer(expired));
            assertThat(r.status()).isEqualTo(407);
            assertThat(r.header("proxy-status")).contains("token_expired");
            assertThat(r.header("proxy-authenticate")).isNotNull();
            assertThat(JSON.readTree(r.body()).at("/error/reason").asText()).isEqualTo("token_expired");
        }
    }

    @Test
    void aTokenThatExpiresWhileItsTunnelIsOpenIsRefusedAtTheNextRequest() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiry = now.plusSeconds(5); // room for the tunnel and a first request on a busy machine
        String shortLived = TokenCodec.encode(new TokenClaims(Ed25519Keys.keyId(key.getPublic()), "short-1", "brief",
                now.minusSeconds(60), expiry, TokenScope.UNRESTRICTED, BudgetLimits.NONE, EnforcementMode.ENFORCE),
                key.getPrivate());
        issued.add(shortLived);
        try (RawClient c = tunnel(bearer(shortLived))) {
            assertThat(echo(c).status()).isEqualTo(200);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 200);
            RawClient.Response r = echo(c);
            assertThat(r.status()).isEqualTo(407);
            assertThat(JSON.readTree(r.body()).at("/error/reason").asText()).isEqualTo("token_expired");
        }
    }

    @Test
    void aUserPartOtherThanTheSubjectIsRefused() throws Exception {
        String token = token("real-agent", Duration.ofMinutes(5));
        try (RawClient c = new RawClient(env.proxy())) {
            RawClient.Response r = c.connect(api(), basic("someone-else", token));
            assertThat(r.status()).isEqualTo(407);
            assertThat(JSON.readTree(r.body()).at("/error/reason").asText()).isEqualTo("proxy_auth_invalid");
        }
    }

    @Test
    void revokingATokenStopsItInsideAnOpenTunnelAndAtTheNextConnect() throws Exception {
        String token = token("revoked-agent", Duration.ofMinutes(5));
        String id = tokenId(token);
        try (RawClient c = tunnel(bearer(token))) {
            assertThat(echo(c).status()).isEqualTo(200);
            HttpResponse<String> revoked = admin("POST", "/admin/revocations?token=" + id, null);
            assertThat(revoked.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(revoked.body()).at("/admin/tokens").toString()).contains("\"" + id + "\"");

            RawClient.Response r = echo(c);
            assertThat(r.status()).isEqualTo(407);
            assertThat(JSON.readTree(r.body()).at("/error/reason").asText()).isEqualTo("token_revoked");
        }
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect(api(), bearer(token)).status()).isEqualTo(407);
        }
        String line = env.awaitAuditLine(adminLine("revocation.add", id));
        assertThat(line).contains("\"decision\":\"admin\"").contains("\"outcome\":\"ok\"");

        assertThat(admin("DELETE", "/admin/revocations?token=" + id, null).statusCode()).isEqualTo(200);
        try (RawClient c = tunnel(bearer(token))) {
            assertThat(echo(c).status()).as("lifted").isEqualTo(200);
        }
        env.awaitAuditLine(adminLine("revocation.remove", id));
    }

    @Test
    void theRevocationFileRevokesAnAgentWithinASecond() throws Exception {
        String token = token("file-agent", Duration.ofMinutes(5));
        try (RawClient c = tunnel(bearer(token))) {
            assertThat(echo(c).status()).isEqualTo(200);
            Files.writeString(revocationFile, "agent:file-agent\n");
            Thread.sleep(1000);
            try (RawClient again = new RawClient(env.proxy())) {
                RawClient.Response r = again.connect(api(), bearer(token));
                assertThat(r.status()).isEqualTo(407);
                assertThat(r.body()).contains("token_revoked");
            }
            // The edit is an admin action in the audit chain, by the file.
            env.awaitAuditLine("\"action\":\"revocation.add\",\"actor\":\"file:revoked.txt\","
                    + "\"target\":\"agent:file-agent\"");
        } finally {
            Files.writeString(revocationFile, "# none\n");
        }
        env.awaitAuditLine("\"action\":\"revocation.remove\",\"actor\":\"file:revoked.txt\","
                + "\"target\":\"agent:file-agent\"");
    }

    @Test
    void theKillSwitchStopsOneTokenInsideItsTunnelAndIsAudited() throws Exception {
        String stopped = token("ks-agent", Duration.ofMinutes(5));
        String other = token("ks-agent", Duration.ofMinutes(5));
        String id = tokenId(stopped);
        try (RawClient c = tunnel(bearer(stopped)); RawClient o = tunnel(bearer(other))) {
            assertThat(echo(c).status()).isEqualTo(200);
            assertThat(admin("POST", "/admin/killswitch?token=" + id, null).statusCode()).isEqualTo(200);

            RawClient.Response r = echo(c);
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).contains("kill_switch");
            assertThat(echo(o).status()).as("another token of the same agent").isEqualTo(200);
        } finally {
            assertThat(admin("DELETE", "/admin/killswitch?token=" + id, null).statusCode()).isEqualTo(200);
        }
        env.awaitAuditLine(adminLine("killswitch.engage", id));
        env.awaitAuditLine(adminLine("killswitch.release", id));
    }

    @Test
    void theAdminApiIssuesAuditedTokensThatWork() throws Exception {
        HttpResponse<String> r = admin("POST", "/admin/tokens",
                "{\"agent\":\"api-issued\",\"ttl\":\"10m\",\"allow\":[\"api.sieve.test\"],\"budget\":\"rpm=5\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
        JsonNode body = JSON.readTree(r.body());
        String token = body.path("token").asText();
        issued.add(token);
        assertThat(body.at("/claims/sub").asText()).isEqualTo("api-issued");
        assertThat(body.at("/claims/budget").asText()).isEqualTo("rpm=5");
        try (RawClient c = tunnel(bearer(token))) {
            assertThat(echo(c).status()).isEqualTo(200);
        }
        String line = env.awaitAuditLine(adminLine("token.issue", body.at("/claims/jti").asText()));
        assertThat(line).contains("agent:api-issued").doesNotContain(token);

        HttpResponse<String> bad = admin("POST", "/admin/tokens", "{\"agent\":\"x\",\"ttl\":\"1h\",\"scope\":[]}");
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void noTokenOrSigningKeyReachesLogsAuditOrMetricsAndTheChainVerifies() throws Exception {
        String token = token("quiet-agent", Duration.ofMinutes(5));
        try (RawClient c = tunnel(bearer(token))) {
            assertThat(echo(c).status()).isEqualTo(200);
        }
        try (RawClient c = new RawClient(env.proxy())) {
            c.connect(api(), bearer(token.substring(0, token.length() - 4) + "AAAA")); // a bad signature
        }
        assertThat(admin("POST", "/admin/revocations?token=" + tokenId(token), null).statusCode()).isEqualTo(200);
        env.awaitAuditLine("\"target\":\"token:" + tokenId(token) + "\"");
        String logs = CapturingAppender.all();
        String audit = env.auditText();
        String metrics = admin("GET", "/metrics", null).body();
        String privatePem = Files.readString(dir.resolve("keys/signing.key"));
        String keyBody = privatePem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
        for (String t : issued) {
            String signature = t.substring(t.lastIndexOf('.') + 1);
            assertThat(logs).doesNotContain(signature);
            assertThat(audit).doesNotContain(signature);
            assertThat(metrics).doesNotContain(signature);
        }
        assertThat(logs + audit + metrics).doesNotContain(keyBody).doesNotContain(STATIC_TOKEN);

        byte[] auditKey = AuditKeys.load(dir.resolve("data").resolve("audit.key"));
        try (var files = Files.list(env.auditDir())) {
            assertThat(AuditVerifier.verify(files.sorted().toList(), auditKey).ok()).isTrue();
        }
    }
}
