package dev.sieve.dlp.conversation;

import com.fasterxml.jackson.core.JsonToken;
import dev.sieve.dlp.view.Utf8;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The canonical bytes of one JSON value for {@link TurnChain} (per token: its {@link JsonToken} ordinal, and for names
 * and scalars the length and UTF-8 of the text Jackson's {@code getText()} gives), read straight from the body's
 * bytes: no parser object, no {@code String} per token, ASCII runs copied eight bytes at a time. It reads the strict
 * RFC 8259 subset that Jackson reads the same way: anything else (a lone surrogate escape, invalid UTF-8, a control
 * character in a string, a number or nesting past this class's limits, any syntax error) makes {@link #write} return
 * false, and the caller reads that value with Jackson as before. So the bytes are Jackson's whenever this returns true
 * ({@code CanonicalTokensTest} checks it against Jackson on generated and malformed JSON).
 *
 * <p>Written by hand rather than with Jackson because Jackson's token API decodes every name and string into a
 * {@code String} that the chain then re-encodes: that was a third of the inspection of a 64 KiB agent body. Not
 * thread-safe; one per thread.
 */
final class CanonicalTokens {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';

    private static final byte START_OBJECT = (byte) JsonToken.START_OBJECT.ordinal();
    private static final byte END_OBJECT = (byte) JsonToken.END_OBJECT.ordinal();
    private static final byte START_ARRAY = (byte) JsonToken.START_ARRAY.ordinal();
    private static final byte END_ARRAY = (byte) JsonToken.END_ARRAY.ordinal();
    private static final byte FIELD_NAME = (byte) JsonToken.FIELD_NAME.ordinal();
    private static final byte VALUE_STRING = (byte) JsonToken.VALUE_STRING.ordinal();
    private static final byte VALUE_NUMBER_INT = (byte) JsonToken.VALUE_NUMBER_INT.ordinal();
    private static final byte VALUE_NUMBER_FLOAT = (byte) JsonToken.VALUE_NUMBER_FLOAT.ordinal();
    private static final byte VALUE_TRUE = (byte) JsonToken.VALUE_TRUE.ordinal();
    private static final byte VALUE_FALSE = (byte) JsonToken.VALUE_FALSE.ordinal();
    private static final byte VALUE_NULL = (byte) JsonToken.VALUE_NULL.ordinal();

    /** Deeper nesting, and longer numbers, go to Jackson (whose limits are 10,000 and 1,000). */
    static final int MAX_DEPTH = 256;
    static final int MAX_NUMBER = 500;

    private static final int VALUE = 0;
    private static final int FIRST_VALUE_OR_END = 1;
    private static final int FIRST_NAME_OR_END = 2;
    private static final int NAME = 3;
    private static final int COLON = 4;
    private static final int AFTER_VALUE = 5;

    private byte[] out = new byte[1024];
    private int len;
    private final boolean[] object = new boolean[MAX_DEPTH];

    /** Lets go of a buffer grown past 1 MiB by a very large unit (it is kept per thread). */
    void trim() {
        if (out.length > 1 << 20) {
            out = new byte[1024];
        }
    }

    /** The bytes written by the last successful {@link #write}. */
    byte[] bytes() {
        return out;
    }

    /** How many of {@link #bytes()} the last successful {@link #write} wrote. */
    int length() {
        return len;
    }

    /**
     * Writes the canonical bytes of the one JSON value in {@code b[start, end)} (whitespace around it allowed). A
     * field of the top-level object named {@code skipKey} (when not empty) is left out, name and value.
     *
     * @return false when the value must be read with Jackson instead (the bytes are then undefined)
     */
    boolean write(byte[] b, int start, int end, String skipKey) {
        return write(b, start, end, skipKey, -1, -1);
    }

    /**
     * Like {@link #write(byte[], int, int, String)}, where the skipped field's value is an array whose elements are
     * known to span {@code b[elementsStart, elementsEnd)} (a message's content blocks, which {@link ConversationReader}
     * read with Jackson already): they are stepped over rather than read again. Nothing of a skipped value is
     * written, and those bytes read without error, so the result is the same; -1 when not known.
     */
    boolean write(byte[] b, int start, int end, String skipKey, int elementsStart, int elementsEnd) {
        len = 0;
        int depth = 0;
        int state = VALUE;
        boolean muted = false;
        int i = start;
        while (true) {
            while (i < end && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
                i++;
            }
            if (state == AFTER_VALUE && depth == 0) {
                return i == end;
            }
            if (i >= end) {
                return false;
            }
            byte c = b[i];
            switch (state) {
                case FIRST_VALUE_OR_END, VALUE -> {
                    if (c == ']' && state == FIRST_VALUE_OR_END) {
                        token(END_ARRAY, muted);
                        depth--;
                        i++;
                        state = AFTER_VALUE;
                    } else if (c == '{' || c == '[') {
                        if (depth == MAX_DEPTH) {
                            return false;
                        }
                        object[depth++] = c == '{';
                        token(c == '{' ? START_OBJECT : START_ARRAY, muted);
                        i++;
                        state = c == '{' ? FIRST_NAME_OR_END : FIRST_VALUE_OR_END;
                        if (muted && depth == 2 && c == '[' && elementsStart > i && blank(b, i, elementsStart)) {
                            i = elementsEnd; // the skipped array's elements, read before: on to its end
                            state = AFTER_VALUE;
                        }
                    } else {
                        i = scalar(b, i, end, muted);
                        if (i < 0) {
                            return false;
                        }
                        state = AFTER_VALUE;
                    }
                }
                case FIRST_NAME_OR_END, NAME -> {
                    if (c == '}' && state == FIRST_NAME_OR_END) {
                        token(END_OBJECT, muted);
                        depth--;
                        i++;
                        state = AFTER_VALUE;
                    } else if (c == '"') {
                        int mark = len;
                        i = string(b, i, end, FIELD_NAME);
                        if (i < 0) {
                            return false;
                        }
                        if (depth == 1 && !skipKey.isEmpty() && named(mark, skipKey)) {
                            len = mark;
                            muted = true;
                        } else if (muted) {
                            len = mark;
                        }
                        state = COLON;
                    } else {
                        return false;
                    }
                }
                case COLON -> {
                    if (c != ':') {
                        return false;
                    }
                    i++;
                    state = VALUE;
                }
                default -> { // AFTER_VALUE inside a container
                    if (c == ',') {
                        i++;
                        state = object[depth - 1] ? NAME : VALUE;
                    } else if (c == (object[depth - 1] ? '}' : ']')) {
                        token(object[depth - 1] ? END_OBJECT : END_ARRAY, muted);
                        depth--;
                        i++;
                    } else {
                        return false;
                    }
                }
            }
            if (state == AFTER_VALUE && depth == 1) {
                muted = false; // the skipped field's value is complete
            }
        }
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int k = from; k < to; k++) {
            if (b[k] != ' ' && b[k] != '\n' && b[k] != '\r' && b[k] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** True if the name just written at {@code mark} (ordinal, length, text) is {@code key}, an ASCII key. */
    private boolean named(int mark, String key) {
        int n = len - mark - 5;
        if (n != key.length()) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (out[mark + 5 + k] != key.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** A string, number or literal at {@code i}; returns the offset after it, or -1. */
    private int scalar(byte[] b, int i, int end, boolean muted) {
        byte c = b[i];
        int mark = len;
        int next;
        if (c == '"') {
            next = string(b, i, end, VALUE_STRING);
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            next = number(b, i, end);
        } else if (c == 't') {
            next = literal(b, i, end, "true", VALUE_TRUE);
        } else if (c == 'f') {
            next = literal(b, i, end, "false", VALUE_FALSE);
        } else if (c == 'n') {
            next = literal(b, i, end, "null", VALUE_NULL);
        } else {
            return -1;
        }
        if (muted) {
            len = mark;
        }
        return next;
    }

    private int literal(byte[] b, int i, int end, String word, byte kind) {
        int n = word.length();
        if (i + n > end) {
            return -1;
        }
        for (int k = 0; k < n; k++) {
            if (b[i + k] != word.charAt(k)) {
                return -1;
            }
        }
        if (i + n < end && !delimiter(b[i + n])) {
            return -1;
        }
        text(kind, b, i, n); // the chain feeds every scalar's text, true, false and null included
        return i + n;
    }

    /** RFC 8259 number; Jackson's text of it is the number as written. */
    private int number(byte[] b, int i, int end) {
        int s = i;
        if (b[i] == '-') {
            i++;
        }
        if (i >= end) {
            return -1;
        }
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            i = digits(b, i, end);
        } else {
            return -1;
        }
        boolean fraction = false;
        if (i < end && b[i] == '.') {
            int d = digits(b, i + 1, end);
            if (d == i + 1) {
                return -1;
            }
            i = d;
            fraction = true;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int d = digits(b, i, end);
            if (d == i) {
                return -1;
            }
            i = d;
            fraction = true;
        }
        if (i - s > MAX_NUMBER || (i < end && !delimiter(b[i]))) {
            return -1;
        }
        text(fraction ? VALUE_NUMBER_FLOAT : VALUE_NUMBER_INT, b, s, i - s);
        return i;
    }

    private static int digits(byte[] b, int i, int end) {
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }

    private static boolean delimiter(byte c) {
        return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /**
     * The string literal at {@code i} (its opening quote) as a token of {@code kind}: ordinal, length, the decoded
     * text as UTF-8. Returns the offset after its closing quote, or -1.
     */
    private int string(byte[] b, int i, int end, byte kind) {
        ensure(5);
        out[len] = kind;
        int lengthAt = len + 1;
        len += 5;
        int textStart = len;
        i++;
        while (true) {
            int run = i;
            while (i + Long.BYTES <= end && plain((long) LONGS.get(b, i))) {
                i += Long.BYTES;
            }
            while (i < end && b[i] >= 0x20 && b[i] != '"' && b[i] != '\\') {
                i++;
            }
            // b[i] is now a quote, a backslash, a control character, or the end
            copy(b, run, i - run);
            if (i >= end || b[i] < 0 && (i = multibyte(b, i, end)) < 0) {
                return -1;
            }
            if (i >= end) {
                return -1;
            }
            byte c = b[i];
            if (c == '"') {
                int n = len - textStart;
                out[lengthAt] = (byte) (n >>> 24);
                out[lengthAt + 1] = (byte) (n >>> 16);
                out[lengthAt + 2] = (byte) (n >>> 8);
                out[lengthAt + 3] = (byte) n;
                return i + 1;
            }
            if (c == '\\') {
                i = escape(b, i, end);
                if (i < 0) {
                    return -1;
                }
            } else if (c >= 0 && c < 0x20) {
                return -1;
            }
        }
    }

    /** No byte of {@code w} is a quote, a backslash, below 0x20 or above 0x7f. */
    private static boolean plain(long w) {
        long q = w ^ QUOTES;
        long s = w ^ BACKSLASHES;
        long zero = ((q - ONES) & ~q) | ((s - ONES) & ~s) | ((w - ONES * 0x20) & ~w);
        return ((zero | w) & HIGH) == 0;
    }

    /**
     * Copies a valid UTF-8 sequence (RFC 3629: no overlong form, no surrogate, nothing above U+10FFFF) that starts
     * at {@code i} and any that follow; returns the offset after them, or -1 for an invalid one.
     */
    private int multibyte(byte[] b, int i, int end) {
        while (i < end && b[i] < 0) {
            int n = Utf8.sequence(b, i, end);
            if (n < 0) {
                return -1;
            }
            copy(b, i, n);
            i += n;
        }
        return i;
    }

    /** The escape at {@code i} (its backslash), decoded into UTF-8; returns the offset after it, or -1. */
    private int escape(byte[] b, int i, int end) {
        if (i + 1 >= end) {
            return -1;
        }
        byte e = b[i + 1];
        int c;
        switch (e) {
            case '"', '\\', '/' -> c = e;
            case 'b' -> c = '\b';
            case 'f' -> c = '\f';
            case 'n' -> c = '\n';
            case 'r' -> c = '\r';
            case 't' -> c = '\t';
            case 'u' -> {
                int u = hex4(b, i + 2, end);
                if (u < 0 || (u >= 0xdc00 && u <= 0xdfff)) {
                    return -1; // a lone low surrogate: Jackson's text has it, its UTF-8 a '?'
                }
                if (u >= 0xd800 && u <= 0xdbff) {
                    int low = i + 7 < end && b[i + 6] == '\\' && b[i + 7] == 'u' ? hex4(b, i + 8, end) : -1;
                    if (low < 0xdc00 || low > 0xdfff) {
                        return -1;
                    }
                    utf8(0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00));
                    return i + 12;
                }
                utf8(u);
                return i + 6;
            }
            default -> {
                return -1;
            }
        }
        ensure(1);
        out[len++] = (byte) c;
        return i + 2;
    }

    private static int hex4(byte[] b, int i, int end) {
        if (i + 4 > end) {
            return -1;
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(b[i + k], 16);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private void utf8(int cp) {
        ensure(4);
        if (cp < 0x80) {
            out[len++] = (byte) cp;
        } else if (cp < 0x800) {
            out[len++] = (byte) (0xc0 | (cp >> 6));
            out[len++] = (byte) (0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            out[len++] = (byte) (0xe0 | (cp >> 12));
            out[len++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
            out[len++] = (byte) (0x80 | (cp & 0x3f));
        } else {
            out[len++] = (byte) (0xf0 | (cp >> 18));
            out[len++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
            out[len++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
            out[len++] = (byte) (0x80 | (cp & 0x3f));
        }
    }

    private void token(byte kind, boolean muted) {
        if (!muted) {
            ensure(1);
            out[len++] = kind;
        }
    }

    /** A token with its text {@code b[from, from + n)} (ASCII). */
    private void text(byte kind, byte[] b, int from, int n) {
        ensure(5);
        out[len++] = kind;
        out[len++] = (byte) (n >>> 24);
        out[len++] = (byte) (n >>> 16);
        out[len++] = (byte) (n >>> 8);
        out[len++] = (byte) n;
        copy(b, from, n);
    }

    private void copy(byte[] b, int from, int n) {
        ensure(n);
        System.arraycopy(b, from, out, len, n);
        len += n;
    }

    private void ensure(int n) {
        if (len + n > out.length) {
            grow(n);
        }
    }

    private void grow(int n) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, len + n));
    }
}
