package dev.sieve.proxy;

import static dev.sieve.proxy.testing.Agents.assertAtRest;
import static dev.sieve.proxy.testing.Agents.assertRefusal;
import static dev.sieve.proxy.testing.Agents.eventually;
import static dev.sieve.proxy.testing.Agents.tunnel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.proxy.inspect.InspectionLanes;
import dev.sieve.proxy.inspect.ExchangeFacts;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.inspect.Verdict;
import dev.sieve.proxy.route.RequestTarget;
import dev.sieve.proxy.testing.MetricsScrape;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpRequest;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inspection runs on the inspection pool, not on the event loop: with ONE event loop thread, a request is answered
 * while another request's inspection is held up; a saturated pool pauses a request and then lets it through; a wait
 * past {@code inspection.queueWait} is a 503 with Proxy-Status and the JSON body; a client that goes away
 * mid-inspection leaves nothing held (the class runs under the paranoid leak detector); large uploads that saturate
 * their lane do not hold up a small request. A test inspector holds every
 * request whose target has {@code slow} in it until the test opens its gate. Pool: 2 workers, a queue of 1, a
 * 3 s wait.
 */
class InspectionPoolEndToEndTest {
    private static final int SLOW_BODY = 256 * 1024;

    @TempDir
    static Path dir;

    static ProxyTestEnv env;
    static final GatedInspector inspector = new GatedInspector();

