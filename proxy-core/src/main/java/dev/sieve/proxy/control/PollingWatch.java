package dev.sieve.proxy.control;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Runs a poll at a fixed delay on a caller's scheduler, at most once per owner. A poll that throws is logged (its
 * exception class only) and does not stop later polls, which is what a bare {@code scheduleWithFixedDelay} would do.
 * Thread-safe.
 */
final class PollingWatch {

    private final String name;
    private final Logger log;
    private ScheduledFuture<?> task;
    private boolean stopped;

    PollingWatch(String name, Logger log) {
        this.name = name;
        this.log = log;
    }

    /**
     * Starts polling every {@code interval}, the first poll one interval from now.
     *
     * @throws IllegalArgumentException if {@code interval} is not positive
     * @throws IllegalStateException if already started or stopped
     */
    synchronized void start(ScheduledExecutorService scheduler, Duration interval, Runnable poll) {
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(poll, "poll");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval: " + interval + " (expected: > 0)");
        }
        if (stopped) {
            throw new IllegalStateException(name + ": closed (expected: start watching before close)");
        }
        if (task != null) {
            throw new IllegalStateException(name + ": already watching (expected: startWatching once)");
        }
        long nanos = interval.toNanos();
        task = scheduler.scheduleWithFixedDelay(() -> runQuietly(poll), nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Cancels future polls; a poll already running finishes. Idempotent. */
    synchronized void stop() {
        stopped = true;
        if (task != null) {
            task.cancel(false);
        }
    }

    private void runQuietly(Runnable poll) {
        try {
            poll.run();
        } catch (RuntimeException e) {
            log.warn("{}: watch poll failed ({}); polling continues", name, e.getClass().getSimpleName());
        }
    }
}
