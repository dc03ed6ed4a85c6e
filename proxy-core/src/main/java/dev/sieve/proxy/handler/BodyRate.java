package dev.sieve.proxy.handler;

/**
 * The minimum data rate of a request body, with a grace period (like Kestrel's {@code MinRequestBodyDataRate},
 * nginx's {@code client_body_timeout}): a pure rule over times the caller passes in, no clock or timer of its own.
 *
 * <p>A body owes {@code minBytesPerSecond} for every second Sieve is reading it, and may fall behind by at most
 * one grace period's worth ({@code minBytesPerSecond x grace}). It starts with that allowance, earns it back as
 * bytes arrive, and cannot save up more than it: a body that sent fast and then stopped is therefore also cut off
 * after the grace period, and a trickle has to keep up the rate over every stretch of about that length. Time
 * during which Sieve does not read (it waits for room in the budget) is {@link #pause paused} and does not count.
 * Not thread-safe.
 */
final class BodyRate {
    private final double bytesPerNano;
    private final double allowance;
    /** Bytes ahead of the minimum at {@link #since}; negative means behind by that much. */
    private double credit;
    private long since;
    private boolean paused;

    /**
     * @param minBytesPerSecond at least 1
     * @param graceNanos        how long a body may fall behind the rate (e.g. stall); at least 1
     * @param startNanos        when reading the body began
     */
    BodyRate(long minBytesPerSecond, long graceNanos, long startNanos) {
        if (minBytesPerSecond < 1 || graceNanos < 1) {
            throw new IllegalArgumentException("minBodyBytesPerSecond: " + minBytesPerSecond + ", grace: "
                    + graceNanos + "ns (expected: both > 0)");
        }
        this.bytesPerNano = minBytesPerSecond / 1e9;
        this.allowance = bytesPerNano * graceNanos;
        this.credit = allowance;
        this.since = startNanos;
    }

    /** {@code bytes} of the body arrived at {@code now}. */
    void received(long bytes, long now) {
        credit = Math.min(allowance, creditAt(now) + bytes);
        since = now;
    }

    /** Sieve stopped reading at {@code now} (the time until {@link #resume} does not count). */
    void pause(long now) {
        if (!paused) {
            credit = creditAt(now);
            since = now;
            paused = true;
        }
    }

    /** Sieve reads again from {@code now}. */
    void resume(long now) {
        if (paused) {
            paused = false;
            since = now;
        }
    }

    /**
     * Nanoseconds from {@code now} until the body falls behind by more than its allowance if no byte arrives
     * meanwhile; 0 or less when it already has; {@link Long#MAX_VALUE} while paused.
     */
    long nanosLeft(long now) {
        if (paused) {
            return Long.MAX_VALUE;
        }
        double left = creditAt(now) / bytesPerNano;
        return left <= 0 ? 0 : (long) Math.ceil(left);
    }

    private double creditAt(long now) {
        return paused ? credit : credit - bytesPerNano * (now - since);
    }
}
