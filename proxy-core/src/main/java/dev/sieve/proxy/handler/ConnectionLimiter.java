package dev.sieve.proxy.handler;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open agent connections against {@code proxy.maxConnections} and, per client address,
 * {@code proxy.maxConnectionsPerClient}, and decides whether a new one is admitted. Thread-safe: every event loop
 * admits and releases through one limiter. Each admitted connection must be released exactly once.
 */
public final class ConnectionLimiter {

    /** The decision on a new connection. */
    public enum Admission {
        ADMITTED(null),
        OVER_TOTAL("max_connections"),
        OVER_CLIENT("max_connections_per_client");

        private final String reason;

        Admission(String reason) {
            this.reason = reason;
        }

        /** The reason code for metrics and logs; {@code null} when admitted. */
        public String reason() {
            return reason;
        }
    }

    private final int maxTotal;
    private final int maxPerClient;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perClient = new ConcurrentHashMap<>();

    public ConnectionLimiter(int maxTotal, int maxPerClient) {
        if (maxTotal < 1 || maxPerClient < 1 || maxPerClient > maxTotal) {
            throw new IllegalArgumentException("maxConnections: " + maxTotal + ", maxConnectionsPerClient: "
                    + maxPerClient + " (expected: 1 <= per client <= total)");
        }
        this.maxTotal = maxTotal;
        this.maxPerClient = maxPerClient;
    }

    /** Admits a connection from {@code client} (counting it) or says which cap it is over (counting nothing). */
    public Admission tryAcquire(InetAddress client) {
        if (open.incrementAndGet() > maxTotal) {
            open.decrementAndGet();
            return Admission.OVER_TOTAL;
        }
        boolean[] admitted = {false};
        perClient.compute(client, (address, n) -> {
            int count = n == null ? 0 : n;
            if (count >= maxPerClient) {
                return n;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) {
            open.decrementAndGet();
            return Admission.OVER_CLIENT;
        }
        return Admission.ADMITTED;
    }

    /** Releases an admitted connection of {@code client}. */
    public void release(InetAddress client) {
        perClient.computeIfPresent(client, (address, n) -> n <= 1 ? null : n - 1);
        open.decrementAndGet();
    }

    public int maxTotal() {
        return maxTotal;
    }

    public int maxPerClient() {
        return maxPerClient;
    }

    /** Open admitted connections. */
    public int open() {
        return open.get();
    }

    /** Open admitted connections of {@code client}. */
    public int open(InetAddress client) {
        return perClient.getOrDefault(client, 0);
    }
}
