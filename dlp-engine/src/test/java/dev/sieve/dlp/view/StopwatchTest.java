package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The decoding time limits count work (CPU time of the decoding thread), bounded by ten times the limit on the clock. */
class StopwatchTest {

    private static final long MS = 1_000_000L;

    /** A clock and a CPU clock the test moves by hand. */
    private static final class Hands {
        final AtomicLong wall = new AtomicLong();
        final AtomicLong work = new AtomicLong();
        final Stopwatch stopwatch = new Stopwatch(wall::get, work::get);
    }

    @Test
    void theClockAlonePastTheLimitIsNotOverIt() {
        Hands h = new Hands();
        Stopwatch.Budget b = h.stopwatch.start();
        Duration limit = Duration.ofMillis(100);
        h.wall.addAndGet(100 * MS);
        h.work.addAndGet(100 * MS);
        assertThat(b.over(limit)).as("exactly the limit").isFalse();
        h.wall.addAndGet(500 * MS); // the thread waited for a CPU
        assertThat(b.over(limit)).as("600 ms on the clock, 100 ms of work").isFalse();
        h.work.addAndGet(1);
        assertThat(b.over(limit)).as("work past the limit").isTrue();
    }

    @Test
    void tenTimesTheLimitOnTheClockIsOverItWhateverTheWork() {
        Hands h = new Hands();
        Stopwatch.Budget b = h.stopwatch.start();
        Duration limit = Duration.ofMillis(100);
        h.wall.addAndGet(1000 * MS);
        assertThat(b.over(limit)).as("ten times, no work").isFalse();
        h.wall.addAndGet(1);
        assertThat(b.over(limit)).as("past ten times, no work").isTrue();
    }

    @Test
    void aPausedBudgetCountsItsCallsNotTheTimeBetweenThem() {
        Hands h = new Hands();
        Stopwatch.Budget b = h.stopwatch.start();
        Duration limit = Duration.ofMillis(100);
        h.wall.addAndGet(60 * MS);
        h.work.addAndGet(60 * MS);
        b.pause();
        h.wall.addAndGet(10_000 * MS); // the body's next chunk took ten seconds to arrive
        h.work.addAndGet(10_000 * MS); // and the thread did other requests' work meanwhile
        assertThat(b.over(limit)).isFalse();
        b.resume();
        b.resume(); // nested: counts once
        h.wall.addAndGet(30 * MS);
        h.work.addAndGet(30 * MS);
        b.pause();
        assertThat(b.over(limit)).as("90 ms in two calls").isFalse();
        h.wall.addAndGet(20 * MS);
        h.work.addAndGet(20 * MS);
        assertThat(b.over(limit)).as("the outer call still counts: 110 ms").isTrue();
        b.pause();
        h.wall.addAndGet(10_000 * MS);
        assertThat(b.over(limit)).as("paused again").isTrue();
    }

    @Test
    void theSystemStopwatchCountsCpuTimeNotSleep() throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Duration limit = Duration.ofMillis(50);
        Stopwatch.Budget sleeping = Stopwatch.SYSTEM.start();
        long t0 = System.nanoTime();
        Thread.sleep(120);
        long slept = System.nanoTime() - t0;
        if (threads.isCurrentThreadCpuTimeSupported() && slept <= Stopwatch.WALL_FACTOR * limit.toNanos()) {
            assertThat(sleeping.over(limit)).as("slept %d ms, no work", slept / MS).isFalse();
        }
        Stopwatch.Budget spinning = Stopwatch.SYSTEM.start();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long x = 0;
        while (threads.getCurrentThreadCpuTime() - cpu0 < 2 * limit.toNanos()) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        assertThat(spinning.over(limit)).as("spun %d", x).isTrue();
    }

    /** A request whose JSON holds a base64 value: the graph checks its time budget while decoding it. */
    private static DecodeOutcome decode(Stopwatch stopwatch, Duration maxDecodeTime) {
        String token = Base64.getEncoder().encodeToString(utf8("the value here is plain words of a note"));
        byte[] body = utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"" + token + "\"}]}");
        ViewLimits limits = ViewLimits.defaults().withDecodeGraph(ViewLimits.defaults().maxDecodeDepth(),
                ViewLimits.defaults().maxDecodeLayers(), maxDecodeTime);
        return Views.decode(meta("application/json", null), ByteBuffer.wrap(body), limits, (p, c) -> { }, stopwatch);
    }

    @Test
    void aDecodingDescheduledPastItsLimitStillSucceeds() {
        // The clock jumps by 1.5 s once the decoding has started (the thread lost its CPU to other requests); the
        // work it does stays in microseconds. Counted on the clock, as before, this request failed.
        AtomicLong reads = new AtomicLong();
        Stopwatch starved = new Stopwatch(() -> reads.getAndIncrement() == 0 ? 0 : 1_500 * MS, System::nanoTime);
        assertThat(decode(starved, Duration.ofSeconds(1))).isInstanceOf(DecodeOutcome.Ok.class);
        assertThat(reads.get()).as("the graph checked its time").isGreaterThan(1);
    }

    @Test
    void aDecodingStarvedPastTenTimesItsLimitFails() {
        AtomicLong reads = new AtomicLong();
        Stopwatch starved = new Stopwatch(() -> reads.getAndIncrement() == 0 ? 0 : 10_001 * MS, System::nanoTime);
        DecodeOutcome outcome = decode(starved, Duration.ofSeconds(1));
        assertThat(outcome).isInstanceOf(DecodeOutcome.Failed.class);
        DecodeOutcome.Failed failed = (DecodeOutcome.Failed) outcome;
        assertThat(failed.reason()).isEqualTo(FailReason.DECODE_BUDGET);
        assertThat(failed.limit()).contains(ViewLimits.Limit.MAX_DECODE_TIME);
    }

    @Test
    void aDecodingThatWorksPastItsLimitFails() {
        AtomicLong reads = new AtomicLong();
        // Clock and work move together, as on an idle machine: 1.5 s after the start, 1.5 s of work.
        Stopwatch busy = new Stopwatch(() -> reads.get() == 0 ? 0 : 1_500 * MS,
                () -> reads.getAndIncrement() == 0 ? 0 : 1_500 * MS);
        DecodeOutcome outcome = decode(busy, Duration.ofSeconds(1));
        assertThat(outcome).isInstanceOf(DecodeOutcome.Failed.class);
        assertThat(((DecodeOutcome.Failed) outcome).limit()).contains(ViewLimits.Limit.MAX_DECODE_TIME);
    }
}
