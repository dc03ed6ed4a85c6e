package dev.sieve.proxy.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An agent with static credentials sending requests to {@code api.sieve.test} through a {@link ProxyTestEnv}. */
public record BudgetAgent(String id, String token) {

    private static final HttpClient ADMIN = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public String proxyAuthorization() {
        return "Proxy-Authorization: Basic "
                + Base64.getEncoder().encodeToString((id + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    /** Opens a tunnel to {@code api.sieve.test} (TLS with Sieve's leaf), or returns the CONNECT's refusal. */
    public RawClient.Response tunnel(ProxyTestEnv env, RawClient c) throws Exception {
        RawClient.Response r = c.connect("api.sieve.test:" + env.api.port(), proxyAuthorization());
        if (r.status() == 200) {
            c.startTls(env.agentTls(), "api.sieve.test", "api.sieve.test", env.api.port());
        }
        return r;
    }

    /** A POST of {@code body} in a tunnel of its own; the CONNECT's refusal if the tunnel is refused. */
    public RawClient.Response post(ProxyTestEnv env, String body) throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            RawClient.Response connect = tunnel(env, c);
            if (connect.status() != 200) {
                return connect;
            }
            return c.request("POST /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                    + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        }
    }

    /** GET on the admin port of {@code env} ({@code /readyz}, {@code /metrics}). */
    public static HttpResponse<String> admin(ProxyTestEnv env, String path) throws Exception {
        return ADMIN.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + env.admin().getPort() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code env}'s {@code /readyz} until its body meets {@code condition} (10 s at most). */
    public static HttpResponse<String> awaitReadyz(ProxyTestEnv env, java.util.function.Predicate<String> condition)
            throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = admin(env, "/readyz");
            if (condition.test(last.body())) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("/readyz did not change within 10 s: " + (last == null ? "" : last.body()));
    }

    /** The value of one series on {@code env}'s {@code /metrics}, NaN if absent. */
    public static double metric(ProxyTestEnv env, String series) throws Exception {
        return MetricsScrape.parse(admin(env, "/metrics").body()).value(series);
    }
}
