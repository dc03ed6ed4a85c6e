package dev.sieve.dlp;

import java.nio.ByteBuffer;

/**
 * The last {@code capacity} bytes of a stream, in a ring. Offsets are absolute stream offsets. Not thread-safe.
 */
final class TailBuffer {

    private final byte[] ring;
    private long end;
    private int size;

    TailBuffer(int capacity) {
        this.ring = new byte[Math.max(1, capacity)];
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
