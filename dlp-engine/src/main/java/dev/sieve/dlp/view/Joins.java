package dev.sieve.dlp.view;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Texts that split a value so that no rule sees it whole, joined again (for detection only):
 * <ul>
 *   <li>{@link Candidates.Kind#CONCAT}, step {@code concat}: adjacent string literals of source code joined by a
 *       concatenation operator ({@code +}: Java, JavaScript, C#, Python; {@code .}: PHP, Perl; {@code ..}: Lua;
 *       {@code ||}: SQL; a chained {@code .append(}/{@code .concat(}: Java, JavaScript) or by
 *       nothing but white space (Python's and C's implicit concatenation, the shell's {@code "ghp_""abc"}), one line
 *       break allowed on either side of the operator. Only literals next to each other: {@code "a" + name + "b"} is
 *       not joined (what {@code name} holds is unknown).</li>
 *   <li>{@link Candidates.Kind#CDATA}, step {@code cdata}: adjacent XML CDATA sections, and the character data
 *       next to them up to the next tag ({@code <![CDATA[ghp_]]><![CDATA[abc]]>}, {@code <![CDATA[ghp_]]>abc}).</li>
 *   <li>{@link Candidates.Kind#UNFOLDED}, step {@code unfolded}: folded lines (a line break followed by a space or
 *       tab continues the line: iCalendar and vCard, RFC 5545 3.1; mail headers, RFC 5322 2.2.3) unfolded
 *       in an iCalendar or vCard object ({@code BEGIN:VCALENDAR} or {@code BEGIN:VCARD} to its {@code END:} line)
 *       or a mail header block ({@code MIME-Version:}, {@code Message-ID:}, {@code Subject:} and the lines around it
 *       up to a blank line). The line break and one blank (not every blank) are dropped, as RFC 5545 unfolds.</li>
 * </ul>
 * Each is read, like char codes, after the scan found its shape (the engine's internal code hint:
 * {@code CodeHints}), by {@link Views#decodeCodes}: the decoding graph's own pass does not look for it, so it costs
 * a text without the shape nothing. Each joined text is bounded ({@link #MAX_JOINED} bytes) and never rewritten: a
 * redaction in it escalates to block ({@link Views#isCodeLayer}).
 */
final class Joins {

    /** Longest joined text kept, in bytes (a PEM key split into literals fits). */
    static final int MAX_JOINED = 8192;
    /** Longest literal read; a quote without its closing one within this many bytes on its line opens none. */
    static final int MAX_LITERAL = 2048;
    /** White space around an operator, at most (one line break and a deep indentation fit). */
    private static final int MAX_GAP = 96;
    /** Bytes before a fold block's keyword its header lines may start at. */
    private static final int MAX_HEADER_BACK = 16 * 1024;

    static final String CONCAT_STEP = "concat";
    static final String CDATA_STEP = "cdata";
    static final String UNFOLDED_STEP = "unfolded";
    static final String CONTINUED_STEP = "continued";

    private Joins() {
    }

    // ---- string literals ----

    /**
     * The chains of two or more adjacent string literals in {@code t[from, to)} whose joined content has at least
     * {@link Candidates#MIN_RUN} bytes: each candidate runs from the first literal's opening quote to the last one's
     * closing quote.
     */
    static List<Candidates.Candidate> literals(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        int i = from;
        while (i < to) {
            byte q = t[i];
            if (q != '"' && q != '\'') {
                i++;
                continue;
            }
            if (i + 2 < to && t[i + 1] == q && t[i + 2] == q) {
                // three quotes open or close a docstring or text block ("""Internal use only."""), not an empty
                // literal next to another: skip the run
                while (i < to && t[i] == q) {
                    i++;
                }
                continue;
            }
            int close = literalEnd(t, i, to);
            if (close < 0) {
                i++;
                continue;
            }
            int literals = 1;
            int content = close - i - 1;
            int end = close + 1;
            int next;
            while ((next = nextLiteral(t, end, to)) >= 0) {
                int c = literalEnd(t, next, to);
                if (c < 0) {
                    break;
                }
                literals++;
                content += c - next - 1;
                end = c + 1;
            }
            if (literals >= 2 && content >= Candidates.MIN_RUN) {
                out = Candidates.add(out, new Candidates.Candidate(i, end, Candidates.Kind.CONCAT));
                i = end;
            } else {
                // the closing quote may open the next literal: "it's" before 'ab' + 'cd' pairs the wrong quotes
                i = literals >= 2 ? end : close;
            }
        }
        return out;
    }

    /** The index of the quote closing the literal opened at {@code t[open]}, or -1 (none on its line, or too far). */
    private static int literalEnd(byte[] t, int open, int to) {
        byte q = t[open];
        int limit = Math.min(to, open + 1 + MAX_LITERAL);
        for (int k = open + 1; k < limit; k++) {
            byte b = t[k];
            if (b == q) {
                return k;
            }
            if (b == '\\') {
                k++; // an escaped character, the quote among them
            } else if (b == '\n' || b == '\r') {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Where the next literal of a chain opens after a literal that ended before {@code at}: white space, at most one
     * operator ({@code +}, {@code .}, {@code ..}, {@code ||}, a chained call: {@link #chainedCall}), white space (at
     * most two line breaks and {@value #MAX_GAP} bytes of white space in all), then a quote; else -1.
     */
    private static int nextLiteral(byte[] t, int at, int to) {
        int k = at;
        int gap = 0;
        int breaks = 0;
        boolean operator = false;
        int call;
        while (k < to && gap <= MAX_GAP) {
            byte b = t[k];
            if (b == '"' || b == '\'') {
                return k;
            }
            if (b == ' ' || b == '\t' || b == '\r') {
                gap++;
            } else if (b == '\n') {
                gap++;
                if (++breaks > 2) {
                    return -1;
                }
            } else if (!operator && (b == ')' || b == '.') && (call = chainedCall(t, k, to)) > 0) {
                operator = true;
                k = call - 1;
            } else if (!operator && b == '+') {
                operator = true;
            } else if (!operator && b == '|' && k + 1 < to && t[k + 1] == '|') {
                operator = true;
                k++;
            } else if (!operator && b == '.') {
                operator = true;
                if (k + 1 < to && t[k + 1] == '.') {
                    k++;
                }
            } else {
                return -1;
            }
            k++;
        }
        return -1;
    }

    private static final byte[][] CHAIN_CALLS = {ascii(").append("), ascii(").concat("), ascii(".append("),
            ascii(".concat(")};

    /**
     * End of a chained call that appends the next literal, at {@code k}: Java's and JavaScript's
     * {@code ).append(}, {@code ).concat(} (the first literal an argument) or {@code .concat(} (called on it); else -1.
     */
    private static int chainedCall(byte[] t, int k, int to) {
        for (byte[] call : CHAIN_CALLS) {
            if (k + call.length <= to && Sniff.startsWith(t, k, call)) {
                return k + call.length;
            }
        }
        return -1;
    }

    /** The literals of a chain ({@link #literals}) joined, their escapes read ({@code \n}, {@code \t}, {@code \x}). */
    static TextCodecs.Decoded concat(byte[] t, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(end - start, MAX_JOINED));
        int i = start;
        while (i < end && out.size() < MAX_JOINED) {
            int close = literalEnd(t, i, end);
            if (close < 0) {
                return null;
            }
            for (int k = i + 1; k < close; k++) {
                byte b = t[k];
                if (b == '\\' && k + 1 < close) {
                    byte e = t[++k];
                    out.write(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
                } else {
                    out.write(b);
                }
            }
            i = close + 1;
            while (i < end && t[i] != '"' && t[i] != '\'') {
                i++; // the operator and white space
            }
        }
        return decoded(CONCAT_STEP, start, end, out);
    }

    // ---- CDATA ----

    private static final byte[] CDATA_OPEN = "<![CDATA[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CDATA_CLOSE = "]]>".getBytes(StandardCharsets.US_ASCII);

    /**
     * The runs of an element's character data in {@code t[from, to)} that hold a CDATA section and a second piece
     * next to it (another section, or text up to the next tag, or text before it since the previous tag).
     */
    static List<Candidates.Candidate> cdata(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        int open = Sniff.indexOf(t, CDATA_OPEN, from, to);
        while (open >= 0) {
            int start = open;
            int pieces = 1;
            int back = open;
            while (back > from && open - back < MAX_LITERAL && t[back - 1] != '>' && t[back - 1] != '<') {
                back--;
            }
            if (back < open && back > from && t[back - 1] == '>' && !blank(t, back, open)) {
                start = back; // text before the section, since the previous tag
                pieces++;
            }
            int end = open;
            int k = open;
            while (k < to) {
                if (Sniff.startsWith(t, k, CDATA_OPEN)) {
                    int close = Sniff.indexOf(t, CDATA_CLOSE, k + CDATA_OPEN.length, to);
                    if (close < 0) {
                        break;
                    }
                    pieces += k > open ? 1 : 0;
                    k = close + CDATA_CLOSE.length;
                    end = k;
                } else if (t[k] == '<') {
                    break;
                } else {
                    int text = k;
                    while (k < to && t[k] != '<' && k - text < MAX_LITERAL) {
                        k++;
                    }
                    if (!blank(t, text, k)) {
                        pieces++;
                        end = k;
                    }
                    if (k >= to || t[k] != '<') {
                        break;
                    }
                }
            }
            if (pieces >= 2) {
                out = Candidates.add(out, new Candidates.Candidate(start, end, Candidates.Kind.CDATA));
            }
            open = Sniff.indexOf(t, CDATA_OPEN, Math.max(end, open + 1), to);
        }
        return out;
    }

    private static boolean blank(byte[] t, int from, int to) {
        for (int k = from; k < to; k++) {
            if (t[k] != ' ' && t[k] != '\t' && t[k] != '\r' && t[k] != '\n') {
                return false;
            }
        }
        return true;
    }

    /** The character data of a CDATA run ({@link #cdata}): the sections' content and the text between, joined. */
    static TextCodecs.Decoded cdataText(byte[] t, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(end - start, MAX_JOINED));
        int k = start;
        while (k < end && out.size() < MAX_JOINED) {
            if (Sniff.startsWith(t, k, CDATA_OPEN)) {
                int close = Sniff.indexOf(t, CDATA_CLOSE, k + CDATA_OPEN.length, end);
                if (close < 0) {
                    return null;
                }
                out.write(t, k + CDATA_OPEN.length, close - k - CDATA_OPEN.length);
                k = close + CDATA_CLOSE.length;
            } else {
                out.write(t[k++]);
            }
        }
        return decoded(CDATA_STEP, start, end, out);
    }

    // ---- folded lines ----

    private static final byte[][] OBJECT_BEGIN = {ascii("BEGIN:VCALENDAR"), ascii("BEGIN:VCARD")};
    private static final byte[][] HEADER_KEYS = {ascii("MIME-Version:"), ascii("Message-ID:"), ascii("Subject:")};
    private static final byte[] END = ascii("\nEND:");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The iCalendar/vCard objects and mail header blocks in {@code t[from, to)} that hold a folded line: an object
     * from its {@code BEGIN:} line to the end of its last {@code END:} line before the next {@code BEGIN:} (or
     * {@code to}); a header block from the first of the non-blank lines before the header's line to the blank line
     * after it (or {@code to}).
     */
    static List<Candidates.Candidate> folded(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        int done = from;
        for (byte[] begin : OBJECT_BEGIN) {
            for (int at = Sniff.indexOf(t, begin, from, to); at >= 0; at = Sniff.indexOf(t, begin, at + 1, to)) {
                if (at < done) {
                    continue;
                }
                int end = objectEnd(t, at, to);
                if (hasFold(t, at, end)) {
                    out = Candidates.add(out, new Candidates.Candidate(at, end, Candidates.Kind.UNFOLDED));
                }
                done = end;
            }
        }
        int headersDone = from;
        for (byte[] key : HEADER_KEYS) {
            for (int at = Sniff.indexOf(t, key, from, to); at >= 0; at = Sniff.indexOf(t, key, at + 1, to)) {
                if (at < headersDone || (at > from && t[at - 1] != '\n')) {
                    continue; // inside a block already read, or not at a line's start
                }
                int start = at;
                while (start > from && at - start < MAX_HEADER_BACK && !blankLineBefore(t, from, start)) {
                    start = lineStart(t, from, start - 1);
                }
                int end = blankLineAfter(t, at, to);
                if (hasFold(t, start, end)) {
                    out = Candidates.add(out, new Candidates.Candidate(start, end, Candidates.Kind.UNFOLDED));
                }
                headersDone = end;
            }
        }
        return out;
    }

    /** Past the last {@code END:} line before the next {@code BEGIN:} after {@code at}, or {@code to}. */
    private static int objectEnd(byte[] t, int at, int to) {
        int nextBegin = Math.min(to, nextBegin(t, at + 1, to));
        int end = nextBegin;
        for (int e = Sniff.indexOf(t, END, at, nextBegin); e >= 0; e = Sniff.indexOf(t, END, e + 1, nextBegin)) {
            end = e + 1;
            while (end < nextBegin && t[end] != '\n') {
                end++;
            }
            end = Math.min(nextBegin, end + 1); // and its line break
        }
        return end;
    }

    private static int nextBegin(byte[] t, int from, int to) {
        int next = to;
        for (byte[] begin : OBJECT_BEGIN) {
            int b = Sniff.indexOf(t, begin, from, to);
            if (b >= 0 && b < next) {
                next = b;
            }
        }
        return next;
    }

    /** The start of the line that holds {@code t[k]}. */
    private static int lineStart(byte[] t, int from, int k) {
        int i = k;
        while (i > from && t[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    /** The line before the one starting at {@code lineStart} is blank (or there is none). */
    private static boolean blankLineBefore(byte[] t, int from, int lineStart) {
        if (lineStart <= from) {
            return true;
        }
        int prev = lineStart(t, from, lineStart - 1);
        return blank(t, prev, lineStart);
    }

    /** The start of the first blank line after {@code at}, or {@code to}. */
    private static int blankLineAfter(byte[] t, int at, int to) {
        for (int k = at; k < to; k++) {
            if (t[k] == '\n' && (k + 1 >= to || t[k + 1] == '\n'
                    || (t[k + 1] == '\r' && k + 2 < to && t[k + 2] == '\n'))) {
                return k + 1;
            }
        }
        return to;
    }

    /**
     * A line break at {@code t[k]} followed by a space or tab and more on that line: a fold, of which the line break
     * and that one blank are removed. A blank after it is the value's own (a line folded right before a space,
     * {@code 3495 986203} then {@code "  99173"}): unfolding removes exactly one (RFC 5545 3.1, RFC 6350 3.2).
     */
    private static int foldAt(byte[] t, int k, int end) {
        int n = t[k] == '\r' && k + 1 < end && t[k + 1] == '\n' ? 2 : t[k] == '\n' ? 1 : 0;
        if (n == 0 || k + n + 1 >= end) {
            return 0;
        }
        byte blank = t[k + n];
        byte after = t[k + n + 1];
        boolean fold = (blank == ' ' || blank == '\t') && after != '\r' && after != '\n';
        return fold ? n + 1 : 0;
    }

    private static boolean hasFold(byte[] t, int start, int end) {
        for (int k = start; k < end; k++) {
            if (foldAt(t, k, end) > 0) {
                return true;
            }
        }
        return false;
    }

    /** A fold block ({@link #folded}) with its folds removed. */
    static TextCodecs.Decoded unfold(byte[] t, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(end - start, MAX_JOINED));
        int k = start;
        while (k < end && out.size() < MAX_JOINED) {
            int n = foldAt(t, k, end);
            if (n > 0) {
                k += n;
            } else {
                out.write(t[k++]);
            }
        }
        return decoded(UNFOLDED_STEP, start, end, out);
    }

    // ---- YAML double-quoted scalars continued with a backslash ----

    /** Longest run of lines a continued scalar is read over. */
    private static final int MAX_CONTINUED_LINES = 64;

    /**
     * The double-quoted scalars in {@code t[from, to)} with an escaped line break ({@code key: "sk_live_abc\}, a line
     * break, then {@code     def"}: YAML 1.2 7.3.1 joins the lines without a space and drops the next line's
     * leading white space): from the opening quote (the first unescaped one on the line of the first backslash) to
     * the closing one. A shell command's {@code \} continuation after balanced quotes opens none.
     */
    static List<Candidates.Candidate> continued(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        int done = from;
        for (int k = from; k + 1 < to; k++) {
            if (t[k] != '\\' || !(t[k + 1] == '\n' || t[k + 1] == '\r' && k + 2 < to && t[k + 2] == '\n') || k < done) {
                continue;
            }
            int line = k;
            while (line > from && t[line - 1] != '\n' && k - line < MAX_LITERAL) {
                line--;
            }
            int open = -1;
            boolean inside = false;
            for (int i = line; i < k; i++) {
                if (t[i] == '\\' && inside) {
                    i++; // an escape inside the scalar
                } else if (t[i] == '"') {
                    inside = !inside;
                    open = inside ? i : -1;
                }
            }
            if (open < 0) {
                continue; // the backslash is outside any double-quoted scalar
            }
            int close = continuedEnd(t, open, to);
            if (close > 0) {
                out = Candidates.add(out, new Candidates.Candidate(open, close + 1, Candidates.Kind.CONTINUED));
                done = close + 1;
            }
        }
        return out;
    }

    /** The index of the quote closing the scalar opened at {@code open}, over continued lines only; else -1. */
    private static int continuedEnd(byte[] t, int open, int to) {
        int lines = 0;
        for (int i = open + 1; i < to && i - open < MAX_JOINED; i++) {
            byte b = t[i];
            if (b == '"') {
                return lines > 0 ? i : -1;
            }
            if (b == '\n') {
                return -1; // a line break that is not escaped: no continued scalar (or a plain folded one)
            }
            if (b == '\\' && i + 1 < to) {
                int n = t[i + 1] == '\n' ? 1 : t[i + 1] == '\r' && i + 2 < to && t[i + 2] == '\n' ? 2 : 0;
                if (n > 0 && ++lines > MAX_CONTINUED_LINES) {
                    return -1;
                }
                i += n > 0 ? n : 1;
            }
        }
        return -1;
    }

    /** A continued scalar ({@link #continued}) read: escaped line breaks and the indentation after them dropped. */
    static TextCodecs.Decoded continuedText(byte[] t, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        for (int i = start + 1; i < end - 1; i++) {
            byte b = t[i];
            if (b == '\\' && i + 1 < end - 1) {
                byte e = t[i + 1];
                if (e == '\n' || e == '\r') {
                    i += e == '\r' ? 2 : 1;
                    while (i + 1 < end - 1 && (t[i + 1] == ' ' || t[i + 1] == '\t')) {
                        i++;
                    }
                    continue;
                }
                out.write(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                i++;
            } else {
                out.write(b);
            }
        }
        return decoded(CONTINUED_STEP, start, end, out);
    }

    private static TextCodecs.Decoded decoded(String step, int start, int end, ByteArrayOutputStream out) {
        byte[] bytes = out.toByteArray();
        if (bytes.length > MAX_JOINED) {
            bytes = java.util.Arrays.copyOf(bytes, MAX_JOINED);
        }
        return bytes.length == 0 ? null : new TextCodecs.Decoded(step, start, end, bytes, TextCodecs.NOT_REWRITTEN);
    }
}
