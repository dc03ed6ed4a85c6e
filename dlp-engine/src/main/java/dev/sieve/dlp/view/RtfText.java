package dev.sieve.dlp.view;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * An RTF document (<code>{\rtf</code> magic, whatever the declared type) is scanned as it is, the raw view
 * {@code <path>} as before, and also as its text, the view {@code <path>|rtf}. The text view is derived, like an
 * SVG's ({@link SvgText}): it reports only what the raw view did not, and a value found only there cannot be written
 * back and escalates to block. The raw view stays because this reader skips destinations (font tables, pictures,
 * {@code \bin} data, the generator): a value hidden there is still in the bytes that leave. RTF source hides text
 * from a scan of its bytes:
 * characters written as {@code \'hh} (a byte in the document's code page, {@code \ansicpgN}, cp1252 by default) or
 * <code>&#92;uN</code> (a signed 16-bit UTF-16 unit, followed by <code>&#92;ucN</code> fallback characters to skip, default 1), and
 * words cut into runs by control words and groups ({@code sk_live_{\insrsid123 Qx...}}).
 *
 * <p>Why not the JDK's {@code javax.swing.text.rtf.RTFEditorKit}: tried on JDK 17, it reads {@code \'hh},
 * <code>&#92;uN</code> and <code>&#92;ucN</code> well, but drops the document information (title, author, comments
 * in {@code \info}) and field instructions (hyperlink targets), which are worth scanning; it builds a Swing styled
 * document (an element and attribute set per run) of the whole text, gives no control over its work, and needs the
 * java.desktop module. This reader follows the RTF 1.9.1 spec's
 * reader rules in one pass with no recursion: groups, control words (letters, an optional signed number, one space
 * delimiter eaten), control symbols, {@code \'hh}, <code>&#92;uN</code> with <code>&#92;ucN</code> skip counting, {@code \bin N} data
 * skipped unread, {@code \par}/{@code \line}/{@code \row} as line breaks and {@code \tab}/{@code \cell} as tabs.
 * Hidden text ({@code \v}) is read. Skipped: the destinations known to hold no document text, the tables, pictures
 * and data ({@code \fonttbl}, {@code \colortbl}, {@code \stylesheet}, list tables, {@code \pict}, {@code \objdata},
 * theme and data stores, {@code \*\generator}, revision and bookmark bookkeeping). Read: the document information
 * ({@code \info}: title, author, comments, ...), field instructions (hyperlinks), annotations, document variables,
 * user properties and shape text, each ended by a line break. The spec tells a reader to skip a {@code \*}
 * destination it does not know; a scanner reads it (its own line): what it holds leaves with the document, and
 * skipping it would let {@code {\*\anything secret}} hide what a scan of the raw source used to find.
 *
 * <p>Lenient, as word processors are: unbalanced braces and a truncated document give the text read so far, and
 * text after the root group is read on. Linear in the input, no fetch of anything; the text is charged to the
 * request's decode budget.
 */
final class RtfText {

    private static final byte[] MAGIC = {'{', '\\', 'r', 't', 'f'};
    /**
     * Groups nested deeper than this keep their parent's state (no destination is recognised there, so their text is
     * read): the state stack stays small whatever the input, and a deep group cannot hide text.
     */
    private static final int MAX_DEPTH = 1024;

    /**
     * Destinations without document text (tables, pictures and binary or hex data, generator and bookkeeping), skipped
     * whether or not they are marked {@code \*}. Any other destination is read, the unknown {@code \*} ones too.
     */
    private static final Set<String> SKIP = Set.of("fonttbl", "colortbl", "stylesheet", "listtable",
            "listoverridetable", "revtbl", "rsidtbl", "filetbl", "pict", "objdata", "objclass", "themedata",
            "colorschememapping", "datastore", "latentstyles", "generator", "xmlnstbl", "pgdsctbl", "panose",
            "bkmkstart", "bkmkend", "listpicture", "nonshppict", "blipuid", "passwordhash", "password",
            "protusertbl", "wgrffmtfilter", "pnseclvl", "atrfstart", "atrfend", "oleclsid", "falt", "fontemb",
            "fontfile", "mmathPr", "defchp", "defpap", "ftnsep", "ftnsepc", "aftnsep", "aftnsepc", "ftncn", "aftncn");
    /** Destinations whose text ends with a line break (properties, fields, notes), so that values do not run on. */
    private static final Set<String> LINE_AFTER = Set.of("title", "subject", "author", "operator", "keywords",
            "comment", "doccomm", "company", "manager", "category", "hlinkbase", "fldinst", "annotation", "atnauthor",
            "docvar", "propname", "staticval", "footnote", "header", "headerl", "headerr", "headerf", "footer",
            "footerl", "footerr", "footerf", "shptxt");

    private RtfText() {
    }

    /** Starts with {@code {\rtf} (the spec's {@code \rtf1}; readers accept any version). */
    static boolean sniff(byte[] b) {
        return Sniff.startsWith(b, 0, MAGIC);
    }

    /** The raw view {@code path} of {@code rtf} and its text view {@code <path>|rtf}. */
    static Node decode(byte[] rtf, String path, DecodeContext ctx) throws DecodeException {
        Node raw = RawView.of(path, rtf, ctx);
        String textPath = path + "|rtf";
        byte[] text = text(rtf).getBytes(StandardCharsets.UTF_8);
        ctx.charge(text.length, textPath);
        return SvgText.rawAndText(raw, ExtractedText.of(textPath, text, "an RTF document", ctx));
    }

    /** The text of {@code rtf}: what a word processor shows, plus the document information and field codes. */
    static String text(byte[] rtf) {
        return new Reader(rtf).read();
    }

    /** One pass over the source; group state (skipping, fallback count, line after) on an explicit stack. */
    private static final class Reader {
        private final byte[] s;
        private final StringBuilder text = new StringBuilder();
        /** Bytes of {@code \'hh} escapes and 8-bit characters not yet decoded with the code page. */
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private Charset codePage = Charset.forName("windows-1252");
        private int i;
        // the current group's state, and the enclosing groups' on the stack
        private boolean skip;
        private int uc = 1;
        private boolean lineAfter;
        private long[] stack = new long[16];
        private int depth;
        /** Groups opened beyond {@link #MAX_DEPTH}, not on the stack. */
        private int overflow;
        /** Fallback characters still to drop after a <code>&#92;uN</code>. */
        private int fallback;
        /** The group just opened: its first control word (after an optional {@code \*}) may name a destination. */
        private boolean groupStart;
        private boolean starred;

        Reader(byte[] s) {
            this.s = s;
        }

        String read() {
            while (i < s.length) {
                int c = s[i++] & 0xff;
                if (c == '{') {
                    push();
                } else if (c == '}') {
                    pop();
                } else if (c == '\\') {
                    control();
                } else if (c != '\r' && c != '\n') { // line breaks of the source are not text
                    groupStart = false;
                    if (!drop()) {
                        if (c < 0x80) {
                            emit((char) c);
                        } else {
                            pending.write(c); // an unescaped 8-bit byte: in the code page, as \'hh
                        }
                    }
                }
            }
            flush();
            return text.toString();
        }

        private void push() {
            fallback = 0;
            if (depth == MAX_DEPTH) {
                overflow++;
                groupStart = false;
                return;
            }
            if (depth == stack.length) {
                stack = Arrays.copyOf(stack, depth * 2);
            }
            stack[depth++] = (skip ? 1L : 0L) | (lineAfter ? 2L : 0L) | ((long) uc << 2);
            lineAfter = false;
            groupStart = true;
            starred = false;
        }

        private void pop() {
            fallback = 0;
            groupStart = false;
            if (overflow > 0) {
                overflow--;
                return;
            }
            if (lineAfter && !skip) {
                emit('\n');
            }
            if (depth == 0) {
                return; // an unbalanced brace: read on at the top level
            }
            long st = stack[--depth];
            skip = (st & 1) != 0;
            lineAfter = (st & 2) != 0;
            uc = (int) (st >>> 2);
        }

        private void control() {
            if (i >= s.length) {
                return;
            }
            int c = s[i] & 0xff;
            if (!isLetter(c)) {
                i++;
                symbol(c);
                return;
            }
            int start = i;
            while (i < s.length && isLetter(s[i] & 0xff) && i - start < 32) {
                i++;
            }
            String word = new String(s, start, i - start, StandardCharsets.US_ASCII);
            boolean hasParam = false;
            long param = 0;
            boolean negative = i + 1 < s.length && s[i] == '-' && isDigit(s[i + 1] & 0xff);
            if (negative) {
                i++;
            }
            int digits = 0;
            while (i < s.length && isDigit(s[i] & 0xff)) {
                if (digits++ < 10) {
                    param = param * 10 + (s[i] - '0');
                }
                hasParam = true;
                i++;
            }
            if (negative) {
                param = -param;
            }
            if (i < s.length && s[i] == ' ') {
                i++; // the delimiter belongs to the control word
            }
            word(word, hasParam, param);
        }

        private void word(String word, boolean hasParam, long param) {
            if (groupStart) {
                groupStart = false;
                if (SKIP.contains(word)) {
                    skip = true;
                }
                // an unknown \* destination is read as a line of its own
                lineAfter = LINE_AFTER.contains(word) || starred;
            }
            if (word.equals("bin")) { // binary data: never text, never counted as a fallback character
                i += (int) Math.min(Math.max(param, 0), s.length - i);
                return;
            }
            if (word.equals("uc")) {
                uc = (int) Math.max(0, Math.min(param, 16));
                return;
            }
            if (word.equals("ansicpg") && hasParam) {
                codePage(param);
                return;
            }
            if (drop()) {
                return;
            }
            switch (word) {
                case "u" -> {
                    if (hasParam) {
                        emit((char) (param < 0 ? param + 65536 : param)); // a UTF-16 unit: surrogate pairs join
                        fallback = uc;
                    }
                }
                case "par", "line", "sect", "page", "row" -> emit('\n');
                case "tab", "cell" -> emit('\t');
                case "emspace", "enspace", "qmspace" -> emit(' ');
                case "emdash" -> emit('\u2014');
                case "endash" -> emit('\u2013');
                case "bullet" -> emit('\u2022');
                case "lquote" -> emit('\u2018');
                case "rquote" -> emit('\u2019');
                case "ldblquote" -> emit('\u201c');
                case "rdblquote" -> emit('\u201d');
                default -> {
                    // formatting: no text
                }
            }
        }

        private void symbol(int c) {
            if (c == '*') {
                starred = groupStart;
                return;
            }
            groupStart = false;
            if (c == '\'') {
                int hi = i < s.length ? Character.digit(s[i], 16) : -1;
                int lo = i + 1 < s.length ? Character.digit(s[i + 1], 16) : -1;
                if (hi < 0 || lo < 0) {
                    return; // not an escape: ignored, as readers do
                }
                i += 2;
                if (!drop()) {
                    pending.write(hi << 4 | lo);
                }
                return;
            }
            if (drop()) {
                return;
            }
            switch (c) {
                case '\\', '{', '}' -> emit((char) c);
                case '~' -> emit('\u00a0');
                case '_' -> emit('-');
                case '\t' -> emit('\t');
                case '\r', '\n' -> emit('\n'); // a backslash before a line break is \par
                default -> {
                    // \- optional hyphen, \| \: and unknown symbols: no text
                }
            }
        }

        /** True (and one fewer to drop) when the next character is a fallback of a <code>&#92;uN</code>, or skipped. */
        private boolean drop() {
            if (fallback > 0) {
                fallback--;
                return true;
            }
            return skip;
        }

        private void emit(char c) {
            if (skip) {
                return;
            }
            flush();
            text.append(c);
        }

        /** Decodes the pending code page bytes (together: a double-byte code page's pairs stay pairs). */
        private void flush() {
            if (pending.size() > 0) {
                text.append(new String(pending.toByteArray(), codePage)); // malformed bytes become U+FFFD
                pending.reset();
            }
        }

        private void codePage(long n) {
            flush();
            for (String name : new String[] {"windows-" + n, "x-windows-" + n, "cp" + n, "x-IBM" + n}) {
                try {
                    if (Charset.isSupported(name)) {
                        codePage = Charset.forName(name);
                        return;
                    }
                } catch (IllegalArgumentException ignored) {
                    // an odd number: try the next spelling, else keep the code page
                }
            }
        }

        private static boolean isLetter(int c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }
    }
}
