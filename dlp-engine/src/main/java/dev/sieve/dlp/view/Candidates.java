package dev.sieve.dlp.view;

import java.util.ArrayList;
import java.util.List;

/**
 * The decoding graph's cheap shape test: where in a text an encoded value may sit, and which decoder may read
 * it. One pass over the bytes with a class table; prose (words under 16 characters, spaces) costs that pass and
 * nothing else. Pure.
 *
 * <ul>
 *   <li>{@link Kind#BASE64}: a run of at least {@value #MIN_RUN} base64 or base64url characters with upper- and
 *       lower-case letters, optional {@code =} padding, lines wrapped at a multiple of 4 columns joined;</li>
 *   <li>{@link Kind#HEX}: a run of at least {@value #MIN_RUN} hex digits, even in number, nothing else;</li>
 *   <li>{@link Kind#HEX_DELIMITED}: at least 8 hex pairs separated by one {@code -}, {@code :} or space each;</li>
 *   <li>whole-text escapes, when the text holds enough of them: {@link Kind#PERCENT} ({@code %XX}, 3 or more, or
 *       1 in a text of {@value #MIN_RUN}+ characters without white space: base64 with an escaped {@code =}),
 *       {@link Kind#HTML} (2 or more {@code &#N;}, {@code &#xH;}, {@code &name;}), {@link Kind#QP} (3 or more
 *       {@code =XX} or soft line breaks), {@link Kind#JSON_U} (2 or more {@code \}{@code uXXXX}).</li>
 * </ul>
 */
final class Candidates {

    /** Shortest candidate run, in characters. */
    static final int MIN_RUN = 16;
    static final int MIN_HEX_PAIRS = 8;

    enum Kind { BASE64, HEX, HEX_DELIMITED, PERCENT, HTML, QP, JSON_U }

    /** {@code text[start, end)} may be read by {@code kind}'s decoder. */
    record Candidate(int start, int end, Kind kind) {
    }

