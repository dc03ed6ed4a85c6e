package dev.sieve.dlp.view;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Hex and character dumps of a file, read back into its bytes (view step {@code dump}): {@code xxd}
 * ({@code 00000000: 4749 5448 5542  GITHUB}), {@code hexdump -C} ({@code 00000000  61 77 73 ..  |aws|}),
 * {@code od -tx1} and {@code od -An -tx1} ({@code 0000000 53 4c}, {@code  53 4c 41}) and {@code od -c}
 * ({@code 0000000   s   k   _  \n}). A dump's ASCII column cuts the file every 16 bytes, so a value that crosses a
 * line is in no line of it; its byte columns, read across the whole dump, are the file again.
 *
 * <p>Found after the scan's code hint (the line shapes are in {@code CodeHints}), in {@link Candidates#findCodes}:
 * a block is two or more consecutive lines of one dump format, or one line of at least
 * {@value #MIN_BYTES} bytes. The byte columns are read, the offsets and the ASCII column are not (the offsets are
 * not checked: a dump cut with {@code head} or edited is still read). Kept only when the bytes are text or a known
 * file ({@link Plausible#layer}, in the graph): the dump of a PNG header decodes to no layer. Not rewritten.
 */
final class Dumps {

    /** The view step. */
    static final String STEP = "dump";
    /** Fewest bytes a dump block must hold. */
    static final int MIN_BYTES = 12;
    /** Most bytes read from one line (xxd {@code -c} goes to 256). */
    private static final int MAX_LINE_BYTES = 256;
    /** Most bytes read from one block. */
    private static final int MAX_BLOCK_BYTES = 256 * 1024;

    /** Line formats; a block is lines of one format. */
    private static final int NONE = 0;
    private static final int XXD = 1;
    private static final int HEX_COLUMNS = 2; // hexdump -C, od -tx1 with offsets
    private static final int OD_CHARS = 3;
    private static final int BARE_HEX = 4; // od -An -tx1

    private Dumps() {
    }

    /** The dump blocks of {@code t[from, to)}, added to {@code out} as {@link Candidates.Kind#DUMP} candidates. */
    static List<Candidates.Candidate> find(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        int lineStart = from;
        while (lineStart > 0 && t[lineStart - 1] != '\n') { // the hint's lookback may start inside a line
            lineStart++;
            if (lineStart >= to) {
                return out;
            }
        }
        int blockStart = -1;
        int blockFormat = NONE;
        int blockEnd = -1;
        int blockBytes = 0;
        int blockLines = 0;
        while (lineStart < to) {
            int lineEnd = lineEnd(t, lineStart, to);
            int format = NONE;
            int bytes = -1;
            if (lineEnd - lineStart >= 10 && startsDump(t[lineStart])) {
                format = format(t, lineStart, lineEnd);
                bytes = format == NONE ? -1 : read(t, lineStart, lineEnd, format, null);
            }
            if (bytes > 0 && format == blockFormat && blockBytes < MAX_BLOCK_BYTES) {
                blockEnd = lineEnd;
                blockBytes += bytes;
                blockLines++;
            } else {
                out = close(blockStart, blockEnd, blockBytes, blockLines, out);
                blockStart = bytes > 0 ? lineStart : -1;
                blockFormat = bytes > 0 ? format : NONE;
                blockEnd = lineEnd;
                blockBytes = Math.max(bytes, 0);
                blockLines = bytes > 0 ? 1 : 0;
            }
            lineStart = lineEnd < to ? lineEnd + 1 : to;
        }
        return close(blockStart, blockEnd, blockBytes, blockLines, out);
    }

    private static List<Candidates.Candidate> close(int start, int end, int bytes, int lines,
            List<Candidates.Candidate> out) {
        if (start < 0 || bytes < MIN_BYTES || (lines < 2 && bytes < 16)) {
            return out;
        }
        return Candidates.add(out, new Candidates.Candidate(start, end, Candidates.Kind.DUMP));
    }

    /** The bytes of the dump block {@code t[start, end)}, or null when it holds none. */
    static TextCodecs.Decoded decode(byte[] t, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((end - start) / 3 + 1);
        int lineStart = start;
        while (lineStart < end) {
            int lineEnd = lineEnd(t, lineStart, end);
            int format = lineEnd - lineStart >= 10 ? format(t, lineStart, lineEnd) : NONE;
            if (format != NONE) {
                read(t, lineStart, lineEnd, format, out);
            }
            lineStart = lineEnd + 1;
        }
        return out.size() == 0 ? null : new TextCodecs.Decoded(STEP, start, end, out.toByteArray(),
                TextCodecs.NOT_REWRITTEN);
    }

    private static int lineEnd(byte[] t, int i, int to) {
        while (i < to && t[i] != '\n') {
            i++;
        }
        return i;
    }

    private static boolean startsDump(byte b) {
        return b == ' ' || hex(b);
    }

    /** The format of the line {@code t[s, e)} by its offset and what follows it, or {@link #NONE}. */
    private static int format(byte[] t, int s, int e) {
        if (t[s] == ' ') {
            return s + 3 < e && hex(t[s + 1]) && hex(t[s + 2]) && t[s + 3] == ' ' ? BARE_HEX : NONE;
        }
        int i = s;
        while (i < e && hex(t[i])) {
            i++;
        }
        int digits = i - s;
        if (digits < 6 || digits > 8 || i + 4 >= e) {
            return NONE;
        }
        if (t[i] == ':' && t[i + 1] == ' ' && hex(t[i + 2])) {
            return XXD;
        }
        if (t[i] != ' ') {
            return NONE;
        }
        if (t[i + 1] == ' ' && hex(t[i + 2]) && hex(t[i + 3]) && t[i + 4] == ' ') {
            return HEX_COLUMNS; // hexdump -C: two spaces after the offset
        }
        if (hex(t[i + 1]) && hex(t[i + 2]) && t[i + 3] == ' ' && digits == 7) {
            return HEX_COLUMNS; // od -tx1: one
        }
        if (digits == 7 && i + 4 < e && (t[i + 1] == ' ' || t[i + 2] == ' ')) {
            return OD_CHARS;
        }
        return NONE;
    }

    /** Reads the byte columns of the line {@code t[s, e)} into {@code out} (when not null); their count, or -1. */
    private static int read(byte[] t, int s, int e, int format, ByteArrayOutputStream out) {
        int i = s;
        while (i < e && t[i] != ' ' && t[i] != ':') {
            i++;
        }
        if (format == XXD) {
            i++; // the colon
        }
        if (e > s && t[e - 1] == '\r') {
            e--;
        }
        if (format != OD_CHARS) {
            return hexColumns(t, i, e, format == XXD, out);
        }
        // GNU od writes the first cell right after the offset; some write a space between
        return (e - i) % 4 == 0 ? odChars(t, i, e, out) : odChars(t, i + 1, e, out);
    }

    /**
     * Space-separated hex groups from {@code t[i]} (a space) on: xxd's groups of 2 to 8 digits one space apart, up to
     * two spaces (its ASCII column); or pairs one or two spaces apart (hexdump's middle gap), up to a {@code |} or
     * the line's end.
     */
    private static int hexColumns(byte[] t, int i, int e, boolean xxd, ByteArrayOutputStream out) {
        int n = 0;
        while (i < e && n < MAX_LINE_BYTES) {
            int spaces = 0;
            while (i < e && t[i] == ' ') {
                i++;
                spaces++;
            }
            if (i >= e || spaces == 0 || spaces > 2 || (xxd && spaces == 2 && n > 0)) {
                break;
            }
            int g = i;
            while (g < e && hex(t[g])) {
                g++;
            }
            int len = g - i;
            boolean ends = g == e || t[g] == ' ';
            if (!ends || len < 2 || len % 2 != 0 || len > (xxd ? 8 : 2)) {
                if (n == 0) {
                    return -1;
                }
                break; // the ASCII column (hexdump's |...|, or a word)
            }
            for (int k = i; k < g; k += 2) {
                if (out != null) {
                    out.write(value(t[k]) << 4 | value(t[k + 1]));
                }
                n++;
            }
            i = g;
        }
        return n == 0 ? -1 : n;
    }

    /**
     * {@code od -c}'s cells of four characters from {@code t[i]} on: a printable character right-aligned, a
     * backslash escape ({@code \n}, {@code \0}) or three octal digits.
     */
    private static int odChars(byte[] t, int i, int e, ByteArrayOutputStream out) {
        int n = 0;
        while (i + 4 <= e && n < MAX_LINE_BYTES) {
            int b;
            if (t[i] == ' ' && t[i + 1] == ' ' && t[i + 2] == ' ') {
                b = t[i + 3] & 0xff;
                if (b < 0x20 || b > 0x7e) {
                    return -1;
                }
            } else if (t[i] == ' ' && t[i + 1] == ' ' && t[i + 2] == '\\') {
                b = switch (t[i + 3]) {
                    case '0' -> 0;
                    case 'a' -> 7;
                    case 'b' -> 8;
                    case 't' -> 9;
                    case 'n' -> 10;
                    case 'v' -> 11;
                    case 'f' -> 12;
                    case 'r' -> 13;
                    default -> -1;
                };
                if (b < 0) {
                    return -1;
                }
            } else if (t[i] == ' ' && octal(t[i + 1]) && octal(t[i + 2]) && octal(t[i + 3])) {
                b = (t[i + 1] - '0') * 64 + (t[i + 2] - '0') * 8 + (t[i + 3] - '0');
                if (b > 0xff) {
                    return -1;
                }
            } else {
                return -1;
            }
            if (out != null) {
                out.write(b);
            }
            n++;
            i += 4;
        }
        return i == e && n > 0 ? n : -1;
    }

    private static boolean hex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static boolean octal(byte b) {
        return b >= '0' && b <= '7';
    }

    private static int value(byte b) {
        return b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
    }
}
