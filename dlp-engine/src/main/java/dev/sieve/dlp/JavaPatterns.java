package dev.sieve.dlp;

import java.util.Set;
import java.util.regex.Pattern;

/** java.util.regex flags matching the Hyperscan byte-mode semantics of a rule's patterns. */
final class JavaPatterns {

    private JavaPatterns() {
    }

    /**
     * {@code UNIX_LINES} always: only {@code \n} ends a line for {@code .}, {@code ^} and {@code $}, as in
     * Hyperscan (Java would otherwise also stop at {@code \r} and U+0085, a Latin-1 byte).
     * Case-insensitivity stays ASCII-only (no {@code UNICODE_CASE}), as in Hyperscan's byte mode.
     */
    static int flags(Set<Rule.PatternFlag> flags) {
        int f = Pattern.UNIX_LINES;
        if (flags.contains(Rule.PatternFlag.CASELESS)) {
            f |= Pattern.CASE_INSENSITIVE;
        }
        if (flags.contains(Rule.PatternFlag.MULTILINE)) {
            f |= Pattern.MULTILINE;
        }
        if (flags.contains(Rule.PatternFlag.DOTALL)) {
            f |= Pattern.DOTALL;
        }
        return f;
    }
}
