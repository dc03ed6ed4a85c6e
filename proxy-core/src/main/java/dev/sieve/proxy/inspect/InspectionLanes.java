package dev.sieve.proxy.inspect;

import java.util.concurrent.Executor;

/**
 * The inspection pool in two lanes of the same size: bodies of {@link #LARGE_BODY} or more are inspected in the large
 * lane, all others in the small one. A large upload (a 20 MiB PDF takes seconds to extract and scan) then never makes
 * a small request wait for a worker: the small request gets a thread of its own lane at once. Nor does it wait for
 * the CPU behind one: the large lane's threads run at nice {@link #LARGE_LANE_NICE} (Linux), so when the CPUs are
 * all busy the kernel runs the event loops and the small lane first, and the large lane gets what they leave (still
 * about a tenth of a CPU each when nothing is left, so documents slow down but do not stop). Within a lane jobs run
 * in order of arrival. Thread-safe.
 */
public final class InspectionLanes implements AutoCloseable {

    /** Bodies of this many bytes or more take the large lane. */
    public static final long LARGE_BODY = 1024 * 1024;

    /**
     * The large lane's nice value: its CFS weight is 110 against 1024 for the other threads (nice 0). Measured with
     * the load harness's mixed-load workload (bench/README.md, 2026-12-05): small POSTs' p99 under eight PDF uploads
     * fell from 60 to 24 ms and their p50 from 7.7 to 2.5 ms, PDFs inspected per second unchanged. Not 19: a document
     * then gets almost nothing while small requests keep the CPUs busy, and its {@code maxPdfTime} is wall-clock time.
     */
    static final int LARGE_LANE_NICE = 10;

    private final InspectionPool small;
    private final InspectionPool large;

    private InspectionLanes(InspectionPool small, InspectionPool large) {
        this.small = small;
        this.large = large;
    }

    /** Two lanes of {@code workers} threads and a queue bound of {@code queue} each. */
    public static InspectionLanes start(int workers, int queue) {
        return new InspectionLanes(InspectionPool.start(workers, queue, "sieve-inspect-", 0),
                InspectionPool.start(workers, queue, "sieve-inspect-large-", LARGE_LANE_NICE));
    }

    /** Both lanes on {@code threads} (tests). */
    public static InspectionLanes on(Executor threads, int workers, int queue) {
        return new InspectionLanes(InspectionPool.on(threads, workers, queue), InspectionPool.on(threads, workers, queue));
    }

    /** The lane that inspects a body of {@code bytes}. */
    public InspectionPool forBody(long bytes) {
        return bytes >= LARGE_BODY ? large : small;
    }

    /** Jobs queued for a worker, both lanes. */
    public int queued() {
        return small.queued() + large.queued();
    }

    /** Workers running a job, both lanes. */
    public int busy() {
        return small.busy() + large.busy();
    }

    /** Jobs waiting because their lane is saturated, both lanes. */
    public int waiting() {
        return small.waiting() + large.waiting();
    }

    @Override
    public void close() {
        try {
            small.close();
        } finally {
            large.close();
        }
    }
}
