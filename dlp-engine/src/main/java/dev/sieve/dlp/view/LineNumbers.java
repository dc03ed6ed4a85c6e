package dev.sieve.dlp.view;

import java.util.Arrays;

/**
 * The line-number gutter agents' file-reading tools put before every line, taken off so rules read the lines as the
 * file has them. Claude Code's {@code Read} tool writes {@code "     1→"} (the number right-aligned, then an arrow)
 * before each line, {@code cat -n} and {@code nl -ba} write {@code "     1\t"}; a rule anchored at a line's start
 * (a confidentiality marking alone on its line, a {@code .pgpass} line, a table's header) finds nothing at a line
 * that starts with a number. {@link Projection} (a JSON or form value) and {@link RawView} (a text body, a decoded
 * file) keep a numbered text without its gutter in their view, and put the gutter back when they rewrite it
 * ({@link Numbered#sourceStart}, {@link Numbered#sourceEnd}).
 *
 * <p>A text is numbered when it starts with a marked line and the next line carries the next number with the same
 * mark: up to {@value #MAX_PAD} spaces, 1 to {@value #MAX_DIGITS} digits, then an arrow ({@code →}), or a tab after
 * a number right-aligned in at least {@value #TAB_WIDTH} columns ({@code printf "%6d\t"}); or when it is one marked
 * line whose number is right-aligned so (a file of one line, or a tool's note after it). A table whose first column
 * counts its rows ({@code 1\tAda\t...}) is not right-aligned, and stays as it is. Every later line that carries the
 * number that comes next loses its mark; any other line (a tool's note after the file) is kept whole. Only the
 * text's first two lines are looked at before deciding, a byte or two for a text that starts with a letter.
 */
final class LineNumbers {

    static final int MAX_PAD = 8;
    static final int MAX_DIGITS = 7;
    static final int TAB_WIDTH = 6;
    private static final byte ARROW_0 = (byte) 0xe2;
    private static final byte ARROW_1 = (byte) 0x86;
    private static final byte ARROW_2 = (byte) 0x92;

    private LineNumbers() {
    }

    /**
     * A numbered text: {@link #text()} is {@link #numbered()} without its marks; the {@code k}th mark was taken from
     * before byte {@code at[k]} of the text.
     */
    static final class Numbered {
        private final byte[] numbered;
        private final byte[] text;
        private final int[] at;
        /** Bytes and code points of the marks before mark {@code k} ({@code k} from 0 to the count of marks). */
        private final int[] bytesBefore;
        private final int[] codePointsBefore;

        Numbered(byte[] numbered, byte[] text, int[] at, int[] width, boolean arrow) {
            this.numbered = numbered;
            this.text = text;
            this.at = at;
            bytesBefore = new int[at.length + 1];
            codePointsBefore = new int[at.length + 1];
            for (int k = 0; k < at.length; k++) {
                bytesBefore[k + 1] = bytesBefore[k] + width[k];
                codePointsBefore[k + 1] = codePointsBefore[k] + (arrow ? width[k] - 2 : width[k]); // → is 3 bytes
            }
        }

        byte[] numbered() {
            return numbered;
        }

        byte[] text() {
            return text;
        }

        /** Where a span that starts at byte {@code offset} of {@link #text} starts in {@link #numbered}: after a mark. */
        int sourceStart(int offset) {
            return offset + bytesBefore[marksUpTo(offset, true)];
        }

        /** Where a span that ends at byte {@code offset} of {@link #text} ends in {@link #numbered}: before a mark. */
        int sourceEnd(int offset) {
            return offset + bytesBefore[marksUpTo(offset, false)];
        }

        /** Code points of the marks taken from before byte {@code offset} of {@link #text} (a mark at it included). */
        int markCodePointsBefore(int offset) {
            return codePointsBefore[marksUpTo(offset, true)];
        }

