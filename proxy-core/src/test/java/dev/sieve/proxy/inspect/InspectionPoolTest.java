package dev.sieve.proxy.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class InspectionPoolTest {

    /** Records what the pool did with it. */
    private static final class Recorded implements InspectionPool.Job {
        final String name;
        final List<String> log;
        int runs;
        int abandons;

        Recorded(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public void run() {
            runs++;
            log.add("run " + name);
        }

        @Override
        public void abandon() {
            abandons++;
            log.add("abandon " + name);
        }
    }

    /** Tasks the pool hands its threads, run when the test says. */
    private final List<Runnable> tasks = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    private void runNext() {
        tasks.remove(0).run();
    }

    @Test
    void admitsWorkersPlusQueueThenLinesUpAndServesTheOldestWaiterFirst() {
        InspectionPool pool = InspectionPool.on((Executor) tasks::add, 1, 2);
        InspectionPool.Pending a = pool.submit(new Recorded("a", log));
        InspectionPool.Pending b = pool.submit(new Recorded("b", log));
        InspectionPool.Pending c = pool.submit(new Recorded("c", log));
        InspectionPool.Pending d = pool.submit(new Recorded("d", log));
        InspectionPool.Pending e = pool.submit(new Recorded("e", log));

        assertThat(List.of(a.waiting(), b.waiting(), c.waiting())).containsOnly(false);
        assertThat(d.waiting()).as("saturated: in the line").isTrue();
        assertThat(e.waiting()).isTrue();
        assertThat(pool.queued()).isEqualTo(3);
        assertThat(pool.waiting()).isEqualTo(2);

        runNext(); // a done: its slot goes to d, the oldest waiter
        assertThat(d.waiting()).isFalse();
        assertThat(e.waiting()).isTrue();
        runNext();
        runNext();
        runNext();
        runNext();
        assertThat(log).containsExactly("run a", "run b", "run c", "run d", "run e");
        assertThat(pool.completed()).isEqualTo(5);
        assertThat(pool.queued()).isZero();
        assertThat(pool.waiting()).isZero();
    }

    @Test
    void aWithdrawnWaiterIsAbandonedOnceAndSkipped() {
        InspectionPool pool = InspectionPool.on((Executor) tasks::add, 1, 1);
        pool.submit(new Recorded("a", log));
        pool.submit(new Recorded("b", log));
        Recorded cJob = new Recorded("c", log);
        InspectionPool.Pending c = pool.submit(cJob);
        InspectionPool.Pending d = pool.submit(new Recorded("d", log));

        assertThat(c.withdrawIfWaiting()).isTrue();
        assertThat(c.withdrawIfWaiting()).as("once").isFalse();
        assertThat(c.cancel()).as("abandoned already: it will never run").isTrue();
        runNext(); // a's slot skips c, goes to d
        assertThat(d.waiting()).isFalse();
        while (!tasks.isEmpty()) {
            runNext();
        }

        assertThat(log).containsExactly("abandon c", "run a", "run b", "run d");
        assertThat(cJob.abandons).isEqualTo(1);
        assertThat(cJob.runs).isZero();
    }

    @Test
    void aQueuedJobCanBeCancelledButNotOnceItWasQueuedWithdrawnOrRun() {
        InspectionPool pool = InspectionPool.on((Executor) tasks::add, 1, 1);
        Recorded aJob = new Recorded("a", log);
        InspectionPool.Pending a = pool.submit(aJob);
        InspectionPool.Pending b = pool.submit(new Recorded("b", log));

        assertThat(a.withdrawIfWaiting()).as("queued, not waiting").isFalse();
        assertThat(a.cancel()).isTrue();
        runNext(); // a's task: a no-op that frees its slot
        runNext();
        assertThat(b.cancel()).as("it ran").isFalse();
        assertThat(log).containsExactly("abandon a", "run b");
        assertThat(aJob.runs).isZero();
        assertThat(pool.submit(new Recorded("c", log)).waiting()).as("both slots free again").isFalse();
        assertThat(pool.submit(new Recorded("d", log)).waiting()).isFalse();
    }

    @Test
    void closingAbandonsTheLineAndEverythingSubmittedAfter() {
        InspectionPool pool = InspectionPool.on((Executor) tasks::add, 1, 1);
        pool.submit(new Recorded("a", log));
        pool.submit(new Recorded("b", log));
        pool.submit(new Recorded("c", log));

        pool.close();
        InspectionPool.Pending late = pool.submit(new Recorded("late", log));

        assertThat(late.cancel()).isTrue();
        assertThat(log).containsExactly("abandon c", "abandon late");
        assertThat(pool.waiting()).isZero();
    }

    @Test
    void aRejectingExecutorAbandonsTheJobAndFreesItsSlot() {
        InspectionPool pool = InspectionPool.on(r -> {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }, 1, 1);
        pool.submit(new Recorded("a", log));
        pool.submit(new Recorded("b", log));
        assertThat(pool.submit(new Recorded("c", log)).waiting()).as("slots came back").isFalse();
        assertThat(log).containsExactly("abandon a", "abandon b", "abandon c");
    }

    @Test
    void workerThreadsRunJobsAndTheGaugesFollow() throws Exception {
        try (InspectionPool pool = InspectionPool.start(1, 1)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(2);
            String[] thread = new String[1];
            pool.submit(job(() -> {
                thread[0] = Thread.currentThread().getName();
                started.countDown();
                await(release);
                done.countDown();
            }));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            pool.submit(job(done::countDown));
            InspectionPool.Pending third = pool.submit(job(done::countDown));

            assertThat(pool.busy()).isEqualTo(1);
            assertThat(pool.queued()).isEqualTo(1);
            assertThat(pool.waiting()).isEqualTo(1);
            assertThat(third.waiting()).isTrue();
            assertThat(third.withdrawIfWaiting()).isTrue();
            release.countDown();

            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(thread[0]).startsWith("sieve-inspect-");
        }
    }

    @Test
    void boundsAreChecked() {
        assertThatThrownBy(() -> InspectionPool.on(Runnable::run, 0, 1)).hasMessage("workers: 0 (expected: > 0)");
        assertThatThrownBy(() -> InspectionPool.on(Runnable::run, 1, 0)).hasMessage("queue: 0 (expected: > 0)");
    }

    private static InspectionPool.Job job(Runnable body) {
        return new InspectionPool.Job() {
            @Override
            public void run() {
                body.run();
            }

            @Override
            public void abandon() {
            }
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void largeBodiesTakeALaneOfTheirOwnSoASmallOneNeverWaitsBehindThem() {
        InspectionLanes lanes = InspectionLanes.on((Executor) tasks::add, 1, 1);
        InspectionPool large = lanes.forBody(InspectionLanes.LARGE_BODY);
        assertThat(lanes.forBody(InspectionLanes.LARGE_BODY - 1)).isNotSameAs(large);
        assertThat(lanes.forBody(0)).isSameAs(lanes.forBody(2048));
        large.submit(new Recorded("pdf1", log));
        large.submit(new Recorded("pdf2", log));
        InspectionPool.Pending third = large.submit(new Recorded("pdf3", log));

        InspectionPool.Pending small = lanes.forBody(2048).submit(new Recorded("post", log));

        assertThat(third.waiting()).as("the large lane is saturated").isTrue();
        assertThat(small.waiting()).as("the small lane is not").isFalse();
        assertThat(lanes.queued()).isEqualTo(3);
        assertThat(lanes.waiting()).isEqualTo(1);
    }

    @Test
    void theLargeLanesThreadsRunAtALowerSchedulingPrioritySoSmallBodiesGetTheCpuFirst() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux /proc");
        int own = niceOfCurrentThread();
        Assumptions.assumeTrue(own < InspectionLanes.LARGE_LANE_NICE, "this JVM already runs at nice " + own);
        try (InspectionLanes lanes = InspectionLanes.start(1, 1)) {
            assertThat(niceOn(lanes.forBody(InspectionLanes.LARGE_BODY))).isEqualTo(InspectionLanes.LARGE_LANE_NICE);
            assertThat(niceOn(lanes.forBody(2048))).as("the small lane keeps the process's priority").isEqualTo(own);
            assertThat(niceOn(lanes.forBody(InspectionLanes.LARGE_BODY))).as("still, for the next job")
                    .isEqualTo(InspectionLanes.LARGE_LANE_NICE);
        }
        assertThat(niceOfCurrentThread()).as("the submitting thread is untouched").isEqualTo(own);
    }

    @Test
    void aNiceValueOutsideOneToNineteenIsRefused() {
        assertThatThrownBy(() -> ThreadNice.lowerCurrentThread(0)).hasMessage("nice: 0 (expected: 1 to 19)");
        assertThatThrownBy(() -> ThreadNice.lowerCurrentThread(20)).hasMessage("nice: 20 (expected: 1 to 19)");
    }

    /** The nice value of the worker that runs a job of {@code pool}. */
    private static int niceOn(InspectionPool pool) throws Exception {
        CompletableFuture<Integer> nice = new CompletableFuture<>();
        pool.submit(job(() -> {
            try {
                nice.complete(niceOfCurrentThread());
            } catch (IOException e) {
                nice.completeExceptionally(e);
            }
        }));
        return nice.get(10, TimeUnit.SECONDS);
    }

    /** Field 19 of {@code /proc/thread-self/stat}: the calling thread's nice value, as the kernel has it. */
    private static int niceOfCurrentThread() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(afterName[16]);
    }
}
