package dev.sieve.dlp.view;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * UTF-7 (RFC 2152): ASCII written as itself, anything else as a "shifted" run: {@code +}, the modified base64 (no
 * padding) of its UTF-16BE code units, and an optional {@code -} that ends the run ({@code +-} is a literal {@code +}).
 * {@code sk_live_} may be written {@code sk+AF8-live+AF8-} or wholly shifted, {@code +AHMAawBfAGwAaQB2AGUAXw-}: no ASCII
 * token rule matches either. The JDK has no UTF-7 charset and no well-kept library offers one; decoding and encoding
 * it take a few dozen lines, written here.
 *
 * <p>Read in two places: a body or part whose declared charset is UTF-7 ({@link DeclaredCharset}: {@code body|utf7},
 * written back in UTF-7), and shifted runs inside ordinary text ({@link Candidates}: the decoding graph's step
 * {@code utf7}, found by {@link #runAt}'s strict shape test, rewritten through {@link TextCodecs.EscapeStyle}).
 */
final class Utf7 {

    /** The view path step of both readings. */
    static final String STEP = "utf7";

    /** The names a Content-Type's charset gives UTF-7 (IANA's and its aliases), lower case. */
    private static final Set<String> NAMES = Set.of("utf-7", "utf7", "x-utf-7", "unicode-1-1-utf-7",
            "csunicode11utf7");

    /** Modified base64's value of each byte (RFC 2152: base64 without {@code =}), or -1. */
    private static final byte[] B64 = new byte[256];
    private static final byte[] DIGITS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
    /** RFC 2152's Set D and the white space it writes directly; every other character is shifted when encoding. */
    private static final boolean[] DIRECT = new boolean[128];

    static {
        java.util.Arrays.fill(B64, (byte) -1);
        for (int v = 0; v < 64; v++) {
            B64[DIGITS[v]] = (byte) v;
        }
        for (byte c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'(),-./:? \t\r\n"
                .getBytes(StandardCharsets.US_ASCII)) {
            DIRECT[c] = true;
        }
    }

    /** Shortest wholly shifted run {@link #runAt} takes without its closing {@code -}, in base64 characters. */
    static final int MIN_SHIFTED = 8;
    /** The base64 characters after a {@code +} that {@link #runAt} reads at most (24 code units). */
    private static final int MAX_TESTED = 64;

    private Utf7() {
    }

    /** Whether a declared charset name names UTF-7. */
    static boolean named(String charset) {
        return charset != null && NAMES.contains(charset.toLowerCase(Locale.ROOT));
    }

    /**
     * The shape test for a shifted run at {@code t[p]} (a {@code +}) in ordinary text, without allocating: at least
     * {@value #MIN_SHIFTED} base64 characters, or 3 or more closed by {@code -}; as many as whole code units need
     * (the bits left over fewer than six, and zero); and at least three in four of the units printable ASCII (what an
     * encoder that shifts a whole token writes), every unit printable when the run is short. {@code C++}, {@code +1
     * (555)}, {@code a+b=c}, a query's {@code q=a+b+c} and base64 with a {@code +} inside are none: their characters
     * after the {@code +} do not come out as text's code units.
     */
    static boolean runAt(byte[] t, int p, int to) {
        int k = p + 1;
        int limit = Math.min(to, p + 1 + MAX_TESTED);
        while (k < limit && B64[t[k] & 0xff] >= 0) {
            k++;
        }
        int n = k - p - 1;
        // a long run (base64 with a '+', or a shifted token) is judged by its first MAX_TESTED characters
        boolean capped = k == limit && limit < to && B64[t[limit] & 0xff] >= 0;
        boolean closed = !capped && k < to && t[k] == '-';
        if (n < 3 || (n < MIN_SHIFTED && !closed) || (!capped && n * 6 % 16 >= 6)) {
            return false;
        }
        int bits = 0;
        int held = 0;
        int units = 0;
        int printable = 0;
        for (int i = p + 1; i < k; i++) {
            bits = bits << 6 | B64[t[i] & 0xff];
            held += 6;
            if (held >= 16) {
                held -= 16;
                int unit = bits >>> held & 0xffff;
                units++;
                if (unit >= 0x20 && unit < 0x7f || unit == '\t' || unit == '\n' || unit == '\r') {
                    printable++;
                }
            }
        }
        if (!capped && (bits & ((1 << held) - 1)) != 0) {
            return false; // RFC 2152: the bits after the last whole unit are zero
        }
        return n < MIN_SHIFTED ? printable == units : printable * 4 >= units * 3;
    }

    /**
     * Decodes {@code t[from, to)} into {@code sink} (each decoded character at the source offset of the {@code +}
     * of its run, a direct character at its own), or returns false when it is not UTF-7: a byte over 0x7f, or a
     * shifted run whose leftover bits are not zero. A {@code +} followed by neither base64 nor {@code -} is read as
     * itself, as lenient decoders do.
     */
    static boolean decode(byte[] t, int from, int to, TextCodecs.EscapeSink sink) {
        for (int i = from; i < to; i++) {
            int b = t[i] & 0xff;
            if (b >= 0x80) {
                return false;
            }
            if (b != '+') {
                sink.add(b, i);
                continue;
            }
            if (i + 1 < to && t[i + 1] == '-') {
                sink.add('+', i);
                i++;
                continue;
            }
            int k = i + 1;
            int bits = 0;
            int held = 0;
            int high = -1; // a high surrogate waiting for its pair
            while (k < to && B64[t[k] & 0xff] >= 0) {
                bits = bits << 6 | B64[t[k] & 0xff];
                held += 6;
                k++;
                if (held >= 16) {
                    held -= 16;
                    char unit = (char) (bits >>> held & 0xffff);
                    bits &= (1 << held) - 1;
                    if (high >= 0 && Character.isLowSurrogate(unit)) {
                        sink.addUtf8(Character.toCodePoint((char) high, unit), i);
                        high = -1;
                        continue;
                    }
                    if (high >= 0) {
                        sink.addUtf8('?', i); // a lone surrogate: not UTF-8, written as ?
                        high = -1;
                    }
                    if (Character.isHighSurrogate(unit)) {
                        high = unit;
                    } else {
                        sink.addUtf8(Character.isSurrogate(unit) ? '?' : unit, i);
                    }
                }
            }
            if (high >= 0) {
                sink.addUtf8('?', i);
            }
            if (k == i + 1) {
                sink.add('+', i); // "+ " or a '+' at the end: not a run
                continue;
            }
            if (bits != 0) {
                return false;
            }
            i = k < to && t[k] == '-' ? k : k - 1; // the '-' that closes the run is absorbed
        }
        return true;
    }

    /** {@code text} in UTF-7: Set D and white space as themselves, {@code +} as {@code +-}, the rest shifted. */
    static byte[] encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c < 128 && DIRECT[c]) {
                out.append(c);
                i++;
            } else if (c == '+') {
                out.append("+-");
                i++;
            } else {
                int j = i;
                while (j < text.length() && !(text.charAt(j) < 128 && DIRECT[text.charAt(j)]) && text.charAt(j) != '+') {
                    j++;
                }
                out.append(shifted(text.substring(i, j)));
                i = j;
            }
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** UTF-8 {@code bytes} as one shifted run ({@link #shifted}), ASCII: the way back of both readings. */
    static byte[] shifted(byte[] bytes) {
        return shifted(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code text} as one shifted run, closed by {@code -}: how a rewritten stretch of an inline run is written. */
    static String shifted(String text) {
        StringBuilder out = new StringBuilder(text.length() * 3 + 2).append('+');
        int bits = 0;
        int held = 0;
        for (int i = 0; i < text.length(); i++) {
            bits = bits << 16 | text.charAt(i);
            held += 16;
            while (held >= 6) {
                held -= 6;
                out.append((char) DIGITS[bits >>> held & 0x3f]);
            }
            bits &= (1 << held) - 1;
        }
        if (held > 0) {
            out.append((char) DIGITS[bits << (6 - held) & 0x3f]);
        }
        return out.append('-').toString();
    }
}
