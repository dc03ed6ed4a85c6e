package dev.sieve.proxy.handler;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Puts a {@link BodyRate} on the event loop's clock: one timer per body, set for the moment the body would fall
 * behind if nothing more arrived; when it fires, bytes that came meanwhile push it further out, else
 * {@code onTooSlow} runs once. Not thread-safe: used on the exchange's event loop only.
 */
final class BodyWatch {
    private final EventExecutor loop;
    private final long minBytesPerSecond;
    private final long graceNanos;
    private final Runnable onTooSlow;
    private BodyRate rate;
    private ScheduledFuture<?> timer;

    BodyWatch(EventExecutor loop, long minBytesPerSecond, long graceNanos, Runnable onTooSlow) {
        this.loop = loop;
        this.minBytesPerSecond = minBytesPerSecond;
        this.graceNanos = graceNanos;
        this.onTooSlow = onTooSlow;
    }

    /** Starts watching a new body, read from now on. */
    void start() {
        stop();
        rate = new BodyRate(minBytesPerSecond, graceNanos, System.nanoTime());
        schedule();
    }

    void received(int bytes) {
        if (rate != null) {
            rate.received(bytes, System.nanoTime());
        }
    }

    /** Sieve holds the body back (waits for budget): the time does not count. */
    void pause() {
        if (rate != null) {
            rate.pause(System.nanoTime());
            cancelTimer();
        }
    }

    void resume() {
        if (rate != null) {
            rate.resume(System.nanoTime());
            if (timer == null) {
                schedule();
            }
        }
    }

    /** The body is complete or abandoned. */
    void stop() {
        rate = null;
        cancelTimer();
    }

    private void schedule() {
        long left = rate.nanosLeft(System.nanoTime());
        if (left == Long.MAX_VALUE) {
            return;
        }
        timer = loop.schedule(this::check, left, TimeUnit.NANOSECONDS);
    }

    private void check() {
        timer = null;
        if (rate == null) {
            return;
        }
        if (rate.nanosLeft(System.nanoTime()) <= 0) {
            rate = null;
            onTooSlow.run();
        } else {
            schedule();
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
