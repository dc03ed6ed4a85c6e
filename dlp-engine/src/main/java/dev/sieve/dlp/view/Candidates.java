package dev.sieve.dlp.view;

import dev.sieve.dlp.CodeHints;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The decoding graph's cheap shape test: where in a text an encoded value may sit, and which decoder may read
 * it. One pass over the bytes: prose (words under 16 characters, spaces, no escape) is skipped eight bytes at a time
 * ({@link Skipper}), the rest read byte by byte with a class table. Pure.
 *
 * <ul>
 *   <li>{@link Kind#BASE64}: a run of at least {@value #MIN_RUN} base64 or base64url characters with upper- and
 *       lower-case letters, optional {@code =} padding, lines wrapped at a multiple of 4 columns joined;</li>
 *   <li>{@link Kind#BASE32}: a run of at least {@value #MIN_RUN} RFC 4648 base32 characters of one letter case,
 *       optional {@code =} padding, whose groups look like the base32 of text;</li>
 *   <li>{@link Kind#HEX}: a run of at least {@value #MIN_RUN} hex digits, even in number, nothing else; lines wrapped
 *       at one width joined like base64's, any even width of 32 or more ({@code xxd -p}: 60);</li>
 *   <li>{@link Kind#HEX_DELIMITED}: at least 8 hex pairs separated by one {@code -}, {@code :} or space each; with
 *       spaces, lines of one count of pairs each after a space joined ({@code od -An -tx1 -v});</li>
 *   <li>clusters of escapes (each within {@value #CLUSTER_GAP} bytes of the previous one), widened to whole
 *       white-space-delimited tokens, when they hold enough escapes (the clusters of one kind in a text are one
 *       candidate, from the first to the last): {@link Kind#PERCENT} ({@code %XX}, 3 or
 *       more; or a text of {@value #MIN_RUN}+ characters without white space with any: base64 with an escaped
 *       {@code =}), {@link Kind#HTML} (2 or more {@code &#N;}, {@code &#xH;}, {@code &name;}), {@link Kind#QP}
 *       (3 or more {@code =XX} or soft line breaks), {@link Kind#JSON_U} (2 or more backslash escapes: JSON's
 *       {@code \}{@code uXXXX}, or source code's {@code \xHH}, octal {@code \NNN} and <code>&#92;u{H}</code>).
 *       Sparse escapes in long prose ({@code AT&amp;T} once a paragraph) are no candidate.</li>
 * </ul>
 *
 * <p>{@link Kind#CHAR_CODES} (a list of {@value #MIN_RUN}+ char codes, {@link #charCodesEnd}) and {@link Kind#SPACED}
 * ({@value #MIN_RUN}+ characters spaced out, {@link #spacedEnd}) are not looked for by {@link #find}: testing every
 * number and space for them cost this pass 5-9 % on agent JSON. The scan finds where they may start (the engine's
 * internal code hints) and {@link #findCodes} reads the view from there.
 *
 * <p>Big integers ({@link Kind#DECIMAL}, {@link Kind#BASE36}) are runs this loop reads anyway: a run of digits only
 * ({@link Exotic#decimal}), or of digits and letters of one case that nothing else claimed ({@link Exotic#base36}),
 * told from the character classes the loop gathered, one comparison for the common runs. Morse, spelled words and
 * Braille are found after the scan's hint ({@link Exotic#codes}).
 */
final class Candidates {

    /** Shortest candidate run, in characters. */
    static final int MIN_RUN = 16;
    static final int MIN_HEX_PAIRS = 8;
    private static final int MAX_MISSES = 16;

    enum Kind {
        BASE64, BASE32, HEX, HEX_DELIMITED, CHAR_CODES, SPACED, REVERSED, ROT13, UUENCODE, ASCII85, PERCENT, HTML, QP,
        JSON_U,
        /** Bitcoin base58 ({@link #base58LooksLikeText}). */
        BASE58,
        /** RFC 1924 / git / Python {@code b85encode} base85, and ZeroMQ Z85, a text's first or last token. */
        BASE85, Z85,
        /** CSS escapes {@code \73 \6b } and {@code \000073}. */
        CSS,
        /** Found by {@link #findCodes}: xxencoded blocks, 8-bit groups, octal byte dumps, {@code U+XXXX} lists. */
        XXENCODE, BITS, OCTAL, CODE_POINTS,
        /** A line in a Caesar shift other than 13 ({@link Candidate#arg}) or in Atbash. */
        CAESAR, ATBASH,
        /** One separator after every character ({@link #separatedEnd}); lines of one width, 2 to 8 ({@link #wrapped}). */
        SEPARATED, WRAPPED,
        /** Adjacent string literals, CDATA sections, folded lines: joined for detection ({@link Joins}). */
        CONCAT, CDATA, UNFOLDED,
        /** A YAML double-quoted scalar continued over lines with a backslash ({@link Joins#continued}). */
        CONTINUED,
        /** A whole text that is a seed phrase ({@link SeedWords}); found by {@link DecodeGraph#expand}, not by this class. */
        SEED_WORDS,
        /** A file name with a number glued into it ({@link FileNames}); found by {@link DecodeGraph#expand}. */
        SPLIT_NAME,
        /** A token holding a UTF-7 shifted run ({@link Utf7#runAt}): {@code +AHMAawBf-}, {@code sk+AF8-live}. */
        UTF7,
        /** A token with Markdown/LaTeX backslash escapes ({@link #markdownEscapes}): {@code sk\_live\_}. */
        MD_ESCAPE,
        /** A big integer of the bytes in decimal or base 36 ({@link Exotic#decimal}, {@link Exotic#base36}). */
        DECIMAL, BASE36,
        /**
         * Found by {@link #findCodes} ({@link Exotic#codes}): Morse, spelled digits and NATO words ({@link Candidate#arg}
         * 0 upper case, 1 lower case), Braille patterns as bytes.
         */
        MORSE, WORDS, BRAILLE,
        /** A line with TeX's {@code ^^xx} byte notation ({@link #texCarets}), found after the scan's hint. */
        TEX_CARET,
        /** An XML document's internal DTD entities and the text after them ({@link XmlEntities}), after the hint. */
        XML_ENTITIES,
        /**
         * Markup, table cells, joined literal lists, character escapes, ROT47 lines and spelled digits
         * ({@link Pieces}; {@link Candidate#arg} the sub-kind), found after the scan's hint.
         */
        PIECES,
        /** A hex or character dump's byte columns ({@link Dumps}: xxd, hexdump -C, od), found after the hint. */
        DUMP,
        /**
         * Base64 framed so the run loop does not join it ({@link Framings}): segments with padding between them, short
         * or indented lines (YAML {@code !!binary}); decoded segment by segment and concatenated.
         */
        B64_JOINED,
        /** Hex cut into dot-separated labels ({@code 6177...5f.6964...x.exfil.net}; {@link Framings#hexLabels}). */
        HEX_JOINED,
        /**
         * RFC 2047 encoded words ({@code =?UTF-8?Q?SSN_339-89-8769?=}; {@link EncodedWords}): adjacent ones joined
         * ({@link Candidate#arg} 0), and, for several, each on a line of its own (arg 1).
         */
        MIME_WORDS
    }

    /**
     * {@code text[start, end)} may be read by {@code kind}'s decoder; {@code arg} is a {@link Kind#CAESAR} line's
     * shift, a {@link Kind#SEPARATED} run's separator length, a {@link Kind#WRAPPED} run's line width (0 for every
     * other kind).
     */
    record Candidate(int start, int end, Kind kind, int arg) {
        Candidate(int start, int end, Kind kind) {
            this(start, end, kind, 0);
        }
    }

    private static final byte ALNUM = 1;
    private static final byte STD = 2;   // + /
    private static final byte URL = 4;   // - _
    private static final byte HEX = 8;
    private static final byte UPPER = 16;
    private static final byte LOWER = 32;
    private static final byte[] CLASS = new byte[256];

    /** {@code b} is a base64, base64url or hex character (the alphabet of runs). */
    static boolean alphabet(byte b) {
        return CLASS[b & 0xff] != 0;
    }

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

    private static final byte[] FAST = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            FAST[c] = CLASS[c] != 0 ? (byte) 1 : 0;
        }
        FAST['%'] = 2;
        FAST['&'] = 2;
        FAST['='] = 2;
        FAST['\\'] = 2;
    }

    /** An escape of some kind ({@code %XX}, an entity, {@code =XX}, a JSON u-escape) may start at {@code t[i]}. */
    static boolean escapeAt(byte[] t, int i, int to) {
        return switch (t[i]) {
            case '%' -> percentEscapeEnd(t, i, to) > 0;
            case '&' -> entityEnd(t, i, to) > 0;
            case '=' -> qpEscapeAt(t, i, to) || EncodedWords.at(t, i, to);
            default -> sourceEscapeEnd(t, i, to) > 0 || cssEscapeEnd(t, i, to) > 0
                    || (i + 1 < to && MARKDOWN[t[i + 1] & 0xff]);
        };
    }

    /** End of {@code %XX}, or of IIS's {@code %uXXXX} (a UTF-16 code unit), at {@code i}; else -1. */
    static int percentEscapeEnd(byte[] t, int i, int to) {
        if (hexAt(t, i + 1, to) && hexAt(t, i + 2, to)) {
            return i + 3;
        }
        return i + 5 < to && t[i + 1] == 'u' && hexAt(t, i + 2, to) && hexAt(t, i + 3, to) && hexAt(t, i + 4, to)
                && hexAt(t, i + 5, to) ? i + 6 : -1;
    }

    /**
     * End of a CSS escape at {@code i}, or -1: a backslash, one to six hex digits and one optional space, tab or line
     * break ({@code \73 \6b }, {@code \000073}, {@code \73\6b}), when the digits end at white space (which the escape
     * takes), at six digits, or at another backslash: then only for printable ASCII and when it is no source escape
     * ({@link #sourceEscapeEnd}: {@code \163} is octal). {@code \bin}, {@code \d+} and a path's {@code \cafe\} are
     * none.
     */
    static int cssEscapeEnd(byte[] t, int i, int to) {
        int k = i + 1;
        while (k < to && k - i <= 6 && hexAt(t, k, to)) {
            k++;
        }
        int digits = k - i - 1;
        if (digits == 0) {
            return -1;
        }
        boolean blank = k < to && (t[k] == ' ' || t[k] == '\t' || t[k] == '\n');
        if (digits == 6) {
            return blank ? k + 1 : k;
        }
        if (blank) {
            return k + 1;
        }
        if (k >= to || t[k] != '\\' || sourceEscapeEnd(t, i, to) > 0) {
            return -1;
        }
        int cp = 0;
        for (int d = i + 1; d < k; d++) {
            cp = cp << 4 | UrlEncoded.hex(t[d]);
        }
        return cp >= 0x20 && cp < 0x7f ? k : -1; // \73\6b; a path's \cafe\ is none
    }

    /**
     * End of the backslash escape at {@code i}, or -1: JSON/Java <code>&#92;uXXXX</code>, and the escapes source code
     * writes bytes with (C, Python, JavaScript, shell {@code printf}): {@code \xHH}, three octal digits
     * {@code \NNN} (at most {@code \377}), JavaScript's <code>&#92;u{H...}</code> (one to six hex digits) and Python's
     * named characters <code>&#92;N{NAME}</code>.
     */
    static int sourceEscapeEnd(byte[] t, int i, int to) {
        if (i + 3 >= to) {
            return -1;
        }
        byte e = t[i + 1];
        if (e == 'u') {
            if (t[i + 2] == '{') {
                int k = i + 3;
                while (k < to && k - i - 3 < 6 && hexAt(t, k, to)) {
                    k++;
                }
                return k > i + 3 && k < to && t[k] == '}' ? k + 1 : -1;
            }
            return i + 5 < to && hexAt(t, i + 2, to) && hexAt(t, i + 3, to) && hexAt(t, i + 4, to)
                    && hexAt(t, i + 5, to) ? i + 6 : -1;
        }
        if (e == 'x') {
            return hexAt(t, i + 2, to) && hexAt(t, i + 3, to) ? i + 4 : -1;
        }
        if (e == 'N') {
            return namedEscapeEnd(t, i, to);
        }
        return e >= '0' && e <= '3' && octal(t[i + 2]) && octal(t[i + 3]) ? i + 4 : -1;
    }

    /** Most characters between a bytes literal's opening quote and its first {@code \x} escape ({@code b'x\x9c}). */
    private static final int LITERAL_LEAD = 4;

    /**
     * A Python bytes literal around the {@code \x} escape at {@code i} ({@code b'\x1f\x8b\x08\x00...'}, the
     * {@code repr} of gzip or other binary): its opening {@code b'} or {@code b"} at most {@value #LITERAL_LEAD}
     * printable characters before the escape, at a word's start. Its content, from after the quote to the closing
     * quote, is one candidate ({@link Kind#JSON_U}: the source-escape decoder reads {@code \xNN}, {@code \n},
     * {@code \'} and {@code \\}), so the decoded bytes start with the file's magic and the graph opens them; the
     * escape cluster's candidate starts at the {@code b'} and is not a file. Returns the candidate's start shifted
     * left by 32, or'ed with where the search stopped (0 in the high half when there is no literal); the caller
     * looks for no other literal before that, so each byte is read once.
     */
    static long bytesLiteral(byte[] t, int from, int i, int to) {
        int q = i - 1;
        if (q - 1 < from) {
            return i + 1; // no room for b' before the escape
        }
        while (q > from && i - q <= LITERAL_LEAD && t[q] != '\'' && t[q] != '"' && t[q] > ' ' && t[q] < 0x7f
                && t[q] != '\\') {
            q--;
        }
        byte quote = t[q];
        if (q - 1 < from || (quote != '\'' && quote != '"') || (t[q - 1] | 0x20) != 'b'
                || (q - 2 >= from && (CLASS[t[q - 2] & 0xff] & ALNUM) != 0)) {
            return i + 1;
        }
        int k = i;
        while (k < to && t[k] != quote) {
            if (t[k] < ' ' || t[k] >= 0x7f) {
                return k; // a repr is one line of printable ASCII: this is no literal
            }
            k += t[k] == '\\' ? 2 : 1;
        }
        return k >= to ? to : (long) (q + 1) << 32 | k;
    }

    /** The longest Unicode character name (88 characters) and a margin. */
    private static final int MAX_CHAR_NAME = 96;

    /**
     * End of Python's named escape <code>&#92;N{LATIN SMALL LETTER S}</code> at {@code i}, or -1: a name of letters
     * (either case, as Python looks names up), digits, spaces and hyphens between braces. Whether it names a character
     * is the decoder's question ({@link Character#codePointOf}).
     */
    private static int namedEscapeEnd(byte[] t, int i, int to) {
        if (t[i + 2] != '{') {
            return -1;
        }
        int k = i + 3;
        while (k < to && k - i - 3 < MAX_CHAR_NAME) {
            byte b = t[k];
            if ((b < 'A' || b > 'Z') && (b < 'a' || b > 'z') && (b < '0' || b > '9') && b != ' ' && b != '-') {
                break;
            }
            k++;
        }
        return k > i + 3 && k < to && t[k] == '}' ? k + 1 : -1;
    }

    private static boolean octal(byte b) {
        return b >= '0' && b <= '7';
    }

    /** Escapes of one kind further apart than this start a new cluster. */
    static final int CLUSTER_GAP = 64;

    /**
     * Escapes of one kind close to each other, widened to whole tokens. The clusters of one kind that hold enough
     * escapes are one candidate, from the first to the last: an escaped PEM block or config whose lines have long
     * unescaped stretches is decoded whole, not as pieces that no rule can match.
     */
    private static final class Cluster {
        final Kind kind;
        final int threshold;
        int first = -1;
        int last;
        int count;
        int spanStart = -1;
        int spanEnd;

        Cluster(Kind kind, int threshold) {
            this.kind = kind;
            this.threshold = threshold;
        }

        List<Candidate> add(int at, int escapeEnd, byte[] t, int from, int to, List<Candidate> out) {
            if (first >= 0 && at - last > CLUSTER_GAP) {
                close(t, from, to);
            }
            if (first < 0) {
                first = at;
                count = 0;
            }
            last = escapeEnd;
            count++;
            return out;
        }

        private void close(byte[] t, int from, int to) {
            if (first >= 0 && count >= threshold) {
                if (spanStart < 0) {
                    spanStart = tokenStart(t, from, first);
                }
                spanEnd = tokenEnd(t, last, to);
            }
            first = -1;
        }

        List<Candidate> finish(byte[] t, int from, int to, List<Candidate> out) {
            close(t, from, to);
            return spanStart < 0 ? out : Candidates.add(out, new Candidate(spanStart, spanEnd, kind));
        }
    }

    /**
     * The candidates in {@code text[from, to)}, block runs in order, then escape clusters; often empty. A text that
     * is one token (no white space) of {@value #MIN_RUN}+ characters with a {@code %XX} is one percent candidate.
     */
    static List<Candidate> find(byte[] text, int from, int to) {
        return find(text, from, to, (String) null);
    }

    /**
     * Like {@link #find(byte[], int, int)}; {@code chars}, when not null, is {@code text[from, to)} as a string of one
     * char per byte (an ASCII text's string), which spares a copy.
     */
    static List<Candidate> find(byte[] text, int from, int to, String chars) {
        List<Candidate> out = scan(text, from, to, to - from >= Skipper.MIN_TEXT ? new Skipper(text, from, to, chars)
                : null);
        return base85Ends(text, from, to, spacedBase64(text, from, to, out));
    }

    /** {@link #find(byte[], int, int)} without {@link Skipper}: the loop alone, what the fast path must equal. */
    static List<Candidate> findByteByByte(byte[] text, int from, int to) {
        return base85Ends(text, from, to, spacedBase64(text, from, to, scan(text, from, to, null)));
    }

    // ---- base64 in groups one space apart ----

    /** Widest group of spaced base64: a MIME line (76 characters). Narrowest: {@value #MIN_GROUP}. */
    static final int MAX_GROUP = 76;
    static final int MIN_GROUP = 4;

    /**
     * Base64 written in groups of one width, one space apart ({@code aGVs bG8g d29y bGQ=}, as some tools print it, or
     * {@code fold -w 8 | tr '\n' ' '}, or as an agent may write it to get past a test for runs): groups of
     * {@value #MIN_GROUP} to {@value #MAX_GROUP} base64 characters, all as wide as the first but the last (which may
     * be narrower and padded with {@code =}), {@value #MIN_RUN} characters or more in all, that start the text (after
     * its indentation) or end it (before trailing white space, line breaks included, quotes, punctuation and a code
     * fence). The first group starts a token (no base64 character before it: {@code password=aGVs ...} is one) and
     * nothing but a space, a line break or a
     * character that is not base64 follows the last. They are {@link Kind#BASE64} candidates (the decoder drops the
     * spaces and writes them back at the same width), kept when their quads look like text or raw DEFLATE, as runs are.
     *
     * <p>Only a text's start and end are looked at (a text: a JSON string, a form field, a header or query value, a
     * body, a decoded layer): a few byte comparisons each. Groups on a line in the middle of a longer text are not
     * found: testing every line cost the decode and scan of agent JSON 5 % (a line search per line of tool output),
     * and testing every word would cost this pass as much as the char-code test did (see the class comment).
     */
    private static List<Candidate> spacedBase64(byte[] t, int from, int to, List<Candidate> out) {
        if (to - from < MIN_RUN + 1) {
            return out;
        }
        int s = from;
        while (s < to && (t[s] == ' ' || t[s] == '\t' || t[s] == '\r' || t[s] == '\n')) {
            s++;
        }
        int first = alphabetRun(t, s, to);
        int e = first >= MIN_GROUP && first <= MAX_GROUP && s + first + 1 < to && t[s + first] == ' '
                ? spacedGroupsEnd(t, s, to, first) : -1;
        if (e > 0) {
            out = addSpaced(t, s, e, out);
        }
        int te = to;
        while (te > s && TRAILING[t[te - 1] & 0xff]) {
            te--;
        }
        if (te > e + 1 && s + first < te) { // a text of one token (an id, a path) holds no groups
            int gs = spacedGroupsStart(t, Math.max(s, e + 1), te);
            int ge = gs < 0 ? -1 : spacedGroupsEnd(t, gs, to, alphabetRun(t, gs, to));
            if (ge > 0) {
                out = addSpaced(t, gs, ge, out);
            }
        }
        return out;
    }

    /**
     * Adds the spaced groups {@code t[start, end)} when they look like text, in place of the runs found inside them
     * (groups of {@value #MIN_RUN} or more characters are runs of their own, each a piece of the value).
     */
    private static List<Candidate> addSpaced(byte[] t, int start, int end, List<Candidate> out) {
        if (!base64LooksLikeText(t, start, end)) {
            return out;
        }
        if (out != null && !out.isEmpty()) {
            out.removeIf(c -> c.start() >= start && c.end() <= end);
        }
        return add(out, new Candidate(start, end, Kind.BASE64));
    }

    /** What may follow spaced groups at a text's end: white space, quotes, closing punctuation. */
    private static final boolean[] TRAILING = new boolean[256];

    static {
        for (char c : " \t\r\n\"'`,;.)]}".toCharArray()) {
            TRAILING[c] = true;
        }
    }

    /**
     * The end of spaced groups ({@link #spacedBase64}) from {@code t[s]} on, before {@code to}, as wide as the first
     * ({@code width}: the base64 characters from {@code t[s]} on); -1 when there are fewer than two or fewer than
     * {@value #MIN_RUN} characters, or a base64 character is glued after the last.
     */
    static int spacedGroupsEnd(byte[] t, int s, int to, int width) {
        if (width < MIN_GROUP || width > MAX_GROUP || s + width + 1 >= to || t[s + width] != ' ') {
            return -1;
        }
        int groups = 1; // the first: width base64 characters, then a space
        int chars = width;
        int k = s + width + 1;
        int end = s + width;
        while (true) {
            int g = groupAt(t, k, to, width);
            if (g == 0) {
                break;
            }
            groups++;
            chars += Math.abs(g);
            end = k + Math.abs(g);
            if (g < 0 || end + 1 >= to || t[end] != ' ') {
                break; // the last group, or no space and group after it
            }
            k = end + 1;
        }
        int pads = end > s && t[end - 1] == '=' ? (end - 1 > s && t[end - 2] == '=' ? 2 : 1) : 0;
        while (pads < 2 && end + 1 < to && t[end] == ' ' && t[end + 1] == '=') {
            // the padding, or its second character, cut off as a group of its own ("... ZpbGU =")
            end += 2;
            pads++;
            if (pads < 2 && end < to && t[end] == '=') {
                end++;
                pads++;
            }
        }
        if (groups < 2 || chars < MIN_RUN || (end < to && (CLASS[t[end] & 0xff] != 0 || t[end] == '='))) {
            return -1;
        }
        return end;
    }

    /**
     * The start of spaced groups that end at {@code end}, at or after {@code lineStart}, as wide as the one before
     * the last; else -1. A first group glued to base64 characters before it is not one: the groups start at the next.
     */
    private static int spacedGroupsStart(byte[] t, int lineStart, int end) {
        int last = end;
        int pads = 0;
        while (last - 1 > lineStart && pads < 2 && (t[last - 1] == '=' || (t[last - 1] == ' ' && t[last - 2] == '='))) {
            pads += t[last - 1] == '=' ? 1 : 0;
            last--; // padding, maybe cut off as a group of its own ("... ZpbGU =")
        }
        if (pads > 0 && last - 1 > lineStart && t[last - 1] == ' ') {
            last--;
        }
        int k = last;
        while (k > lineStart && last - k <= MAX_GROUP && CLASS[t[k - 1] & 0xff] != 0) {
            k--; // bounded: a long token (a base64 image) is no group and is not walked
        }
        int lastWidth = last - k;
        if (k == last || k - 1 <= lineStart || t[k - 1] != ' ') {
            return -1;
        }
        int width = 0;
        while (k - 1 > lineStart && t[k - 1] == ' ') {
            int g = k - 1;
            int j = g;
            while (j > lineStart && g - j <= MAX_GROUP && CLASS[t[j - 1] & 0xff] != 0) {
                j--;
            }
            int w = g - j;
            if (width == 0) {
                if (w < MIN_GROUP || w > MAX_GROUP || w < lastWidth) {
                    break;
                }
                width = w;
            } else if (w != width) {
                break;
            }
            k = j;
        }
        return width == 0 ? -1 : k; // k: at the line start, or after a byte that is not base64
    }

    /** The number of base64 characters from {@code t[k]} on. */
    private static int alphabetRun(byte[] t, int k, int to) {
        int i = k;
        while (i < to && i - k <= MAX_GROUP && CLASS[t[i] & 0xff] != 0) {
            i++;
        }
        return i - k;
    }

    /**
     * The group at {@code t[k]}: its length when it is {@code width} base64 characters (followed by no other), minus
     * its length when it is a last group (fewer characters, or any followed by {@code =} padding, or the padding
     * alone; {@code width} at most in all), 0 when neither.
     */
    private static int groupAt(byte[] t, int k, int to, int width) {
        int a = 0;
        while (k + a < to && a <= width && CLASS[t[k + a] & 0xff] != 0) {
            a++;
        }
        if (a > width) {
            return 0;
        }
        int p = 0;
        while (k + a + p < to && p < 2 && t[k + a + p] == '=') {
            p++;
        }
        if (a + p == 0 || a + p > width) {
            return 0;
        }
        return a == width && p == 0 ? width : -(a + p); // a last group may be the padding alone
    }

    /** Longest stretch before a UTF-7 token read with it (the keyword of its line: {@code api_key: +AHM...}). */
    private static final int UTF7_BEFORE = 64;

    /**
     * A run {@code t[i, j)} (alphabet characters, a {@code +} among them) that no other decoder took: a {@link Kind#UTF7}
     * candidate when a {@code +} in it starts a UTF-7 shifted run ({@link Utf7#runAt}), from the start of its line (at
     * most {@value #UTF7_BEFORE} bytes before it, so the key it is assigned to is decoded with it) to its end. Runs
     * with a {@code +} are rare in prose and agent JSON, and each {@code +} costs a few byte comparisons.
     */
    private static List<Candidate> utf7(byte[] t, int from, int i, int j, List<Candidate> out) {
        for (int p = i; p < j; p++) {
            if (t[p] == '+' && Utf7.runAt(t, p, j)) {
                int start = i;
                while (start > from && i - start < UTF7_BEFORE && t[start - 1] != '\n' && t[start - 1] != '\r') {
                    start--;
                }
                return add(out, new Candidate(start, j, Kind.UTF7));
            }
        }
        return out;
    }

    /** Characters Markdown and LaTeX escape with a backslash, which a token may hold: {@code _ * - # . ` [ ]}. */
    private static final boolean[] MARKDOWN = new boolean[256];

    static {
        for (char c : "_*-#.`[]".toCharArray()) {
            MARKDOWN[c] = true;
        }
    }

    /** Whether Markdown and LaTeX write {@code b} escaped with a backslash in a token ({@link #MARKDOWN}). */
    static boolean markdownEscaped(byte b) {
        return MARKDOWN[b & 0xff];
    }

    /** Longest Markdown-escaped token looked at, each side of its first escape. */
    private static final int MARKDOWN_REACH = 256;

    /**
     * The Markdown-escaped token around the backslash at {@code t[at]} (before {@code _ * - # . ` [ ]}), as start
     * {@code << 32 | end}, or 0: letters, digits, {@code _ - .} and such escapes, {@value #MIN_RUN} or more characters
     * once the backslashes are gone, with letters and a digit, or letters of both cases, among them (a vendor token's
     * body). Prose's {@code snake\_case} and {@code my\_long\_variable\_name} are no candidate.
     */
    static long markdownEscapes(byte[] t, int from, int to, int at) {
        int start = at;
        while (start > from && at - start < MARKDOWN_REACH) {
            byte b = t[start - 1];
            if ((CLASS[b & 0xff] & (ALNUM | URL)) != 0 || b == '.') {
                start--;
            } else if (b == '\\' && MARKDOWN[t[start] & 0xff]) {
                start--; // the backslash of an escape whose character was just taken
            } else if (MARKDOWN[b & 0xff] && start - 2 >= from && t[start - 2] == '\\') {
                start -= 2; // an escaped character that is no token character ("AKIA\*")
            } else {
                break;
            }
        }
        int end = at;
        int chars = 0;
        int seen = 0;
        boolean digit = false;
        for (int k = start; k < to && k - at < MARKDOWN_REACH; ) {
            byte b = t[k];
            if (b == '\\' && k + 1 < to && MARKDOWN[t[k + 1] & 0xff]) {
                k += 2;
            } else if ((CLASS[b & 0xff] & (ALNUM | URL)) != 0 || b == '.') {
                seen |= CLASS[b & 0xff];
                digit |= b >= '0' && b <= '9';
                k++;
            } else {
                break;
            }
            chars++;
            end = k;
        }
        int letters = seen & (UPPER | LOWER);
        boolean tokenLike = letters != 0 && (digit || letters == (UPPER | LOWER));
        return chars >= MIN_RUN && tokenLike ? (long) start << 32 | end : 0;
    }

    /** What {@code seen} of a run of digits only is, and of one of digits and letters of one case. */
    private static final int DIGITS = ALNUM | HEX;
    private static final int DIGITS_LOWER = ALNUM | HEX | LOWER;
    private static final int DIGITS_UPPER = ALNUM | HEX | UPPER;

    /**
     * Whether {@code t[i, j)}, a run the loop read into {@code seen} and {@code all}, is a big integer of text in base
     * 36 ({@link Exotic#base36}): digits and letters of one case, one of them no hex digit.
     */
    private static boolean base36(byte[] t, int i, int j, int seen, int all) {
        return (seen == DIGITS_LOWER || seen == DIGITS_UPPER) && (all & HEX) == 0 && Exotic.base36(t, i, j);
    }

    private static List<Candidate> scan(byte[] text, int from, int to, Skipper skipper) {
        List<Candidate> out = null;
        Cluster percent = null;
        Cluster html = null;
        Cluster qp = null;
        Cluster jsonU = null;
        Cluster cssEscapes = null;
        boolean space = false;
        int markdownEnd = from; // the end of the last Markdown-escaped token: its later escapes are in it
        int literalEnd = from; // the end of the last bytes literal looked at: its later escapes are in it
        int i = from;
        int stepUntil = skipper == null ? to : from; // the loop steps through [i, stepUntil) byte by byte
        int misses = 0;
        while (i < to) {
            if (i >= stepUntil) {
                int next = skipper.skip(i, space);
                space = skipper.space();
                // Where skipping keeps failing (a text dense with candidates) it is tried less often.
                misses = next > i ? 0 : Math.min(misses + 1, MAX_MISSES);
                stepUntil = skipper.stop() + misses * MIN_RUN;
                i = next;
            }
            int c = text[i] & 0xff;
            int cls = CLASS[c];
            if (cls == 0) {
                int f = FAST[c];
                if (f == 2) {
                    switch (c) {
                        case '%' -> {
                            int e = percentEscapeEnd(text, i, to);
                            if (e > 0) {
                                percent = percent == null ? new Cluster(Kind.PERCENT, 3) : percent;
                                out = percent.add(i, e, text, from, to, out);
                            }
                        }
                        case '&' -> {
                            int e = entityEnd(text, i, to);
                            if (e > 0) {
                                html = html == null ? new Cluster(Kind.HTML, 2) : html;
                                out = html.add(i, e, text, from, to, out);
                            }
                        }
                        case '=' -> {
                            int words = i + 1 < to && text[i + 1] == '?' ? EncodedWords.end(text, i, to) : -1;
                            if (words > 0) {
                                out = add(out, new Candidate(i, words, Kind.MIME_WORDS));
                                if (words > EncodedWords.wordEnd(text, i, to)) { // several words: also each apart
                                    out = add(out, new Candidate(i, words, Kind.MIME_WORDS, 1));
                                }
                                i = words;
                                continue;
                            }
                            if (qpEscapeAt(text, i, to)) {
                                qp = qp == null ? new Cluster(Kind.QP, 3) : qp;
                                out = qp.add(i, Math.min(to, i + 3), text, from, to, out);
                            }
                        }
                        default -> {
                            int e = sourceEscapeEnd(text, i, to);
                            if (e > 0) {
                                jsonU = jsonU == null ? new Cluster(Kind.JSON_U, 2) : jsonU;
                                out = jsonU.add(i, e, text, from, to, out);
                                if (i >= literalEnd && text[i + 1] == 'x') {
                                    long lit = bytesLiteral(text, from, i, to);
                                    literalEnd = (int) lit;
                                    if (lit >>> 32 != 0) {
                                        out = add(out, new Candidate((int) (lit >>> 32), literalEnd, Kind.JSON_U));
                                    }
                                }
                            }
                            int css = cssEscapeEnd(text, i, to);
                            if (css > 0) {
                                cssEscapes = cssEscapes == null ? new Cluster(Kind.CSS, 3) : cssEscapes;
                                out = cssEscapes.add(i, css, text, from, to, out);
                            }
                            if (i >= markdownEnd && i + 1 < to && MARKDOWN[text[i + 1] & 0xff]) {
                                long md = markdownEscapes(text, from, to, i);
                                if (md != 0) {
                                    markdownEnd = (int) md;
                                    out = add(out, new Candidate((int) (md >>> 32), markdownEnd, Kind.MD_ESCAPE));
                                }
                            }
                        }
                    }
                } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                    space = true;
                }
                i++;
                continue;
            }
            int j = i + 1;
            int seen = cls;
            int all = cls;
            for (int k; j < to && (k = CLASS[text[j] & 0xff]) != 0; j++) {
                seen |= k;
                all &= k;
            }
            int length = j - i;
            if (length < MIN_RUN && (length != 2 || (cls & HEX) == 0)) {
                i = j; // a word: the common case, nothing more to look at
                continue;
            }
            boolean tokenStart = i == from || (CLASS[text[i - 1] & 0xff] & ALNUM) == 0;
            if (tokenStart && (cls & HEX) != 0) {
                int end = hexDelimitedEnd(text, i, to);
                if (end > 0) {
                    if (hexLooksLikeText(text, i, end)) {
                        out = add(out, new Candidate(i, end, Kind.HEX_DELIMITED));
                    }
                    i = end;
                    continue;
                }
            }
            if (length < MIN_RUN) {
                i = j;
                continue;
            }
            if (i > from && text[i - 1] == '=') {
                out = Framings.paddedSegments(text, from, i, to, out); // ...NDQ==NDIw...: padding inside
            }
            boolean mayWrap = j < to && (text[j] == '\r' || text[j] == '\n' || escapedBreakEnd(text, j, to) > 0);
            if (!mayWrap && (j >= to || text[j] != '=')) {
                // One token, no padding, no wrapped line after it: classify it here.
                Kind kind = (all & HEX) != 0 && length % 2 == 0
                        ? (hexLooksLikeText(text, i, j) || (!Framings.reversedHexLooksLikeText(text, i, j)
                        && Xor.hexMayBe(text, i, j)) ? Kind.HEX : null)
                        : (seen & UPPER) != 0 && (seen & LOWER) != 0 && ((seen & STD) == 0 || (seen & URL) == 0)
                        && (base64LooksLikeText(text, i, j, length) || Xor.base64MayBe(text, i, j)) ? Kind.BASE64
                        : base32LooksLikeText(text, i, j, seen) ? Kind.BASE32
                        : (seen & (UPPER | LOWER)) == (UPPER | LOWER) && (seen & (STD | URL)) == 0
                        && base58LooksLikeText(text, i, j) ? Kind.BASE58 : null;
                if (seen == DIGITS && Exotic.decimal(text, i, j)) {
                    out = add(out, new Candidate(i, j, Kind.DECIMAL)); // hex of text too, now and then
                }
                if (kind != null) {
                    out = add(out, new Candidate(i, j, kind));
                    if (kind == Kind.HEX && j < to && text[j] == '.') {
                        out = Framings.hexLabels(text, i, j, to, out);
                    }
                    if (kind == Kind.HEX && Framings.reversedHexLooksLikeText(text, i, j)) {
                        out = add(out, new Candidate(i, j, Kind.REVERSED, 2)); // text's hex both ways, now and then
                    }
                } else if (hexInteger(text, i, j)) {
                    out = add(out, new Candidate(i + 2, j, Kind.HEX));
                } else if (byteaHex(text, from, i, j)) {
                    out = add(out, new Candidate(i + 1, j, Kind.HEX));
                } else if ((all & HEX) != 0 && length % 2 == 0 && Framings.reversedHexLooksLikeText(text, i, j)) {
                    out = add(out, new Candidate(i, j, Kind.REVERSED, 2));
                } else if (base36(text, i, j, seen, all)) {
                    out = add(out, new Candidate(i, j, Kind.BASE36));
                } else if (reversedBase64(text, from, i, j, seen)) {
                    out = add(out, new Candidate(paddingStart(text, from, i, j), j, Kind.REVERSED, 1));
                } else if (misalignedBase64(text, i, j, j, seen) > 0) {
                    out = add(out, new Candidate(i + misalignedBase64(text, i, j, j, seen), j, Kind.BASE64));
                } else if ((seen & STD) != 0) {
                    out = utf7(text, from, i, j, out);
                }
                i = j;
                continue;
            }
            long r = run(text, i, to);
            int end = (int) (r >>> 8);
            int kind = (int) (r & 0xff);
            if (kind != 0) {
                if (kind == 1 && end == j && seen == DIGITS && Exotic.decimal(text, i, j)) {
                    out = add(out, new Candidate(i, j, Kind.DECIMAL)); // digits that pass for hex of text
                }
                out = add(out, new Candidate(i, end, kind == 1 ? Kind.HEX : Kind.BASE64));
            } else if (reversedBase64(text, from, i, j, seen)) {
                end = j;
                out = add(out, new Candidate(paddingStart(text, from, i, j), j, Kind.REVERSED, 1));
            } else if (end > j && misalignedBase64(text, i, j, end, seen) > 0) {
                out = add(out, new Candidate(i + misalignedBase64(text, i, j, end, seen), end, Kind.BASE64));
            } else if (hexInteger(text, i, j)) {
                end = j;
                out = add(out, new Candidate(i + 2, j, Kind.HEX));
            } else if (byteaHex(text, from, i, j)) {
                end = j;
                out = add(out, new Candidate(i + 1, j, Kind.HEX));
            } else if ((all & HEX) != 0 && (j - i) % 2 == 0 && Framings.reversedHexLooksLikeText(text, i, j)) {
                end = j;
                out = add(out, new Candidate(i, j, Kind.REVERSED, 2));
            } else if (base32LooksLikeText(text, i, j, seen)) {
                end = j;
                while (end < to && end - j < 6 && text[end] == '=') {
                    end++; // padding
                }
                out = add(out, new Candidate(i, end, Kind.BASE32));
            } else if (seen == DIGITS && Exotic.decimal(text, i, j)) {
                end = j; // a long number at a line's end
                out = add(out, new Candidate(i, j, Kind.DECIMAL));
            } else if (base36(text, i, j, seen, all)) {
                end = j;
                out = add(out, new Candidate(i, j, Kind.BASE36));
            } else if ((seen & STD) != 0) {
                out = utf7(text, from, i, j, out);
            }
            i = Math.max(end, j);
        }
        if (percent != null) {
            if (!space && to - from >= MIN_RUN) {
                out = add(out, new Candidate(from, to, Kind.PERCENT));
            } else {
                out = percent.finish(text, from, to, out);
            }
        }
        if (html != null) {
            out = html.finish(text, from, to, out);
        }
        if (qp != null) {
            out = qp.finish(text, from, to, out);
        }
        if (jsonU != null) {
            out = jsonU.finish(text, from, to, out);
        }
        if (cssEscapes != null) {
            out = cssEscapes.finish(text, from, to, out);
        }
        return out == null ? List.of() : out;
    }

    /**
     * The char-code lists and spaced-out texts ({@link Kind#CHAR_CODES}, {@link Kind#SPACED}) in {@code t[from, to)},
     * byte by byte: each starts at a number (or a visible character followed by a space) that starts a word. A spaced
     * run ends before a character that a letter or digit follows (a word after it) and after one that punctuation
     * follows ({@code 'g h p _ 1';}). Then the lines that hold a word of {@link CodeHints#REVERSED_WORDS} or
     * {@link CodeHints#ROT13_WORDS} ({@link Kind#REVERSED}, {@link Kind#ROT13}; see {@link #line}). Then uuencoded
     * blocks ({@link Kind#UUENCODE}) and Ascii85 between {@code <~} and {@code ~>} ({@link Kind#ASCII85}). Then
     * what {@link Joins} joins: adjacent string literals, CDATA sections and folded lines.
     */
    static List<Candidate> findCodes(byte[] t, int from, int to) {
        List<Candidate> out = codeLists(t, from, to);
        List<int[]> reversed = new ArrayList<>();
        List<int[]> rot13 = new ArrayList<>();
        List<int[]> atbash = new ArrayList<>();
        List<int[]>[] caesar = null; // by shift, made at the first Caesar word
        for (int i = from; i + 1 < to; i++) {
            TurnedWord[] words = TURNED_BY_PAIR[(t[i] & 0xff) << 8 | (t[i + 1] & 0xff)];
            if (words == null) {
                continue;
            }
            for (TurnedWord word : words) {
                if (startsWith(t, i, to, word.bytes)) {
                    int[] line = line(t, from, to, i, word.bytes.length);
                    switch (word.kind) {
                        case REVERSED -> reversed.add(line);
                        case ROT13 -> rot13.add(line);
                        case ATBASH -> atbash.add(line);
                        default -> {
                            if (caesar == null) {
                                @SuppressWarnings("unchecked")
                                List<int[]>[] byShift = new List[26];
                                caesar = byShift;
                            }
                            if (caesar[word.shift] == null) {
                                caesar[word.shift] = new ArrayList<>();
                            }
                            caesar[word.shift].add(line);
                        }
                    }
                }
            }
        }
        out = lines(reversed, Kind.REVERSED, 0, out);
        out = lines(rot13, Kind.ROT13, 0, out);
        out = lines(atbash, Kind.ATBASH, 0, out);
        for (int k = 1; caesar != null && k < caesar.length; k++) {
            if (caesar[k] != null) {
                out = lines(caesar[k], Kind.CAESAR, k, out);
            }
        }
        out = wrapped(t, from, to, out);
        out = uuencoded(t, from, to, out);
        out = ascii85(t, from, to, out);
        out = codePoints(t, from, to, out);
        out = Joins.literals(t, from, to, out);
        out = Joins.cdata(t, from, to, out);
        out = Joins.folded(t, from, to, out);
        out = Joins.continued(t, from, to, out);
        out = Exotic.codes(t, from, to, out);
        out = texCarets(t, from, to, out);
        out = XmlEntities.find(t, from, to, out);
        out = Pieces.find(t, from, to, out);
        out = Dumps.find(t, from, to, out);
        out = Framings.find(t, from, to, out);
        return out == null ? List.of() : out;
    }

    /** Fewest {@code ^^xx} escapes on a line that make it a {@link Kind#TEX_CARET} candidate (the hint's count). */
    static final int MIN_TEX_CARETS = 3;
    private static final byte[] TEX_CARET = {'^', '^'};

    /**
     * The lines of {@code t[from, to)} with TeX's {@code ^^xx} notation ({@code ^^73^^6b^^5f}: two lower-case hex
     * digits after {@code ^^} are a byte): each line that holds {@value #MIN_TEX_CARETS} or more such escapes in a row
     * is a {@link Kind#TEX_CARET} candidate, read whole (its label, {@code Token: } or {@code ssn: }, stays with the
     * value; at most {@value #TURNED_BEFORE} bytes before the escapes and 16 KiB after them). A TeX document's
     * {@code ^^M} or {@code ^^I} (a control character) or a lone {@code caf^^e9} is no candidate.
     */
    private static List<Candidate> texCarets(byte[] t, int from, int to, List<Candidate> out) {
        int done = from;
        for (int i = Sniff.indexOf(t, TEX_CARET, from, to); i >= 0; i = Sniff.indexOf(t, TEX_CARET, i + 1, to)) {
            if (i < done || !texHexRun(t, i, to)) {
                continue;
            }
            int start = i;
            while (start > from && i - start < TURNED_BEFORE && t[start - 1] != '\n' && t[start - 1] != '\r') {
                start--;
            }
            int end = i;
            while (end < to && end - i < 16 * 1024 && t[end] != '\n' && t[end] != '\r') {
                end++;
            }
            out = add(out, new Candidate(start, end, Kind.TEX_CARET));
            done = end;
        }
        return out;
    }

    /** {@value #MIN_TEX_CARETS} {@code ^^xx} escapes (lower-case hex) in a row at {@code t[i]}. */
    private static boolean texHexRun(byte[] t, int i, int to) {
        for (int k = 0; k < MIN_TEX_CARETS; k++) {
            int at = i + 4 * k;
            if (at + 3 >= to || t[at] != '^' || t[at + 1] != '^' || !texHex(t[at + 2]) || !texHex(t[at + 3])) {
                return false;
            }
        }
        return true;
    }

    /** A lower-case hex digit, which is all TeX's {@code ^^xx} reads. */
    static boolean texHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f');
    }

    private static final byte[] UU_BEGIN = "begin".getBytes(StandardCharsets.US_ASCII);

    /**
     * The uuencoded blocks in {@code t[from, to)}: a {@code begin MODE NAME} line (mode three or four octal digits),
     * then the lines whose first character says how many bytes they hold ({@code M} 45) and which hold the characters
     * for as many ({@code ' '} to {@code `}), up to the first that does not (the {@code `} line before {@code end}).
     * The candidate is the encoded lines.
     */
    private static List<Candidate> uuencoded(byte[] t, int from, int to, List<Candidate> out) {
        for (int i = Sniff.indexOf(t, UU_BEGIN, from, to); i >= 0; i = Sniff.indexOf(t, UU_BEGIN, i + 1, to)) {
            int k = blanksEnd(t, i + UU_BEGIN.length, to);
            int mode = k;
            while (k < to && t[k] >= '0' && t[k] <= '7') {
                k++;
            }
            if (mode == i + UU_BEGIN.length || k - mode < 3 || k - mode > 4 || blanksEnd(t, k, to) == k) {
                continue;
            }
            int start = nextLine(t, lineEnd(t, k, to), to);
            // xxencode (uuencode's sibling, alphabet +-0-9A-Za-z): its first line is exactly as long as its count
            // character says in that alphabet, and not a uuencoded line exactly as long (uuencode's 'M' is 24 in
            // xxencode's, and xxencode's 'h' for 45 bytes is no uuencode character)
            boolean xx = start < to && xxLine(t, start, lineEnd(t, start, to))
                    && !uuLineExact(t, start, lineEnd(t, start, to));
            int end = start;
            for (int line = start; line < to; ) {
                int e = lineEnd(t, line, to);
                if (xx) {
                    if (XX_VALUE[t[line] & 0xff] <= 0 || !xxLine(t, line, e)) {
                        break;
                    }
                } else {
                    int n = (t[line] - ' ') & 0x3f;
                    if (n == 0 || e - line - 1 < (4 * n + 2) / 3 || !uuChars(t, line, e)) {
                        break;
                    }
                }
                end = e;
                line = nextLine(t, e, to);
            }
            if (end > start) {
                out = add(out, new Candidate(start, end, xx ? Kind.XXENCODE : Kind.UUENCODE));
                i = end;
            }
        }
        return out;
    }

    private static int blanksEnd(byte[] t, int i, int to) {
        while (i < to && (t[i] == ' ' || t[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** The line break or end of text at or after {@code i}. */
    private static int lineEnd(byte[] t, int i, int to) {
        while (i < to && t[i] != '\n' && t[i] != '\r') {
            i++;
        }
        return i;
    }

    /** After the line break at {@code i} ({@code to} when there is none). */
    private static int nextLine(byte[] t, int i, int to) {
        if (i < to && t[i] == '\r') {
            i++;
        }
        return i < to && t[i] == '\n' ? i + 1 : to;
    }

    private static boolean uuChars(byte[] t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (t[i] < ' ' || t[i] > '`') {
                return false;
            }
        }
        return true;
    }

    private static final byte[] A85_OPEN = {'<', '~'};
    /** Fewer Ascii85 characters than this (eight bytes) are no candidate. */
    private static final int A85_MIN = 10;

    /**
     * Ascii85 between Adobe's delimiters {@code <~} and {@code ~>} in {@code t[from, to)}: characters {@code !} to
     * {@code u}, {@code z} and white space. Without the delimiters Ascii85 is indistinguishable from punctuation-rich
     * text and is not looked for.
     */
    private static List<Candidate> ascii85(byte[] t, int from, int to, List<Candidate> out) {
        for (int i = Sniff.indexOf(t, A85_OPEN, from, to); i >= 0; i = Sniff.indexOf(t, A85_OPEN, i + 1, to)) {
            int k = i + 2;
            while (k < to && (t[k] >= '!' && t[k] <= 'u' || t[k] == 'z' || t[k] == ' ' || t[k] == '\n'
                    || t[k] == '\r' || t[k] == '\t')) {
                k++;
            }
            if (k + 1 < to && t[k] == '~' && t[k + 1] == '>' && k - (i + 2) >= A85_MIN) {
                out = add(out, new Candidate(i + 2, k, Kind.ASCII85));
                i = k;
            }
        }
        return out;
    }

    /** Longest stretch of a line read around a turned word, before it and after it. */
    static final int TURNED_BEFORE = 256;
    static final int TURNED_AFTER = 512;

    /**
     * The words of {@link CodeHints#REVERSED_WORDS} and {@link CodeHints#ROT13_WORDS} by their first two bytes: the
     * search for them is one pass over the text with a table look-up per byte (a search per word would read the text
     * once per word, some 200 times).
     */
    private static final TurnedWord[][] TURNED_BY_PAIR = new TurnedWord[1 << 16][];

    /** A turned word's bytes and what it was turned with (a Caesar form's shift, else 0). */
    private record TurnedWord(byte[] bytes, Kind kind, int shift) {
    }

    static {
        for (Kind kind : List.of(Kind.REVERSED, Kind.ROT13, Kind.ATBASH, Kind.CAESAR)) {
            List<String> forms = switch (kind) {
                case REVERSED -> CodeHints.REVERSED_WORDS;
                case ROT13 -> CodeHints.ROT13_WORDS;
                case ATBASH -> CodeHints.ATBASH_WORDS;
                default -> List.copyOf(CodeHints.CAESAR_SHIFTS.keySet());
            };
            for (String w : forms) {
                int shift = kind == Kind.CAESAR ? CodeHints.CAESAR_SHIFTS.get(w) : 0;
                TurnedWord word = new TurnedWord(w.getBytes(StandardCharsets.ISO_8859_1), kind, shift);
                int pair = (word.bytes[0] & 0xff) << 8 | (word.bytes[1] & 0xff);
                TurnedWord[] words = TURNED_BY_PAIR[pair];
                if (words == null) {
                    TURNED_BY_PAIR[pair] = new TurnedWord[] {word};
                } else {
                    TURNED_BY_PAIR[pair] = Arrays.copyOf(words, words.length + 1);
                    TURNED_BY_PAIR[pair][words.length] = word;
                }
            }
        }
    }

    /**
     * The line around a turned word at {@code at} of {@code length} bytes in {@code t[from, to)}, its printable ASCII
     * ({@link #printable}): at most {@value #TURNED_BEFORE} bytes before it and {@value #TURNED_AFTER} after it. A
     * token written backwards ends with its turned prefix, so what it hides lies before the word as much as after
     * it; a ROT13 key and its value share their line.
     */
    private static int[] line(byte[] t, int from, int to, int at, int length) {
        int start = at;
        while (start > from && at - start < TURNED_BEFORE && printable(t[start - 1])) {
            start--;
        }
        int end = at + length;
        while (end < to && end - at - length < TURNED_AFTER && printable(t[end])) {
            end++;
        }
        return new int[] {start, end};
    }

    /**
     * Printable ASCII or a tab: what a line read around a turned word is made of. It ends at a line break and at any
     * other byte (binary next to the text would make the turned line no plausible text, and the key it holds is
     * ASCII).
     */
    private static boolean printable(byte b) {
        return (b >= 0x20 && b < 0x7f) || b == '\t';
    }

    /** Adds {@code spans} (in text order) to {@code out} as {@code kind} candidates, overlapping ones as one. */
    private static List<Candidate> lines(List<int[]> spans, Kind kind, int shift, List<Candidate> out) {
        if (spans.isEmpty()) {
            return out;
        }
        int[] current = spans.get(0);
        for (int[] span : spans.subList(1, spans.size())) {
            if (span[0] <= current[1]) {
                current[1] = Math.max(current[1], span[1]); // words on one line: one candidate
            } else {
                out = add(out, new Candidate(current[0], current[1], kind, shift));
                current = span;
            }
        }
        return add(out, new Candidate(current[0], current[1], kind, shift));
    }

    private static List<Candidate> codeLists(byte[] t, int from, int to) {
        List<Candidate> out = null;
        int i = from;
        while (i < to) {
            byte b = t[i];
            boolean wordStart = i == 0 || (CLASS[t[i - 1] & 0xff] & ALNUM) == 0;
            if (wordStart && (b == '0' || b == '1')) {
                long bits = bitsEnd(t, i, to);
                if ((bits & 0xff) != 0) {
                    out = add(out, new Candidate(i, (int) (bits >>> 8), Kind.BITS));
                    i = (int) (bits >>> 8);
                    continue;
                }
            }
            int octalEnd = -1;
            if (wordStart && b >= '0' && b <= '3') {
                long octal = octalEnd(t, i, to);
                if ((octal & 0xffff) >= MIN_OCTAL) {
                    octalEnd = (int) (octal >>> 16);
                    out = add(out, new Candidate(i, octalEnd, Kind.OCTAL));
                }
            }
            if (wordStart && b >= '0' && b <= '9') {
                long list = charCodesEnd(t, i, to);
                if (octalEnd > 0) {
                    // a list of three-digit numbers may be decimal char codes as much as octal: both are read
                    if ((list & 0xff) >= MIN_RUN) {
                        out = add(out, new Candidate(i, (int) (list >>> 8), Kind.CHAR_CODES));
                    }
                    i = Math.max(octalEnd, (int) (list >>> 8));
                    continue;
                }
                int end = (int) (list >>> 8);
                if ((list & 0xff) >= MIN_RUN) {
                    out = add(out, new Candidate(i, end, Kind.CHAR_CODES));
                    i = end;
                    continue;
                }
                if ((list & 0xff) > 1) {
                    i = end; // a later number of a list too short starts one shorter still
                    continue;
                }
            }
            if (wordStart && visible(b) && i + 2 < to && t[i + 1] == ' ' && visible(t[i + 2])) {
                long spaced = spacedEnd(t, i, to);
                int end = (int) (spaced >>> 1);
                if ((spaced & 1) != 0) {
                    out = add(out, new Candidate(i, end, Kind.SPACED));
                }
                i = end;
                continue;
            }
            int separator = wordStart && visible(b) ? separatorAt(t, i + 1, to) : 0;
            if (separator > 0) {
                long run = separatedEnd(t, i, to, separator);
                int end = (int) (run >>> 1);
                if ((run & 1) != 0) {
                    out = add(out, new Candidate(i, end, Kind.SEPARATED, separator));
                }
                i = Math.max(end, i + 1);
                continue;
            }
            i++;
        }
        return out;
    }

    /** Fewest characters of a run with a separator after each ({@code s.s.n.:.1.2.3.-.4.5.-.6.7.8.9}). */
    static final int MIN_SEPARATED = 12;

    /** {@link CodeHints#SEPARATORS}' bytes, longest first (a separator {@code ", "} before {@code ","}). */
    private static final byte[][] SEPARATORS = CodeHints.SEPARATORS.stream()
            .sorted((a, b) -> b.length() - a.length()).map(s -> s.getBytes(StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);

    /** The length of the separator of {@link CodeHints#SEPARATORS} at {@code t[k]} that a visible character follows, or 0. */
    private static int separatorAt(byte[] t, int k, int to) {
        if (k >= to || (CLASS[t[k] & 0xff] & ALNUM) != 0 || t[k] == ' ' && (k + 1 >= to || t[k + 1] == ' ')) {
            return 0;
        }
        for (byte[] s : SEPARATORS) {
            if (k + s.length < to && startsWith(t, k, to, s) && visible(t[k + s.length])) {
                return s.length;
            }
        }
        return 0;
    }

    /**
     * The run starting at {@code i} with the same separator of {@code separator} bytes after every character
     * ({@code s.k._.l.i.v.e}, {@code s, k, _}, one character a line): a character (visible, or a blank when the
     * separator is none), the separator, and so on; it ends after a character no separator follows, and before one
     * a letter or digit follows (a word after the run). Returns where it ends, shifted left by one, or'ed with 1 when
     * it holds at least {@value #MIN_SEPARATED} characters.
     */
    static long separatedEnd(byte[] t, int i, int to, int separator) {
        int k = i;
        int chars = 0;
        int end;
        while (true) {
            chars++; // t[k] is a character of the run
            end = k + 1;
            int next = k + 1 + separator;
            if (next >= to || !Arrays.equals(t, k + 1, next, t, i + 1, i + 1 + separator)
                    || t[next] < ' ' || t[next] >= 0x7f) {
                break;
            }
            boolean more = next + 1 + separator <= to && Arrays.equals(t, next + 1, next + 1 + separator, t, i + 1,
                    i + 1 + separator);
            if (!more && next + 1 < to && (CLASS[t[next + 1] & 0xff] & ALNUM) != 0) {
                break; // the character starts a word after the run
            }
            k = next;
        }
        return (long) end << 1 | (chars >= MIN_SEPARATED ? 1 : 0);
    }

    /** Fewest lines of one width of a {@link Kind#WRAPPED} run, its last shorter line aside. */
    private static final int MIN_WRAPPED_LINES = 2;

    /**
     * The runs of two or more lines of one width N (2 to {@link CodeHints#MAX_WRAP} printable ASCII characters),
     * then at most one shorter line, with {@value #MIN_RUN} or more characters in all: a value wrapped every N
     * characters ({@code sk_l\nive_\nDZ2x}). Base64's own wrapping (64, 76 columns) is wider. Lines of four words
     * ({@code role\nuser\ntype\ntext}, a JSON projection) have the shape too: the decoder keeps a run only if its
     * joined text holds a word of {@link CodeHints#WRAP_WORDS} ({@link TextCodecs#unwrapped}).
     */
    static List<Candidate> wrapped(byte[] t, int from, int to, List<Candidate> out) {
        int i = from;
        while (i > 0 && i < to && t[i - 1] != '\n') {
            i++; // from the first whole line on
        }
        int runStart = -1;
        int width = 0;
        int lines = 0;
        int chars = 0;
        int runEnd = -1;
        while (i < to) {
            int e = i;
            while (e < to && t[e] >= ' ' && t[e] < 0x7f) {
                e++;
            }
            int len = e - i;
            boolean lineBreak = e < to && (t[e] == '\n' || t[e] == '\r' && e + 1 < to && t[e + 1] == '\n');
            if (runStart >= 0 && len == width) {
                lines++;
                chars += len;
                runEnd = e;
            } else {
                boolean qualifies = runStart >= 0 && lines >= MIN_WRAPPED_LINES;
                boolean lastShort = qualifies && len > 0 && len < width;
                if (qualifies && chars + (lastShort ? len : 0) >= MIN_RUN) {
                    out = add(out, new Candidate(runStart, lastShort ? e : runEnd, Kind.WRAPPED, width));
                }
                runStart = -1;
                if (!lastShort && len >= 2 && len <= CodeHints.MAX_WRAP && lineBreak) {
                    runStart = i;
                    width = len;
                    lines = 1;
                    chars = len;
                    runEnd = e;
                }
            }
            if (!lineBreak) {
                if (runStart >= 0 && lines >= MIN_WRAPPED_LINES && chars >= MIN_RUN) {
                    out = add(out, new Candidate(runStart, runEnd, Kind.WRAPPED, width));
                }
                runStart = -1;
                // past the line's end (a control byte or the text's end) to the next line
                while (e < to && t[e] != '\n') {
                    e++;
                }
                i = e + 1;
                continue;
            }
            i = t[e] == '\r' ? e + 2 : e + 1;
        }
        if (runStart >= 0 && lines >= MIN_WRAPPED_LINES && chars >= MIN_RUN) {
            out = add(out, new Candidate(runStart, runEnd, Kind.WRAPPED, width));
        }
        return out;
    }

    /** Bytes between the numbers of a char-code list: {@code 103, 104}, {@code [103,104]}, one a line. */
    private static final boolean[] LIST_SEPARATOR = new boolean[256];

    static {
        for (char c : ", \t\r\n;".toCharArray()) {
            LIST_SEPARATOR[c] = true;
        }
    }

    /**
     * Whether the list at {@code i} is a byte array in code that starts with a compressed file's magic
     * ({@link #HEX_MAGIC}): Go's {@code []byte{0x1f, 0x8b, 0x08, ...}}, a C array, Java's
     * {@code (byte)0x1f, (byte)0x8b}. Such a list holds any byte, not only char codes: the graph decompresses it. Reads
     * at most the first six numbers.
     */
    private static boolean byteListStartsWithMagic(byte[] t, int i, int to) {
        if (i + 2 >= to || t[i] != '0' || (t[i + 1] | 0x20) != 'x') {
            return false;
        }
        byte[] hex = new byte[12];
        int n = 0;
        int k = i;
        while (n < hex.length && k + 2 < to && t[k] == '0' && (t[k + 1] | 0x20) == 'x' && hexAt(t, k + 2, to)) {
            boolean two = hexAt(t, k + 3, to);
            hex[n++] = two ? (byte) (t[k + 2] | 0x20) : (byte) '0';
            hex[n++] = (byte) (t[two ? k + 3 : k + 2] | 0x20);
            k += two ? 4 : 3;
            int next = separatorEnd(t, k, to);
            if (next < 0) {
                break;
            }
            k = next;
        }
        for (byte[] m : HEX_MAGIC) {
            if (m.length <= n && Arrays.equals(hex, 0, m.length, m, 0, m.length)) {
                return true;
            }
        }
        return false;
    }

    /** A char code: a tab, a line break or a printable ASCII character. */
    static boolean charCode(int v) {
        return (v >= 32 && v <= 126) || v == 9 || v == 10 || v == 13;
    }

    /**
     * The list of char codes starting at {@code i} ({@code String.fromCharCode(103, 104, ...)},
     * {@code bytes([103, 104, ...])}, a JSON array of them, one a line, a C array {@code {0x67, 0x68, ...}}): decimal
     * numbers of one to three digits or {@code 0x} and one or two hex digits, each a
     * {@link #charCode}, separated by one to four {@link #LIST_SEPARATOR} bytes or calls
     * ({@code chr(103) + chr(104)}, SQL's {@code CHAR(103)+CHAR(104)}), the same all along the list. Returns where
     * the list ends, shifted
     * left by 8, or'ed with how many numbers it holds (at most 255; {@value #MIN_RUN} make a candidate).
     */
    static long charCodesEnd(byte[] t, int i, int to) {
        boolean binary = byteListStartsWithMagic(t, i, to);
        int k = i;
        int numbers = 0;
        int end = i;
        int separator = -1;
        int separatorLength = 0;
        while (true) {
            int v = 0;
            int digits = 0;
            int max = 3;
            int radix = 10;
            if (k + 2 < to && t[k] == '0' && (t[k + 1] == 'x' || t[k + 1] == 'X') && hexAt(t, k + 2, to)) {
                k += 2;
                max = 2;
                radix = 16;
            }
            int d;
            while (k < to && digits <= max && (d = Character.digit(t[k], radix)) >= 0) {
                v = v * radix + d;
                k++;
                digits++;
            }
            if (digits == 0 || digits > max || !(charCode(v) || (binary && radix == 16))
                    || (k < to && (CLASS[t[k] & 0xff] & ALNUM) != 0)) {
                break;
            }
            numbers++;
            end = k;
            int next = separatorEnd(t, k, to);
            if (next < 0) {
                break;
            }
            if (separator < 0) {
                separator = k;
                separatorLength = next - k;
            } else if (!Arrays.equals(t, k, next, t, separator, separator + separatorLength)) {
                break; // "..., 55, 52 100%": a list keeps its separator; a number after another one is prose
            }
            k = next;
        }
        return (long) Math.max(end, i + 1) << 8 | Math.min(numbers, 255);
    }

    /**
     * End of the separator at {@code k} between two char codes, or -1: one to four {@link #LIST_SEPARATOR} bytes, or
     * a call's {@code ) + chr(} ({@code Chr}, {@code CHAR}, {@code char}; joined by {@code +}, {@code &},
     * {@code ||}, {@code ,} or PHP's {@code .}).
     */
    private static int separatorEnd(byte[] t, int k, int to) {
        int j = k;
        while (j < to && j - k < 5 && LIST_SEPARATOR[t[j] & 0xff]) {
            j++;
        }
        if (j > k && j - k <= 4) {
            return castEnd(t, j, to); // Java's byte array: 0x1f, (byte)0x8b
        }
        if (k >= to || t[k] != ')') {
            return -1;
        }
        j = k + 1;
        while (j < to && j - k < 6 && (LIST_SEPARATOR[t[j] & 0xff] || t[j] == '+' || t[j] == '&' || t[j] == '|'
                || t[j] == '.')) {
            j++;
        }
        int name = j;
        while (j < to && j - name < 4 && (t[j] | 0x20) >= 'a' && (t[j] | 0x20) <= 'z') {
            j++;
        }
        boolean call = (j - name == 3 || j - name == 4) && (t[name] | 0x20) == 'c' && (t[name + 1] | 0x20) == 'h'
                && (j - name == 3 || (t[name + 2] | 0x20) == 'a') && (t[j - 1] | 0x20) == 'r';
        return call && j < to && t[j] == '(' ? j + 1 : -1; // chr( or char(, in any case
    }

    private static final byte[] BYTE_CAST = "(byte)".getBytes(StandardCharsets.US_ASCII);

    /** After a {@code (byte)} cast at {@code j}, or {@code j} when there is none. */
    private static int castEnd(byte[] t, int j, int to) {
        return j + BYTE_CAST.length < to && Arrays.equals(t, j, j + BYTE_CAST.length, BYTE_CAST, 0, BYTE_CAST.length)
                ? j + BYTE_CAST.length : j;
    }

    private static boolean visible(byte b) {
        return b > ' ' && b < 0x7f;
    }

    /**
     * The spaced-out text starting at {@code i} ({@code g h p _ 1 2 3}: visible ASCII characters one space apart,
     * three spaces between words). Returns where it ends, shifted left by one, or'ed with 1 when it holds at least
     * {@value #MIN_RUN} characters (a candidate).
     */
    static long spacedEnd(byte[] t, int i, int to) {
        int k = i;
        int chars = 0;
        int end;
        while (true) {
            chars++; // t[k] is a character of the run
            end = k + 1;
            if (k + 1 < to && visible(t[k + 1])) {
                break; // punctuation glued to the last character: k = 'abc';
            }
            int gap = 0;
            while (k + 1 + gap < to && gap < 3 && t[k + 1 + gap] == ' ') {
                gap++;
            }
            int next = k + 1 + gap;
            if ((gap != 1 && gap != 3) || next >= to || !visible(t[next])
                    || (next + 1 < to && (CLASS[t[next + 1] & 0xff] & ALNUM) != 0)) {
                break; // no character one or three spaces on, or it starts a word after the run
            }
            chars += gap == 3 ? 1 : 0; // the space between two words
            k = next;
        }
        return (long) end << 1 | (chars >= MIN_RUN ? 1 : 0);
    }

    /** Back from {@code at} to the start of its white-space-delimited token. */
    private static int tokenStart(byte[] t, int from, int at) {
        int i = at;
        while (i > from && !space(t[i - 1])) {
            i--;
        }
        return i;
    }

    /** On from {@code at} to the end of its white-space-delimited token. */
    private static int tokenEnd(byte[] t, int at, int to) {
        int i = at;
        while (i < to && !space(t[i])) {
            i++;
        }
        return i;
    }

    private static boolean space(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
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
        int width = -1; // of the first line, once a line break was joined: wrapped lines all have it but the last
        int lines = 1;
        int firstLineEnd = -1;
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
            // A line break written as a JSON or source escape (\r\n, \n): base64 wrapped by MIME, then put in a
            // JSON string that was not parsed (a string inside a string). Read as a line break, so the escape's
            // letters, which are base64 characters, do not join the run; k ends on the escape's n like on '\n'.
            int escaped = escapedBreakEnd(t, j, to);
            if (escaped > 0) {
                k = escaped - 1;
            }
            boolean lineBreak = t[k] == '\n' || (escaped > 0 && !onlyHex); // hex's decoder reads no escapes
            // Joined only as an encoder wraps: every line as wide as the first, the last no wider. A label that
            // happens to be all alphabet (application/gzip) before a longer base64 line is not part of it, nor is
            // one that mixes the two alphabets' extra characters (Content-Transfer-Encoding/base64), which no
            // base64 line does.
            // Hex is wrapped at any even width (xxd -p -c 31: 62 columns): such a line is joined only to a line of
            // hex alone, which keeps the run hex.
            if (lineBreak && line >= MIN_RUN && k + 1 < to && CLASS[t[k + 1] & 0xff] != 0
                    && (width < 0 || line == width) && (seen & (STD | URL)) != (STD | URL)
                    && (line % 4 == 0 ? lineLength(t, k + 1, to, line) <= line
                    : onlyHex && line % 2 == 0 && line >= TextCodecs.MIN_HEX_WRAP
                    && hexLineLength(t, k + 1, to, line) <= line)) {
                width = line;
                beforeLastLine = classify(j, j, chars, seen, onlyHex);
                if (firstLineEnd < 0) {
                    firstLineEnd = j;
                }
                lines++;
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
        long r = (whole & 0xff) == 0 && (beforeLastLine & 0xff) != 0 ? beforeLastLine : whole;
        int kind = (int) (r & 0xff);
        if (kind == 1 && !hexLooksLikeText(t, i, (int) (r >>> 8)) && !Xor.hexMayBe(t, i, (int) (r >>> 8))) {
            kind = 0;
        }
        if (kind == 2 && !base64LooksLikeText(t, i, (int) (r >>> 8)) && !Xor.base64MayBe(t, i, (int) (r >>> 8))) {
            kind = 0;
        }
        if (kind == 0 && lines == 2) {
            // A word on the line before a base64 line (payload_base64_follows_here\n<run>) is read as a wrapped
            // run's first line and spoils it: the scan goes on after that line, where the run is read on its own.
            return (long) firstLineEnd << 8;
        }
        return kind == 0 ? r & ~0xffL : r;
    }

    /**
     * The end of a line break written as an escape at {@code j}, {@code \r\n} or {@code \n} (backslash and letter),
     * or -1.
     */
    static int escapedBreakEnd(byte[] t, int j, int to) {
        if (j + 1 >= to || t[j] != '\\') {
            return -1;
        }
        if (t[j + 1] == 'n') {
            return j + 2;
        }
        return t[j + 1] == 'r' && j + 3 < to && t[j + 2] == '\\' && t[j + 3] == 'n' ? j + 4 : -1;
    }

    /**
     * Hex digits from {@code from} on, counted up to {@code limit + 1}, when they make the whole line (what follows
     * is no alphabet character); {@code limit + 1} (wider) otherwise.
     */
    private static int hexLineLength(byte[] t, int from, int to, int limit) {
        int n = 0;
        while (from + n < to && n <= limit && (CLASS[t[from + n] & 0xff] & HEX) != 0) {
            n++;
        }
        return from + n < to && CLASS[t[from + n] & 0xff] != 0 ? limit + 1 : n;
    }

    /** Alphabet characters from {@code from} on, counted up to {@code limit + 1} (enough to say "wider"). */
    private static int lineLength(byte[] t, int from, int to, int limit) {
        int n = 0;
        while (from + n < to && n <= limit && CLASS[t[from + n] & 0xff] != 0) {
            n++;
        }
        return n;
    }

    /**
     * The entropy part of the shape test for hex: text's bytes have a high nibble of 2 to 7 (ASCII) or 8 to f
     * (UTF-8), rarely 0 or 1 (control characters); a digest's nibbles are uniform. At least 7 in 8 high nibbles
     * must be 2 to f. Hex that starts with the magic of a compressed file or archive the graph opens
     * ({@link #HEX_MAGIC}) passes too: binary written as hex (a bytea column, a SQL {@code 0x} literal, {@code xxd -p})
     * is as often gzip as text, and the graph decompresses it and reads what is inside.
     */
    private static boolean hexLooksLikeText(byte[] t, int from, int to) {
        if (hexStartsWithMagic(t, from, to)) {
            return true;
        }
        int pairs = 0;
        int control = 0;
        int ascii = 0;
        for (int i = from; i + 1 < to; ) {
            byte hi = t[i];
            if (hi == '0' || hi == '1') {
                control++;
            } else if (hi >= '2' && hi <= '7') {
                ascii++;
            }
            pairs++;
            i = afterPair(t, i + 2, to);
            if (pairs - ascii > ascii + (to - i) / 2) {
                return hexLooksLikeEbcdic(t, from, to); // even if every pair left were ASCII, fewer than half would be
            }
        }
        return control * 8 <= pairs && ascii * 2 >= pairs || hexLooksLikeEbcdic(t, from, to);
    }

    /**
     * Hex of the magic of gzip, bzip2, xz, zip, 7z and zlib (its usual first bytes 78 01, 78 5e, 78 9c, 78 da), lower
     * case; a hex run starting with one is decoded ({@link #hexStartsWithMagic}). Two bytes of zlib magic in a random
     * digest's hex happen 4 times in 65,536: such a run decodes, fails zlib's header check or inflation, and is dropped.
     */
    private static final byte[][] HEX_MAGIC = magic("1f8b08", "425a68", "fd377a585a00", "504b0304", "377abcaf271c",
        "7801", "785e", "789c", "78da");

    /** Whether the hex run {@code t[from, to)} (16 or more digits) starts with one of {@link #HEX_MAGIC}, either case. */
    static boolean hexStartsWithMagic(byte[] t, int from, int to) {
        if (to - from < 16) {
            return false;
        }
        for (byte[] m : HEX_MAGIC) {
            int k = 0;
            while (k < m.length && (t[from + k] | 0x20) == m[k]) {
                k++;
            }
            if (k == m.length) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the pair after {@code i} starts: past one delimiter, or a line break ({@code \n}, {@code \r\n}) and
     * the space that starts an {@code od -An} line after it.
     */
    private static int afterPair(byte[] t, int i, int to) {
        if (i >= to || (CLASS[t[i] & 0xff] & HEX) != 0) {
            return i;
        }
        if (t[i] == '\r' && i + 1 < to && t[i + 1] == '\n') {
            i++;
        }
        if (t[i] == '\n' && i + 1 < to && t[i + 1] == ' ') {
            i++;
        }
        return i + 1;
    }

    /**
     * Whether hex {@code t[from, to)} (pairs, one delimiter allowed between them) is EBCDIC text's hex: at least 8
     * pairs, and three in four of them a byte of {@link #EBCDIC_TEXT} (a letter, a digit, space or {@code . - / _ : =}).
     * A digest's bytes are such a byte 27 % of the time; it fails within a few pairs. {@link ForeignText} decides.
     */
    private static boolean hexLooksLikeEbcdic(byte[] t, int from, int to) {
        int pairs = 0;
        int other = 0;
        int all = (to - from) / 2; // pairs at most
        for (int i = from; i + 1 < to; ) {
            int hi = Character.digit(t[i], 16);
            int lo = Character.digit(t[i + 1], 16);
            if (hi < 0 || lo < 0) {
                return false;
            }
            pairs++;
            if (!EBCDIC_TEXT[hi << 4 | lo]) {
                other++;
                if (other * 4 > Math.max(all, pairs)) {
                    return false;
                }
            }
            i = afterPair(t, i + 2, to);
        }
        return pairs >= 8 && other * 4 <= pairs;
    }

    /** EBCDIC (IBM037, IBM500, IBM1047 alike) letters, digits, space and {@code . - / _ : =}, by byte. */
    private static final boolean[] EBCDIC_TEXT = new boolean[256];

    static {
        int[][] ranges = {{0x81, 0x89}, {0x91, 0x99}, {0xa2, 0xa9}, {0xc1, 0xc9}, {0xd1, 0xd9}, {0xe2, 0xe9},
            {0xf0, 0xf9}};
        for (int[] r : ranges) {
            for (int b = r[0]; b <= r[1]; b++) {
                EBCDIC_TEXT[b] = true;
            }
        }
        for (int b : new int[] {0x40, 0x4b, 0x60, 0x61, 0x6d, 0x7a, 0x7e}) {
            EBCDIC_TEXT[b] = true;
        }
    }

    /**
     * Whether base64 {@code t[from, to)} of {@code values} characters is EBCDIC text's base64: at least 4 whole
     * quads, and three in four of them with a first byte of {@link #EBCDIC_TEXT}, a second whose high nibble such a
     * byte has and a third of 0x40 or more (random bytes: one quad in eight). Tried only when the run does not look
     * like ASCII text's base64.
     */
    private static boolean base64LooksLikeEbcdic(byte[] t, int from, int to, int values) {
        int allQuads = values / 4;
        if (allQuads < 4) {
            return false;
        }
        int quads = 0;
        int other = 0;
        int q = 0;
        int v0 = 0;
        int v1 = 0;
        for (int i = from; i < to; i++) {
            int v = VALUE[t[i] & 0xff];
            if (v < 0) {
                continue;
            }
            switch (q) {
                case 0 -> v0 = v;
                case 1 -> v1 = v;
                case 2 -> {
                    quads++;
                    int b0 = v0 << 2 | v1 >> 4;
                    int hi1 = v1 & 15;
                    if (!EBCDIC_TEXT[b0] || hi1 < 4 || hi1 == 5 || hi1 == 0xb || (v & 3) == 0) {
                        other++;
                        if (other * 4 > allQuads) {
                            return false;
                        }
                    }
                }
                default -> {
                }
            }
            q = (q + 1) & 3;
        }
        return quads >= 4 && other * 4 <= quads;
    }

    /**
     * The shape and entropy test for base32 of one letter case in one of its alphabets ({@link #B32_RFC} RFC 4648
     * {@code A-Z2-7}, {@link #B32_HEX} RFC 4648 base32hex {@code 0-9A-V}, {@link #B32_CROCKFORD} Crockford's
     * {@code 0-9A-Z} without {@code I L O U}): each group of eight characters of ASCII text's base32 starts with a
     * value of 4 to 15 (a first byte of 0x20-0x7f), its second character has low bits 00 or 01 (the next byte's top
     * bits) and its fifth an even value (the fourth byte's top bit clear); random bytes give such a group 9% of the
     * time. At least half the whole groups must look like text in some alphabet that holds every character.
     */
    static boolean base32LooksLikeText(byte[] t, int from, int to, int seen) {
        if (to - from < MIN_RUN || (seen & (STD | URL)) != 0 || ((seen & UPPER) != 0) == ((seen & LOWER) != 0)) {
            return false;
        }
        return base32Alphabet(t, from, to) >= 0;
    }

    static final int B32_RFC = 0;
    static final int B32_HEX = 1;
    static final int B32_CROCKFORD = 2;
    static final String[] B32_ALPHABETS = {"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "0123456789ABCDEFGHIJKLMNOPQRSTUV",
        "0123456789ABCDEFGHJKMNPQRSTVWXYZ"};
    /** Per alphabet, the value of each character (either case), or -1. */
    private static final byte[][] B32_VALUE = new byte[3][256];

    static {
        for (int a = 0; a < 3; a++) {
            Arrays.fill(B32_VALUE[a], (byte) -1);
            for (int v = 0; v < 32; v++) {
                char c = B32_ALPHABETS[a].charAt(v);
                B32_VALUE[a][c] = (byte) v;
                B32_VALUE[a][Character.toLowerCase(c)] = (byte) v;
            }
        }
    }

    /**
     * The first base32 alphabet ({@link #B32_RFC}, {@link #B32_HEX}, {@link #B32_CROCKFORD}) that holds every
     * character of {@code t[from, to)} and in which at least half its groups look like text, or -1.
     */
    static int base32Alphabet(byte[] t, int from, int to) {
        for (int a = 0; a < 3; a++) {
            if (base32Texty(t, from, to, B32_VALUE[a])) {
                return a;
            }
        }
        return -1;
    }

    /** Whether every character has a value in {@code value} and at least half the groups look like text. */
    private static boolean base32Texty(byte[] t, int from, int to, byte[] value) {
        int groups = 0;
        int texty = 0;
        for (int g = from; g + 8 <= to; g += 8) {
            groups++;
            int v0 = value[t[g] & 0xff];
            int v1 = value[t[g + 1] & 0xff];
            int v4 = value[t[g + 4] & 0xff];
            texty += v0 >= 4 && v0 <= 15 && (v1 & 3) <= 1 && (v4 & 1) == 0 ? 1 : 0;
        }
        if (texty * 2 < groups) {
            return false;
        }
        boolean beyondHex = value == B32_VALUE[B32_RFC];
        for (int k = from; k < to; k++) {
            int v = value[t[k] & 0xff];
            if (v < 0) {
                return false;
            }
            beyondHex |= v >= 16;
        }
        return beyondHex; // base32hex and Crockford of text hold letters after F; a hex digest holds none
    }

    /** The value of a base32 character of either case in alphabet {@code alphabet}, or -1. */
    static int base32(int alphabet, byte b) {
        return B32_VALUE[alphabet][b & 0xff];
    }

    /** The value of an RFC 4648 base32 character of either case, or -1 (for 0, 1, 8, 9, and anything else). */
    static int base32(byte b) {
        return base32(B32_RFC, b);
    }

    /** Longest base58 run decoded (the arithmetic is quadratic in the length). */
    static final int MAX_BASE58 = 1024;
    /** Shortest base58 run decoded: 14 bytes or more. */
    static final int MIN_BASE58 = 20;

    /**
     * The shape test for Bitcoin base58 ({@link dev.sieve.dlp.validate.Base58}): a run of {@value #MIN_BASE58} to
     * {@value #MAX_BASE58} characters without {@code 0 O I l} (and without {@code + / - _}, which the caller checked),
     * with both letter cases, that is not base64 of text (the caller tried that first). Base58 is one big
     * number, with no group to test for text: the decoder's {@link Plausible} test decides, and a run of 20+ base58
     * characters is rare in agent JSON (ids carry {@code _} or {@code -}, digests are hex).
     */
    static boolean base58LooksLikeText(byte[] t, int from, int to) {
        if (to - from < MIN_BASE58 || to - from > MAX_BASE58) {
            return false;
        }
        for (int k = from; k < to; k++) {
            byte b = t[k];
            if (b == '0' || b == 'O' || b == 'I' || b == 'l') {
                return false;
            }
        }
        return true;
    }

    /**
     * Magic of files the graph decodes (gzip, zlib, PDF, PNG, JPEG, GIF, zip; xz, 7z, bzip2 and lzma with its usual
     * properties byte 0x5d; lz4, SQLite) as base64.
     */
    private static final byte[][] BASE64_MAGIC = magic("H4sI", "eJ", "eN", "eA", "eF", "JVBER", "iVBOR", "/9j/",
        "R0lGOD", "UEsDB", "UEsFB", "/Td6WFo", "N3q8ryc", "Qlpo", "XQAA",
        // an lz4 frame, an SQLite database
        "BCJNG", "U1FMaXRlIGZvcm1hdCAz");

    private static byte[][] magic(String... prefixes) {
        byte[][] out = new byte[prefixes.length][];
        for (int k = 0; k < prefixes.length; k++) {
            out[k] = prefixes[k].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    /**
     * The entropy part of the shape test for base64: a quad of base64 for ASCII text has its first character in
     * {@code I-Z a-f} (a top byte of 0x20-0x7f), its second with a low 4 bits of 2 to 7 and its third with a low 2
     * bits of 0 or 1; random bytes (what an id or a hash is) give such quads 7% of the time. At least half the
     * quads must look like text (or like UTF-16LE ASCII text, whose quads alternate between bytes {@code c 0 c} and
     * {@code 0 c 0}), or the run must start with the base64 of a magic the graph decodes.
     */
    private static boolean base64LooksLikeText(byte[] t, int from, int to) {
        int values = 0;
        for (int i = from; i < to; i++) {
            if (t[i] == '\\' && escapedBreakEnd(t, i, to) > 0) {
                i = escapedBreakEnd(t, i, to) - 1; // an escaped line break (run joins them)
                continue;
            }
            values += VALUE[t[i] & 0xff] >= 0 ? 1 : 0;
        }
        return base64LooksLikeText(t, from, to, values);
    }

    /**
     * {@link #base64LooksLikeText(byte[], int, int)} knowing how many base64 characters the run holds. A run whose
     * quads do not look like text may still be raw DEFLATE of text, which has no magic: its first block's header is
     * read ({@link RawDeflate}).
     */
    private static boolean base64LooksLikeText(byte[] t, int from, int to, int values) {
        return base64QuadsLookLikeText(t, from, to, values) || base64MayBeRawDeflate(t, from, to, values)
                || base64LooksLikeEbcdic(t, from, to, values);
    }

    /**
     * Whether the base64 run {@code t[from, to)} of {@code values} characters may be raw DEFLATE of text: it holds an
     * upper-case letter, a lower-case one and a digit (compressed bytes are close to random, and a run of 22 or more
     * random base64 characters lacks one of them 2 % of the time; paths, identifiers and hex digests lack one), and
     * its first bytes pass {@link RawDeflate#mayStartWith}.
     */
    static boolean base64MayBeRawDeflate(byte[] t, int from, int to, int values) {
        if (values / 4 * 3 < RawDeflate.MIN_BYTES) {
            return false;
        }
        int v0 = VALUE[t[from] & 0xff];
        int v1 = VALUE[t[from + 1] & 0xff];
        int v2 = VALUE[t[from + 2] & 0xff];
        if ((v0 | v1 | v2) >= 0 && !RawDeflate.firstBytesMayStart(v0 << 2 | v1 >> 4, (v1 & 15) << 4 | v2 >> 2)) {
            return false;
        }
        int seen = 0;
        for (int i = from; i < to && seen != (UPPER | LOWER | DIGIT); i++) {
            seen |= MIXED[t[i] & 0xff];
        }
        return seen == (UPPER | LOWER | DIGIT) && RawDeflate.base64MayStartWith(t, from, to);
    }

    /** The value of base64 or base64url character {@code b}, or -1. */
    static int base64Value(byte b) {
        return VALUE[b & 0xff];
    }

    private static final byte DIGIT = 64;
    /** {@link #UPPER}, {@link #LOWER} or {@link #DIGIT} by character. */
    private static final byte[] MIXED = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            MIXED[c] = (byte) (CLASS[c] & (UPPER | LOWER));
        }
        for (int c = '0'; c <= '9'; c++) {
            MIXED[c] = DIGIT;
        }
    }

    // ---- base64 written backwards ----

    /**
     * Whether the run {@code t[i, j)} (of {@code seen} classes, not base64 of text read forwards) is base64 written
     * backwards ({@code ==wZU50N...}: its padding first): both letter cases, one alphabet, and its quads read from
     * the end look like the base64 of text ({@link #base64QuadsLookLikeText}). A {@link Kind#REVERSED} candidate: the
     * {@code reversed} layer's text is the base64 the graph then decodes ({@code |reversed|base64}). The test reads
     * the run once and allocates nothing; a random id or hash fails it within a few quads.
     */
    private static boolean reversedBase64(byte[] t, int from, int i, int j, int seen) {
        if ((seen & UPPER) == 0 || (seen & LOWER) == 0 || ((seen & STD) != 0 && (seen & URL) != 0)) {
            return false;
        }
        return (j - paddingStart(t, from, i, j)) % 4 == 0 && base64QuadsLookLikeText(t, i, j, j - i, true);
    }

    /**
     * Whether the run {@code t[i, j)} is a big integer in hex, {@code 0x} and {@value #MIN_RUN} or more hex digits
     * (Python's {@code hex(int.from_bytes(s, 'big'))}), an even number of them (text's first byte is 0x20 or more:
     * no leading zero is dropped) that look like text's hex. A constant or an address in code is seldom that long,
     * and its hex is no text.
     */
    private static boolean hexInteger(byte[] t, int i, int j) {
        if (j - i - 2 < MIN_RUN || (j - i) % 2 != 0 || t[i] != '0' || (t[i + 1] != 'x' && t[i + 1] != 'X')) {
            return false;
        }
        return hexDigitsLookLikeText(t, i + 2, j);
    }

    /**
     * Whether the run {@code t[i, j)} is {@code x} and the hex of text or of a compressed file after a backslash:
     * PostgreSQL's bytea output ({@code \x1f8b0800...}, {@code \\x} when JSON escapes it, a {@code COPY} row).
     * The {@code x} is glued to the hex digits, so the run is not hex by itself; the candidate starts after it.
     */
    private static boolean byteaHex(byte[] t, int from, int i, int j) {
        return i > from && t[i - 1] == '\\' && t[i] == 'x' && j - i - 1 >= MIN_RUN && (j - i - 1) % 2 == 0
                && hexDigitsLookLikeText(t, i + 1, j);
    }

    private static boolean hexDigitsLookLikeText(byte[] t, int from, int to) {
        for (int k = from; k < to; k++) {
            if ((CLASS[t[k] & 0xff] & HEX) == 0) {
                return false;
            }
        }
        return hexLooksLikeText(t, from, to);
    }

    /**
     * How many characters glued before the base64 run {@code t[i, j)} (its padding up to {@code end}) make it
     * misaligned ({@code Q} + base64 of text), or 0: a padded run whose length is no whole number of quads, or an
     * unpadded one of 4n+1 characters (no base64 length), with both letter cases, whose quads look like text from
     * that offset on. Only for runs that did not look like text from their start, so the cost is one more test of
     * the few runs that fail the first within a few quads.
     */
    private static int misalignedBase64(byte[] t, int i, int j, int end, int seen) {
        if ((seen & UPPER) == 0 || (seen & LOWER) == 0 || ((seen & STD) != 0 && (seen & URL) != 0)) {
            return 0;
        }
        int k = end > j ? (end - i) % 4 : (j - i) % 4 == 1 ? 1 : 0;
        return k > 0 && j - i - k >= MIN_RUN && base64QuadsLookLikeText(t, i + k, end, j - i - k) ? k : 0;
    }

    /**
     * Where the {@code =} padding (at most two) written before a backwards base64 run {@code t[i, j)} starts: the
     * {@code =} that make whole quads with the run. An {@code =} before a run that is whole quads without it is no
     * padding but an assignment glued to it ({@code x=3IzL0AD...}), and stays out.
     */
    private static int paddingStart(byte[] t, int from, int i, int j) {
        int s = i;
        while (s > from && i - s < 2 && t[s - 1] == '=') {
            s--;
        }
        while (s < i && (j - s) % 4 != 0) {
            s++;
        }
        return s;
    }

    private static boolean base64QuadsLookLikeText(byte[] t, int from, int to, int values) {
        return base64QuadsLookLikeText(t, from, to, values, false);
    }

    /** The quad test, the run read from its end when {@code backwards}. */
    private static boolean base64QuadsLookLikeText(byte[] t, int from, int to, int values, boolean backwards) {
        for (byte[] magic : BASE64_MAGIC) {
            if (!backwards && t[from] == magic[0] && startsWith(t, from, to, magic)) {
                return true;
            }
        }
        int allQuads = (values + 1) / 4; // a quad is counted at its third character
        int quads = 0;
        int texty = 0;
        int texty16 = 0;
        int zero32 = 0;
        int q = 0;
        int v0 = 0;
        int v1 = 0;
        for (int i = from; i < to; i++) {
            if (!backwards && t[i] == '\\' && escapedBreakEnd(t, i, to) > 0) {
                i = escapedBreakEnd(t, i, to) - 1; // a line break written as an escape: its letters are no data
                continue;
            }
            int v = VALUE[t[backwards ? to - 1 - (i - from) : i] & 0xff];
            if (v < 0) {
                continue; // line break or padding
            }
            switch (q) {
                case 0 -> v0 = v;
                case 1 -> v1 = v;
                case 2 -> {
                    quads++;
                    if (v0 >= 8 && v0 <= 31 && (v1 & 15) >= 2 && (v1 & 15) <= 7 && (v & 3) <= 1) {
                        texty++;
                    } else if ((v0 >= 8 && v0 <= 31 && (v1 & 15) == 0 && v <= 1)
                            || (v0 == 0 && v1 >= 2 && v1 <= 7 && (v & 3) == 0)) {
                        texty16++; // UTF-16LE ASCII (PowerShell -EncodedCommand): bytes c 0 c, or 0 c 0
                    } else if (v0 == 0 && v1 == 0 && v <= 1) {
                        zero32++; // UTF-32 ASCII's other quads: bytes 0 0 c, 0 0 0
                    } else if ((quads - texty) * 2 > allQuads && (quads - texty16) * 2 > allQuads
                            && (quads - texty16 - zero32) * 8 > allQuads) {
                        return false; // more than half the quads cannot look like text any more
                    }
                }
                default -> {
                }
            }
            q = (q + 1) & 3;
        }
        // UTF-32 ASCII: its quads are c 0 0, 0 c 0 (as UTF-16's), 0 0 c and 0 0 0 in turn; an array of small
        // integers has no c 0 0 or 0 c 0 with c a character
        return texty * 2 >= quads || texty16 * 2 >= quads || texty16 * 3 >= quads && (texty16 + zero32) * 8 >= quads * 7;
    }

    private static boolean startsWith(byte[] t, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (t[from + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static final int[] VALUE = new int[256];

    static {
        java.util.Arrays.fill(VALUE, -1);
        String std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int k = 0; k < 64; k++) {
            VALUE[std.charAt(k)] = k;
        }
        VALUE['-'] = 62;
        VALUE['_'] = 63;
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
        int line = 0;
        int width = -1; // pairs a line, once a line break was joined (od -An -tx1: sixteen)
        while (hexAt(t, k, to) && hexAt(t, k + 1, to)) {
            pairs++;
            line++;
            k += 2;
            if (k + 2 < to && t[k] == d && hexAt(t, k + 1, to) && hexAt(t, k + 2, to)) {
                k++;
            } else if (d == ' ' && line >= MIN_HEX_PAIRS && (width < 0 || line == width)
                    && (k >= to || (CLASS[t[k] & 0xff] & ALNUM) == 0)) {
                int next = spacedHexLine(t, k, to, line);
                if (next < 0) {
                    break;
                }
                width = line;
                line = 0;
                k = next;
            } else {
                break;
            }
        }
        if (pairs < MIN_HEX_PAIRS || (k < to && (CLASS[t[k] & 0xff] & ALNUM) != 0)) {
            return -1;
        }
        return k;
    }

    /**
     * Where the next line of a space-delimited hex dump starts ({@code od -An -tx1 -v}: a space before each of
     * sixteen pairs), when the break at {@code k} ({@code \n} or {@code \r\n}) is followed by such a line of at
     * most {@code width} pairs; -1 otherwise. Lines so joined read as one run: a value across a line's end is whole.
     */
    private static int spacedHexLine(byte[] t, int k, int to, int width) {
        int b = k;
        if (b < to && t[b] == '\r') {
            b++;
        }
        if (b >= to || t[b] != '\n' || b + 3 >= to || t[b + 1] != ' ' || !hexAt(t, b + 2, to)
                || !hexAt(t, b + 3, to)) {
            return -1;
        }
        int at = b + 2;
        int n = 0;
        while (at + 1 < to && hexAt(t, at, to) && hexAt(t, at + 1, to) && n <= width) {
            n++;
            at += 2;
            if (at < to && t[at] == ' ' && at + 2 < to && hexAt(t, at + 1, to) && hexAt(t, at + 2, to)) {
                at++;
            } else {
                break;
            }
        }
        return n > width || (at < to && (CLASS[t[at] & 0xff] & ALNUM) != 0) ? -1 : b + 2;
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

    static boolean entityAt(byte[] t, int i, int to) {
        return entityEnd(t, i, to) > 0;
    }

    /** End (after {@code ;}) of {@code &#digits;}, {@code &#xhex;} or {@code &letters;} at {@code i}, or -1 (the
     * name is checked when decoding). */
    static int entityEnd(byte[] t, int i, int to) {
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
            if (k == start) {
                return -1;
            }
            if (k < to && t[k] == ';') {
                return k + 1;
            }
            // HTML5 reads a numeric reference without its semicolon too (&#115&#107): one that a letter or digit
            // does not follow
            return k >= to || (CLASS[t[k] & 0xff] & ALNUM) == 0 ? k : -1;
        }
        int start = k;
        while (k < to && k - start < 32 && (CLASS[t[k] & 0xff] & ALNUM) != 0) {
            k++;
        }
        return k > start && k < to && t[k] == ';' && (CLASS[t[start] & 0xff] & (UPPER | LOWER)) != 0 ? k + 1 : -1;
    }

    // ---- base85 at a text's start or end ----

    /** RFC 1924 (git's binary patches, Python's {@code b85encode}) and ZeroMQ Z85: the 85 characters by value. */
    static final String B85_RFC1924 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";
    static final String B85_Z85 =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
    /** Per alphabet (0 RFC 1924, 1 Z85), the value of each byte, or -1. */
    static final byte[][] B85_VALUE = {values85(B85_RFC1924), values85(B85_Z85)};
    /** Shortest base85 token decoded (16 bytes), longest looked at. */
    static final int MIN_BASE85 = 20;
    static final int MAX_BASE85 = 4096;

    private static byte[] values85(String alphabet) {
        byte[] v = new byte[256];
        Arrays.fill(v, (byte) -1);
        for (int k = 0; k < 85; k++) {
            v[alphabet.charAt(k)] = (byte) k;
        }
        return v;
    }

    /**
     * Base85 without delimiters ({@link Kind#BASE85}, {@link Kind#Z85}) is text rich in punctuation with nothing to
     * tell it from other such text but its values: it is looked for only as a text's first and last token (a JSON
     * string that is one, a line of prose that ends with one), as {@link #spacedBase64} looks for groups, a few byte
     * comparisons per text. A token in the middle of prose is not found: testing every token would cost this pass as
     * much as the char-code test did (see the class comment).
     */
    private static List<Candidate> base85Ends(byte[] t, int from, int to, List<Candidate> out) {
        if (to - from < MIN_BASE85) {
            return out;
        }
        int s = from;
        while (s < to && space(t[s])) {
            s++;
        }
        int e = to;
        while (e > s && space(t[e - 1])) {
            e--;
        }
        if (e - s < MIN_BASE85) {
            return out;
        }
        if (mayStart85(t, s)) {
            int k = base85Run(t, s, e);
            if (k > 0) {
                out = base85Token(t, s, k, out);
            }
            if (k == e) {
                return out; // one token
            }
        }
        if (!space(t[e - 5]) && !space(t[e - 10]) && !space(t[e - 15]) && !space(t[e - 20])) {
            int j = e;
            int lower = 0;
            int upper = 0;
            boolean punctuation = false;
            while (j > s && e - j <= MAX_BASE85 && !space(t[j - 1])) {
                int c = B85_CLASS[t[--j] & 0xff];
                lower += (c & B85_LOWER) != 0 ? 1 : 0;
                upper += (c & B85_UPPER) != 0 ? 1 : 0;
                punctuation |= (c & B85_PUNCTUATION) != 0;
                if (c == 0 || lower * 5 > (e - j) * 3 + 10 || upper * 5 > (e - j) * 3 + 10
                        || (!punctuation && e - j >= NO_PUNCTUATION)) {
                    j = -1; // not base85, or a path or an identifier: given up before its start
                    break;
                }
            }
            if (j >= s && (j == s || space(t[j - 1])) && e - j >= MIN_BASE85 && mayStart85(t, j) && base85Run(t, j, e) > 0) {
                out = base85Token(t, j, e, out);
            }
        }
        return out;
    }

    /**
     * The end of the token at {@code s} (before {@code e}) read as base85 digits, or -1 as soon as it cannot be base85
     * of text: a character of neither alphabet (a quote or punctuation mark last is left to {@link #base85Token}),
     * over {@value #MAX_BASE85} characters, {@value #NO_PUNCTUATION} without a character base64 lacks, or so far more
     * than 60 % lower-case (or upper-case) letters among the
     * digits after each group's first, with some slack (a path, a stack frame, an identifier is given up after about
     * twenty characters, not walked to its end).
     */
    private static int base85Run(byte[] t, int s, int e) {
        boolean punctuation = false;
        int k = s;
        int column = 0;
        int rest = 0;
        int lower = 0;
        int upper = 0;
        while (k < e && !space(t[k])) {
            int c = B85_CLASS[t[k] & 0xff];
            if (c == 0) {
                return k + 1 == e || space(t[k + 1]) ? k + 1 : -1; // a mark after the token, or not base85
            }
            punctuation |= (c & B85_PUNCTUATION) != 0;
            if (!punctuation && k - s >= NO_PUNCTUATION) {
                return -1;
            }
            if (column != 0) {
                rest++;
                lower += (c & B85_LOWER) != 0 ? 1 : 0;
                upper += (c & B85_UPPER) != 0 ? 1 : 0;
            } else if (lower * 5 > rest * 3 + 10 || upper * 5 > rest * 3 + 10 || k - s > MAX_BASE85) {
                return -1;
            }
            column = column == 4 ? 0 : column + 1;
            k++;
        }
        return k;
    }

    /**
     * Base85 characters read without one that base64 lacks before the token is given up (an id, a hex digest): the
     * base85 of text has one in 24 characters but 0.3 % of the time.
     */
    private static final int NO_PUNCTUATION = 24;

    /**
     * A quick look before any token is walked: the token at {@code s} may be base85 of text only if the first
     * characters of its first four groups are letters (a group of ASCII text's base85 starts with a digit of 10 to 40,
     * a letter in both alphabets) and the fifth character of each is no white space (it has 20 or more characters).
     * Eight reads; a word of prose fails at the first or second.
     */
    private static boolean mayStart85(byte[] t, int s) {
        for (int k = s; k < s + MIN_BASE85; k += 5) {
            if ((B85_CLASS[t[k] & 0xff] & (B85_LOWER | B85_UPPER)) == 0 || space(t[k + 4])) {
                return false;
            }
        }
        return true;
    }

    /** Adds the token {@code t[a, b)} (or without a last quote or punctuation mark) when it may be base85 of text. */
    private static List<Candidate> base85Token(byte[] t, int a, int b, List<Candidate> out) {
        if (b - a < MIN_BASE85 || b - a > MAX_BASE85) {
            return out;
        }
        Kind kind = base85Kind(t, a, b);
        if (kind == null && TRAILING[t[b - 1] & 0xff]) {
            kind = base85Kind(t, a, --b);
        }
        return kind == null ? out : add(out, new Candidate(a, b, kind));
    }

    /**
     * {@link Kind#BASE85} or {@link Kind#Z85} when every character of {@code t[a, b)} is of that alphabet, one is
     * none of the base64 alphabet's (nor its padding) (base85 of 16 bytes lacks one 0.2 % of the time; base64, hex and base58 runs are
     * left to their decoders), the length can be base85 (not 1 more than a multiple of 5), and at least 3 in 4 of its
     * groups of five start like the base85 of text (a first character of value 10 to 40: four bytes from 0x20202020 to
     * 0x7f7f7f7f; random bytes give 36 %) and at most 60 % of the other characters are lower-case letters, and at
     * most 60 % upper-case (they are uniform over the 85: 31 % each; paths, stack frames and identifiers are mostly
     * lower-case); else null.
     */
    static Kind base85Kind(byte[] t, int a, int b) {
        if (b - a < MIN_BASE85 || (b - a) % 5 == 1) {
            return null;
        }
        int member = B85_RFC | B85_Z;
        boolean punctuation = false;
        int groups = 0;
        int textyRfc = 0;
        int textyZ = 0;
        int lower = 0;
        int upper = 0;
        int column = 0;
        for (int g = a; g < b; g++) {
            int c = B85_CLASS[t[g] & 0xff];
            member &= c;
            if (member == 0) {
                return null; // one pass, both alphabets: most tokens end here at their first character of neither
            }
            punctuation |= (c & B85_PUNCTUATION) != 0;
            if (column == 0) {
                if (g + 5 <= b) {
                    groups++;
                    textyRfc += (c & B85_TEXTY_RFC) != 0 ? 1 : 0;
                    textyZ += (c & B85_TEXTY_Z) != 0 ? 1 : 0;
                }
            } else {
                lower += (c & B85_LOWER) != 0 ? 1 : 0;
                upper += (c & B85_UPPER) != 0 ? 1 : 0;
            }
            column = column == 4 ? 0 : column + 1;
        }
        int rest = b - a - (b - a + 4) / 5;
        // the other four digits of a group are uniform over 85 characters: about 31 % lower-case letters,
        // 31 % upper-case; a path, a stack frame or an identifier is mostly lower-case
        if (!punctuation || lower * 5 > rest * 3 || upper * 5 > rest * 3) {
            return null;
        }
        if ((member & B85_RFC) != 0 && textyRfc * 4 >= groups * 3) {
            return Kind.BASE85;
        }
        return (member & B85_Z) != 0 && textyZ * 4 >= groups * 3 ? Kind.Z85 : null;
    }

    private static final int B85_RFC = 1;
    private static final int B85_Z = 2;
    /** Neither base64's alphabet nor its padding: evidence of base85. */
    private static final int B85_PUNCTUATION = 4;
    /** A first digit of 10 to 40 (four bytes of ASCII text) in RFC 1924's alphabet, in Z85's. */
    private static final int B85_TEXTY_RFC = 8;
    private static final int B85_TEXTY_Z = 16;
    private static final int B85_LOWER = 32;
    private static final int B85_UPPER = 64;
    /** Per byte: the {@code B85_} bits above. */
    private static final byte[] B85_CLASS = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            int rfc = B85_VALUE[0][c];
            int z = B85_VALUE[1][c];
            int bits = (rfc >= 0 ? B85_RFC : 0) | (z >= 0 ? B85_Z : 0);
            if (bits != 0 && CLASS[c] == 0 && c != '=') {
                bits |= B85_PUNCTUATION;
            }
            bits |= rfc >= 10 && rfc <= 40 ? B85_TEXTY_RFC : 0;
            bits |= z >= 10 && z <= 40 ? B85_TEXTY_Z : 0;
            bits |= c >= 'a' && c <= 'z' ? B85_LOWER : c >= 'A' && c <= 'Z' ? B85_UPPER : 0;
            B85_CLASS[c] = (byte) bits;
        }
    }

    // ---- found after the scan: xxencode, 8-bit groups, octal dumps, U+ lists ----

    /** The xxencode alphabet by value ({@code +} 0, {@code -} 1, digits, upper, lower case). */
    static final String XX_ALPHABET = "+-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static final byte[] XX_VALUE = new byte[256];

    static {
        Arrays.fill(XX_VALUE, (byte) -1);
        for (int k = 0; k < 64; k++) {
            XX_VALUE[XX_ALPHABET.charAt(k)] = (byte) k;
        }
    }

    /** Whether {@code t[line, e)} is one xxencoded line: a count character and exactly the characters for as many bytes. */
    private static boolean xxLine(byte[] t, int line, int e) {
        int n = XX_VALUE[t[line] & 0xff];
        if (n <= 0 || e - line - 1 != (n + 2) / 3 * 4) {
            return false;
        }
        for (int k = line + 1; k < e; k++) {
            if (XX_VALUE[t[k] & 0xff] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code t[line, e)} is a uuencoded line exactly as long as its count character says. */
    private static boolean uuLineExact(byte[] t, int line, int e) {
        int n = (t[line] - ' ') & 0x3f;
        return n > 0 && e - line - 1 == (n + 2) / 3 * 4 && uuChars(t, line, e);
    }

    /** Fewest bits a run or a list of 8-bit groups decodes: 8 bytes. */
    static final int MIN_BITS = 64;

    private static boolean bit(byte b) {
        return b == '0' || b == '1';
    }

    /**
     * The 8-bit groups starting at {@code i}: a run of {@value #MIN_BITS} or more {@code 0}/{@code 1} digits, a
     * multiple of 8 in number, or groups of exactly eight one separator apart (one or two of space, comma, semicolon,
     * the same all along), eight or more; a letter or digit glued to the end spoils it. Returns the end shifted left
     * by 8, or'ed with 1 for a candidate, 0 for none.
     */
    static long bitsEnd(byte[] t, int i, int to) {
        int k = i;
        while (k < to && bit(t[k])) {
            k++;
        }
        int run = k - i;
        if (run >= MIN_BITS && run % 8 == 0 && (k >= to || (CLASS[t[k] & 0xff] & ALNUM) == 0)) {
            return (long) k << 8 | 1;
        }
        if (run != 8) {
            return (long) k << 8;
        }
        int sep = k;
        int sepEnd = k;
        while (sepEnd < to && sepEnd - sep < 3 && (t[sepEnd] == ' ' || t[sepEnd] == ',' || t[sepEnd] == ';')) {
            sepEnd++;
        }
        int width = sepEnd - sep;
        if (width == 0 || width > 2) {
            return (long) k << 8;
        }
        int groups = 1;
        int end = k;
        int g = sepEnd;
        while (g + 8 <= to) {
            int j = g;
            while (j < g + 8 && bit(t[j])) {
                j++;
            }
            if (j < g + 8 || (j < to && (CLASS[t[j] & 0xff] & ALNUM) != 0)) {
                break;
            }
            groups++;
            end = j;
            if (j + width > to || !Arrays.equals(t, j, j + width, t, sep, sep + width)) {
                break;
            }
            g = j + width;
        }
        return (long) end << 8 | (groups * 8 >= MIN_BITS ? 1 : 0);
    }

    /** Fewest bytes an octal dump decodes (the scan's number hint needs twelve numbers too). */
    static final int MIN_OCTAL = 12;

    /**
     * The octal byte dump starting at {@code i}: numbers of three octal digits ({@code 000} to {@code 377}), one to
     * three spaces, tabs or commas apart, over lines that may start with an offset ({@code od -b}: six to eight octal
     * digits). Returns the end shifted left by 16, or'ed with the number of bytes (at most 65535).
     */
    static long octalEnd(byte[] t, int i, int to) {
        int k = i;
        int bytes = 0;
        int end = i;
        boolean lineStart = true;
        while (k < to) {
            int d = k;
            while (d < to && d - k < 9 && t[d] >= '0' && t[d] <= '7') {
                d++;
            }
            int digits = d - k;
            boolean offset = lineStart && digits >= 6 && digits <= 8;
            if (!offset && (digits != 3 || t[k] > '3')) {
                break;
            }
            if (d < to && (CLASS[t[d] & 0xff] & ALNUM) != 0) {
                break;
            }
            if (!offset) {
                bytes++;
                end = d;
            }
            lineStart = false;
            int j = d;
            while (j < to && j - d < 3 && (t[j] == ' ' || t[j] == '\t' || t[j] == ',')) {
                j++;
            }
            if (j < to && (t[j] == '\r' || t[j] == '\n')) {
                j = nextLine(t, j, to);
                lineStart = true;
            } else if (j == d) {
                break;
            }
            k = j;
        }
        return (long) end << 16 | Math.min(bytes, 65535);
    }

    private static final byte[] CODE_POINT_LEAD = {'U', '+'};
    private static final byte[] CODE_POINT_LEAD_LOWER = {'u', '+'};
    /** Fewest code points of a {@code U+XXXX} list decoded. */
    static final int MIN_CODE_POINTS = 8;

    /**
     * Lists of {@value #MIN_CODE_POINTS} or more Unicode code points written {@code U+0073} (4 to 6 hex digits),
     * zero to three spaces, commas or semicolons apart, in {@code t[from, to)}.
     */
    private static List<Candidate> codePoints(byte[] t, int from, int to, List<Candidate> out) {
        for (byte[] lead : new byte[][] {CODE_POINT_LEAD, CODE_POINT_LEAD_LOWER}) {
            for (int i = Sniff.indexOf(t, lead, from, to); i >= 0; i = Sniff.indexOf(t, lead, i + 1, to)) {
                int k = i;
                int n = 0;
                int end = i;
                while (k + 1 < to && (t[k] == 'U' || t[k] == 'u') && t[k + 1] == '+') {
                    int d = k + 2;
                    while (d < to && d - k - 2 < 6 && hexAt(t, d, to)) {
                        d++;
                    }
                    if (d - k - 2 < 4) {
                        break;
                    }
                    n++;
                    end = d;
                    int j = d;
                    while (j < to && j - d < 3 && (t[j] == ' ' || t[j] == ',' || t[j] == ';')) {
                        j++;
                    }
                    k = j;
                }
                if (n >= MIN_CODE_POINTS) {
                    out = add(out, new Candidate(i, end, Kind.CODE_POINTS));
                    i = end;
                }
            }
        }
        return out;
    }

    static List<Candidate> add(List<Candidate> out, Candidate c) {
        List<Candidate> list = out == null || out.isEmpty() ? new ArrayList<>(2) : out; // scan returns List.of()
        list.add(c);
        return list;
    }
}
