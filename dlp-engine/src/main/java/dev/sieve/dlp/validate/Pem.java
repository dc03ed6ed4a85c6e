package dev.sieve.dlp.validate;

import java.util.Base64;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pem}: a complete PEM block: {@code -----BEGIN <label>-----}, a body, {@code -----END <label>-----} with
 * the same label. The body (line breaks, literal {@code \n}/{@code \r} escapes as found in JSON, and RFC 1421
 * header lines containing {@code :} removed) is standard base64 of {@value #MIN_BODY_CHARS} to
 * {@value #MAX_BODY_CHARS} characters that decodes, as it is or read as quoted-printable.
 *
 * <p>A block whose every line carries the mark that starts the {@code BEGIN} line is read without the marks: a line
 * number as {@code cat -n}, {@code grep -n} and an agent's file-reading tool print it (blanks, {@code 1} and an arrow
 * or a tab; {@code 12:}, {@code path:12:}; {@code 3 | }), a diff's {@code +} or {@code -}, a mail quote's {@code > }, a
 * comment's {@code # }, {@code // }, {@code * } or {@code ; }, a syslog line's head; terminal colour escapes
 * around them dropped. The mark is taken from the {@code BEGIN} line's start (within {@value #LINE_REACH}
 * characters before the match), so a base64 line that starts with {@code +} in an unmarked block is never cut, and
 * a block whose lines do not all carry it is read as it is.
 */
final class Pem implements Validator {

