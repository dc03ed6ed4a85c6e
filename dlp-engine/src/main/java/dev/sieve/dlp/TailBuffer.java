package dev.sieve.dlp;

import java.nio.ByteBuffer;

/**
 * The last {@code capacity} bytes of a stream, in a ring. Offsets are absolute stream offsets. Not thread-safe.
 */
final class TailBuffer {

    private static final int INITIAL = 256;

    private final int capacity;
    private byte[] ring;
    private long end;
    private int size;

    /** The ring starts small and grows to {@code capacity} only as a stream gets long: short views stay cheap. */
    TailBuffer(int capacity) {
        this.capacity = Math.max(1, capacity);
        this.ring = new byte[Math.min(this.capacity, INITIAL)];
    }

    /** Grows the ring (keeping what it retains at the same absolute offsets) to hold {@code wanted} bytes. */
    private void growFor(long wanted) {
        if (ring.length >= capacity || wanted <= ring.length) {
            return;
        }
        int length = (int) Math.min(capacity, Math.max(wanted, 2L * ring.length));
        byte[] bigger = new byte[length];
        for (long at = end - size; at < end; at++) {
            bigger[(int) (at % length)] = ring[(int) (at % ring.length)];
        }
        ring = bigger;
    }

    /** Absolute offset of the first retained byte. */
    long start() {
        return end - size;
    }

    long end() {
        return end;
    }

    /** Appends the remaining bytes of {@code src} without changing its position; keeps only the newest ones. */
    void append(ByteBuffer src) {
        int n = src.remaining();
        growFor((long) size + n);
        int keep = Math.min(n, ring.length);
        int from = src.position() + n - keep;
        long writeAt = end + n - keep;
        int copied = 0;
        while (copied < keep) {
            int slot = (int) ((writeAt + copied) % ring.length);
            int run = Math.min(keep - copied, ring.length - slot);
            src.get(from + copied, ring, slot, run);
            copied += run;
        }
        end += n;
        size = (int) Math.min(ring.length, (long) size + n);
    }

    /** Copies absolute range {@code [from, to)} (which must be retained) into {@code dst} at {@code dstOffset}. */
    void copy(long from, long to, byte[] dst, int dstOffset) {
        if (from < start() || to > end || from > to) {
            throw new IllegalStateException("tail range: " + from + ".." + to + " (expected: within " + start() + ".." + end + ")");
        }
        long at = from;
        int out = dstOffset;
        while (at < to) {
            int slot = (int) (at % ring.length);
            int run = (int) Math.min(to - at, ring.length - slot);
            System.arraycopy(ring, slot, dst, out, run);
            at += run;
            out += run;
        }
    }
}