    private static final byte ALNUM = 1;
    private static final byte STD = 2;   // + /
    private static final byte URL = 4;   // - _
    private static final byte HEX = 8;
    private static final byte UPPER = 16;
    private static final byte LOWER = 32;
    private static final byte[] CLASS = new byte[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            CLASS[c] = ALNUM | HEX;
        }
        for (int c = 'A'; c <= 'Z'; c++) {
            CLASS[c] = ALNUM | UPPER;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            CLASS[c] = ALNUM | LOWER;
        }
        for (int c = 'A'; c <= 'F'; c++) {
            CLASS[c] |= HEX;
            CLASS[c + 32] |= HEX;
        }
        CLASS['+'] = STD;
        CLASS['/'] = STD;
        CLASS['-'] = URL;
        CLASS['_'] = URL;
    }

    private Candidates() {
    }

    /** The candidates in {@code text[from, to)}, block runs in order, then whole-text escapes; often empty. */
    static List<Candidate> find(byte[] text, int from, int to) {
        List<Candidate> out = null;
        int percent = 0;
        int html = 0;
        int qp = 0;
        int jsonU = 0;
        boolean space = false;
        int i = from;
        while (i < to) {
            int c = text[i] & 0xff;
            int cls = CLASS[c];
            if (cls == 0) {
                switch (c) {
                    case '%' -> percent += hexAt(text, i + 1, to) && hexAt(text, i + 2, to) ? 1 : 0;
                    case '&' -> html += entityAt(text, i, to) ? 1 : 0;
                    case '=' -> qp += qpEscapeAt(text, i, to) ? 1 : 0;
                    case '\\' -> jsonU += i + 5 < to && text[i + 1] == 'u' && hexAt(text, i + 2, to)
                            && hexAt(text, i + 3, to) && hexAt(text, i + 4, to) && hexAt(text, i + 5, to) ? 1 : 0;
                    case ' ', '\t', '\r', '\n' -> space = true;
                    default -> {
                    }
                }
                i++;
                continue;
            }
            boolean tokenStart = i == from || (CLASS[text[i - 1] & 0xff] & ALNUM) == 0;
            if (tokenStart && (cls & HEX) != 0) {
                int end = hexDelimitedEnd(text, i, to);
                if (end > 0) {
                    out = add(out, new Candidate(i, end, Kind.HEX_DELIMITED));
                    i = end;
                    continue;
                }
            }
            long r = run(text, i, to);
            int end = (int) (r >>> 8);
            int kind = (int) (r & 0xff);
            if (kind != 0) {
                out = add(out, new Candidate(i, end, kind == 1 ? Kind.HEX : Kind.BASE64));
            }
            i = end;
        }
        int length = to - from;
        if (percent >= 3 || (percent >= 1 && !space && length >= MIN_RUN)) {
            out = add(out, new Candidate(from, to, Kind.PERCENT));
        }
        if (html >= 2) {
            out = add(out, new Candidate(from, to, Kind.HTML));
        }
        if (qp >= 3) {
            out = add(out, new Candidate(from, to, Kind.QP));
        }
        if (jsonU >= 2) {
            out = add(out, new Candidate(from, to, Kind.JSON_U));
        }
        return out == null ? List.of() : out;
    }

    /**
     * Reads the base64-alphabet run starting at {@code i} (joining wrapped lines); returns where scanning goes on,
     * shifted left by 8, or'ed with 0 (no candidate), 1 (hex) or 2 (base64).
     */
    private static long run(byte[] t, int i, int to) {
        int j = i;
        int chars = 0;
        int line = 0;
        int seen = 0;
        boolean onlyHex = true;
        long beforeLastLine = 0; // the run up to the last line break, classified, in case the last line is prose
        while (j < to) {
            int cls = CLASS[t[j] & 0xff];
            if (cls != 0) {
                seen |= cls;
                onlyHex &= (cls & HEX) != 0;
                chars++;
                line++;
                j++;
                continue;
            }
            int k = j;
            if (t[k] == '\r' && k + 1 < to && t[k + 1] == '\n') {
                k++;
            }
            if (t[k] == '\n' && line >= MIN_RUN && line % 4 == 0 && k + 1 < to && CLASS[t[k + 1] & 0xff] != 0) {
                beforeLastLine = classify(j, j, chars, seen, onlyHex);
                line = 0;
                j = k + 1;
                continue;
            }
            break;
        }
        int end = j;
        while (end < to && end - j < 2 && t[end] == '=' && chars >= MIN_RUN) {
            end++;
        }
        long whole = classify(j, end, chars, seen, onlyHex);
        return (whole & 0xff) == 0 && (beforeLastLine & 0xff) != 0 ? beforeLastLine : whole;
    }

    /** Packs where scanning goes on with the kind of run {@code [.., end)} is: 0 none, 1 hex, 2 base64. */
    private static long classify(int runEnd, int end, int chars, int seen, boolean onlyHex) {
        if (chars < MIN_RUN) {
            return (long) runEnd << 8;
        }
        if (onlyHex && chars % 2 == 0 && end == runEnd) {
            return (long) end << 8 | 1;
        }
        if ((seen & UPPER) != 0 && (seen & LOWER) != 0 && ((seen & STD) == 0 || (seen & URL) == 0)) {
            return (long) end << 8 | 2;
        }
        return (long) end << 8;
    }

    /** End of at least {@link #MIN_HEX_PAIRS} hex pairs joined by one repeated delimiter, or -1. */
    private static int hexDelimitedEnd(byte[] t, int i, int to) {
        if (i + 5 >= to || !hexAt(t, i + 1, to)) {
            return -1;
        }
        byte d = t[i + 2];
        if (d != ' ' && d != '-' && d != ':') {
            return -1;
        }
        int k = i;
        int pairs = 0;
        while (hexAt(t, k, to) && hexAt(t, k + 1, to)) {
            pairs++;
            k += 2;
            if (k + 2 < to && t[k] == d && hexAt(t, k + 1, to) && hexAt(t, k + 2, to)) {
                k++;
            } else {
                break;
            }
        }
        if (pairs < MIN_HEX_PAIRS || (k < to && (CLASS[t[k] & 0xff] & ALNUM) != 0)) {
            return -1;
        }
        return k;
    }

    private static boolean hexAt(byte[] t, int i, int to) {
        return i < to && (CLASS[t[i] & 0xff] & HEX) != 0;
    }

    /** {@code =XX} (upper-case hex) or a soft line break. */
    private static boolean qpEscapeAt(byte[] t, int i, int to) {
        if (i + 1 < to && (t[i + 1] == '\r' || t[i + 1] == '\n')) {
            return true;
        }
        return i + 2 < to && upperHex(t[i + 1]) && upperHex(t[i + 2]);
    }

    private static boolean upperHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'F');
    }

    /** {@code &#digits;}, {@code &#xhex;} or {@code &letters;} (the name is checked when decoding). */
    static boolean entityAt(byte[] t, int i, int to) {
        int k = i + 1;
        if (k < to && t[k] == '#') {
            k++;
            boolean hex = k < to && (t[k] == 'x' || t[k] == 'X');
            if (hex) {
                k++;
            }
            int start = k;
            while (k < to && k - start < 8 && (hex ? hexAt(t, k, to) : t[k] >= '0' && t[k] <= '9')) {
                k++;
            }
            return k > start && k < to && t[k] == ';';
        }
        int start = k;
        while (k < to && k - start < 32 && (CLASS[t[k] & 0xff] & ALNUM) != 0) {
            k++;
        }
        return k > start && k < to && t[k] == ';' && (CLASS[t[start] & 0xff] & (UPPER | LOWER)) != 0;
    }

    private static List<Candidate> add(List<Candidate> out, Candidate c) {
        List<Candidate> list = out == null ? new ArrayList<>(2) : out;
        list.add(c);
        return list;
    }
}
