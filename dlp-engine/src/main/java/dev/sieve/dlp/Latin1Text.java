package dev.sieve.dlp;

/** A reusable {@link CharSequence} over a byte array, one char per byte (ISO-8859-1). Not thread-safe. */
final class Latin1Text implements CharSequence {

    private byte[] bytes = new byte[0];
    private int offset;
    private int length;

    Latin1Text() {
    }

    Latin1Text(byte[] bytes, int offset, int length) {
        set(bytes, offset, length);
    }

    Latin1Text set(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        return this;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index: " + index + " (expected: 0.." + (length - 1) + ")");
        }
        return (char) (bytes[offset + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException("range: " + start + ".." + end + " (expected: within 0.." + length + ")");
        }
        return new Latin1Text(bytes, offset + start, end - start);
    }

    /** The content (CharSequence contract). Callers must keep it out of logs, exceptions and fields. */
    @Override
    public String toString() {
        return new String(bytes, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
