package dev.sieve.proxy.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The inspection pool ({@code inspection.workers}, {@code queue}, {@code queueWait}): the threads that inspect
 * request bodies off the event loops (in two lanes by body size), how many complete bodies may wait for one, and how
 * long a request waits for a place when that queue is full (then 503).
 *
 * @param workers   threads per lane; 0 means one per available processor
 * @param queue     bodies that may wait for a worker, per lane
 * @param queueWait the longest a request waits for a place in a full queue
 */
public record InspectionWorkers(int workers, int queue, Duration queueWait) {

    public static final InspectionWorkers DEFAULTS = new InspectionWorkers(0, 256, Duration.ofSeconds(30));

    public InspectionWorkers {
        if (workers < 0) {
            throw new IllegalArgumentException("workers: " + workers + " (expected: >= 0)");
        }
        if (queue < 1) {
            throw new IllegalArgumentException("queue: " + queue + " (expected: > 0)");
        }
        Objects.requireNonNull(queueWait, "queueWait");
        if (queueWait.isNegative() || queueWait.isZero()) {
            throw new IllegalArgumentException("queueWait: " + queueWait + " (expected: > 0)");
        }
    }

    /** The number of threads: {@code workers}, or the available processors when it is 0. */
    public int threads() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }
}
