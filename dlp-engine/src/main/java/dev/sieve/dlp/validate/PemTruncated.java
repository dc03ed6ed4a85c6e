package dev.sieve.dlp.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * {@code pem-truncated}: a private key's PEM block cut before its {@code END} line ({@code grep -A6}, {@code head -n 8},
 * a tool's output cut at a size): the {@code BEGIN} line, then {@value #MIN_LINES} or more lines of base64 of one width
 * of {@value #MIN_WIDTH} characters or more (the last may be shorter), with upper- and lower-case letters and digits,
 * and no {@code END} line after them within the block. The block goes on over more such lines, blank lines and
 * elisions ({@code ...}); an {@code END} line there makes it a whole block, which {@code pem} judges (so a whole key
 * is never reported twice, and an elided key in documentation, {@code BEGIN}, a few lines, {@code ...}, {@code END},
 * is not reported). Every line may carry the mark of the {@code BEGIN} line, read as {@code pem} reads it (line
 * numbers, {@code grep -n} and {@code -A} context marks, a diff's {@code +}, comments, syslog heads).
 */
final class PemTruncated implements Validator {

    static final int MIN_LINES = 3;
    static final int MIN_WIDTH = 40;
    /** Characters after the match read for an {@code END} line (a 4096-bit RSA key is some 3,200). */
    static final int AFTER_REACH = 4096;
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    @Override
    public int reach() {
        return AFTER_REACH;
    }

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String s = normalize(match);
        int begin = s.indexOf(BEGIN);
        int labelEnd = begin < 0 ? -1 : s.indexOf(DASHES, begin + BEGIN.length());
        if (labelEnd < 0 || s.indexOf(END, labelEnd) >= 0) {
            return false;
        }
        ToIntFunction<String> mark = Pem.mark(Pem.ANSI.matcher(ctx.before(Pem.LINE_REACH)).replaceAll(""));
        String[] lines = s.substring(labelEnd + DASHES.length()).split("\n", -1);
        List<String> body = new ArrayList<>();
        for (int k = 1; k < lines.length; k++) {
            String line = unmarked(lines[k], mark);
            if (line == null) {
                return false;
            }
            if (!line.isEmpty()) {
                if (base64Line(line) < 0) {
                    return false;
                }
                body.add(line);
            }
        }
        if (body.size() < MIN_LINES) {
            return false;
        }
        int width = body.get(0).length();
        for (int k = 0; k < body.size(); k++) {
            int w = body.get(k).length();
            if (k < body.size() - 1 ? w != width : w > width) {
                return false; // an encoder writes every line but the last one width
            }
        }
        if (width < MIN_WIDTH || !mixed(body)) {
            return false;
        }
        return !endFollows(normalize(ctx.after(AFTER_REACH)), mark, width);
    }

    /** The lines after the match go on as the block's body, blank lines or elisions, then reach an END line. */
    private static boolean endFollows(String after, ToIntFunction<String> mark, int width) {
        for (String raw : after.split("\n", -1)) {
            if (raw.contains(END)) {
                return true; // read before the mark: a mark's separator may be the END line's first dash
            }
            String marked = unmarked(raw, mark);
            String line = marked == null ? raw.strip() : marked;
            if (line.isEmpty() || elision(line)) {
                continue;
            }
            int w = base64Line(line);
            if (w < 0 || w > width + 2) {
                return false; // the block ended without an END line: it was cut
            }
        }
        return false; // nothing more in reach
    }

    private static boolean elision(String line) {
        String l = line.replace("\u00e2\u0080\u00a6", "...").replace("\u2026", "...");
        return l.matches("[\\[(<]?(?:\\.{3,}|snip|truncated|\\.\\.\\. ?\\(?[0-9]* ?(?:more )?lines?[^\\n]{0,40})[\\])>]?");
    }

    /** {@code line} without the mark and blanks, "" when blank, null when it lacks the mark. */
    private static String unmarked(String line, ToIntFunction<String> mark) {
        String l = line;
        if (mark != null && !l.isBlank()) {
            int length = mark.applyAsInt(l);
            if (length < 0) {
                return null;
            }
            l = l.substring(length);
        }
        return l.strip();
    }

    /** The width of a line of base64 (with padding at its end), or -1. */
    private static int base64Line(String line) {
        int n = line.length();
        int pad = 0;
        while (pad < 2 && n - pad > 0 && line.charAt(n - pad - 1) == '=') {
            pad++;
        }
        for (int i = 0; i < n - pad; i++) {
            char c = line.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/')) {
                return -1;
            }
        }
        return n - pad == 0 ? -1 : n;
    }

    /** Upper- and lower-case letters and digits, and 16 or more distinct characters: no placeholder run. */
    private static boolean mixed(List<String> body) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean[] seen = new boolean[128];
        int distinct = 0;
        for (String line : body) {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                upper |= c >= 'A' && c <= 'Z';
                lower |= c >= 'a' && c <= 'z';
                digit |= c >= '0' && c <= '9';
                if (c < 128 && !seen[c]) {
                    seen[c] = true;
                    distinct++;
                }
            }
        }
        return upper && lower && digit && distinct >= 16;
    }

    /** Line breaks as {@code \n}, JSON's escaped ones too; terminal colour escapes dropped. */
    private static String normalize(CharSequence text) {
        return Pem.ANSI.matcher(text).replaceAll("").replace("\\r\\n", "\n").replace("\\n", "\n").replace("\\r", "\n")
                .replace("\r\n", "\n").replace('\r', '\n');
    }
}
