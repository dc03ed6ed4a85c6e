package dev.sieve.dlp.view;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * JSON string literals read where they lie: a literal without escapes or control characters decodes to its own
 * UTF-8 bytes (in a document already validated as UTF-8), so a reader can take them as they are instead of asking
 * the parser for a {@code String} and encoding it again. Pure.
 */
public final class JsonStrings {

    private JsonStrings() {
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * End (exclusive) of the string literal whose opening quote is at {@code start} when no backslash or control
     * character comes before its closing quote, else -1 (also when {@code src[start]} is not a quote). Eight bytes
     * at a time.
     */
    public static int plainEnd(byte[] src, int start) {
        if (start < 0 || start >= src.length || src[start] != '"') {
            return -1;
        }
        int i = start + 1;
        while (i + Long.BYTES <= src.length) {
            long w = (long) LONGS.get(src, i);
            long quote = w ^ ('"' * ONES);
            long backslash = w ^ ('\\' * ONES);
            // A zero byte in quote or backslash, or a byte of w below 0x20 (its high bit is clear: it is ASCII).
            long hits = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | ((w - 0x20 * ONES) & ~w);
            if ((hits & HIGHS) != 0) {
                break;
            }
            i += Long.BYTES;
        }
        for (; i < src.length; i++) {
            byte b = src[i];
            if (b == '"') {
                return i + 1;
            }
            if (b == '\\' || (b >= 0 && b < 0x20)) {
                return -1;
            }
        }
        return -1;
    }
}
