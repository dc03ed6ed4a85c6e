package dev.sieve.proxy.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.inspect.ExchangeFacts;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.inspect.Verdict;
import dev.sieve.proxy.route.RequestTarget;
import dev.sieve.proxy.testing.LeakDetectorExtension;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.TestTls;
import dev.sieve.proxy.testing.WebSocketEndpoint;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSocket messages are inspected on the inspection pool, not on the event loop: one at a time per connection, in
 * order, with nothing more read from the agent meanwhile; a message that waits {@code inspection.queueWait} for a
 * saturated lane ends the connection with 1013 (try again later). One worker and one queue place per lane here, and
 * an inspector that holds any message starting with {@code hold} until the test opens its gate.
 */
@ExtendWith(LeakDetectorExtension.class)
class WebSocketInspectionPoolTest {
    @TempDir
    static Path dir;

    static WebSocketEndpoint endpoint;
    static ProxyTestEnv env;
    static HttpClient http;
    static final Gate gate = new Gate();
    private final List<WebSocket> sockets = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        endpoint = new WebSocketEndpoint(false);
        env = new ProxyTestEnv(dir, "", """
                inspection:
                  workers: 1
                  queue: 1
                  queueWait: 1s
                """, "- { host: ws.sieve.test, ports: [%d], privateAddresses: true, websocket: true }"
                .formatted(endpoint.port()), gate);
        endpoint.tls(TestTls.serverContext(env.upstreamCa, "ws.sieve.test"));
        http = env.agentClient();
    }

    @AfterAll
    static void stop() {
        env.close();
        endpoint.close();
    }

    @BeforeEach
    void reset() throws InterruptedException {
        gate.reset();
        while (endpoint.next(100) != null) {
            // messages of earlier tests
        }
    }

    @AfterEach
    void closeAll() {
        gate.open();
        sockets.forEach(WebSocket::abort);
    }

    WebSocket open(WebSocketEndToEndTest.Seen seen) throws Exception {
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("wss://ws.sieve.test:" + endpoint.port()
                + "/ws"), seen).get(10, TimeUnit.SECONDS);
        sockets.add(ws);
        return ws;
    }

    @Test
    void messagesAreInspectedOnTheInspectionWorkersAndArriveInOrder() throws Exception {
        WebSocket ws = open(new WebSocketEndToEndTest.Seen());
        for (int i = 0; i < 30; i++) {
            ws.sendText("message " + i, true).get(5, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 30; i++) {
            assertThat(endpoint.next(5000)).isEqualTo("message " + i);
        }
        assertThat(gate.threads).hasSize(30).allMatch(name -> name.startsWith("sieve-inspect-"));
    }

    @Test
    void nothingMoreIsReadWhileAMessageIsInspected() throws Exception {
        WebSocket ws = open(new WebSocketEndToEndTest.Seen());
        ws.sendText("hold this one", true).get(5, TimeUnit.SECONDS);
        assertThat(gate.entered.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        ws.sendText("then this one", true).get(5, TimeUnit.SECONDS);

        assertThat(endpoint.next(500)).isNull();
        assertThat(gate.opened).as("sessions opened: the second message is not even read yet").hasSize(1);
        gate.open();
        assertThat(endpoint.next(5000)).isEqualTo("hold this one");
        assertThat(endpoint.next(5000)).isEqualTo("then this one");
    }

    @Test
    void aMessageThatWaitsTooLongForAWorkerClosesWith1013() throws Exception {
        WebSocketEndToEndTest.Seen third = new WebSocketEndToEndTest.Seen();
        WebSocket a = open(new WebSocketEndToEndTest.Seen());
        WebSocket b = open(new WebSocketEndToEndTest.Seen());
        WebSocket c = open(third);
        a.sendText("hold a (runs)", true).get(5, TimeUnit.SECONDS);
        assertThat(gate.entered.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        b.sendText("hold b (queued)", true).get(5, TimeUnit.SECONDS);
        Thread.sleep(200); // b takes the lane's one queue place
        c.sendText("c waits in line", true).get(5, TimeUnit.SECONDS);

        assertThat(third.close()).startsWith("1013 ").contains("try again later");
        gate.open();
        assertThat(List.of(endpoint.next(5000), endpoint.next(5000)))
                .containsExactlyInAnyOrder("hold a (runs)", "hold b (queued)");
        assertThat(endpoint.next(300)).isNull();
        assertThat(env.awaitAuditLine("inspection_busy")).contains("WEBSOCKET").doesNotContain("c waits in line");
    }

    /** Allows everything; holds a message that starts with "hold" until opened; notes the inspecting threads. */
    static final class Gate implements RequestInspector {
        final Queue<String> threads = new ConcurrentLinkedQueue<>();
        final Queue<String> opened = new ConcurrentLinkedQueue<>();
        final Semaphore entered = new Semaphore(0);
        volatile CountDownLatch latch = new CountDownLatch(1);

        void reset() {
            latch = new CountDownLatch(1);
            threads.clear();
            opened.clear();
            entered.drainPermits();
        }

        void open() {
            latch.countDown();
        }

        @Override
        public Session open(ExchangeFacts facts, HttpRequest head, RequestTarget target) {
            boolean message = MessageInspection.METHOD.equals(head.method().name());
            if (message) {
                opened.add(facts.requestId());
            }
            CountDownLatch g = latch;
            return new Session() {
                @Override
                public void onContent(ByteBuf chunk) {}

                @Override
                public Verdict finish(ByteBuf body) {
                    if (!message) {
                        return Verdict.ALLOW;
                    }
                    threads.add(Thread.currentThread().getName());
                    if (body.toString(StandardCharsets.UTF_8).startsWith("hold")) {
                        entered.release();
                        try {
                            g.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return Verdict.ALLOW;
                }
            };
        }
    }
}
