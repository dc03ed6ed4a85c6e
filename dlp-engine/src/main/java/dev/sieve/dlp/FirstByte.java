package dev.sieve.dlp;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The bytes a match of a pattern can start with, when its first consuming atom is one byte wide and not optional
 * (such as the digits of {@code \b[0-9]{9}\b}); if the pattern starts with {@code \b} and those bytes are all word
 * bytes, a match also needs a non-word byte (or the start of the view) before it. {@link #find} tries the regex only
 * at such positions, which gives the same result as {@code Matcher.find()} at a fraction of the cost: the regex
 * twin of {@code \b} is four look-arounds, evaluated at every position by {@code find()}.
 */
final class FirstByte {

    private static final boolean[] WORD = new boolean[256];

    static {
        for (int b = 0; b < 256; b++) {
            WORD[b] = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_';
        }
    }

    private final boolean[] first;
    private final boolean afterNonWord;

    private FirstByte(boolean[] first, boolean afterNonWord) {
        this.first = first;
        this.afterNonWord = afterNonWord;
    }

    /** The first-byte filter of {@code pattern} (Hyperscan syntax) under {@code flags}, if the pattern has one. */
    static Optional<FirstByte> of(String pattern, Set<Rule.PatternFlag> flags) {
        if (LeadingRun.hasTopLevelAlternation(pattern)) {
            return Optional.empty();
        }
        int i = LeadingRun.skipAssertions(pattern);
        // The skipped text holds only ^, \b and \B, so "\b" in it is a \b assertion.
        boolean wordBoundary = pattern.substring(0, i).contains("\\b");
        int atomEnd = LeadingRun.atomEnd(pattern, i);
        if (atomEnd < 0 || LeadingRun.optional(pattern, atomEnd)) {
            return Optional.empty();
        }
        boolean[] first = LeadingRun.bytes(pattern.substring(i, atomEnd), flags);
        if (first == null) {
            return Optional.empty();
        }
        boolean allWord = true;
        for (int b = 0; b < 256; b++) {
            allWord &= !first[b] || WORD[b];
        }
        return Optional.of(new FirstByte(first, wordBoundary && allWord));
    }

    /**
     * Same result as {@code m.region(from, text.length()).find()} for the pattern this filter was read from, where
     * {@code m} is a matcher over {@code text} with transparent, non-anchoring bounds.
     */
    boolean find(Matcher m, CharSequence text, int from) {
        int length = text.length();
        for (int p = from; p < length; p++) {
            if (!first[text.charAt(p)] || afterNonWord && p > 0 && WORD[text.charAt(p - 1)]) {
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
