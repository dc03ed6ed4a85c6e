package dev.sieve.dlp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a rule pattern in the dialect both engines accept: the common subset of Hyperscan (PCRE syntax, byte
 * mode) and java.util.regex. It computes the minimum and maximum match width in bytes, names every unsupported
 * construct, and writes the equivalent java.util.regex pattern over Latin-1 text (one char per byte):
 *
 * <ul>
 *   <li>{@code \b} and {@code \B} become explicit ASCII word-boundary look-arounds (Java's own {@code \b} is
 *       Unicode-aware and would see Latin-1 letters as word characters where Hyperscan does not);</li>
 *   <li>non-ASCII literals become their UTF-8 bytes ({@code \xHH}), because Hyperscan compiles the pattern's UTF-8
 *       bytes;</li>
 *   <li>a {@code {} that is not a quantifier becomes {@code \{} (PCRE reads it as a literal, Java rejects it).</li>
 * </ul>
 *
 * Rejected (named in the problem text): look-around, back-references, atomic groups, possessive quantifiers,
 * conditionals, recursion, {@code \K \G \R \X \C \h \v \N \p} and unicode escapes, octal escapes, POSIX classes, nested classes and
 * class intersections, inline flags other than {@code i m s}.
 */
final class RegexSyntax {

    static final int UNBOUNDED = -1;
    /** java.util.regex's {@code \\w} is exactly this ASCII set (no UNICODE_CHARACTER_CLASS) and a single table lookup. */
    private static final String WORD = "\\w";
    private static final String WORD_BOUNDARY = "(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))";
    private static final String NOT_WORD_BOUNDARY = "(?:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))";

    /** Result of reading one pattern. {@code maxWidth} is {@link #UNBOUNDED} for patterns without an upper bound. */
    record Info(int minWidth, int maxWidth, String javaRegex, List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private final String p;
    private final StringBuilder java = new StringBuilder();
    private final List<String> problems = new ArrayList<>();
    private int i;

    private RegexSyntax(String pattern) {
        this.p = pattern;
    }

    static Info analyze(String pattern) {
        RegexSyntax s = new RegexSyntax(pattern);
        long[] w = s.alternation();
        if (s.i < s.p.length()) {
            s.problem("unbalanced ')' at index " + s.i);
        }
        return new Info((int) Math.min(w[0], Integer.MAX_VALUE), w[1] < 0 || w[1] > Integer.MAX_VALUE ? UNBOUNDED
                : (int) w[1], s.java.toString(), List.copyOf(s.problems));
    }

    private void problem(String text) {
        if (!problems.contains(text)) {
            problems.add(text);
        }
    }

    /** Returns {min, max} with max -1 for unbounded. */
    private long[] alternation() {
        long[] result = sequence();
        while (i < p.length() && p.charAt(i) == '|') {
            java.append('|');
            i++;
            long[] next = sequence();
            result = new long[] {Math.min(result[0], next[0]), result[1] < 0 || next[1] < 0 ? -1 : Math.max(result[1], next[1])};
        }
        return result;
    }

    private long[] sequence() {
        long min = 0;
        long max = 0;
        while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
            long[] item = quantified();
            min += item[0];
            max = max < 0 || item[1] < 0 ? -1 : max + item[1];
        }
        return new long[] {min, max};
    }

    private long[] quantified() {
        long[] w = atom();
        while (i < p.length()) {
            char c = p.charAt(i);
            long lo;
            long hi;
            int consumed;
            if (c == '*') {
                lo = 0;
                hi = -1;
                consumed = 1;
            } else if (c == '+') {
                lo = 1;
                hi = -1;
                consumed = 1;
            } else if (c == '?') {
                lo = 0;
                hi = 1;
                consumed = 1;
            } else if (c == '{') {
                int close = p.indexOf('}', i);
                String body = close < 0 ? "" : p.substring(i + 1, close);
                if (!body.matches("\\d{1,6}(,\\d{0,6})?")) {
                    return w;
                }
                String[] parts = body.split(",", -1);
                lo = Long.parseLong(parts[0]);
                hi = parts.length == 1 ? lo : parts[1].isEmpty() ? -1 : Long.parseLong(parts[1]);
                if (hi >= 0 && hi < lo) {
                    problem("quantifier {" + body + "} has max < min");
                }
                consumed = close - i + 1;
            } else {
                return w;
            }
            java.append(p, i, i + consumed);
            i += consumed;
            if (i < p.length() && p.charAt(i) == '+') {
                problem("possessive quantifier '" + c + "+' is not supported (expected: a plain quantifier)");
                i++;
            } else if (i < p.length() && p.charAt(i) == '?') {
                java.append('?');
                i++;
            }
            long min = w[0] * lo;
            long max = hi < 0 ? (w[1] == 0 ? 0 : -1) : (w[1] < 0 ? -1 : w[1] * hi);
            w = new long[] {min, max};
        }
        return w;
    }

    private long[] atom() {
        char c = p.charAt(i);
        switch (c) {
            case '(':
                return group();
            case '[':
                charClass();
                return new long[] {1, 1};
            case '\\':
                return escape(false);
            case '.':
                java.append('.');
                i++;
                return new long[] {1, 1};
            case '^':
            case '$':
                java.append(c);
                i++;
                return new long[] {0, 0};
            case '*':
            case '+':
            case '?':
                problem("quantifier '" + c + "' at index " + i + " has nothing to repeat");
                i++;
                return new long[] {0, 0};
            case '{':
                java.append("\\{");
                i++;
                return new long[] {1, 1};
            default:
                i++;
                return literal(c);
        }
    }

    private long[] literal(char c) {
        if (c < 0x80) {
            if (c == '}' || c == ']') {
                java.append('\\');
            }
            java.append(c);
            return new long[] {1, 1};
        }
        String s = Character.isHighSurrogate(c) && i < p.length() ? "" + c + p.charAt(i++) : String.valueOf(c);
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) {
            java.append(String.format("\\x%02X", b & 0xff));
        }
        return new long[] {utf8.length, utf8.length};
    }

    private long[] group() {
        int start = i;
        i++;
        if (i >= p.length() || p.charAt(i) != '?') {
            java.append('(');
            return groupBody(start);
        }
        String rest = p.substring(i);
        for (String bad : new String[] {"?<=", "?<!", "?=", "?!"}) {
            if (rest.startsWith(bad)) {
                problem("look-around '(" + bad + "' is not supported by Hyperscan (expected: no look-around;"
                        + " consume a boundary character, use \\b, or move the condition into a validator)");
                return rejectedGroup(start, bad.length());
            }
        }
        if (rest.startsWith("?:")) {
            java.append("(?:");
            i += 2;
            return groupBody(start);
        }
        if (rest.startsWith("?<") && rest.matches("^\\?<[A-Za-z][A-Za-z0-9]*>[\\s\\S]*")) {
            int close = p.indexOf('>', i);
            java.append('(').append(p, i, close + 1);
            i = close + 1;
            return groupBody(start);
        }
        String sigil = rest.substring(0, Math.min(3, rest.length()));
        if (rest.startsWith("?>")) {
            problem("atomic group '(?>' is not supported (expected: a plain group '(?:')");
            return rejectedGroup(start, 2);
        }
        if (rest.startsWith("?(")) {
            problem("conditional '(?(' is not supported (expected: alternation or a validator)");
            return rejectedGroup(start, 2);
        }
        if (rest.startsWith("?P=") || rest.startsWith("?P>") || rest.startsWith("?&") || rest.matches("^\\?[R0-9+][\\s\\S]*")) {
            problem("back-reference or recursion '(" + sigil + "' is not supported by Hyperscan (expected: no"
                    + " back-references; use alternatives or a validator)");
            return rejectedGroup(start, 2);
        }
        int j = i + 1;
        while (j < p.length() && "imsx-".indexOf(p.charAt(j)) >= 0) {
            j++;
        }
        String flags = p.substring(i + 1, j);
        boolean flagGroup = !flags.isEmpty() && j < p.length() && (p.charAt(j) == ':' || p.charAt(j) == ')');
        if (!flagGroup) {
            problem("group '(" + sigil + "' is not supported (expected: '(?:', '(?<name>' or inline flags from i, m, s)");
            return rejectedGroup(start, 1);
        }
        if (flags.indexOf('x') >= 0) {
            problem("inline flag 'x' is not supported (expected: flags from i, m, s)");
        }
        java.append('(').append(p, i, j + 1);
        i = j + 1;
        if (p.charAt(j) == ')') {
            return new long[] {0, 0};
        }
        return groupBody(start);
    }

    private long[] groupBody(int start) {
        long[] w = alternation();
        closeGroup(start);
        return w;
    }

    private long[] rejectedGroup(int start, int sigilLength) {
        java.append("(?:");
        i += sigilLength;
        groupBody(start);
        return new long[] {0, 0};
    }

    private void closeGroup(int start) {
        if (i < p.length() && p.charAt(i) == ')') {
            java.append(')');
            i++;
        } else {
            problem("unclosed group opened at index " + start);
        }
    }

    private void charClass() {
        int start = i;
        int javaStart = java.length();
        java.append('[');
        i++;
        if (i < p.length() && p.charAt(i) == '^') {
            java.append('^');
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            problem("']' first in a character class at index " + start + " (expected: escape it as \\])");
        }
        while (i < p.length() && p.charAt(i) != ']') {
            char c = p.charAt(i);
            if (c == '\\') {
                escape(true);
            } else if (c == '[') {
                if (p.startsWith("[:", i)) {
                    problem("POSIX class '[:' is not supported (expected: an explicit range such as [a-zA-Z])");
                } else {
                    problem("'[' inside a character class at index " + i + " (expected: escape it as \\[)");
                }
                java.append("\\[");
                i++;
            } else if (c == '&' && p.startsWith("&&", i)) {
                problem("'&&' inside a character class at index " + i + " (expected: escape it as \\&\\&)");
                java.append("\\&");
                i++;
            } else if (c >= 0x80) {
                problem("non-ASCII character in a character class at index " + i + " (expected: ASCII or \\xHH)");
                i++;
            } else {
                java.append(c);
                i++;
            }
        }
        if (i >= p.length()) {
            problem("unclosed character class opened at index " + start);
            return;
        }
        java.append(']');
        i++;
        if (problems.isEmpty()) {
            String explicit = explicitClass(java.substring(javaStart));
            java.setLength(javaStart);
            java.append(explicit);
        }
    }

    /**
     * The same class as a list of single bytes ({@code [\\x41\\x42...]}, negated if the class was): java.util.regex
     * keeps single Latin-1 chars in one bit set, tested with one lookup, while ranges and escapes become a chain of
     * predicates walked for every char (a large part of confirming a match). Equivalent on Latin-1 text under any
     * flags, since case folding applies to the listed bytes as it did to the ranges.
     */
    private static String explicitClass(String javaClass) {
        boolean negated = javaClass.startsWith("[^");
        String positive = negated ? "[" + javaClass.substring(2) : javaClass;
        Matcher m;
        try {
            m = Pattern.compile(positive).matcher("");
        } catch (PatternSyntaxException e) {
            return javaClass;
        }
        StringBuilder out = new StringBuilder(negated ? "[^" : "[");
        int members = 0;
        for (int b = 0; b < 256; b++) {
            if (m.reset(String.valueOf((char) b)).matches()) {
                out.append(String.format("\\x%02X", b));
                members++;
            }
        }
        return members == 0 ? javaClass : out.append(']').toString();
    }

    private long[] escape(boolean inClass) {
        int start = i;
        if (i + 1 >= p.length()) {
            problem("trailing backslash");
            i++;
            return new long[] {0, 0};
        }
        char c = p.charAt(i + 1);
        i += 2;
        switch (c) {
            case 'b':
            case 'B':
                if (inClass) {
                    problem("'\\b' inside a character class (expected: \\x08)");
                    return new long[] {1, 1};
                }
                java.append(c == 'b' ? WORD_BOUNDARY : NOT_WORD_BOUNDARY);
                return new long[] {0, 0};
            case 'A':
            case 'z':
            case 'Z':
                if (inClass) {
                    problem("'\\" + c + "' inside a character class");
                }
                java.append('\\').append(c);
                return new long[] {0, 0};
            case 'd':
            case 'D':
            case 'w':
            case 'W':
            case 's':
            case 'S':
            case 't':
            case 'n':
            case 'r':
            case 'f':
            case 'e':
            case 'a':
                java.append('\\').append(c);
                return new long[] {1, 1};
            case 'x':
                return hexEscape(start);
            case 'c':
                if (i < p.length()) {
                    java.append("\\c").append(p.charAt(i++));
                }
                return new long[] {1, 1};
            case 'Q':
                int end = p.indexOf("\\E", i);
                String quoted = end < 0 ? p.substring(i) : p.substring(i, end);
                i = end < 0 ? p.length() : end + 2;
                long width = 0;
                for (byte b : quoted.getBytes(StandardCharsets.UTF_8)) {
                    if ((b & 0x80) != 0 && inClass) {
                        problem("non-ASCII character in a character class (expected: ASCII or \\xHH)");
                    }
                    java.append(String.format("\\x%02X", b & 0xff));
                    width++;
                }
                return new long[] {width, width};
            case 'g':
            case 'k':
                problem("back-reference '\\" + c + "' is not supported by Hyperscan (expected: no back-references;"
                        + " use alternatives or a validator)");
                return new long[] {0, 0};
            case '0':
                problem("octal escape '\\0' is not supported (expected: \\x00 hex escape)");
                return new long[] {1, 1};
            default:
                if (c >= '1' && c <= '9') {
                    problem("back-reference '\\" + c + "' is not supported by Hyperscan (expected: no"
                            + " back-references; use alternatives or a validator such as a separator check)");
                    return new long[] {0, 0};
                }
                if (Character.isLetterOrDigit(c)) {
                    problem("escape '\\" + c + "' is not supported (expected: one of \\d \\w \\s \\b \\xHH \\t \\n"
                            + " \\r or an escaped punctuation character)");
                    return new long[] {1, 1};
                }
                if (c >= 0x80) {
                    i--;
                    return literal(p.charAt(i++));
                }
                java.append('\\').append(c);
                return new long[] {1, 1};
        }
    }

    private long[] hexEscape(int start) {
        int value;
        if (i < p.length() && p.charAt(i) == '{') {
            int close = p.indexOf('}', i);
            String hex = close < 0 ? "" : p.substring(i + 1, close);
            if (!hex.matches("[0-9A-Fa-f]{1,6}")) {
                problem("bad hex escape at index " + start + " (expected: \\xHH or \\x{HH})");
                i = close < 0 ? p.length() : close + 1;
                return new long[] {1, 1};
            }
            value = Integer.parseInt(hex, 16);
            i = close + 1;
        } else {
            int end = i;
            while (end < p.length() && end < i + 2 && Character.digit(p.charAt(end), 16) >= 0) {
                end++;
            }
            if (end == i) {
                problem("bad hex escape at index " + start + " (expected: \\xHH)");
                return new long[] {1, 1};
            }
            value = Integer.parseInt(p.substring(i, end), 16);
            i = end;
        }
        if (value > 0xff) {
            problem("hex escape above \\xFF at index " + start + " (expected: a byte value; patterns match bytes)");
        }
        java.append(String.format("\\x%02X", value & 0xff));
        return new long[] {1, 1};
    }
}
