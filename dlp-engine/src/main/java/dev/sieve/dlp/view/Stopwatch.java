package dev.sieve.dlp.view;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What the time limits of decoding ({@code maxDecodeTime}, {@code maxPdfTime}) count: the <em>work</em> a request's
 * decoding has done, as CPU time of the thread that does it, not the time on the clock. The limits stop a body
 * built to make a decoder slow; a replica whose CPUs are busy with other requests, or an inspection worker running
 * at a lower priority (the large-body lane runs at nice 10), takes longer on the clock for the same work, and
 * failing the request for that would block an agent's harmless upload because the proxy was busy.
 *
 * <p>The clock still bounds it: a decoding is over its limit once the clock shows {@value #WALL_FACTOR} times the
 * limit, whatever the CPU time says (a thread starved that long holds the request's memory and its agent for
 * nothing). The CPU time is read when a measurement starts or pauses and, in a check, only once the clock has
 * passed the limit, so a check within the limit on the clock costs one {@link System#nanoTime()}, as before. Where
 * the JVM cannot measure a thread's CPU time, work is the time on the clock.
 */
final class Stopwatch {

    /** How many times its limit a decoding may take on the clock while its CPU time stays within the limit. */
    static final int WALL_FACTOR = 10;

    /** The clock in nanoseconds and the current thread's CPU time: what the proxy and the CLI use. */
    static final Stopwatch SYSTEM = new Stopwatch(System::nanoTime, threadCpuTime());

    private final LongSupplier wall;
    private final LongSupplier work;

    Stopwatch(LongSupplier wall, LongSupplier work) {
        this.wall = wall;
        this.work = work;
    }

    /** Clock and work both read from {@code clock} (tests: a clock that steps makes every decoding slow). */
    static Stopwatch of(Clock clock) {
        LongSupplier nanos = () -> {
            var t = clock.instant();
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        };
        return new Stopwatch(nanos, nanos);
    }

    /** A budget measured from now. */
    Budget start() {
        Budget b = new Budget();
        b.resume();
        return b;
    }

    private static LongSupplier threadCpuTime() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            return System::nanoTime;
        }
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        return threads::getCurrentThreadCpuTime;
    }

    /**
     * Time spent against one limit. A budget drawn on in several calls, possibly on different threads (the char-code
     * budget of a streamed body, used as its chunks arrive), counts the calls, {@link #resume} to {@link #pause},
     * and not the time between them. Not thread-safe: one call at a time.
     */
    final class Budget {
        private long wallFrom;
        private long workFrom;
        private long wallSpent;
        private long workSpent;
        private int open;

        private Budget() {
        }

        /** Starts counting (nested calls count once). */
        void resume() {
            if (open++ == 0) {
                wallFrom = wall.getAsLong();
                workFrom = work.getAsLong();
            }
        }

        /** Stops counting until the next {@link #resume}. */
        void pause() {
            if (--open == 0) {
                wallSpent += wall.getAsLong() - wallFrom;
                workSpent += work.getAsLong() - workFrom;
            }
        }

        /** Whether {@code limit} is used up: see {@link Stopwatch}. */
        boolean over(Duration limit) {
            long limitNanos = limit.toNanos();
            long onClock = wallSpent + (open > 0 ? wall.getAsLong() - wallFrom : 0);
            if (onClock <= limitNanos) {
                return false;
            }
            if (limitNanos <= Long.MAX_VALUE / WALL_FACTOR && onClock > limitNanos * WALL_FACTOR) {
                return true;
            }
            return workSpent + (open > 0 ? work.getAsLong() - workFrom : 0) > limitNanos;
        }
    }
}
