package dev.sieve.dlp.view;

import java.util.Arrays;

/** A growable byte array whose every byte is charged to the request's decode budget. */
final class ByteSink {

    private static final int MAX_INITIAL = 8 * 1024 * 1024;

    private final DecodeContext ctx;
    private final String where;
    private byte[] buf;
    private int size;

    ByteSink(DecodeContext ctx, String where) {
        this(ctx, where, 256);
    }

    /** A sink whose first array holds {@code expected} bytes (capped, so a size hint cannot over-allocate). */
    ByteSink(DecodeContext ctx, String where, int expected) {
        this.ctx = ctx;
        this.where = where;
        this.buf = new byte[Math.max(16, Math.min(expected, MAX_INITIAL))];
    }

    void write(byte[] b, int off, int len) throws DecodeException {
        ctx.charge(len, where);
        if (size + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(size + len, buf.length * 2));
        }
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    void write(byte[] b) throws DecodeException {
        write(b, 0, b.length);
    }

    void write(int b) throws DecodeException {
        ctx.charge(1, where);
        if (size == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[size++] = (byte) b;
    }

    int size() {
        return size;
    }

    /** The internal array; bytes {@code [0, size())} are the content. Valid until the next write. */
    byte[] array() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
