package dev.sieve.bench.load;

import java.util.Arrays;

/**
 * Latencies of one sampling interval from many threads, read and reset at the end of each interval. The buffer
 * has a fixed capacity (samples past it are counted but not kept), so a long soak holds no more than one
 * interval's worth.
 */
final class IntervalLatency {

    private final long[] samples;
    private int kept;
    private long count;

    IntervalLatency(int capacity) {
        this.samples = new long[capacity];
    }

    synchronized void record(long nanos) {
        if (kept < samples.length) {
            samples[kept++] = nanos;
        }
        count++;
    }

    /** p50 and p99 in milliseconds of the interval so far (NaN without samples) and the count; then resets. */
    synchronized double[] drain() {
        double[] result = {Double.NaN, Double.NaN, count};
        if (kept > 0) {
            long[] sorted = Arrays.copyOf(samples, kept);
            Arrays.sort(sorted);
            result[0] = sorted[rank(50, kept)] / 1e6;
            result[1] = sorted[rank(99, kept)] / 1e6;
        }
        kept = 0;
        count = 0;
        return result;
    }

    private static int rank(double p, int n) {
        return Math.max(0, Math.min(n - 1, (int) Math.ceil(p / 100 * n) - 1));
    }
}
