package dev.sieve.dlp.view;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sieve.dlp.CodeHints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Texts that markup or code cut into pieces, or write a character at a time in an escape, read back as one text (for
 * detection only; {@link Candidates.Kind#PIECES}, the sub-kind in {@link Candidates.Candidate#arg}):
 * <ul>
 *   <li>{@value #MARKUP}, step {@code markup}: lines where an inline element closes and another opens at once
 *       ({@code <span>SLA</span><span>CK_</span>}, SVG's {@code <tspan>}), or with one {@code -}, {@code .} or
 *       {@code /} between them ({@code <span>072</span>-<span>59</span>}: a number's groups), read as a browser renders them: inline
 *       tags dropped, so the text nodes join; a block tag ({@code div}, {@code p}, {@code br}, {@code text}, ...) a
 *       line break; the five XML entities and numeric references read.</li>
 *   <li>{@value #CELLS}, step {@code cells}: Markdown table rows of four or more cells that are pieces of one text:
 *       every cell but the last the same width, the row holding a letter (a numeric table's rows, {@code | 2021 |
 *       2022 |}, are not joined), read as the cells' text without the one blank on either side.</li>
 *   <li>{@value #LIST}, step {@code list-join}: a list of string literals that code joins with nothing between:
 *       SQL's {@code CONCAT('AN', 'TH')} (and {@code CONCAT_WS('', ...)}), JavaScript's
 *       {@code ["AN", "TH"].join('')}, Python's {@code ''.join(["AN", "TH"])}, PHP's {@code implode('', [...])}. An
 *       argument that is no literal (a column, a variable) ends the list: what it holds is unknown.</li>
 *   <li>{@value #ESCAPES}, step {@code escapes}: a line with three or more character escapes in a row, each read as
 *       its character: RTF's {@code \'41}, LaTeX's {@code \char"41} and {@code \char65} (a {@code {}} after one
 *       dropped), TOML's and Python's {@code \U00000041}.</li>
 *   <li>{@value #ROT47}, step {@code rot47}: a line that holds a ROT47 form of a prefix or keyword
 *       ({@link #ROT47_WORDS}), rotated back.</li>
 *   <li>{@value #SPELLED}, step {@code spelled}: a line with eight or more digits spelled as words (English or Spanish:
 *       {@code seven}, {@code siete}) among spaced-out characters ({@code S S N :   siete cuatro - ...}): words
 *       replaced by their digits, single blanks dropped, three blanks read as one.</li>
 *   <li>{@value #NUMBERED}, step {@code numbered}: three or more assignments on consecutive lines of one name
 *       numbered from 0 or 1 on ({@code export PART_1="GOOGLE"}, {@code PART_2="_MAPS_"}, ...), each a quoted
 *       literal and every one but the last of one length (the shape of a value cut in pieces, not of a list of
 *       hosts), read as the literals joined.</li>
 *   <li>{@value #DELTAS}, step {@code deltas}: a streamed model response or tool call as a log or a capture holds it,
 *       one event a line ({@code data: {"type":"content_block_delta",...,"delta":{"type":"text_delta","text":"gh"}}},
 *       {@code input_json_delta}'s {@code partial_json}, OpenAI's {@code "delta":{"content":...}} and
 *       {@code response.output_text.delta}): three or more delta lines, read as their pieces joined in order (a token
 *       the model wrote, or a tool call's arguments, arrives a few characters an event).</li>
 *   <li>{@value #TOKEN_WRAP}, step {@code token-wrap}: a vendor token that a terminal, {@code fold} or a log viewer
 *       cut at a line's end ({@code ... using ghp_lsJ7JMfF\npxCJ8YsT9sC2 for ...}): the token's start at the end of a
 *       line of 60 or more characters, shorter than a whole token of its kind, joined with the token characters that
 *       start the next line; a JWT wrapped over several such lines, joined whole.</li>
 * </ul>
 * Each is found only in a view where the scan's code hint lies ({@link CodeHints}; {@code Views.decodeCodes}), so
 * a text without the shape costs nothing; every finder is one pass over that view. Never rewritten: a redaction in
 * one escalates to block ({@code Views.isCodeLayer}).
 */
final class Pieces {

    static final int MARKUP = 0;
    static final int CELLS = 1;
    static final int LIST = 2;
    static final int ESCAPES = 3;
    static final int ROT47 = 4;
    static final int SPELLED = 5;
    static final int NUMBERED = 6;
    static final int DELTAS = 7;
    static final int TOKEN_WRAP = 8;
    static final int RG_JSON = 9;

    /** The view steps, by sub-kind. */
    static final List<String> STEPS = List.of("markup", "cells", "list-join", "escapes", "rot47", "spelled",
            "numbered", "deltas", "token-wrap", "rg-json");

    /** Longest line read (a minified HTML document is one line). */
    private static final int MAX_LINE = 64 * 1024;
    /** Longest text kept. */
    private static final int MAX_OUT = 16 * 1024;

    private Pieces() {
    }

    /** The candidates of every sub-kind in {@code t[from, to)}. */
    static List<Candidates.Candidate> find(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        out = markup(t, from, to, out);
        out = cells(t, from, to, out);
        out = lists(t, from, to, out);
        out = escapes(t, from, to, out);
        out = rot47(t, from, to, out);
        out = numbered(t, from, to, out);
        out = deltas(t, from, to, out);
        out = rgJson(t, from, to, out);
        out = tokenWraps(t, from, to, out);
        out = jwtWraps(t, from, to, out);
        return spelled(t, from, to, out);
    }

    static TextCodecs.Decoded decode(byte[] t, Candidates.Candidate c) {
        byte[] bytes = switch (c.arg()) {
            case MARKUP -> markupText(t, c.start(), c.end());
            case CELLS -> cellsText(t, c.start(), c.end());
            case LIST -> listText(t, c.start(), c.end());
            case ESCAPES -> escapesText(t, c.start(), c.end());
            case ROT47 -> rot47Text(t, c.start(), c.end());
            case NUMBERED -> numberedText(t, c.start(), c.end());
            case DELTAS -> deltasText(t, c.start(), c.end());
            case TOKEN_WRAP -> tokenWrapText(t, c.start(), c.end());
            case RG_JSON -> rgJsonText(t, c.start(), c.end());
            default -> spelledText(t, c.start(), c.end());
        };
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        return new TextCodecs.Decoded(STEPS.get(c.arg()), c.start(), c.end(), bytes, TextCodecs.NOT_REWRITTEN);
    }

    // ---- lines ----

    private static int lineStart(byte[] t, int from, int k) {
        int i = k;
        while (i > from && k - i < MAX_LINE && t[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    private static int lineEnd(byte[] t, int k, int to) {
        int i = k;
        while (i < to && i - k < MAX_LINE && t[i] != '\n') {
            i++;
        }
        return i;
    }

    /** Adds the line around {@code k}, or widens the last candidate of {@code arg} when the line is in it or next to it. */
    private static List<Candidates.Candidate> addLine(byte[] t, int from, int to, int k, int arg,
            List<Candidates.Candidate> out) {
        int s = lineStart(t, from, k);
        int e = lineEnd(t, k, to);
        if (out != null && !out.isEmpty()) {
            Candidates.Candidate last = out.get(out.size() - 1);
            if (last.kind() == Candidates.Kind.PIECES && last.arg() == arg && s <= last.end() + 1) {
                if (e > last.end()) {
                    out.set(out.size() - 1, new Candidates.Candidate(last.start(), e, Candidates.Kind.PIECES, arg));
                }
                return out;
            }
        }
        return Candidates.add(out, new Candidates.Candidate(s, e, Candidates.Kind.PIECES, arg));
    }

    // ---- markup ----

    /** Inline elements: their tags do not break the text a browser renders. */
    private static final List<String> INLINE = List.of("span", "tspan", "b", "i", "u", "s", "em", "strong", "font",
            "code", "mark", "small", "sub", "sup", "a", "tt", "kbd", "var", "ins", "del", "abbr", "bdi", "bdo", "cite",
            "dfn", "q", "samp", "strike", "big", "label", "tref", "textpath");

    /**
     * Elements of office XML that break a text (a paragraph, a line break, a tab, a table cell or row) when it is
     * read from its runs; every other prefixed element ({@code w:r}, {@code w:t}, {@code w:rPr}, {@code w:b},
     * {@code w:proofErr}, {@code a:r}, {@code text:span}...) is inline. WordprocessingML ({@code w:}), DrawingML
     * ({@code a:}, PPTX slides and shapes) and ODF ({@code text:}): the XML an agent reads with {@code unzip -p
     * report.docx word/document.xml}, where Word splits one word over runs at every change of format or spell check.
     */
    private static final List<String> OFFICE_BLOCKS = List.of("w:p", "w:br", "w:cr", "w:tab", "w:tc", "w:tr",
            "w:tbl", "w:body", "w:document", "w:hdr", "w:ftr", "a:p", "a:br", "a:tc", "a:tr", "text:p", "text:h",
            "text:line-break", "text:tab", "table:table-cell");

    /** A tag of {@code name} does not break the text a browser or an office application renders. */
    private static boolean inline(String name) {
        return INLINE.contains(name) || name.indexOf(':') > 0 && !OFFICE_BLOCKS.contains(name);
    }

    /**
     * The lowercased name of the tag at {@code t[k] == '<'} ({@code </span>}, {@code <span class=x>}, {@code <w:t>},
     * {@code <w:rPr>}), or null.
     */
    private static String tagName(byte[] t, int k, int to) {
        int i = k + 1;
        if (i < to && t[i] == '/') {
            i++;
        }
        int s = i;
        boolean prefixed = false;
        while (i < to && i - s < 16 && ((t[i] | 0x20) >= 'a' && (t[i] | 0x20) <= 'z' || t[i] >= '0' && t[i] <= '9'
                || (t[i] == ':' ? !prefixed : t[i] == '-' && prefixed) && i > s && i + 1 < to
                && (t[i + 1] | 0x20) >= 'a' && (t[i + 1] | 0x20) <= 'z')) {
            prefixed |= t[i] == ':';
            i++;
        }
        if (i == s || i >= to || (t[i] != '>' && t[i] != ' ' && t[i] != '/' && t[i] != '\t')) {
            return null;
        }
        return new String(t, s, i - s, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    }

    private static final byte[] CLOSE_TAG = {'<', '/'};

    private static List<Candidates.Candidate> markup(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        int before = out == null ? 0 : out.size();
        out = codeBlocks(t, from, to, out);
        List<Candidates.Candidate> blocks = out == null ? List.of() : List.copyOf(out.subList(before, out.size()));
        for (int k = Sniff.indexOf(t, CLOSE_TAG, from, to); k >= 0; k = Sniff.indexOf(t, CLOSE_TAG, k + 2, to)) {
            if (inside(blocks, k)) {
                continue; // the block's text holds this line
            }
            String name = tagName(t, k, to);
            if (name == null || !inline(name)) {
                continue;
            }
            int gt = k + 2 + name.length();
            while (gt < to && gt - k < 16 && t[gt] != '>') {
                gt++;
            }
            int n = gt + 1;
            while (n < to && n - gt < 4 && (t[n] == ' ' || t[n] == '\t')) {
                n++;
            }
            if (n < to && (t[n] == '-' || t[n] == '.' || t[n] == '/')) {
                // one separator between the pieces, as a template prints a number's groups in elements of their
                // own: <span>072</span>-<span>59</span>-<span>8155</span>
                n++;
                while (n < to && n - gt < 8 && (t[n] == ' ' || t[n] == '\t')) {
                    n++;
                }
            }
            if (n < to && t[n] == '<' && n + 1 < to && t[n + 1] != '/') {
                String next = tagName(t, n, to);
                if (next != null && inline(next)) {
                    out = addLine(t, from, to, k, MARKUP, out);
                }
            }
        }
        return out;
    }

    private static byte[] markupText(byte[] t, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(end - start, MAX_CODE_OUT));
        int k = start;
        while (k < end && out.size() < MAX_CODE_OUT) {
            byte b = t[k];
            if (b == '<') {
                int gt = k + 1;
                while (gt < end && gt - k < 1024 && t[gt] != '>' && t[gt] != '<') {
                    gt++;
                }
                if (gt < end && t[gt] == '>') {
                    String name = tagName(t, k, end);
                    if (name != null && !inline(name)) {
                        out.write('\n'); // a block element, a line break, an SVG <text>
                    }
                    int skip = name != null && t[k + 1] != '/' ? gutterEnd(t, k, gt, end, name) : -1;
                    k = skip >= 0 ? skip : gt + 1;
                    continue;
                }
            } else if (b == '&') {
                int semi = k + 1;
                while (semi < end && semi - k < 10 && t[semi] != ';') {
                    semi++;
                }
                int c = semi < end && t[semi] == ';' ? entity(new String(t, k + 1, semi - k - 1,
                        StandardCharsets.US_ASCII)) : -1;
                if (c >= 0) {
                    out.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
                    k = semi + 1;
                    continue;
                }
            }
            out.write(b);
            k++;
        }
        return out.toByteArray();
    }

    // ---- code viewers: a highlighted file a line an element ----

    /** Longest text kept from one code block (a highlighted file is longer than a markup line). */
    private static final int MAX_CODE_OUT = 256 * 1024;
    /** Longest code block read. */
    private static final int MAX_BLOCK = 4 * 1024 * 1024;
    /** Fewest lines of a run of one element a line. */
    static final int MIN_ELEMENT_LINES = 3;
    private static final byte[][] BLOCK_OPEN = {ascii("<pre"), ascii("<PRE"), ascii("<table"), ascii("<TABLE")};
    /** Elements a code viewer writes a line of code in, one a line. */
    private static final List<String> LINE_ELEMENTS = List.of("span", "div", "td", "tr", "li", "code");
    /** In a {@code class}: a line-number gutter (Pygments' linenos, highlight.js' hljs-ln-n, GitHub's blob-num). */
    private static final List<String> GUTTER_CLASSES = List.of("lineno", "line-no", "line-num", "linenum",
            "hljs-ln-n", "blob-num", "gutter");

    private static boolean inside(List<Candidates.Candidate> blocks, int k) {
        for (Candidates.Candidate b : blocks) {
            if (k >= b.start() && k < b.end()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Code as code viewers and syntax highlighters print it (Pygments, highlight.js, Shiki, Prism, a forge's blob
     * page): a {@code <pre>} or {@code <table>} element, and {@value #MIN_ELEMENT_LINES} or more lines in a row that
     * each start with an element of {@link #LINE_ELEMENTS} and end with a tag ({@code <span class="line">...</span>}).
     * Read as {@link #markupText} reads any markup: tags dropped, block elements a line break, line-number gutters
     * dropped.
     */
    private static List<Candidates.Candidate> codeBlocks(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        int done = from;
        for (byte[] open : BLOCK_OPEN) {
            for (int k = Sniff.indexOf(t, open, from, to); k >= 0; k = Sniff.indexOf(t, open, k + 1, to)) {
                int n = k + open.length;
                if (n >= to || (t[n] != '>' && t[n] != ' ' && t[n] != '\t' && t[n] != '\n')) {
                    continue;
                }
                byte[] close = ascii("</" + new String(open, 1, open.length - 1, StandardCharsets.US_ASCII) + ">");
                int c = Sniff.indexOf(t, close, n, Math.min(to, k + MAX_BLOCK));
                int e = c < 0 ? Math.min(to, k + MAX_BLOCK) : c + close.length;
                out = Candidates.add(out, new Candidates.Candidate(k, e, Candidates.Kind.PIECES, MARKUP));
                k = e - 1;
            }
        }
        int runStart = -1;
        int runEnd = -1;
        int lines = 0;
        for (int s = lineStart(t, from, from); s < to; ) {
            int e = lineEnd(t, s, to);
            if (elementLine(t, s, e)) {
                runStart = lines == 0 ? s : runStart;
                runEnd = e;
                lines++;
            } else {
                out = elementRun(t, runStart, runEnd, lines, out);
                lines = 0;
            }
            s = e + 1;
        }
        return elementRun(t, runStart, runEnd, lines, out);
    }

    private static List<Candidates.Candidate> elementRun(byte[] t, int s, int e, int lines,
            List<Candidates.Candidate> out) {
        if (lines < MIN_ELEMENT_LINES) {
            return out;
        }
        for (Candidates.Candidate c : out == null ? List.<Candidates.Candidate>of() : out) {
            if (c.kind() == Candidates.Kind.PIECES && c.arg() == MARKUP && s >= c.start() && e <= c.end()) {
                return out; // in a <pre> already
            }
        }
        return Candidates.add(out, new Candidates.Candidate(s, e, Candidates.Kind.PIECES, MARKUP));
    }

    /** The line {@code t[s, e)} starts (after blanks) with an element of {@link #LINE_ELEMENTS} and ends with a tag. */
    private static boolean elementLine(byte[] t, int s, int e) {
        int i = s;
        while (i < e && (t[i] == ' ' || t[i] == '\t')) {
            i++;
        }
        int last = e;
        while (last > i && (t[last - 1] == ' ' || t[last - 1] == '\t' || t[last - 1] == '\r')) {
            last--;
        }
        if (last - i < 8 || t[i] != '<' || t[last - 1] != '>') {
            return false;
        }
        String name = tagName(t, i, e);
        return name != null && t[i + 1] != '/' && LINE_ELEMENTS.contains(name);
    }

    /**
     * When the opening tag {@code t[k, gt]} of {@code name} is a line-number gutter (its {@code class} names one of
     * {@link #GUTTER_CLASSES}), where its element ends (after its closing tag, or the tag itself when it has none
     * nearby); else -1.
     */
    private static int gutterEnd(byte[] t, int k, int gt, int end, String name) {
        String tag = new String(t, k, gt - k, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int cls = tag.indexOf("class=");
        if (cls < 0) {
            return -1;
        }
        boolean gutter = false;
        for (String g : GUTTER_CLASSES) {
            gutter |= tag.indexOf(g, cls) >= 0;
        }
        if (!gutter) {
            return -1;
        }
        int close = Sniff.indexOf(t, ascii("</" + name + ">"), gt, Math.min(end, gt + 256));
        return close < 0 ? gt + 1 : close + name.length() + 3;
    }

    private static final Map<String, Integer> ENTITIES = Map.of("lt", (int) '<', "gt", (int) '>', "amp", (int) '&',
            "quot", (int) '"', "apos", (int) '\'', "nbsp", (int) ' ');

    private static int entity(String name) {
        Integer named = ENTITIES.get(name);
        if (named != null) {
            return named;
        }
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                int c = Integer.parseInt(name.substring(2), 16);
                return Character.isValidCodePoint(c) ? c : -1;
            }
            if (name.startsWith("#")) {
                int c = Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(c) ? c : -1;
            }
        } catch (NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    // ---- Markdown table cells ----

    /** Fewest cells of a row read as pieces. */
    static final int MIN_CELLS = 4;
    private static final byte[] CELL = {' ', '|', ' '};

    private static List<Candidates.Candidate> cells(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        int lastLine = -1;
        for (int k = Sniff.indexOf(t, CELL, from, to); k >= 0; k = Sniff.indexOf(t, CELL, k + 1, to)) {
            int s = lineStart(t, from, k);
            if (s <= lastLine) {
                continue;
            }
            int e = lineEnd(t, k, to);
            lastLine = e;
            if (piecesRow(t, s, e)) {
                out = addLine(t, from, to, k, CELLS, out);
            }
        }
        return out;
    }

    /** The row {@code t[s, e)} is {@code | a | b | c | d |} with every cell but the last one width, and a letter. */
    private static boolean piecesRow(byte[] t, int s, int e) {
        int i = s;
        while (i < e && (t[i] == ' ' || t[i] == '\t')) {
            i++;
        }
        int last = e;
        while (last > i && (t[last - 1] == ' ' || t[last - 1] == '\t' || t[last - 1] == '\r')) {
            last--;
        }
        if (i >= last || t[i] != '|' || t[last - 1] != '|') {
            return false;
        }
        int cells = 0;
        int width = -1;
        int lastWidth = -1;
        boolean letter = false;
        int cell = i + 1;
        for (int k = i + 1; k < last; k++) {
            byte b = t[k];
            if (b == '\\' && k + 1 < last) {
                k++;
                continue;
            }
            if (b != '|') {
                letter |= (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
                continue;
            }
            int w = k - cell;
            if (cells > 0 && lastWidth != width) {
                return false; // a cell before the last one of another width
            }
            if (width < 0) {
                width = w;
            }
            lastWidth = w;
            if (w > width || w < 3) {
                return false;
            }
            cells++;
            cell = k + 1;
        }
        return cells >= MIN_CELLS && letter && width <= 12;
    }

    private static byte[] cellsText(byte[] t, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(end - start, MAX_OUT));
        int line = start;
        while (line < end && out.size() < MAX_OUT) {
            int e = lineEnd(t, line, end);
            if (piecesRow(t, line, e)) {
                int k = line;
                while (t[k] != '|') {
                    k++;
                }
                int cell = k + 1;
                for (k = cell; k < e; k++) {
                    if (t[k] == '\\' && k + 1 < e) {
                        k++;
                        continue;
                    }
                    if (t[k] == '|') {
                        int a = cell < k && t[cell] == ' ' ? cell + 1 : cell;
                        int b = k > a && t[k - 1] == ' ' ? k - 1 : k;
                        for (int j = a; j < b; j++) {
                            if (t[j] == '\\' && j + 1 < b && t[j + 1] == '|') {
                                continue;
                            }
                            out.write(t[j]);
                        }
                        cell = k + 1;
                    }
                }
            } else {
                out.write(t, line, e - line);
            }
            out.write('\n');
            line = e + 1;
        }
        return out.toByteArray();
    }

    // ---- lists of literals joined by code ----

    private static final byte[][] LIST_OPENERS = {ascii("concat("), ascii("concat_ws(''"), ascii("concat_ws(\"\""),
        ascii("''.join("), ascii("\"\".join("), ascii("implode(''"), ascii("implode(\"\""), ascii("join(''"),
        ascii("join(\"\"")};
    private static final byte[][] LIST_CLOSERS = {ascii("].join('')"), ascii("].join(\"\")"), ascii("].join()")};

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static List<Candidates.Candidate> lists(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        for (int k = from; k < to; k++) {
            byte b = t[k];
            if ((b | 0x20) == 'c' || b == '\'' || b == '"' || (b | 0x20) == 'i' || (b | 0x20) == 'j') {
                for (byte[] opener : LIST_OPENERS) {
                    if (startsWithIgnoreCase(t, k, to, opener)
                            && (k == from || !Character.isLetterOrDigit(t[k - 1]) || opener[0] == '\'' || opener[0] == '"')) {
                        int first = k + opener.length;
                        int end = listEnd(t, first, to);
                        if (end > 0) {
                            out = Candidates.add(out, new Candidates.Candidate(first, end, Candidates.Kind.PIECES, LIST));
                            k = end - 1;
                        }
                        break;
                    }
                }
            } else if (b == ']') {
                for (byte[] closer : LIST_CLOSERS) {
                    if (Sniff.startsWith(t, k, closer) && k + closer.length <= to) {
                        // the hint lies at the list's end: its start may be more than the hint's lookback before
                        // it, so the list is read back from there (in the view, at most MAX_JOINED bytes)
                        int open = k - 1;
                        while (open >= 0 && k - open < Joins.MAX_JOINED && t[open] != '[' && t[open] != ']') {
                            open--;
                        }
                        if (open >= 0 && t[open] == '[' && listEnd(t, open + 1, k + 1) == k + 1) {
                            out = Candidates.add(out, new Candidates.Candidate(open + 1, k + 1, Candidates.Kind.PIECES,
                                    LIST));
                        }
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static boolean startsWithIgnoreCase(byte[] t, int k, int to, byte[] word) {
        if (k + word.length > to) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if ((t[k + i] | 0x20) != (word[i] | 0x20) && t[k + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The end (past the closing bracket) of a list of two or more string literals from {@code t[k]}: optional
     * blanks, a comma or an opening bracket, literals a comma apart, then {@code )} or {@code ]}; -1 when an item is
     * no literal or the literals hold fewer than {@link Candidates#MIN_RUN} bytes.
     */
    private static int listEnd(byte[] t, int k, int to) {
        int i = k;
        int literals = 0;
        int content = 0;
        boolean needComma = false;
        while (i < to && i - k < Joins.MAX_JOINED) {
            byte b = t[i];
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                i++;
            } else if (b == ',') {
                if (!needComma && literals > 0) {
                    return -1;
                }
                needComma = false;
                i++;
            } else if ((b == '[' || b == '(') && literals == 0) {
                i++;
            } else if (b == ']' || b == ')') {
                return literals >= 2 && content >= Candidates.MIN_RUN ? i + 1 : -1;
            } else if ((b | 0x20) == 'c' && !needComma && literals > 0 && charCall(t, i, to) > 0) {
                i = charCall(t, i, to) >>> 8; // SQL's CHAR(10), CHR(10) between literals
                needComma = true;
            } else if ((b == '\'' || b == '"') && !needComma) {
                int close = i + 1;
                while (close < to && t[close] != b && t[close] != '\n' && close - i < Joins.MAX_LITERAL) {
                    close += t[close] == '\\' ? 2 : 1;
                }
                if (close >= to || t[close] != b) {
                    return -1;
                }
                literals++;
                content += close - i - 1;
                needComma = true;
                i = close + 1;
            } else {
                return -1;
            }
        }
        return -1;
    }

    /**
     * The call {@code CHAR(n)} or {@code CHR(n)} (any case, n a printable code or a line break) at {@code t[i]}: its
     * end shifted left by 8, or'ed with n; -1 when none.
     */
    private static int charCall(byte[] t, int i, int to) {
        int k = i;
        if (k + 5 >= to || (t[k] | 0x20) != 'c' || (t[k + 1] | 0x20) != 'h') {
            return -1;
        }
        k += 2;
        if ((t[k] | 0x20) == 'a') {
            k++;
        }
        if ((t[k] | 0x20) != 'r' || t[k + 1] != '(') {
            return -1;
        }
        k += 2;
        int v = 0;
        int digits = 0;
        while (k < to && digits < 4 && t[k] >= '0' && t[k] <= '9') {
            v = v * 10 + t[k++] - '0';
            digits++;
        }
        if (digits == 0 || k >= to || t[k] != ')' || v > 126 || (v < 32 && v != 9 && v != 10 && v != 13)) {
            return -1;
        }
        return (k + 1) << 8 | v;
    }

    private static byte[] listText(byte[] t, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(end - start, MAX_OUT));
        int i = start;
        while (i < end && out.size() < MAX_OUT) {
            byte q = t[i];
            int call = (q | 0x20) == 'c' ? charCall(t, i, end) : -1;
            if (call > 0) {
                out.write(call & 0xff);
                i = call >>> 8;
                continue;
            }
            if (q != '\'' && q != '"') {
                i++;
                continue;
            }
            int k = i + 1;
            while (k < end && t[k] != q) {
                byte b = t[k];
                if (b == '\\' && k + 1 < end) {
                    byte e = t[++k];
                    out.write(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
                } else if (q == '\'' && b == '\'' ) {
                    break;
                } else {
                    out.write(b);
                }
                k++;
            }
            i = k + 1;
        }
        return out.toByteArray();
    }

    // ---- character escapes ----

    /** Fewest escapes in a row that make a line a candidate. */
    static final int MIN_ESCAPES = 3;

    /**
     * The escape at {@code t[k] == '\\'}: its end shifted left by 21, or'ed with the code point; -1 when none. RTF
     * {@code \'hh}; LaTeX {@code \char"hh}, {@code \char'ooo}, {@code \charNNN} (and a {@code {}} or one blank
     * after it); {@code \UXXXXXXXX}.
     */
    static long escapeAt(byte[] t, int k, int to) {
        if (k + 3 >= to || t[k] != '\\') {
            return -1;
        }
        byte n = t[k + 1];
        if (n == '\'') {
            int v = hex(t, k + 2, 2, to);
            return v < 0 ? -1 : (long) (k + 4) << 21 | v;
        }
        if (n == 'U' && k + 10 <= to) {
            int v = hex(t, k + 2, 8, to);
            return v < 0 || !Character.isValidCodePoint(v) ? -1 : (long) (k + 10) << 21 | v;
        }
        if (n == 'c' && k + 6 < to && t[k + 2] == 'h' && t[k + 3] == 'a' && t[k + 4] == 'r') {
            int i = k + 5;
            int v = 0;
            int digits = 0;
            int radix = 10;
            if (t[i] == '"') {
                radix = 16;
                i++;
            } else if (t[i] == '\'') {
                radix = 8;
                i++;
            }
            int d;
            while (i < to && digits < 6 && (d = Character.digit(t[i], radix)) >= 0) {
                v = v * radix + d;
                i++;
                digits++;
            }
            if (digits == 0 || !Character.isValidCodePoint(v)) {
                return -1;
            }
            if (i + 1 < to && t[i] == '{' && t[i + 1] == '}') {
                i += 2;
            } else if (i < to && t[i] == ' ') {
                i++;
            }
            return (long) i << 21 | v;
        }
        return -1;
    }

    private static int hex(byte[] t, int k, int n, int to) {
        if (k + n > to) {
            return -1;
        }
        int v = 0;
        for (int i = k; i < k + n; i++) {
            int d = Character.digit(t[i], 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    private static List<Candidates.Candidate> escapes(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        if (rtfDocument(t, from, to)) {
            return out; // a whole RTF document is read by its own view (|rtf), runs and groups included
        }
        int k = from;
        while (k < to) {
            if (t[k] != '\\') {
                k++;
                continue;
            }
            int run = 0;
            int i = k;
            long e;
            while ((e = escapeAt(t, i, to)) > 0) {
                run++;
                i = (int) (e >>> 21);
            }
            if (run >= MIN_ESCAPES) {
                out = addLine(t, from, to, k, ESCAPES, out);
                k = lineEnd(t, k, to);
            } else {
                k = Math.max(k + 1, i);
            }
        }
        return out;
    }

    /** The text is an RTF document: {@code {\\rtf} after leading white space. */
    static boolean rtfDocument(byte[] t, int from, int to) {
        int k = from;
        while (k < to && (t[k] == ' ' || t[k] == '\n' || t[k] == '\r' || t[k] == '\t')) {
            k++;
        }
        return to - k >= 5 && t[k] == '{' && t[k + 1] == '\\' && t[k + 2] == 'r' && t[k + 3] == 't' && t[k + 4] == 'f';
    }

    private static byte[] escapesText(byte[] t, int start, int end) {
        StringBuilder out = new StringBuilder(Math.min(end - start, MAX_OUT));
        int k = start;
        while (k < end && out.length() < MAX_OUT) {
            long e = t[k] == '\\' ? escapeAt(t, k, end) : -1;
            if (e > 0) {
                out.appendCodePoint((int) (e & 0x1fffff));
                k = (int) (e >>> 21);
            } else {
                out.append((char) (t[k] & 0xff));
                k++;
            }
        }
        // the other bytes were read one char a byte: UTF-8 there stays UTF-8 only for ASCII, enough for a secret
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- ROT47 ----

    /** The ROT47 forms of {@link CodeHints#ROT47_WORDS}' source words, as bytes; indexed by their first byte. */
    private static final byte[][][] ROT47_BY_FIRST = new byte[128][][];

    static {
        for (String form : CodeHints.ROT47_WORDS) {
            byte[] b = form.getBytes(StandardCharsets.US_ASCII);
            byte[][] old = ROT47_BY_FIRST[b[0]];
            byte[][] now = old == null ? new byte[1][] : java.util.Arrays.copyOf(old, old.length + 1);
            now[now.length - 1] = b;
            ROT47_BY_FIRST[b[0]] = now;
        }
    }

    private static List<Candidates.Candidate> rot47(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        for (int k = from; k < to; k++) {
            byte b = t[k];
            byte[][] forms = b > 0 ? ROT47_BY_FIRST[b] : null;
            if (forms == null) {
                continue;
            }
            for (byte[] form : forms) {
                if (k + form.length <= to && Sniff.startsWith(t, k, form)) {
                    out = addLine(t, from, to, k, ROT47, out);
                    k = lineEnd(t, k, to);
                    break;
                }
            }
        }
        return out;
    }

    private static byte[] rot47Text(byte[] t, int start, int end) {
        byte[] out = new byte[end - start];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) CodeHints.rot47(t[start + i]);
        }
        return out;
    }

    // ---- spelled digits among spaced-out characters ----

    /** Fewest digit words on a line read. */
    static final int MIN_SPELLED = 8;

    private static final Map<String, Character> DIGIT_WORDS = digitWords();

    private static Map<String, Character> digitWords() {
        String[][] languages = {
            {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"},
            {"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"}};
        Map<String, Character> words = new java.util.HashMap<>();
        for (String[] digits : languages) {
            for (int d = 0; d < 10; d++) {
                words.put(digits[d], (char) ('0' + d));
            }
        }
        return Map.copyOf(words);
    }

    /** The digit word of {@code t[s, e)}, any case, or 0. */
    private static char digitWord(byte[] t, int s, int e) {
        if (e - s < 3 || e - s > 6) {
            return 0;
        }
        Character c = DIGIT_WORDS.get(new String(t, s, e - s, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT));
        return c == null ? 0 : c;
    }

    private static List<Candidates.Candidate> spelled(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        int line = from;
        while (line < to) {
            int e = lineEnd(t, line, to);
            int words = 0;
            int singles = 0;
            int tokens = 0;
            int k = line;
            while (k < e) {
                while (k < e && t[k] == ' ') {
                    k++;
                }
                int s = k;
                while (k < e && t[k] != ' ') {
                    k++;
                }
                if (k > s) {
                    tokens++;
                    if (k - s == 1) {
                        singles++;
                    } else if (digitWord(t, s, k) != 0) {
                        words++;
                    }
                }
            }
            // spaced-out text with digits spelled: nearly every token a character or a digit word, and characters
            // among them (a run of digit words alone is Exotic's digit-words)
            if (words >= MIN_SPELLED && singles >= 2 && (singles + words) * 10 >= tokens * 9) {
                out = Candidates.add(out, new Candidates.Candidate(line, e, Candidates.Kind.PIECES, SPELLED));
            }
            line = e + 1;
        }
        return out;
    }

    private static byte[] spelledText(byte[] t, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        int k = start;
        while (k < end) {
            int blanks = 0;
            while (k < end && t[k] == ' ') {
                k++;
                blanks++;
            }
            if (blanks >= 2 && out.size() > 0) {
                out.write(' '); // three blanks between spaced-out words
            }
            int s = k;
            while (k < end && t[k] != ' ') {
                k++;
            }
            char d = digitWord(t, s, k);
            if (d != 0) {
                out.write(d);
            } else {
                out.write(t, s, k - s);
            }
        }
        return out.toByteArray();
    }

    // ---- numbered assignments ----

    /** Fewest numbered assignments joined. */
    static final int MIN_NUMBERED = 3;

    private static final List<String> DECLARATIONS = List.of("export ", "set ", "const ", "let ", "var ", "local ",
            "declare ");

    /**
     * The assignment on the line {@code t[s, e)}: {@code [export ]NAME<n>="value"} (or {@code :}, {@code :=},
     * single quotes, a {@code $} before the name, a {@code ;} after): {stem start, stem end, n, value start, value
     * end, characters in the value, an escape one}, or null.
     */
    private static int[] assignment(byte[] t, int s, int e) {
        int k = s;
        while (k < e && (t[k] == ' ' || t[k] == '\t')) {
            k++;
        }
        for (String d : DECLARATIONS) {
            if (startsWithIgnoreCase(t, k, e, ascii(d))) {
                k += d.length();
                break;
            }
        }
        if (k < e && t[k] == '$') {
            k++;
        }
        int name = k;
        while (k < e && k - name < 64 && (Character.isLetterOrDigit(t[k]) || t[k] == '_')) {
            k++;
        }
        int digits = k;
        while (digits > name && t[digits - 1] >= '0' && t[digits - 1] <= '9') {
            digits--;
        }
        if (digits == name || digits == k || k - digits > 3) {
            return null;
        }
        int n = Integer.parseInt(new String(t, digits, k - digits, StandardCharsets.US_ASCII));
        while (k < e && t[k] == ' ') {
            k++;
        }
        if (k < e && t[k] == ':') {
            k++;
        }
        if (k < e && t[k] == '=') {
            k++;
        }
        while (k < e && t[k] == ' ') {
            k++;
        }
        if (k >= e || (t[k] != '"' && t[k] != '\'') || k == digits) {
            return null;
        }
        byte q = t[k];
        int close = k + 1;
        int chars = 0;
        while (close < e && t[close] != q) {
            close += t[close] == '\\' ? 2 : 1;
            chars++;
        }
        if (close >= e) {
            return null;
        }
        int after = close + 1;
        while (after < e && (t[after] == ';' || t[after] == ' ' || t[after] == '\t' || t[after] == '\r')) {
            after++;
        }
        return after == e ? new int[] {name, digits, n, k + 1, close, chars} : null;
    }

    private static List<Candidates.Candidate> numbered(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        int line = from;
        while (line < to) {
            int e = lineEnd(t, line, to);
            int[] first = assignment(t, line, e);
            if (first == null || first[2] > 1) {
                line = e + 1;
                continue;
            }
            int parts = 1;
            int width = first[5];
            int lastWidth = width;
            int end = e;
            int[] prev = first;
            int next = e + 1;
            while (next < to) {
                int ne = lineEnd(t, next, to);
                int[] a = assignment(t, next, ne);
                if (a == null || a[2] != prev[2] + 1 || a[1] - a[0] != first[1] - first[0]
                        || !java.util.Arrays.equals(t, a[0], a[1], t, first[0], first[1]) || lastWidth != width) {
                    break;
                }
                lastWidth = a[5];
                if (lastWidth > width) {
                    break;
                }
                parts++;
                end = ne;
                prev = a;
                next = ne + 1;
            }
            if (parts >= MIN_NUMBERED && width >= 2) {
                out = Candidates.add(out, new Candidates.Candidate(line, end, Candidates.Kind.PIECES, NUMBERED));
            }
            line = Math.max(end, e) + 1;
        }
        return out;
    }

    private static byte[] numberedText(byte[] t, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        int line = start;
        while (line < end) {
            int e = lineEnd(t, line, end);
            int[] a = assignment(t, line, e);
            if (a != null) {
                for (int k = a[3]; k < a[4]; k++) {
                    byte b = t[k];
                    if (b == '\\' && k + 1 < a[4]) {
                        byte x = t[++k];
                        out.write(x == 'n' ? '\n' : x == 't' ? '\t' : x == 'r' ? '\r' : x);
                    } else {
                        out.write(b);
                    }
                }
            }
            line = e + 1;
        }
        return out.toByteArray();
    }

    // ---- streamed deltas ----

    /** Delta lines needed: fewer pieces are a message, not a stream. */
    static final int MIN_DELTAS = 3;

    /** What marks a line as a streamed event's delta. */
    private static final byte[][] DELTA_MARKS = {ascii("text_delta\""), ascii("input_json_delta\""),
        ascii("thinking_delta\""), ascii(".delta\""), ascii("\"delta\":{\"content\":\""), ascii("\"delta\":{\"tool_calls\"")};

    /** The keys whose string value is a delta's piece, tried in this order on a delta line. */
    private static final byte[][] DELTA_KEYS = {ascii("\"partial_json\":"), ascii("\"text\":"), ascii("\"thinking\":"),
        ascii("\"content\":"), ascii("\"delta\":"), ascii("\"arguments\":")};

    private static boolean deltaLine(byte[] t, int s, int e) {
        for (byte[] mark : DELTA_MARKS) {
            if (Sniff.indexOf(t, mark, s, e) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** In every mark of {@link #DELTA_MARKS}: only the lines that hold it are looked at. */
    private static final byte[] DELTA = ascii("delta\"");

    private static List<Candidates.Candidate> deltas(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        int first = -1;
        int last = -1;
        int count = 0;
        for (int k = Sniff.indexOf(t, DELTA, from, to); k >= 0; ) {
            int s = lineStart(t, from, k);
            int e = lineEnd(t, k, to);
            if (deltaLine(t, s, e)) {
                first = first < 0 ? s : first;
                last = e;
                count++;
            }
            k = e + 1 < to ? Sniff.indexOf(t, DELTA, e + 1, to) : -1;
        }
        return count >= MIN_DELTAS ? Candidates.add(out, new Candidates.Candidate(first, last, Candidates.Kind.PIECES,
                DELTAS)) : out;
    }

    private static byte[] deltasText(byte[] t, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(end - start, MAX_OUT));
        for (int s = start; s < end && out.size() < MAX_OUT; ) {
            int e = lineEnd(t, s, end);
            if (deltaLine(t, s, e)) {
                for (byte[] key : DELTA_KEYS) {
                    int k = Sniff.indexOf(t, key, s, e);
                    if (k >= 0 && jsonString(t, k + key.length, e, out)) {
                        break;
                    }
                }
            }
            s = e + 1;
        }
        return out.toByteArray();
    }

    /** Reads a delta's JSON string (escapes, surrogate pairs) as any JSON parser does. */
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * Appends the JSON string that starts at {@code t[at]} (after blanks) to {@code out}, read by Jackson; false when
     * no string starts there (an object, a number) or it does not end well on the line.
     */
    private static boolean jsonString(byte[] t, int at, int e, ByteArrayOutputStream out) {
        int i = at;
        while (i < e && (t[i] == ' ' || t[i] == '\t')) {
            i++;
        }
        if (i >= e || t[i] != '"') {
            return false;
        }
        int close = i + 1;
        while (close < e && t[close] != '"') {
            close += t[close] == '\\' ? 2 : 1;
        }
        if (close >= e) {
            return false;
        }
        try (JsonParser p = JSON.createParser(t, i, close + 1 - i)) {
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                return false;
            }
            out.writeBytes(p.getText().getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException ex) {
            return false; // a bad escape: not a piece
        }
    }

    // ---- ripgrep's JSON Lines ----

    /** Line events needed: a value spread over lines is in two or more. */
    static final int MIN_RG_LINES = 2;
    /** Longest text kept from one stream (a file searched with context is longer than a markup line). */
    private static final int MAX_RG_OUT = 256 * 1024;
    private static final byte[] RG_LINES = ascii("\"lines\"");
    private static final byte[] RG_TEXT = ascii("\"text\"");
    private static final byte[] RG_BYTES = ascii("\"bytes\"");

    /**
     * {@code rg --json}'s events ({@code {"type":"match","data":{"path":{...},"lines":{"text":"...\n"},
     * "line_number":6,...}}}, {@code "context"} alike), compact, with blanks or pretty-printed, keys in any order:
     * from the first event with a {@code "lines"} object to the last one, when there are {@value #MIN_RG_LINES} or more.
     */
    private static List<Candidates.Candidate> rgJson(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        int first = -1;
        int last = -1;
        int count = 0;
        for (int k = Sniff.indexOf(t, RG_LINES, from, to); k >= 0; k = Sniff.indexOf(t, RG_LINES, k + 1, to)) {
            long value = rgLineValue(t, k, to);
            if (value < 0) {
                continue;
            }
            first = first < 0 ? lineStart(t, from, k) : first;
            last = (int) value;
            count++;
        }
        return count >= MIN_RG_LINES ? Candidates.add(out, new Candidates.Candidate(first, last,
                Candidates.Kind.PIECES, RG_JSON)) : out;
    }

    /**
     * The JSON string of the {@code "lines"} object whose key starts at {@code t[k]}, as {@code start << 32 | end}
     * (its quotes included) with the sign bit of {@code start} free; bit 62 set when it is {@code "bytes"} (base64);
     * -1 when the key holds no such object.
     */
    private static long rgLineValue(byte[] t, int k, int to) {
        int i = skipBlanks(t, k + RG_LINES.length, to);
        if (i >= to || t[i] != ':') {
            return -1;
        }
        i = skipBlanks(t, i + 1, to);
        if (i >= to || t[i] != '{') {
            return -1;
        }
        i = skipBlanks(t, i + 1, to);
        boolean bytes = Sniff.startsWith(t, i, RG_BYTES);
        if (!bytes && !Sniff.startsWith(t, i, RG_TEXT)) {
            return -1;
        }
        i = skipBlanks(t, i + (bytes ? RG_BYTES.length : RG_TEXT.length), to);
        if (i >= to || t[i] != ':') {
            return -1;
        }
        i = skipBlanks(t, i + 1, to);
        if (i >= to || t[i] != '"') {
            return -1;
        }
        int close = i + 1;
        while (close < to && close - i < MAX_LINE && t[close] != '"' && t[close] != '\n') {
            close += t[close] == '\\' ? 2 : 1;
        }
        if (close >= to || t[close] != '"') {
            return -1;
        }
        return (bytes ? 1L << 62 : 0L) | (long) i << 32 | (close + 1);
    }

    private static int skipBlanks(byte[] t, int i, int to) {
        while (i < to && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) {
            i++;
        }
        return i;
    }

    /** The {@code lines} of the events in order, each ending in a line break: the file's lines the stream printed. */
    private static byte[] rgJsonText(byte[] t, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(end - start, MAX_RG_OUT));
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        for (int k = Sniff.indexOf(t, RG_LINES, start, end); k >= 0 && out.size() < MAX_RG_OUT;
                k = Sniff.indexOf(t, RG_LINES, k + 1, end)) {
            long value = rgLineValue(t, k, end);
            if (value < 0) {
                continue;
            }
            int s = (int) (value >>> 32 & 0x3fffffff);
            int e = (int) value;
            one.reset();
            if (!jsonString(t, s, e, one)) {
                continue;
            }
            byte[] line = one.toByteArray();
            if ((value & 1L << 62) != 0) {
                try {
                    line = java.util.Base64.getDecoder().decode(line);
                } catch (IllegalArgumentException ex) {
                    continue; // not ripgrep's base64
                }
            }
            out.writeBytes(line);
            if (line.length == 0 || line[line.length - 1] != '\n') {
                out.write('\n');
            }
            k = e - 1;
        }
        return out.toByteArray();
    }

    // ---- a token cut at a line's end ----

    /**
     * Vendor prefixes whose tokens are looked for across a line break (the scan hint lists the same), each with the
     * shortest whole token of its kind: a line that ends in one at least that long may end with the token whole, and
     * is not joined (so a redactable token is never found again, unrewritable, in this layer).
     */
    private static final Map<String, Integer> WRAP_PREFIXES = Map.ofEntries(Map.entry("ghp_", 40),
            Map.entry("gho_", 40), Map.entry("ghu_", 40), Map.entry("ghs_", 40), Map.entry("github_pat_", 93),
            Map.entry("sk-ant-", 108), Map.entry("sk-proj-", 132), Map.entry("sk-svcacct-", 135),
            Map.entry("sk_live_", 32), Map.entry("rk_live_", 32), Map.entry("xoxb-", 47), Map.entry("xoxp-", 47),
            Map.entry("xoxa-", 47), Map.entry("glpat-", 26), Map.entry("hf_", 37), Map.entry("npm_", 40),
            Map.entry("AKIA", 20), Map.entry("ASIA", 20));
    private static final byte[] NEWLINE = {'\n'};
    /** Longest token start read back from a line's end. */
    private static final int MAX_WRAPPED = 160;
    /** Token characters the next line must start with. */
    private static final int MIN_CONTINUED = 4;
    /**
     * Narrowest line read as hard-wrapped: terminals, {@code fold} and log viewers wrap at 60 columns or more. A shorter
     * line is more likely one value of a JSON or form projection (each ends in a line break there) than a wrapped one;
     * a token cut between two values is the joined views' ({@link Joins}, {@code |joined-fields}).
     */
    private static final int MIN_WRAP_WIDTH = 60;

    private static boolean tokenChar(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '-';
    }

    private static List<Candidates.Candidate> tokenWraps(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        for (int nl = from; (nl = Sniff.indexOf(t, NEWLINE, nl, to)) >= 0; nl++) {
            int e = nl > from && t[nl - 1] == '\r' ? nl - 1 : nl;
            int s = e;
            while (s > from && e - s < MAX_WRAPPED && tokenChar(t[s - 1])) {
                s--;
            }
            if (s == e || s > from && tokenChar(t[s - 1])) {
                continue;
            }
            int next = nl + 1;
            int n = next;
            while (n < to && n - next < MAX_WRAPPED && tokenChar(t[n])) {
                n++;
            }
            if (n - next < MIN_CONTINUED || !wrapPrefix(t, s, e) || e - lineStart(t, from, s) < MIN_WRAP_WIDTH) {
                continue;
            }
            out = Candidates.add(out, new Candidates.Candidate(s, n, Candidates.Kind.PIECES, TOKEN_WRAP));
        }
        return out;
    }

    /** Longest JWT read across wrapped lines. */
    private static final int MAX_JWT = 4096;
    private static final byte[] JWT_START = {'e', 'y', 'J'};

    private static boolean jwtChar(byte b) {
        return tokenChar(b) || b == '.';
    }

    /**
     * A JWT that a terminal or {@code fold} hard-wrapped ({@code tmux capture-pane}, a log viewer): a run of base64url
     * characters and dots that starts with {@code eyJ}, holds fewer than two dots (a JWT cut before its signature) and
     * ends a line of {@link #MIN_WRAP_WIDTH} or more columns, joined with the next lines while each is a whole line of
     * them that wide (the wrapped middle), and with the token characters that start the line after (its end). Kept
     * when the joined run holds the two dots of a JWT.
     */
    private static List<Candidates.Candidate> jwtWraps(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        for (int nl = from; (nl = Sniff.indexOf(t, NEWLINE, nl, to)) >= 0; nl++) {
            int e = nl > from && t[nl - 1] == '\r' ? nl - 1 : nl;
            int s = e;
            while (s > from && e - s < MAX_JWT && jwtChar(t[s - 1])) {
                s--;
            }
            int j = Sniff.indexOf(t, JWT_START, s, e);
            if (j < 0 || (j > s && tokenChar(t[j - 1])) || dots(t, j, e) >= 2
                    || e - lineStart(t, from, j) < MIN_WRAP_WIDTH) {
                continue; // no JWT start, or its header and payload whole on the line (the rule reads it there)
            }
            int end = e;
            int next = nl + 1;
            while (next < to && end - j < MAX_JWT) {
                int k = next;
                while (k < to && k - next < MAX_JWT && jwtChar(t[k])) {
                    k++;
                }
                if (k - next < MIN_CONTINUED) {
                    break;
                }
                end = k;
                boolean wholeLine = k < to && (t[k] == '\n' || t[k] == '\r');
                if (!wholeLine || k - next < MIN_WRAP_WIDTH) {
                    break; // the token's last piece
                }
                next = t[k] == '\r' && k + 1 < to && t[k + 1] == '\n' ? k + 2 : k + 1;
            }
            if (end > e && dots(t, j, end) >= 2) {
                out = Candidates.add(out, new Candidates.Candidate(j, end, Candidates.Kind.PIECES, TOKEN_WRAP));
                nl = end - 1; // past the lines joined
            }
        }
        return out;
    }

    private static int dots(byte[] t, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += t[i] == '.' ? 1 : 0;
        }
        return n;
    }

    /** {@code t[s, e)} starts with a listed prefix and is shorter than the shortest whole token of its kind. */
    private static boolean wrapPrefix(byte[] t, int s, int e) {
        for (Map.Entry<String, Integer> p : WRAP_PREFIXES.entrySet()) {
            String prefix = p.getKey();
            if (e - s >= prefix.length() && e - s < p.getValue()) {
                boolean same = true;
                for (int k = 0; k < prefix.length() && same; k++) {
                    same = t[s + k] == prefix.charAt(k);
                }
                if (same) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] tokenWrapText(byte[] t, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        for (int k = start; k < end; k++) {
            if (t[k] != '\n' && t[k] != '\r') {
                out.write(t[k]);
            }
        }
        return out.toByteArray();
    }
}
