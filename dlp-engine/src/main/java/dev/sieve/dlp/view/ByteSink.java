package dev.sieve.dlp.view;

import java.util.Arrays;

/** A growable byte array whose every byte is charged to the request's decode budget. */
final class ByteSink {

    private final DecodeContext ctx;
    private final String where;
    private byte[] buf = new byte[256];
    private int size;

    ByteSink(DecodeContext ctx, String where) {
        this.ctx = ctx;
        this.where = where;
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

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
