package dev.sieve.proxy.inspect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded executor that runs request inspections (decoding, scanning, redaction) off the event loops, so that one
 * large upload never stalls the other connections of its loop. Thread-safe: every event loop submits to one pool.
 *
 * <h2>Bounds</h2>
 * {@code workers} threads run inspections; at most {@code queue} more wait in line for a thread. A job submitted
 * past that finds the pool saturated: it waits in the <em>waiting line</em>, oldest first, and is queued as soon as
 * a slot comes free. Its exchange meanwhile reads nothing (backpressure, the same as the body budget's) and decides
 * how long it waits: {@link Pending#withdrawIfWaiting} takes a job out of the line when that wait is over.
 *
 * <h2>Ownership</h2>
 * A {@link Job} owns what it reads (a retained buffer, an inspection session). The pool calls exactly one of its
 * two methods, once: {@link Job#run} on a worker, or {@link Job#abandon} when it will never run (withdrawn from
 * the line, cancelled before a worker took it, or the pool is closed), on the thread that decided so.
 *
 * <p>Written here rather than taken from a library: a {@link ThreadPoolExecutor} with a bounded queue rejects (it
 * cannot make a caller wait without blocking it, and an event loop must never block), and a waiting line that
 * hands a freed slot to the oldest waiter, with withdrawal, is the same small mechanism as {@link BodyBudget}'s.
 */
public final class InspectionPool implements AutoCloseable {

    /** Work the pool runs once or abandons once. */
    public interface Job {
        /** Runs on a worker thread. */
        void run();

        /** The job will never run: release what it holds. Called on the thread that withdrew or cancelled it. */
        void abandon();
    }

    private static final int WAITING = 0;
    private static final int QUEUED = 1;
    private static final int RUNNING = 2;
    private static final int DONE = 3;
    private static final int ABANDONED = 4;

    private final Executor threads;
    private final ThreadPoolExecutor owned;
    private final int workers;
    private final int queue;
    /** Slots (running or queued) still free; the line is served before it grows. Guarded by {@code this}. */
    private int free;
    /** Written under {@code this}; read by workers, which abandon what they dequeue once it is set. */
    private volatile boolean closed;
    private final ArrayDeque<Pending> line = new ArrayDeque<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong completed = new AtomicLong();

    /**
     * A pool of {@code workers} daemon threads named {@code sieve-inspect-N}.
     *
     * @param workers threads that run inspections, at least 1
     * @param queue   jobs that may wait for a thread before submitters wait in the line, at least 1
     */
    public static InspectionPool start(int workers, int queue) {
        return start(workers, queue, "sieve-inspect-", 0);
    }

    /**
     * As {@link #start(int, int)}, naming the threads {@code threadPrefix} and a number; with {@code nice} above 0
     * each thread first lowers its own scheduling priority to that nice value ({@link ThreadNice}).
     */
    static InspectionPool start(int workers, int queue, String threadPrefix, int nice) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Runnable worker = nice == 0 ? r : () -> {
                        ThreadNice.lowerCurrentThread(nice);
                        r.run();
                    };
                    Thread t = new Thread(worker, threadPrefix + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        return new InspectionPool(executor, executor, workers, queue);
    }

    /**
     * A pool that runs its jobs on {@code threads} (tests: a direct or a hand-driven executor), admitting at most
     * {@code workers + queue} at once.
     */
    public static InspectionPool on(Executor threads, int workers, int queue) {
        return new InspectionPool(threads, null, workers, queue);
    }

    private InspectionPool(Executor threads, ThreadPoolExecutor owned, int workers, int queue) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers: " + workers + " (expected: > 0)");
        }
        if (queue < 1) {
            throw new IllegalArgumentException("queue: " + queue + " (expected: > 0)");
        }
        this.threads = threads;
        this.owned = owned;
        this.workers = workers;
        this.queue = queue;
        this.free = workers + queue;
    }

    /** A job submitted to the pool. */
    public final class Pending {
        private final Job job;
        private final AtomicInteger state;

        private Pending(Job job, int state) {
            this.job = job;
            this.state = new AtomicInteger(state);
        }

        /** Whether the job waits in the line for a slot (the pool was saturated). */
        public boolean waiting() {
            return state.get() == WAITING;
        }

        /**
         * Whether the job will never run: withdrawn, cancelled, or given up by a closed pool (a job submitted after
         * {@link #close()} is abandoned at once, and nothing else will ever tell its submitter).
         */
        public boolean abandoned() {
            return state.get() == ABANDONED;
        }

        /** Whether a worker runs the job right now. */
        public boolean running() {
            return state.get() == RUNNING;
        }

        /**
         * Takes the job out of the waiting line: true when it was still waiting (it is abandoned now and will never
         * run), false once it was queued for a thread.
         */
        public boolean withdrawIfWaiting() {
            synchronized (InspectionPool.this) {
                if (!state.compareAndSet(WAITING, ABANDONED)) {
                    return false;
                }
                line.remove(this);
            }
            job.abandon();
            return true;
        }

        /**
         * Withdraws a job no worker has taken: true when it will never run (abandoned now, or already), false when
         * it runs or ran.
         */
        public boolean cancel() {
            if (withdrawIfWaiting()) {
                return true;
            }
            if (state.compareAndSet(QUEUED, ABANDONED)) {
                job.abandon(); // its task still holds the slot until a worker dequeues it (a no-op then)
                return true;
            }
            return state.get() == ABANDONED;
        }

        private void execute() {
            queued.incrementAndGet();
            try {
                threads.execute(this::runOnWorker);
            } catch (RejectedExecutionException e) {
                queued.decrementAndGet();
                if (state.compareAndSet(QUEUED, ABANDONED)) {
                    job.abandon();
                }
                slotFreed();
            }
        }

        private void runOnWorker() {
            queued.decrementAndGet();
            try {
                if (closed && state.compareAndSet(QUEUED, ABANDONED)) {
                    job.abandon();
                } else if (state.compareAndSet(QUEUED, RUNNING)) {
                    busy.incrementAndGet();
                    try {
                        job.run();
                    } finally {
                        busy.decrementAndGet();
                        completed.incrementAndGet();
                        state.set(DONE);
                    }
                }
            } finally {
                slotFreed();
            }
        }
    }

    /**
     * Submits {@code job}: queued for a thread when a slot is free, else waiting in the line (see {@link
     * Pending#waiting}). After {@link #close()} the job is abandoned at once.
     */
    public Pending submit(Job job) {
        Pending p;
        synchronized (this) {
            if (closed) {
                p = new Pending(job, ABANDONED);
            } else if (free > 0) {
                free--;
                p = new Pending(job, QUEUED);
            } else {
                p = new Pending(job, WAITING);
                line.add(p);
                return p;
            }
        }
        if (p.state.get() == ABANDONED) {
            job.abandon();
        } else {
            p.execute();
        }
        return p;
    }

    /** A slot came free: it goes to the oldest job in the line, else back to the pool. */
    private void slotFreed() {
        Pending next;
        synchronized (this) {
            do {
                next = line.poll();
            } while (next != null && !next.state.compareAndSet(WAITING, QUEUED));
            if (next == null) {
                free++;
                return;
            }
        }
        next.execute();
    }

    /** Jobs queued for a thread, not yet running. */
    public int queued() {
        return queued.get();
    }

    /** Workers running a job. */
    public int busy() {
        return busy.get();
    }

    /** Jobs waiting in the line because the pool is saturated. */
    public synchronized int waiting() {
        return line.size();
    }

    /** Jobs that ran to the end. */
    public long completed() {
        return completed.get();
    }

    public int workers() {
        return workers;
    }

    public int queueBound() {
        return queue;
    }

    /**
     * Stops taking jobs: the line and the queue are abandoned, running jobs finish (waited for up to {@code 5 s}).
     */
    @Override
    public void close() {
        List<Pending> waiting;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            waiting = List.copyOf(line);
            line.clear();
        }
        for (Pending p : waiting) {
            if (p.state.compareAndSet(WAITING, ABANDONED)) {
                p.job.abandon();
            }
        }
        if (owned != null) {
            // Queued jobs are abandoned (a dequeued task sees `closed`), running ones finish: no interrupt.
            List<Runnable> queuedTasks = new ArrayList<>();
            owned.getQueue().drainTo(queuedTasks);
            owned.shutdown();
            queuedTasks.forEach(Runnable::run);
            try {
                owned.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
