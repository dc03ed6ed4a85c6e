package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.testing.BudgetAgent;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budgets of one Sieve, counted in process: requests per minute, upload bytes, open connections. */
class BudgetEndToEndTest {

    static final BudgetAgent RPM = new BudgetAgent("rpm-agent", "rpm-agent-token-0123456789");
    static final BudgetAgent UPLOAD = new BudgetAgent("upload-agent", "upload-agent-token-0123456789");
    static final BudgetAgent TUNNELS = new BudgetAgent("tunnel-agent", "tunnel-agent-token-0123456789");
    static final BudgetAgent PLAIN = new BudgetAgent("plain-agent", "plain-agent-token-0123456789");

    @TempDir
    static Path dir;

    static ProxyTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, """
                auth:
                  required: true
                  tokens: { %s: %s, %s: %s, %s: %s, %s: %s }
                budgets:
                  agents:
                    rpm-agent: { rpm: 2 }
                    upload-agent: { uploadPerHour: 1KiB }
                    tunnel-agent: { connections: 1 }
                    plain-agent: { connections: 1 }
                """.formatted(RPM.id(), RPM.token(), UPLOAD.id(), UPLOAD.token(), TUNNELS.id(), TUNNELS.token(),
                PLAIN.id(), PLAIN.token()), RequestInspector.PASS_THROUGH);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void requestsOverTheRateGet429WithRetryAfterProxyStatusAndTheJsonError() throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(RPM.tunnel(env, c).status()).isEqualTo(200);
            for (int i = 0; i < 2; i++) {
                RawClient.Response ok = c.request("POST /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                        + "\r\nContent-Length: 2\r\n\r\nhi");
                assertThat(ok.status()).as("request %d", i).isEqualTo(200);
            }
            RawClient.Response refused = c.request("POST /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                    + "\r\nContent-Length: 2\r\n\r\nhi");
            assertThat(refused.status()).isEqualTo(429);
            // rpm=2: the next token comes within 30 s.
            assertThat(Long.parseLong(refused.header("retry-after"))).isBetween(1L, 30L);
            assertThat(refused.header("proxy-status")).isEqualTo("sieve; error=http_request_denied;"
                    + " details=\"budget: rpm=2 of agent rpm-agent is spent\"");
            assertThat(refused.body()).contains("\"type\":\"rate_limit_error\"", "\"reason\":\"budget_exceeded\"",
                    "rpm=2 of agent rpm-agent is spent");
        }
        assertThat(BudgetAgent.metric(env, "sieve_budget_rejections_total{agent=\"rpm-agent\",limit=\"rpm\"}"))
                .isEqualTo(1.0);
    }

    @Test
    void anUploadThatDeclaresMoreThanIsLeftIsRefusedBeforeItsBodyIsRead() throws Exception {
        String body600 = "x".repeat(600);
        assertThat(UPLOAD.post(env, body600).status()).isEqualTo(200);
        RawClient.Response refused = UPLOAD.post(env, body600);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("uploadPerHour=1KiB of agent upload-agent: 424 left, the request"
                + " declares 600");
        assertThat(UPLOAD.post(env, "y".repeat(424)).status()).isEqualTo(200);
        RawClient.Response spent = UPLOAD.post(env, "z");
        assertThat(spent.status()).isEqualTo(429);
        assertThat(spent.header("proxy-status")).contains("uploadPerHour=1KiB of agent upload-agent is spent");
        assertThat(BudgetAgent.metric(env,
                "sieve_budget_rejections_total{agent=\"upload-agent\",limit=\"upload_per_hour\"}")).isEqualTo(2.0);
    }

    @Test
    void aTunnelOverTheConnectionBudgetIsRefusedUntilAnOpenOneCloses() throws Exception {
        RawClient first = new RawClient(env.proxy());
        try {
            assertThat(TUNNELS.tunnel(env, first).status()).isEqualTo(200);
            try (RawClient second = new RawClient(env.proxy())) {
                RawClient.Response refused = TUNNELS.tunnel(env, second);
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.header("retry-after")).isEqualTo("5");
                assertThat(refused.header("proxy-status")).isEqualTo("sieve; error=http_request_denied;"
                        + " details=\"budget: connections=1 of agent tunnel-agent are all open\"");
                assertThat(refused.body()).contains("connections=1 of agent tunnel-agent are all open");
            }
        } finally {
            first.close();
        }
        assertThat(awaitTunnel(TUNNELS)).isTrue();
    }

    @Test
    void aPlainHttpConnectionCountsForItsAgent() throws Exception {
        String get = "POST http://plain.sieve.test:" + env.plain.port() + "/echo HTTP/1.1\r\nHost: plain.sieve.test:"
                + env.plain.port() + "\r\n" + PLAIN.proxyAuthorization() + "\r\nContent-Length: 2\r\n\r\nhi";
        try (RawClient first = new RawClient(env.proxy())) {
            assertThat(first.request(get).status()).isEqualTo(200);
            try (RawClient second = new RawClient(env.proxy())) {
                RawClient.Response refused = second.request(get);
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.body()).contains("connections=1 of agent plain-agent are all open");
            }
            // The open connection keeps working.
            assertThat(first.request(get).status()).isEqualTo(200);
        }
    }

    private static boolean awaitTunnel(BudgetAgent agent) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (RawClient c = new RawClient(env.proxy())) {
                if (agent.tunnel(env, c).status() == 200) {
                    return true;
                }
            }
            Thread.sleep(50);
        }
        return false;
    }
}
