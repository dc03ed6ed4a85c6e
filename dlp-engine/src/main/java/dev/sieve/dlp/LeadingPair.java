package dev.sieve.dlp;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pairs of bytes a match of a pattern can start with, for the patterns {@link LeadingRun} and {@link FirstByte}
 * cannot read a first byte from: those led by a group, such as a keyword alternation ({@code
 * (?:pass(?:word|wd)?|secret|token|...)=...}). {@link #find} tries the regex only where the two bytes at a position
 * can begin a match, which gives the same result as {@code Matcher.find()}.
 *
 * <p>Why: where Hyperscan gives a hit's end but not its start (start-of-match is off for such patterns, or does not
 * compile), the Java search for the start begins the pattern's maximum width before the end, and a caseless keyword
 * alternation tried at each of those positions is what made authentication code (a keyword on every line) scan at
 * 30 MB/s: the generic assignment rule's twenty-odd alternatives, tried at ~200 positions per hit.
 *
 * <p>The pairs are asked of the pattern's java.util.regex twin itself, so no parsing is needed: a pair is possible
 * when {@code lookingAt()} on those two chars succeeds or runs out of input ({@code hitEnd()}: more input could make
 * a match). A twin looks back only through the one-char look-behinds of {@code \b} and {@code \B} and through a
 * multiline {@code ^}; each pair is asked after one char of each kind those can tell apart (none, a word char, a
 * non-word char, each line terminator), and is kept if any of them allows it.
 */
final class LeadingPair {

    /** One char before the pair, of each kind a one-char look-behind or a multiline {@code ^} tells apart. */
    private static final String[] CONTEXTS = {"", "a", " ", "\n", "\r", "\u0085"};

    private static final String[] NO_CONTEXT = {""};

    /** A filter that lets more than this share of all pairs through is not worth its check. */
    private static final double MAX_SHARE = 0.25;

    private final Pattern javaPattern;
    /** Made at the first search (a pack has dozens of such patterns, each ~2 ms to ask, most never searched). */
    private Pairs pairs;

    private LeadingPair(Pattern javaPattern) {
        this.javaPattern = javaPattern;
    }

    /**
     * The pair filter of {@code javaPattern} (a twin made by {@link RegexSyntax}), unless it uses an anchor to the
     * search's start. The pairs are asked at its first search; if the pattern can match the empty string or more
     * than a quarter of all pairs can start a match, the search is {@code find()} itself.
     */
    static Optional<LeadingPair> of(Pattern javaPattern) {
        String regex = javaPattern.pattern();
        if (regex.contains("\\G") || regex.contains("\\A")) {
            return Optional.empty();
        }
        return Optional.of(new LeadingPair(javaPattern));
    }

    /**
     * Bit {@code b0 << 8 | b1} of {@code bits}: a match can start with bytes b0, b1; {@code last[b0]}: a match can
     * start at the text's last byte b0 (so it is one byte long). Null {@code bits}: no filter.
     */
    private record Pairs(long[] bits, boolean[] last) {
    }

    private static Pairs ask(Pattern javaPattern) {
        Matcher m = javaPattern.matcher("").useTransparentBounds(true).useAnchoringBounds(false);
        if (m.lookingAt()) {
            return new Pairs(null, null);
        }
        String[] contexts = looksBack(javaPattern.pattern()) ? CONTEXTS : NO_CONTEXT;
        long[] bits = new long[1024];
        boolean[] last = new boolean[256];
        int count = 0;
        for (int b0 = 0; b0 < 256; b0++) {
            String first = String.valueOf((char) b0);
            boolean any = false;
            for (String context : contexts) {
                boolean matches = ask(m, context, first);
                last[b0] |= matches;
                any |= matches || m.hitEnd();
            }
            if (!any) {
                continue;
            }
            for (int b1 = 0; b1 < 256; b1++) {
                String pair = first + (char) b1;
                for (String context : contexts) {
                    if (ask(m, context, pair) || m.hitEnd()) {
                        int bit = b0 << 8 | b1;
                        bits[bit >>> 6] |= 1L << bit;
                        count++;
                        break;
                    }
                }
            }
        }
        return count > MAX_SHARE * 65536 ? new Pairs(null, null) : new Pairs(bits, last);
    }

    /** Whether a match starts at {@code chars} after {@code context} ({@code m.hitEnd()}: more input could make one). */
    private static boolean ask(Matcher m, String context, String chars) {
        String text = context + chars;
        m.reset(text);
        m.region(context.length(), text.length());
        return m.lookingAt();
    }

    /** Whether the twin can look at the char before a match's start: a look-behind or a {@code ^} outside a class. */
    private static boolean looksBack(String regex) {
        if (regex.contains("(?<=") || regex.contains("(?<!")) {
            return true;
        }
        for (int i = regex.indexOf('^'); i >= 0; i = regex.indexOf('^', i + 1)) {
            if (i == 0 || regex.charAt(i - 1) != '[') {
                return true;
            }
        }
        return false;
    }

    /**
     * Same result as {@code m.region(from, text.length()).find()} for the pattern this filter was made from, where
     * {@code m} is a matcher over {@code text} (one char per byte) with transparent, non-anchoring bounds.
     */
    boolean find(Matcher m, CharSequence text, int from) {
        Pairs known = pairs;
        if (known == null) {
            known = ask(javaPattern);
            pairs = known; // a race makes the same pairs twice; a record's final fields are safely published
        }
        int length = text.length();
        if (known.bits() == null) {
            m.region(from, length);
            return m.find();
        }
        long[] bits = known.bits();
        for (int p = from; p < length; p++) {
            int b0 = text.charAt(p);
            if (p + 1 < length) {
                int bit = b0 << 8 | text.charAt(p + 1);
                if ((bits[bit >>> 6] & 1L << bit) == 0) {
                    continue;
                }
            } else if (!known.last()[b0]) {
                continue;
            }
            m.region(p, length);
            if (m.lookingAt()) {
                return true;
            }
        }
        return false;
    }
}
