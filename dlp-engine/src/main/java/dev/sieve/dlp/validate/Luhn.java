package dev.sieve.dlp.validate;

/**
 * {@code luhn}: the mod-10 checksum of payment cards over the digits (spaces and hyphens ignored), at least 12 digits.
 *
 * <p>A number in groups that is one stretch of a longer row of four-character groups fails: a group of four hex
 * digits joined to it by its own separator, just before or just after it ({@code 9007 4011 0065 0054 0030 0980}).
 * That is a row of a hex dump ({@code xxd}, {@code od -x}, where one in ten runs of four all-digit groups passes the
 * checksum by chance) or a longer id, not a card: cards are printed in four groups (or 4-6-5), never five in a row.
 */
final class Luhn implements Validator {

    static final int MIN_DIGITS = 12;
    /** The length of a hex dump's group. */
    private static final int GROUP = 4;

    @Override
    public int reach() {
        return 2 + GROUP + 1; // the widest separator (a double space), a group and the character after it
    }

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        int[] digits = Digits.of(match);
        return digits != null && digits.length >= MIN_DIGITS && !Digits.allSame(digits) && Digits.luhn(digits)
                && !inLongerRow(match, ctx);
    }

    /** A group of four hex digits with the match's own separator right before or right after it. */
    static boolean inLongerRow(CharSequence match, ValidationContext ctx) {
        int first = 0;
        while (first < match.length() && isDigit(match.charAt(first))) {
            first++;
        }
        int sepEnd = first;
        while (sepEnd < match.length() && !isDigit(match.charAt(sepEnd))) {
            sepEnd++;
        }
        if (first == 0 || first == match.length() || sepEnd == match.length()) {
            return false; // compact: no separator to continue a row with
        }
        String separator = match.subSequence(first, sepEnd).toString();
        int n = separator.length() + GROUP + 1;
        CharSequence after = ctx.after(n);
        if (after.length() >= n - 1 && startsWith(after, separator) && hexGroup(after, separator.length())
                && (after.length() == n - 1 || !isAlnum(after.charAt(n - 1)))) {
            return true;
        }
        CharSequence before = ctx.before(n);
        int at = before.length() - separator.length() - GROUP;
        return at >= 0 && before.subSequence(at + GROUP, before.length()).toString().equals(separator)
                && hexGroup(before, at) && (at == 0 || !isAlnum(before.charAt(at - 1)));
    }

    private static boolean startsWith(CharSequence s, String prefix) {
        return s.length() >= prefix.length() && s.subSequence(0, prefix.length()).toString().equals(prefix);
    }

    private static boolean hexGroup(CharSequence s, int at) {
        for (int i = at; i < at + GROUP; i++) {
            char c = s.charAt(i);
            if (!isDigit(c) && !((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