    static final int MIN_BODY_CHARS = 64;
    static final int MAX_BODY_CHARS = 64 * 1024;
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String s = match.toString();
        int begin = s.indexOf(BEGIN);
        if (begin < 0) {
            return false;
        }
        int labelStart = begin + BEGIN.length();
        int labelEnd = s.indexOf(DASHES, labelStart);
        int end = labelEnd < 0 ? -1 : s.indexOf(END, labelEnd + DASHES.length());
        if (end < 0) {
            return false;
        }
        String label = s.substring(labelStart, labelEnd);
        int endLabelStart = end + END.length();
        int endLabelEnd = s.indexOf(DASHES, endLabelStart);
        if (endLabelEnd < 0 || label.isEmpty() || !label.equals(s.substring(endLabelStart, endLabelEnd))) {
            return false;
        }
        String raw = s.substring(labelEnd + DASHES.length(), end);
        if (decodes(base64Body(raw, null))) {
            return true;
        }
        String unquoted = quotedPrintable(raw);
        if (unquoted != null && decodes(base64Body(unquoted, null))) {
            return true;
        }
        ToIntFunction<String> mark = mark(ANSI.matcher(ctx.before(LINE_REACH)).replaceAll(""));
        return mark != null && decodes(base64Body(ANSI.matcher(raw).replaceAll(""), mark));
    }

    /**
     * {@code raw} read as quoted-printable (soft line breaks {@code =} at a line's end dropped, {@code =3D} and other
     * {@code =XX} escapes read), or null when it has no such escape. A key in an e-mail attachment or body sent
     * quoted-printable has its lines broken mid-line and its padding escaped ({@code ...Q=3D=3D}); the mail is
     * scanned as text, where the block's BEGIN and END lines frame it unencoded.
     */
    private static String quotedPrintable(String raw) {
        Matcher m = QP_ESCAPE.matcher(raw);
        if (!m.find()) {
            return null;
        }
        StringBuilder out = new StringBuilder(raw.length());
        do {
            String decoded = m.group(1) == null ? "" : Character.toString((char) Integer.parseInt(m.group(1), 16));
            m.appendReplacement(out, Matcher.quoteReplacement(decoded));
        } while (m.find());
        return m.appendTail(out).toString();
    }

    /** A quoted-printable escape: {@code =XX} (upper-case hex, as RFC 2045 writes it) or a soft line break. */
    private static final Pattern QP_ESCAPE = Pattern.compile("=(?:([0-9A-F]{2})|[ \t]*\r?\n)");

    /** Characters before the match read for the mark that starts its line. */
    static final int LINE_REACH = 128;

    @Override
    public int reach() {
        return LINE_REACH;
    }

    /**
     * A line's mark: a line number and its separator (an arrow, a box-drawing bar, also as the Latin-1 view of their
     * UTF-8 bytes, a tab, {@code :}, {@code |}, {@code -} or blanks), after a file's path (or a revision and a path)
     * and {@code :} or {@code -} as {@code grep -rn} and {@code git grep -n} print matches and context lines; or up to
     * three of {@code + - > # | * ;} and {@code //}; blanks around either.
     */
    private static final String SEPARATOR = "(?:\u2192|\u00e2\u0086\u0092|\u2502|\u00e2\u0094\u0082|\\t|:|\\||-)";
    private static final String NUMBER = "[ \\t]*(?:\\S{1,160}?[:-])?[0-9]{1,7}(?:[ \\t]*" + SEPARATOR + "[ \\t]?|[ \\t]+)";
    private static final Pattern NUMBERED = Pattern.compile(NUMBER);
    /**
     * A syslog or journal line's head, its time stamp changing from line to line: {@code Oct 14 09:36:17 web-02
     * billing-worker[45319]: } or with an RFC 3339 time stamp.
     */
    private static final String LOG = "(?:[A-Z][a-z]{2} {1,2}[0-9]{1,2} [0-9]{2}:[0-9]{2}:[0-9]{2}"
            + "|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.,][0-9]{1,9})?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)"
            + " \\S{1,64} [^\\s:\\[]{1,64}(?:\\[[0-9]{1,10}\\])?:[ \\t]?";
    private static final Pattern LOGGED = Pattern.compile(LOG);
    private static final Pattern MARK = Pattern.compile("(?:" + LOG + ")|(?:" + NUMBER + ")"
            + "|[ \\t]*(?:[-+>#|*;]|//)(?:[ \\t]?(?:[-+>#|*;]|//)){0,2}[ \\t]?");
    /** Terminal colour and style escapes ({@code ESC [ 3 5 m}), which {@code grep --color} puts around each mark. */
    static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]{0,16}[A-Za-z]");

    /**
     * How long the mark of the line the match starts on is at the start of another line (-1: the line lacks it), or
     * null when that line has no mark or its start is not seen.
     */
    static ToIntFunction<String> mark(CharSequence before) {
        String b = before.toString().replace("\\r", "\n").replace("\\n", "\n").replace('\r', '\n');
        int lineStart = b.lastIndexOf('\n') + 1;
        if (lineStart == 0 && b.length() >= LINE_REACH) {
            return null; // the line starts further back than the validator reads
        }
        String head = b.substring(lineStart);
        Matcher m = MARK.matcher(head);
        if (!m.lookingAt() || m.group().isBlank()) {
            m = labelledMark(head);
            if (m == null) {
                return null; // no mark, or indentation only (which the body's reading drops anyway)
            }
        }
        String mark = m.group();
        if (LOGGED.matcher(mark).lookingAt()) {
            return line -> lengthAt(LOGGED, line);
        }
        if (mark.chars().anyMatch(Character::isDigit)) {
            return line -> lengthAt(NUMBERED, line);
        }
        return line -> line.startsWith(mark) ? mark.length() : -1; // the same mark, character for character
    }

    /**
     * The mark right before the {@code BEGIN} line's block when a tool's label comes first on that line only
     * ({@code Stdout: ./k8s/sftp.yaml:9:    -----BEGIN ...}: Gemini CLI's and other shells' output wrappers): a mark
     * that starts after a blank and reaches the block (blanks aside), or null.
     */
    private static Matcher labelledMark(String line) {
        for (int i = line.indexOf(' '); i >= 0 && i + 1 < line.length(); i = line.indexOf(' ', i + 1)) {
            if (line.charAt(i + 1) == ' ' || line.charAt(i + 1) == '\t') {
                continue;
            }
            Matcher n = MARK.matcher(line).region(i + 1, line.length());
            if (n.lookingAt() && !n.group().isBlank() && line.substring(n.end()).isBlank()) {
                return n;
            }
        }
        return null;
    }

    /** How long {@code pattern}'s match at the start of {@code line} is, or -1. */
    private static int lengthAt(Pattern pattern, String line) {
        Matcher m = pattern.matcher(line);
        return m.lookingAt() ? m.end() : -1;
    }

    private static boolean decodes(String body) {
        if (body == null || body.length() < MIN_BODY_CHARS || body.length() > MAX_BODY_CHARS) {
            return false;
        }
        try {
            Base64.getDecoder().decode(body);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The base64 of a block's body, without line breaks, blanks and header lines; with {@code mark}, each line after
     * the first read past that mark, or null when a line that is not empty does not start with it.
     */
    private static String base64Body(String raw, ToIntFunction<String> mark) {
        String normalized = raw.replace("\\r", "\n").replace("\\n", "\n").replace('\r', '\n');
        StringBuilder body = new StringBuilder(normalized.length());
        String[] lines = normalized.split("\n");
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k];
            if (mark != null && k > 0 && !line.isEmpty()) {
                int length = mark.applyAsInt(line);
                if (length < 0) {
                    return null;
                }
                line = line.substring(length);
            }
            if (line.indexOf(':') >= 0) {
                continue;
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c != ' ' && c != '\t') {
                    body.append(c);
                }
            }
        }
        return body.toString();
    }
}
