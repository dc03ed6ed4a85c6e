package dev.sieve.bench.load;

import dev.sieve.bench.load.Http1Connection.Reply;
import dev.sieve.bench.load.SoakRequests.Kind;
import dev.sieve.bench.load.SoakRequests.Outcome;
import dev.sieve.bench.load.SoakRequests.Request;
import dev.sieve.bench.load.SoakRequests.Result;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The soak's load: {@code connections} keep-alive connections through one route, sending the requests of
 * {@link SoakRequests} at a fixed total rate (request {@code i} is due at {@code start + i / rate}, whichever
 * connection is free takes it; a late request is sent at once, never skipped). Each connection is closed and
 * reopened (CONNECT and both TLS handshakes again) after {@code reconnectEvery} requests, after an error, and when
 * the answer says {@code Connection: close}. Outcomes go to {@link SoakCounts}; the time from due to answer of the
 * small requests (clean and secret) to an {@link IntervalLatency}.
 */
final class SoakTraffic implements AutoCloseable {

    private final Route route;
    private final SoakRequests requests;
    private final double ratePerSecond;
    private final int reconnectEvery;
    private final SoakCounts counts = new SoakCounts();
    private final IntervalLatency smallLatency = new IntervalLatency(1 << 16);
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong connectionsOpened = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;
    private long start;

    SoakTraffic(Route route, SoakRequests requests, double ratePerSecond, int connections, int reconnectEvery) {
        this.route = route;
        this.requests = requests;
        this.ratePerSecond = ratePerSecond;
        this.reconnectEvery = reconnectEvery;
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(this::work, "soak-" + i);
            t.setDaemon(true);
            workers.add(t);
        }
    }

    void start() {
        start = System.nanoTime();
        workers.forEach(Thread::start);
    }

    SoakCounts counts() {
        return counts;
    }

    IntervalLatency smallLatency() {
        return smallLatency;
    }

    long connectionsOpened() {
        return connectionsOpened.get();
    }

    private void work() {
        Http1Connection conn = null;
        int used = 0;
        double interval = 1e9 / ratePerSecond;
        while (running) {
            long index = next.getAndIncrement();
            long due = start + (long) (index * interval);
            for (long wait = due - System.nanoTime(); wait > 0 && running; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(Math.min(wait, 100_000_000L));
            }
            if (!running) {
                break;
            }
            Request request = requests.request(index);
            Outcome outcome;
            try {
                if (conn == null) {
                    conn = route.open();
                    connectionsOpened.incrementAndGet();
                    used = 0;
                }
                Reply reply = conn.exchange(request.path(), request.contentType(), request.body());
                outcome = SoakRequests.check(request, reply);
                if (reply.close() || ++used >= reconnectEvery || outcome.result().isError()) {
                    conn = closeQuietly(conn);
                }
            } catch (IOException e) {
                outcome = new Outcome(Result.IO_ERROR, request.kind() + ": " + e);
                conn = closeQuietly(conn);
            }
            counts.record(request.kind(), outcome);
            if (request.kind() == Kind.CLEAN || request.kind() == Kind.SECRET) {
                smallLatency.record(System.nanoTime() - due);
            }
        }
        closeQuietly(conn);
    }

    private static Http1Connection closeQuietly(Http1Connection conn) {
        if (conn != null) {
            try {
                conn.close();
            } catch (IOException e) {
                // closing a connection we are done with; nothing to do
            }
        }
        return null;
    }

    /** Stops taking new requests and waits (up to 60 s) for the ones in flight. */
    @Override
    public void close() {
        running = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Thread t : workers) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
