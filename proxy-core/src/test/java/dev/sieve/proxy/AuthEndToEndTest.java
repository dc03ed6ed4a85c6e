package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agent identity: with {@code auth.required}, CONNECT needs valid Basic proxy credentials. */
class AuthEndToEndTest {
    static final String TOKEN = "agent-token-0123456789abcdef";

    @TempDir
    static Path dir;

    static ProxyTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, "auth: { required: true, tokens: { agent-7: " + TOKEN + " } }",
                RequestInspector.PASS_THROUGH);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static String basic(String user, String password) {
        return "Proxy-Authorization: Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void missingCredentialsGet407WithChallenge() throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            RawClient.Response r = c.connect("api.sieve.test:" + env.api.port());
            assertThat(r.status()).isEqualTo(407);
            assertThat(r.header("proxy-authenticate")).startsWith("Basic realm=\"sieve\"");
            assertThat(r.header("proxy-status")).startsWith("sieve; error=http_request_denied");
            assertThat(r.body()).contains("\"reason\":\"proxy_auth_required\"");
        }
    }

    @Test
    void wrongTokenGet407AndTheTokenIsNotEchoed() throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            RawClient.Response r = c.connect("api.sieve.test:" + env.api.port(), basic("agent-7", "wrong-token-000000000"));
            assertThat(r.status()).isEqualTo(407);
            assertThat(r.body()).contains("\"reason\":\"proxy_auth_invalid\"").doesNotContain("wrong-token");
        }
    }

    @Test
    void validCredentialsOpenTheTunnel() throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect("api.sieve.test:" + env.api.port(), basic("agent-7", TOKEN)).status()).isEqualTo(200);
            c.startTls(env.agentTls(), "api.sieve.test", "api.sieve.test", env.api.port());
            RawClient.Response r = c.request("POST /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                    + "\r\nContent-Length: 5\r\n\r\nhello");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello");
        }
        // The proxy credential is hop-by-hop: the upstream never sees it.
        assertThat(env.api.last().header("Proxy-Authorization")).isNull();
    }
}
