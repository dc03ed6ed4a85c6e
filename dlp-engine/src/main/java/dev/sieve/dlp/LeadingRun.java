package dev.sieve.dlp;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape "a run of one byte class, then a byte outside that class" at the start of a pattern, such as an
 * e-mail address ({@code [A-Za-z0-9._%+-]{1,40}@...}): {@code ^}, {@code \b} or {@code \B} assertions, then a one-byte atom
 * {@code C{min,max}}, then a one-byte atom {@code D} that is not optional, with C and D disjoint, and no top-level
 * alternation.
 *
 * <p>In such a pattern the run ends exactly at the first byte that is not in C, which must be a D byte; so every
 * match starts in the C run right before a D byte, at most {@code max} and at least {@code min} bytes before it.
 * {@link #find} uses that to try only those starts, in increasing order, which gives exactly the match that
 * {@code Matcher.find()} gives, without a regex attempt (each walking the run) at every position of the window.
 * That is what lets such patterns go without Hyperscan start-of-match, which is costly for them.
 *
 * <p>A run anchored at a line start ({@code ^} with the multiline flag, such as a {@code .pgpass} line,
 * {@code ^[A-Za-z0-9._*-]{1,253}:...}) is also left out of what Hyperscan searches ({@link #hyperscanRest}): every
 * match ends where a match of the pattern's rest (from the delimiter on) ends, so Hyperscan's hits stay a superset
 * of the pattern's ends and {@link #find} confirms them. Hyperscan otherwise tracks a run from every line start
 * through the whole text; that one {@code .pgpass} pattern cost the pack's scan of agent JSON a quarter of its time
 * (bench/README.md, "Eighth look"). Runs not anchored at a line start are searched whole: leaving out an e-mail
 * address's local part, for one, made the pack's database slower.
 */
final class LeadingRun {

    /** A bounded repeat {@code {min}} or {@code {min,max}}: group 1 min, group 2 max (absent for {@code {min}}). */
    static final Pattern BOUNDS = Pattern.compile("\\{(\\d{1,6})(?:,(\\d{1,6}))?\\}");

    private final boolean[] run;
    private final boolean[] delimiter;
    private final int min;
    private final int max;
    private final String hyperscanRest;

    private LeadingRun(boolean[] run, boolean[] delimiter, int min, int max, String hyperscanRest) {
        this.run = run;
        this.delimiter = delimiter;
        this.min = min;
        this.max = max;
        this.hyperscanRest = hyperscanRest;
    }

    /** What Hyperscan searches instead of the pattern: its rest from the delimiter on, for a line-anchored run. */
    Optional<String> hyperscanRest() {
        return Optional.ofNullable(hyperscanRest);
    }

    /** The leading run of {@code pattern} (Hyperscan syntax) under {@code flags}, if the pattern has that shape. */
    static Optional<LeadingRun> of(String pattern, Set<Rule.PatternFlag> flags) {
        if (hasTopLevelAlternation(pattern)) {
            return Optional.empty();
        }
        int i = skipAssertions(pattern);
        int runEnd = atomEnd(pattern, i);
        if (runEnd < 0) {
            return Optional.empty();
        }
        Matcher bounds = BOUNDS.matcher(pattern).region(runEnd, pattern.length());
        if (!bounds.lookingAt()) {
            return Optional.empty();
        }
        int min = Integer.parseInt(bounds.group(1));
        int max = bounds.group(2) == null ? min : Integer.parseInt(bounds.group(2));
        int delimiterStart = bounds.end();
        int delimiterEnd = atomEnd(pattern, delimiterStart);
        if (delimiterEnd < 0 || max < min || optional(pattern, delimiterEnd)) {
            return Optional.empty();
        }
        boolean[] run = bytes(pattern.substring(i, runEnd), flags);
        boolean[] delimiter = bytes(pattern.substring(delimiterStart, delimiterEnd), flags);
        if (run == null || delimiter == null) {
            return Optional.empty();
        }
        for (int b = 0; b < 256; b++) {
            if (run[b] && delimiter[b]) {
                return Optional.empty();
            }
        }
        boolean lineStart = pattern.startsWith("^") && flags.contains(Rule.PatternFlag.MULTILINE);
        String rest = lineStart ? pattern.substring(delimiterStart) : null;
        return Optional.of(new LeadingRun(run, delimiter, min, max, rest));
    }

    /** Where {@code pattern} continues after its leading {@code ^}, {@code \b} and {@code \B} assertions. */
    static int skipAssertions(String pattern) {
        int i = 0;
        while (pattern.startsWith("\\b", i) || pattern.startsWith("\\B", i) || pattern.startsWith("^", i)) {
            i += pattern.charAt(i) == '^' ? 1 : 2;
        }
        return i;
    }

    /**
     * Same result as {@code m.region(from, text.length()).find()} for the pattern this run was read from, where
     * {@code m} is a matcher over {@code text} with transparent, non-anchoring bounds: on true, {@code m} holds the
     * leftmost match starting at or after {@code from}.
     */
    boolean find(Matcher m, CharSequence text, int from) {
        int length = text.length();
        for (int at = from + min; at < length; at++) {
            if (!delimiter[text.charAt(at)]) {
                continue;
            }
            int start = at;
            int floor = Math.max(from, at - max);
            while (start > floor && run[text.charAt(start - 1)]) {
                start--;
            }
            for (int p = start; p <= at - min; p++) {
                m.region(p, length);
                if (m.lookingAt()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the quantifier at {@code i}, if any, lets the atom before it match zero times. */
    static boolean optional(String pattern, int i) {
        if (i >= pattern.length()) {
            return false;
        }
        char c = pattern.charAt(i);
        if (c == '{') {
            Matcher bounds = BOUNDS.matcher(pattern).region(i, pattern.length());
            return !bounds.lookingAt() || Integer.parseInt(bounds.group(1)) == 0;
        }
        return c == '?' || c == '*';
    }

    /** Index just past the one-byte atom at {@code i} (class, class escape, escaped char, {@code .} or literal), or -1. */
    static int atomEnd(String pattern, int i) {
        if (i >= pattern.length()) {
            return -1;
        }
        char c = pattern.charAt(i);
        if (c == '[') {
            return classEnd(pattern, i);
        }
        if (c == '\\') {
            int end = pattern.startsWith("x", i + 1) ? i + 4 : i + 2; // \xHH, else a one-letter escape
            return end <= pattern.length() ? end : -1;
        }
        return "()|^$?*+{}".indexOf(c) >= 0 ? -1 : i + 1;
    }

    /** Index just past the class starting at {@code open}, or -1. */
    private static int classEnd(String pattern, int open) {
        int i = open + 1;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++;
        }
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /**
     * The bytes one atom matches, by asking its java.util.regex twin about each of the 256 Latin-1 chars; null if it
     * is not exactly one byte wide (e.g. {@code \x{...}} or a non-ASCII literal) or matches nothing.
     */
    static boolean[] bytes(String atom, Set<Rule.PatternFlag> flags) {
        RegexSyntax.Info info = RegexSyntax.analyze(atom);
        if (!info.ok() || info.minWidth() != 1 || info.maxWidth() != 1) {
            return null;
        }
        Matcher m = Pattern.compile(info.javaRegex(), JavaPatterns.flags(flags)).matcher("");
        boolean[] set = new boolean[256];
        boolean any = false;
        for (int b = 0; b < 256; b++) {
            set[b] = m.reset(String.valueOf((char) b)).matches();
            any |= set[b];
        }
        return any ? set : null;
    }

    static boolean hasTopLevelAlternation(String pattern) {
        int depth = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                int end = classEnd(pattern, i);
                if (end < 0) {
                    return true;
                }
                i = end - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return true;
            }
        }
        return false;
    }
}
