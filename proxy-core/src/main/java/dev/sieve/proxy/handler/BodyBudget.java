package dev.sieve.proxy.handler;

import java.util.ArrayDeque;

/**
 * The process-wide budget for request bodies held in memory (buffer, then forward). A request
 * reserves its whole body before its first body byte is read: its declared Content-Length, or the
 * per-request limit when it is chunked (the unused part returns at the end). When the budget is
 * used up, the request waits, first come first served, with its body unread in the socket: that
 * is backpressure to the agent, and a request never holds part of the budget while waiting for
 * more, so waiting requests cannot deadlock each other.
 */
public final class BodyBudget {
    private final long limit;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private long reserved;
    private long peak;

    private record Waiter(long bytes, Runnable onGranted) {}

    public BodyBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("maxBodyBytesInFlight: " + limit + " (expected: > 0)");
        }
        this.limit = limit;
    }

    /**
     * Reserves {@code bytes} (capped at the whole budget) and runs {@code onGranted} now, or
     * later on the thread that releases enough. Returns the amount reserved, which the caller
     * must {@link #release} exactly once.
     */
    public long reserve(long bytes, Runnable onGranted) {
        long need = Math.min(bytes, limit);
        boolean now;
        synchronized (this) {
            now = waiting.isEmpty() && reserved + need <= limit;
            if (now) {
                take(need);
            } else {
                waiting.add(new Waiter(need, onGranted));
            }
        }
        if (now) {
            onGranted.run();
        }
        return need;
    }

    public void release(long bytes) {
        if (bytes <= 0) {
            return;
        }
        ArrayDeque<Runnable> granted = new ArrayDeque<>();
        synchronized (this) {
            reserved -= bytes;
            while (!waiting.isEmpty() && reserved + waiting.peek().bytes() <= limit) {
                Waiter w = waiting.poll();
                take(w.bytes());
                granted.add(w.onGranted());
            }
        }
        granted.forEach(Runnable::run);
    }

    private void take(long bytes) {
        reserved += bytes;
        peak = Math.max(peak, reserved);
    }

    public synchronized long reserved() {
        return reserved;
    }

    /** The most ever reserved at once: never above the limit. */
    public synchronized long peak() {
        return peak;
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    public long limit() {
        return limit;
    }
}