        /** How many marks were taken from before {@code offset} (and at it, when {@code atOffset}). */
        private int marksUpTo(int offset, boolean atOffset) {
            int k = Arrays.binarySearch(at, offset);
            return k < 0 ? -k - 1 : atOffset ? k + 1 : k; // marks are at distinct, ascending offsets
        }

        /** {@code edits} (offsets into {@link #text}) moved onto {@link #numbered}: the marks around them stay. */
        Splicer mapped(Splicer edits) {
            return edits.mapped(this::sourceStart, this::sourceEnd);
        }
    }

    /** {@code t} without its line-number gutter, or null when it has none. */
    static Numbered of(byte[] t) {
        if (t.length < 4 || (t[0] != ' ' && (t[0] < '0' || t[0] > '9'))) {
            return null; // the common case: a text that starts with anything else
        }
        long first = mark(t, 0);
        if (first < 0) {
            return null;
        }
        int lineEnd = indexOf(t, '\n', end(first));
        long second = lineEnd < 0 ? -1 : mark(t, lineEnd + 1);
        boolean next = second >= 0 && number(second) == number(first) + 1 && arrow(t, second) == arrow(t, first);
        if (!next && !(t[0] == ' ' && markWidth(t, first) >= TAB_WIDTH)) {
            return null; // one marked line stands alone only with its number right-aligned, as the tools print it
        }
        return strip(t, number(first), arrow(t, first));
    }

    /** Columns of a mark's spaces and digits. */
    private static int markWidth(byte[] t, long mark) {
        return end(mark) - (arrow(t, mark) ? 3 : 1);
    }

    private static Numbered strip(byte[] t, long firstNumber, boolean arrow) {
        byte[] out = new byte[t.length];
        int[] at = new int[16];
        int[] width = new int[16];
        int marks = 0;
        int length = 0;
        long expected = firstNumber;
        int line = 0;
        while (line < t.length) {
            int next = indexOf(t, '\n', line);
            int lineEnd = next < 0 ? t.length : next + 1;
            long m = mark(t, line);
            int from = line;
            if (m >= 0 && number(m) == expected && arrow(t, m) == arrow) {
                if (marks == at.length) {
                    at = Arrays.copyOf(at, marks * 2);
                    width = Arrays.copyOf(width, marks * 2);
                }
                at[marks] = length;
                width[marks] = end(m) - line;
                marks++;
                expected++;
                from = end(m);
            }
            System.arraycopy(t, from, out, length, lineEnd - from);
            length += lineEnd - from;
            line = lineEnd;
        }
        return new Numbered(t, Arrays.copyOf(out, length), Arrays.copyOf(at, marks), Arrays.copyOf(width, marks), arrow);
    }

    /** The mark at line start {@code i} as its number and end ({@code number << 32 | end}), or -1 when none. */
    private static long mark(byte[] t, int i) {
        int k = i;
        while (k < t.length && k - i < MAX_PAD && t[k] == ' ') {
            k++;
        }
        int digits = k;
        long number = 0;
        while (k < t.length && k - digits < MAX_DIGITS && t[k] >= '0' && t[k] <= '9') {
            number = number * 10 + (t[k] - '0');
            k++;
        }
        if (k == digits || k >= t.length) {
            return -1;
        }
        if (t[k] == '\t' && k - i >= TAB_WIDTH) {
            return number << 32 | (k + 1);
        }
        if (k + 2 < t.length && t[k] == ARROW_0 && t[k + 1] == ARROW_1 && t[k + 2] == ARROW_2) {
            return number << 32 | (k + 3);
        }
        return -1;
    }

    private static long number(long mark) {
        return mark >>> 32;
    }

    private static int end(long mark) {
        return (int) mark;
    }

    private static boolean arrow(byte[] t, long mark) {
        return t[end(mark) - 1] != '\t';
    }

    private static int indexOf(byte[] t, char c, int from) {
        for (int i = from; i < t.length; i++) {
            if (t[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
