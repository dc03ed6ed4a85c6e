package dev.sieve.proxy.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.testing.LeakDetectorExtension;
import dev.sieve.proxy.testing.ProxyTestEnv;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request body that completes once the inspection pool is closed (Sieve is stopping) is refused at once, fail
 * closed: no verdict will ever come, so waiting for {@code proxy.idleTimeout} would only hold the agent.
 */
@ExtendWith(LeakDetectorExtension.class)
class ClosedPoolRequestTest {
    @TempDir
    Path dir;

    private ProxyTestEnv env;

    @BeforeEach
    void start() throws Exception {
        env = new ProxyTestEnv(dir, "idleTimeout: 60s", "", null);
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void aRequestBodyAfterTheInspectionPoolClosedIsRefusedAtOnceAndIsNotSent() throws Exception {
        HttpClient client = env.agentClient();
        assertThat(post(client, "before").statusCode()).isEqualTo(200);
        int received = env.api.received().size();

        env.sieve.inspectionPool().close();
        long start = System.nanoTime();
        HttpResponse<String> after = post(client, "after");

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                .as("answered within seconds, not at the 60 s idle timeout").isLessThan(5000);
        assertThat(after.statusCode()).as("Sieve's own state, not the request: retry").isEqualTo(503);
        assertThat(after.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(after.headers().firstValue("Proxy-Status")).hasValueSatisfying(
                v -> assertThat(v).contains("proxy_internal_error").contains("stopping"));
        assertThat(env.api.received()).hasSize(received);
        assertThat(env.awaitAuditLine("\"stopping\"")).doesNotContain("after");
    }

    private HttpResponse<String> post(HttpClient client, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(env.apiUrl("/echo"))).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
