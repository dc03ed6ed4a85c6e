package dev.sieve.proxy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.metrics.SieveMetrics;
import io.micrometer.core.instrument.Gauge;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Helpers for tests with several agents on one {@link ProxyTestEnv}: agent credentials, intercepted tunnels,
 * the refusal shape, and waiting until Sieve's resources are back to rest.
 */
public final class Agents {
    private Agents() {}

    /** The token of {@code agentId} in {@link #tokensYaml}. */
    public static String token(String agentId) {
        return "token-of-" + agentId + "-0123456789";
    }

    /** An {@code auth:} section giving each of {@code agentIds} a token (auth stays optional). */
    public static String tokensYaml(List<String> agentIds) {
        StringBuilder sb = new StringBuilder("auth:\n  tokens:\n");
        for (String id : agentIds) {
            sb.append("    ").append(id).append(": ").append(token(id)).append('\n');
        }
        return sb.toString();
    }

    /** The Proxy-Authorization header line of {@code agentId}. */
    public static String credentials(String agentId) {
        return "Proxy-Authorization: Basic " + Base64.getEncoder()
                .encodeToString((agentId + ":" + token(agentId)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An intercepted tunnel to {@code api.sieve.test}, TLS established: as {@code agentId} ({@code null} for none),
     * from the client address {@code from} ({@code null} for the default).
     */
    public static RawClient tunnel(ProxyTestEnv env, String agentId, InetAddress from) throws Exception {
        RawClient c = new RawClient(env.proxy(), from);
        String authority = "api.sieve.test:" + env.api.port();
        RawClient.Response r = agentId == null ? c.connect(authority) : c.connect(authority, credentials(agentId));
        assertThat(r.status()).as("CONNECT").isEqualTo(200);
        c.startTls(env.agentTls(), "api.sieve.test", "api.sieve.test", env.api.port());
        return c;
    }

    /** The head of a request to the fake model endpoint's {@code /echo} inside a tunnel. */
    public static String postHead(ProxyTestEnv env, String framing) {
        return "POST /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port() + "\r\n" + framing + "\r\n\r\n";
    }

    /** A refusal as the README describes it: status, Proxy-Status with type and details, JSON body. */
    public static void assertRefusal(RawClient.Response r, int status, String proxyStatusError, String reason) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.header("proxy-status"))
                .startsWith("sieve; error=" + proxyStatusError + "; details=\"" + reason);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.body()).startsWith("{\"type\":\"error\",\"error\":{")
                .contains("\"reason\":\"" + reason + "\"")
                .contains("\"request_id\":\"req_");
    }

    /** The current value of one of Sieve's gauges. */
    public static double gauge(ProxyTestEnv env, String name) {
        Gauge g = metrics(env).registry().find(name).gauge();
        return g == null ? Double.NaN : g.value();
    }

    /** The sum of a counter over all its label values (0 when it was never incremented). */
    public static double counter(ProxyTestEnv env, String name, String tag, String value) {
        var search = metrics(env).registry().find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    public static SieveMetrics metrics(ProxyTestEnv env) {
        return env.sieve.enforcement().operations().metrics();
    }

    /** Whether a client socket can use {@code address} (127.0.0.2 and up are local on Linux, not on macOS). */
    public static boolean isLocal(InetAddress address) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.bind(new java.net.InetSocketAddress(address, 0));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Waits up to {@code millis} for {@code condition}; returns whether it held. */
    public static boolean eventually(long millis, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /**
     * Asserts that Sieve is back at rest: no open agent connection or tunnel, nothing reserved in the body budget
     * and nobody waiting for it (within a few seconds: closes finish on the event loops).
     */
    public static void assertAtRest(ProxyTestEnv env) throws InterruptedException {
        eventually(5000, () -> gauge(env, SieveMetrics.OPEN_CONNECTIONS) == 0
                && gauge(env, SieveMetrics.OPEN_TUNNELS) == 0 && env.sieve.bodyBudget().reserved() == 0
                && env.sieve.bodyBudget().waiting() == 0);
        assertThat(gauge(env, SieveMetrics.OPEN_CONNECTIONS)).as("open connections").isZero();
        assertThat(gauge(env, SieveMetrics.OPEN_TUNNELS)).as("open tunnels").isZero();
        assertThat(env.sieve.bodyBudget().reserved()).as("body budget reserved").isZero();
        assertThat(env.sieve.bodyBudget().waiting()).as("waiting for the body budget").isZero();
    }
}
