package dev.sieve.dlp;

import java.util.Arrays;

/**
 * Sorted, disjoint intervals of stream offsets at which a match of one pattern may end. It may over-approximate
 * (a superset of the real match ends is always safe): ends closer than {@code mergeGap} are merged into one
 * interval, which keeps it small for dense hits. Not thread-safe.
 */
final class PendingEnds {

    private long[] lo = new long[4];
    private long[] hi = new long[4];
    private int head;
    private int tail;

    boolean isEmpty() {
        return head == tail;
    }

    long firstLo() {
        return lo[head];
    }

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

    /** Adds possible ends {@code [from, to]}; {@code from} must not precede the last added interval's start. */
    void add(long from, long to, long mergeGap) {
        if (tail > head && from <= hi[tail - 1] + mergeGap) {
            hi[tail - 1] = Math.max(hi[tail - 1], to);
            return;
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
        lo[tail] = from;
        hi[tail] = to;
        tail++;
    }

    int size() {
        return tail - head;
    }
}
