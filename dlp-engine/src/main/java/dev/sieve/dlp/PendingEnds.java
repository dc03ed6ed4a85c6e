package dev.sieve.dlp;

import java.util.Arrays;

/**
 * Sorted, disjoint spans of stream offsets in which a match of one pattern may lie: each span runs from the
 * earliest possible start of a signalled match to the latest signalled end. It may over-approximate (a superset of
 * the real matches is always safe). Overlapping spans are merged, so starts and ends both increase from the first
 * span to the last, and dense hits stay one span. Not thread-safe.
 */
final class PendingEnds {

    private long[] lo = new long[4];
    private long[] hi = new long[4];
    private int head;
    private int tail;

    boolean isEmpty() {
        return head == tail;
    }

    /** Earliest possible start of a match in the first span. */
    long firstLo() {
        return lo[head];
    }

    /** Latest end of a match in the first span. */
    long firstHi() {
        return hi[head];
    }

    void pop() {
        head++;
        if (head == tail) {
            head = 0;
            tail = 0;
        }
    }

    void clear() {
        head = 0;
        tail = 0;
    }

    /**
     * Adds a possible match within {@code [start, end]}; {@code end} must not precede the last added span's end.
     * Spans that overlap it are merged into one.
     */
    void add(long start, long end) {
        long s = start;
        long e = end;
        while (tail > head && s <= hi[tail - 1]) {
            tail--;
            s = Math.min(s, lo[tail]);
            e = Math.max(e, hi[tail]);
        }
        if (tail == lo.length) {
            if (head > 0) {
                System.arraycopy(lo, head, lo, 0, tail - head);
                System.arraycopy(hi, head, hi, 0, tail - head);
                tail -= head;
                head = 0;
            }
            if (tail == lo.length) {
                lo = Arrays.copyOf(lo, lo.length * 2);
                hi = Arrays.copyOf(hi, hi.length * 2);
            }
        }
        lo[tail] = s;
        hi[tail] = e;
        tail++;
    }

    int size() {
        return tail - head;
    }
}
