package dev.sieve.proxy;

import static dev.sieve.proxy.testing.Agents.assertAtRest;
import static dev.sieve.proxy.testing.Agents.assertRefusal;
import static dev.sieve.proxy.testing.Agents.counter;
import static dev.sieve.proxy.testing.Agents.eventually;
import static dev.sieve.proxy.testing.Agents.gauge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.metrics.SieveMetrics;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code proxy.maxConnections} and {@code proxy.maxConnectionsPerClient}: a connection over a cap is answered at
 * once with 503 ({@code connection_limit}, Retry-After) and closed, and counted in
 * {@code sieve_connections_refused_total}; the others are unaffected.
 */
class ConnectionLimitsEndToEndTest {
    @TempDir
    static Path dir;

    static ProxyTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, """
                maxConnections: 6
                maxConnectionsPerClient: 3
                """, null, RequestInspector.PASS_THROUGH);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static void assertRefusedAtOnce(RawClient c) throws IOException {
        RawClient.Response r = c.readResponse(false);
        assertRefusal(r, 503, "proxy_internal_error", "connection_limit");
        assertThat(r.header("retry-after")).isEqualTo("5");
        assertThat(c.closesWithinTimeout()).isTrue();
    }

    @Test
    void connectionsOverThePerClientCapAndOverTheTotalCapGet503() throws Exception {
        InetAddress[] clients = {InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"),
            InetAddress.getByName("127.0.0.3")};
        assumeThat(canBindTo(clients[1]) && canBindTo(clients[2])).as("127.0.0.2-3 are local (Linux)").isTrue();
        double perClientBefore = counter(env, SieveMetrics.CONNECTIONS_REFUSED, "reason", "max_connections_per_client");
        double totalBefore = counter(env, SieveMetrics.CONNECTIONS_REFUSED, "reason", "max_connections");
        List<RawClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(new RawClient(env.proxy(), clients[0]));
            }
            assertThat(eventually(5000, () -> gauge(env, SieveMetrics.OPEN_CONNECTIONS) == 3)).isTrue();
            try (RawClient fourthFromOne = new RawClient(env.proxy(), clients[0])) {
                assertRefusedAtOnce(fourthFromOne);
            }
            for (int i = 0; i < 3; i++) {
                open.add(new RawClient(env.proxy(), clients[1]));
            }
            assertThat(eventually(5000, () -> gauge(env, SieveMetrics.OPEN_CONNECTIONS) == 6)).isTrue();
            try (RawClient seventh = new RawClient(env.proxy(), clients[2])) {
                assertRefusedAtOnce(seventh);
            }
            // The admitted connections still work.
            RawClient first = open.get(0);
            assertThat(first.connect("api.sieve.test:" + env.api.port()).status()).isEqualTo(200);
        } finally {
            for (RawClient c : open) {
                c.close();
            }
        }
        assertThat(counter(env, SieveMetrics.CONNECTIONS_REFUSED, "reason", "max_connections_per_client"))
                .isEqualTo(perClientBefore + 1);
        assertThat(counter(env, SieveMetrics.CONNECTIONS_REFUSED, "reason", "max_connections"))
                .isEqualTo(totalBefore + 1);
        assertAtRest(env);
        // Room again once they closed.
        try (RawClient again = new RawClient(env.proxy())) {
            assertThat(again.connect("api.sieve.test:" + env.api.port()).status()).isEqualTo(200);
        }
    }

    static boolean canBindTo(InetAddress address) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