    private final List<RawClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, "workerThreads: 1", """
                inspection:
                  workers: 2
                  queue: 1
                  queueWait: 3s
                """, inspector);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @BeforeEach
    void closeTheGate() {
        inspector.reset();
    }

    @AfterEach
    void openTheGateAndCheckNothingIsHeld() throws Exception {
        inspector.open();
        for (RawClient c : clients) {
            c.close();
        }
        assertAtRest(env);
        InspectionLanes pool = env.sieve.inspectionPool();
        eventually(5000, () -> pool.busy() == 0 && pool.queued() == 0 && pool.waiting() == 0);
        assertThat(pool.waiting()).as("requests waiting for the pool").isZero();
    }

    private RawClient client() throws Exception {
        RawClient c = tunnel(env, null, null);
        clients.add(c);
        return c;
    }

    private static String post(String target, String body) {
        return "POST " + target + " HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** A tunnel with a slow request sent whose inspection has started (it holds a worker until the gate opens). */
    private RawClient running() throws Exception {
        RawClient c = queued();
        assertThat(inspector.entered.tryAcquire(10, TimeUnit.SECONDS)).as("the slow inspection started").isTrue();
        return c;
    }

    private RawClient queued() throws Exception {
        RawClient c = client();
        c.send(post("/echo?slow=1", "s".repeat(SLOW_BODY)));
        return c;
    }

    /** Both workers held and the one queue place taken. */
    private List<RawClient> saturate() throws Exception {
        List<RawClient> slow = List.of(running(), running(), queued());
        InspectionLanes pool = env.sieve.inspectionPool();
        assertThat(eventually(5000, () -> pool.queued() == 1)).as("the third slow request is queued").isTrue();
        return slow;
    }

    private static void assertAnswered(RawClient c, int bytes) throws Exception {
        RawClient.Response r = c.readResponse(false);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).hasSize(bytes);
    }

    @Test
    void aSmallRequestIsAnsweredWhileAnotherInspectionHoldsAWorkerOnTheOnlyEventLoop() throws Exception {
        RawClient quick = client();
        RawClient slow = running();

        quick.readTimeout(5000);
        RawClient.Response r = quick.request(post("/echo", "hello"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
        assertThat(inspector.threads).as("inspections ran on the pool's threads")
                .allSatisfy(t -> assertThat(t).startsWith("sieve-inspect-"));
        inspector.open();
        assertAnswered(slow, SLOW_BODY);
    }

    @Test
    void largeUploadsThatSaturateTheirLaneDoNotHoldUpASmallRequest() throws Exception {
        int large = (int) InspectionLanes.LARGE_BODY;
        List<RawClient> uploads = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // two running, one queued, one waiting: the large lane is saturated
            RawClient c = client();
            c.send(post("/echo?slow=1", "L".repeat(large)));
            uploads.add(c);
        }
        assertThat(inspector.entered.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
        InspectionLanes pool = env.sieve.inspectionPool();
        assertThat(eventually(5000, () -> pool.waiting() == 1)).as("the fourth upload waits").isTrue();

        RawClient quick = client();
        quick.readTimeout(5000);
        RawClient.Response r = quick.request(post("/echo", "hello"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
        inspector.open();
        for (RawClient c : uploads) {
            assertAnswered(c, large);
        }
    }

    @Test
    void aRequestThatFindsThePoolSaturatedWaitsReadingNothingAndThenProceeds() throws Exception {
        List<RawClient> slow = saturate();
        RawClient quick = client();
        quick.send(post("/echo", "hello"));
        InspectionLanes pool = env.sieve.inspectionPool();
        assertThat(eventually(5000, () -> pool.waiting() == 1)).as("the small request waits in line").isTrue();

        quick.readTimeout(300);
        assertThatThrownBy(() -> quick.readResponse(false)).as("no answer while saturated")
                .isInstanceOf(SocketTimeoutException.class);
        inspector.open();

        quick.readTimeout(10_000);
        RawClient.Response r = quick.readResponse(false);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
        for (RawClient c : slow) {
            assertAnswered(c, SLOW_BODY);
        }
    }

    @Test
    void aWaitPastQueueWaitIs503WithProxyStatusAndTheConnectionStaysUsable() throws Exception {
        List<RawClient> slow = saturate();
        RawClient quick = client();
        long start = System.nanoTime();

        RawClient.Response r = quick.request(post("/echo", "hello"));

        assertRefusal(r, 503, "proxy_internal_error", "inspection_busy");
        assertThat(r.header("retry-after")).isEqualTo("5");
        assertThat(r.body()).contains("\"type\":\"overloaded_error\"").contains("inspection.queueWait 3s");
        assertThat(System.nanoTime() - start).as("it waited queueWait").isGreaterThan(TimeUnit.SECONDS.toNanos(2));
        assertThat(inspector.aborts.get()).as("its inspection was abandoned").isEqualTo(1);
        inspector.open();
        for (RawClient c : slow) {
            assertAnswered(c, SLOW_BODY);
        }
        RawClient.Response again = quick.request(post("/echo", "again"));
        assertThat(again.status()).as("the refused request was read whole: keep-alive").isEqualTo(200);
        assertThat(again.body()).isEqualTo("again");
    }

    @Test
    void aClientGoneMidInspectionLeavesItsBodyToTheWorkerAndThenReleasesItOnce() throws Exception {
        RawClient slow = running();
        RawClient waiting = running();
        RawClient queued = queued();
        assertThat(eventually(5000, () -> env.sieve.inspectionPool().queued() == 1)).isTrue();
        long held = env.sieve.bodyBudget().reserved();
        assertThat(held).as("three bodies held").isGreaterThanOrEqualTo(3L * SLOW_BODY);

        slow.abort();
        queued.abort();
        // The queued one is abandoned at once; the running one keeps its body (and budget) until its worker is done.
        assertThat(eventually(5000, () -> inspector.aborts.get() == 1)).as("the queued inspection abandoned").isTrue();
        assertThat(eventually(5000, () -> env.sieve.bodyBudget().reserved() == held - SLOW_BODY)).isTrue();
        assertThat(inspector.finishes.get()).isZero();

        inspector.open();
        assertAnswered(waiting, SLOW_BODY);
        assertThat(eventually(5000, () -> inspector.finishes.get() == 2)).isTrue();
        assertThat(inspector.aborts.get()).as("a running inspection is finished, not aborted").isEqualTo(1);
        assertThat(eventually(5000, () -> env.sieve.bodyBudget().reserved() == 0)).isTrue();
    }

    /**
     * Each phase has its own timer, and sieve_request_duration_seconds counts only Sieve's own time: a request whose
     * inspection takes 2 s moves the inspection timer and the request timer by 2 s and the upstream timer by little;
     * one whose upstream takes 2 s moves the upstream timer by 2 s and the others by little.
     */
    @Test
    void eachPhaseMovesItsOwnTimerAndTheRequestTimerCountsOnlySievesTime() throws Exception {
        env.api.script("/slow-upstream", (request, exchange) -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        RawClient c = client();
        double[] before = timerSums();

        c.send(post("/echo?slow=1", "x"));
        assertThat(inspector.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(2000);
        inspector.open();
        assertThat(c.readResponse(false).status()).isEqualTo(200);
        double[] slowInspection = delta(before, timerSums());

        before = timerSums();
        RawClient.Response r = c.request(post("/slow-upstream", "x"));
        assertThat(r.status()).isEqualTo(200);
        double[] slowUpstream = delta(before, timerSums());

        assertThat(slowInspection[0]).as("inspection timer, slow inspection").isGreaterThanOrEqualTo(1.9);
        assertThat(slowInspection[1]).as("request timer, slow inspection").isGreaterThanOrEqualTo(1.9);
        assertThat(slowInspection[2]).as("upstream timer, slow inspection").isLessThan(1.0);
        assertThat(slowUpstream[2]).as("upstream timer, slow upstream").isGreaterThanOrEqualTo(1.9);
        assertThat(slowUpstream[1]).as("request timer, slow upstream").isLessThan(1.0);
        assertThat(slowUpstream[0]).as("inspection timer, slow upstream").isLessThan(1.0);
    }

    /** Seconds recorded so far by the inspection, request and upstream timers. */
    private static double[] timerSums() {
        MetricsScrape s = MetricsScrape.parse(env.sieve.enforcement().operations().metrics().scrape());
        return new double[] {s.value("sieve_inspection_duration_seconds_sum"),
            s.value("sieve_request_duration_seconds_sum"), s.value("sieve_upstream_duration_seconds_sum")};
    }

    private static double[] delta(double[] before, double[] after) {
        double[] d = new double[before.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        return d;
    }

    /** Allows everything; holds the inspection of a request whose target contains {@code slow} until opened. */
    static final class GatedInspector implements RequestInspector {
        final Semaphore entered = new Semaphore(0);
        final AtomicInteger finishes = new AtomicInteger();
        final AtomicInteger aborts = new AtomicInteger();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        volatile CountDownLatch gate = new CountDownLatch(1);

        void reset() {
            gate = new CountDownLatch(1);
            entered.drainPermits();
            finishes.set(0);
            aborts.set(0);
            threads.clear();
        }

        void open() {
            gate.countDown();
        }

        @Override
        public Session open(ExchangeFacts facts, HttpRequest head, RequestTarget target) {
            boolean slow = head.uri().contains("slow");
            CountDownLatch g = gate;
            return new Session() {
                @Override
                public void onContent(ByteBuf chunk) {
                    threads.add(Thread.currentThread().getName());
                }

                @Override
                public Verdict finish(ByteBuf body) {
                    threads.add(Thread.currentThread().getName());
                    if (slow) {
                        entered.release();
                        try {
                            g.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        finishes.incrementAndGet();
                    }
                    return Verdict.ALLOW;
                }

                @Override
                public void abort() {
                    aborts.incrementAndGet();
                }
            };
        }
    }
}
