package dev.sieve.proxy.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.testing.LeakDetectorExtension;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.TestTls;
import dev.sieve.proxy.testing.WebSocketEndpoint;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WebSocket message that arrives once the inspection pool is closed (Sieve is stopping) is refused at once, fail
 * closed, with 1013 (try again later): no verdict will ever come, so waiting for {@code proxy.idleTimeout} would only
 * hold the agent, and the message was not found bad (1008 would say so).
 */
@ExtendWith(LeakDetectorExtension.class)
class WebSocketClosedPoolTest {
    @TempDir
    Path dir;

    private WebSocketEndpoint endpoint;
    private ProxyTestEnv env;

    @BeforeEach
    void start() throws Exception {
        endpoint = new WebSocketEndpoint(false);
        env = new ProxyTestEnv(dir, "idleTimeout: 60s", "",
                "- { host: ws.sieve.test, ports: [%d], privateAddresses: true, websocket: true }"
                        .formatted(endpoint.port()), null);
        endpoint.tls(TestTls.serverContext(env.upstreamCa, "ws.sieve.test"));
    }

    @AfterEach
    void stop() {
        env.close();
        endpoint.close();
    }

    @Test
    void aMessageAfterTheInspectionPoolClosedEndsTheConnectionAtOnceAndIsNotSent() throws Exception {
        WebSocketEndToEndTest.Seen seen = new WebSocketEndToEndTest.Seen();
        var ws = env.agentClient().newWebSocketBuilder().buildAsync(URI.create("wss://ws.sieve.test:"
                + endpoint.port() + "/ws"), seen).get(10, TimeUnit.SECONDS);
        ws.sendText("before", true).get(5, TimeUnit.SECONDS);
        assertThat(endpoint.next(5000)).isEqualTo("before");

        env.sieve.inspectionPool().close();
        long start = System.nanoTime();
        ws.sendText("after", true).get(5, TimeUnit.SECONDS);

        assertThat(seen.close()).as("ends within seconds, not at the 60 s idle timeout").startsWith("1013 ")
                .contains("stopping");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
        assertThat(endpoint.next(300)).isNull();
        assertThat(env.awaitAuditLine("\"stopping\"")).contains("WEBSOCKET").doesNotContain("after");
    }
}
