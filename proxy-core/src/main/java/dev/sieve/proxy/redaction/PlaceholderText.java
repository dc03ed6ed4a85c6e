package dev.sieve.proxy.redaction;

import dev.sieve.dlp.inspect.Placeholders;
import java.util.regex.Pattern;

/**
 * Finds placeholders ({@code [REDACTED:<rule id>:<8 hex>]}, see {@link Placeholders}) in response text, and the start
 * of one cut off at the end of a piece of text (its rest may come in the next chunk or event).
 */
final class PlaceholderText {

    /** A complete placeholder. Rule ids as {@code rules/README.md}: lower-case words joined by '.' or '-'. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\[REDACTED:[a-z0-9][a-z0-9.-]{0,"
            + (Placeholders.MAX_RULE_ID - 1) + "}:[0-9a-f]{" + Placeholders.HASH_HEX + "}]");

    private static final String PREFIX = Placeholders.PREFIX;

    private PlaceholderText() {}

    /**
     * Where a placeholder cut off at the end of {@code text} starts (a proper prefix of one that could still become
     * complete), or -1. Only the last {@link Placeholders#MAX_LENGTH} characters can hold one.
     */
    static int partialStart(CharSequence text) {
        int from = Math.max(0, text.length() - Placeholders.MAX_LENGTH + 1);
        for (int i = text.length() - 1; i >= from; i--) {
            if (text.charAt(i) == '[') {
                return couldContinue(text, i) ? i : -1;
            }
        }
        return -1;
    }

    /** True if {@code text} from {@code start} to its end is a proper prefix of a placeholder. */
    private static boolean couldContinue(CharSequence text, int start) {
        int n = text.length() - start;
        for (int k = 0; k < Math.min(n, PREFIX.length()); k++) {
            if (text.charAt(start + k) != PREFIX.charAt(k)) {
                return false;
            }
        }
        if (n <= PREFIX.length()) {
            return true;
        }
        int i = start + PREFIX.length();
        int idLength = 0;
        while (i < text.length() && isIdChar(text.charAt(i))) {
            i++;
            idLength++;
        }
        if (idLength > Placeholders.MAX_RULE_ID || (i < text.length() && (idLength == 0 || text.charAt(i) != ':'))) {
            return false;
        }
        if (i == text.length()) {
            return true;
        }
        i++; // ':'
        int hex = 0;
        while (i < text.length() && isHex(text.charAt(i))) {
            i++;
            hex++;
        }
        return i == text.length() && hex <= Placeholders.HASH_HEX;
    }

    private static boolean isIdChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}
