package dev.sieve.bench.load;

import java.util.Arrays;

/** Latency samples in nanoseconds from many threads, merged once; percentiles by nearest rank. */
final class Latencies {

    private long[] samples = new long[1024];
    private int size;

    synchronized void addAll(long[] values, int count) {
        if (size + count > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, size + count));
        }
        System.arraycopy(values, 0, samples, size, count);
        size += count;
    }

    synchronized int count() {
        return size;
    }

    /** The {@code p}-th percentile (0 < p <= 100) in milliseconds, or NaN without samples. */
    synchronized double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, rank))] / 1e6;
    }

    /** A per-thread buffer that is merged into a {@link Latencies} at the end. */
    static final class Recorder {
        private long[] values = new long[4096];
        private int count;

        void record(long nanos) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = nanos;
        }

        void mergeInto(Latencies target) {
            target.addAll(values, count);
        }
    }
}
