package dev.sieve.dlp;

import java.util.Optional;

/**
 * A cheaper expression for Hyperscan to search in place of a wide pattern that has a literal of
 * {@value #MIN_LITERAL}+ characters at its top level after a lead of short alternatives, such as a name/value pair
 * ({@code (?:pass(?:word)?|pwd|secret|token|...)...["']?[ \t\r\n]{0,40}...value...[^"'\s]{8,128}}): the pattern
 * from that literal on.
 *
 * <p>Hyperscan starts such a pattern at every occurrence of any of its lead's short words ({@code pwd}, {@code token},
 * {@code key}, common in agent traffic) and, for a pattern of 128+ bytes, tracks where each match starts
 * (start-of-match); two name/value patterns of the default pack cost its scan of agent JSON a fifth that way
 * (bench/README.md, "Ninth look"). Every end of a match of the pattern is an end of a match of its suffix from a
 * top-level literal (the suffix is that part of the same match), so the suffix finds a superset of the ends;
 * {@link ScanCore} confirms each with the pattern itself in java.util.regex, from the pattern's own widths, so the
 * findings do not change. The literal is what Hyperscan then looks for, and it is rarer than the lead's words.
 *
 * <p>Only for patterns Hyperscan would otherwise track starts of ({@link HyperscanEngine#wantsStartOfMatch}'s
 * candidates): for a narrow pattern the exchange buys nothing measurable, and a different set of expressions is a
 * differently built database whose speed is hard to foresee.
 */
final class LiteralSuffix {

    /** Shortest top-level literal the suffix starts with. */
    static final int MIN_LITERAL = 5;

    private LiteralSuffix() {
    }

    /**
     * The suffix of {@code pattern} (Hyperscan syntax) from its longest top-level literal of {@value #MIN_LITERAL}+
     * characters that does not start it, if it has one and no top-level alternation.
     */
    static Optional<String> of(String pattern) {
        if (LeadingRun.hasTopLevelAlternation(pattern)) {
            return Optional.empty();
        }
        int bestStart = -1;
        int bestLength = 0;
        int runStart = -1;
        int runLength = 0;
        int i = 0;
        while (i < pattern.length()) {
            int end = atomEnd(pattern, i);
            if (end < 0) {
                return Optional.empty();
            }
            int quantified = quantifierEnd(pattern, end);
            boolean literal = quantified == end && literalAtom(pattern, i, end);
            if (literal) {
                if (runStart < 0) {
                    runStart = i;
                    runLength = 0;
                }
                runLength++;
                if (runStart > 0 && runLength > bestLength) {
                    bestStart = runStart;
                    bestLength = runLength;
                }
            } else {
                runStart = -1;
            }
            i = quantified;
        }
        return bestLength >= MIN_LITERAL ? Optional.of(pattern.substring(bestStart)) : Optional.empty();
    }

    /** Whether {@code pattern[from, to)} is one literal character: a letter, digit or escaped punctuation. */
    private static boolean literalAtom(String pattern, int from, int to) {
        char c = pattern.charAt(from);
        if (to - from == 1) {
            return Character.isLetterOrDigit(c) || "_-:=@/,;'\"<>!%&~#".indexOf(c) >= 0;
        }
        return c == '\\' && to - from == 2 && "-.:/_=@#&~+*?()[]{}|$^\\\"'".indexOf(pattern.charAt(from + 1)) >= 0;
    }

    /** Index just past the atom at {@code i}: a group (balanced), a class, an escape or one character; -1 if broken. */
    private static int atomEnd(String pattern, int i) {
        char c = pattern.charAt(i);
        if (c != '(') {
            int end = LeadingRun.atomEnd(pattern, i);
            return end >= 0 ? end : "^$".indexOf(c) >= 0 ? i + 1 : -1;
        }
        int depth = 0;
        int j = i;
        while (j < pattern.length()) {
            char d = pattern.charAt(j);
            if (d == '\\') {
                j += 2;
                continue;
            }
            if (d == '[') {
                j = LeadingRun.atomEnd(pattern, j);
                if (j < 0) {
                    return -1;
                }
                continue;
            }
            if (d == '(') {
                depth++;
            } else if (d == ')' && --depth == 0) {
                return j + 1;
            }
            j++;
        }
        return -1;
    }

    /** Index just past the quantifier at {@code i} (with a lazy or possessive mark), or {@code i} if none. */
    private static int quantifierEnd(String pattern, int i) {
        if (i >= pattern.length()) {
            return i;
        }
        char c = pattern.charAt(i);
        int end;
        if (c == '?' || c == '*' || c == '+') {
            end = i + 1;
        } else if (c == '{') {
            int close = pattern.indexOf('}', i);
            if (close < 0 || !LeadingRun.BOUNDS.matcher(pattern.substring(i, close + 1)).matches()) {
                return i;
            }
            end = close + 1;
        } else {
            return i;
        }
        return end < pattern.length() && (pattern.charAt(end) == '?' || pattern.charAt(end) == '+') ? end + 1 : end;
    }
}
