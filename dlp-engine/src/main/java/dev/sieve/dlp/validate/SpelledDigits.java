package dev.sieve.dlp.validate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code spelled-ssn} and {@code spelled-aba}: nine digits spelled as English words after their label, as a call
 * transcript writes what a caller read out ({@code social security number: eight five zero two one zero six two
 * two}, {@code routing number is zero eight two ...}). The rule's pattern holds the label and the words; this
 * validator reads the digit words of the match ({@code zero}/{@code oh} to {@code nine}, other words skipped: the
 * label) and wants exactly nine, not followed by another digit word, that pass the SSN range rules ({@link Ssn#issuable}) or the ABA checksum
 * ({@link Aba#valid}). Never logs the match.
 */
final class SpelledDigits implements Validator {

    private static final List<String> DIGITS = List.of("zero", "one", "two", "three", "four",
            "five", "six", "seven", "eight", "nine");

    private final boolean aba;

    SpelledDigits(boolean aba) {
        this.aba = aba;
    }

    @Override
    public int reach() {
        return 16; // the word after the match (moreDigits)
    }

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        int[] d = digits(match);
        if (d == null || d.length != 9 || moreDigits(ctx)) {
            return false; // a tenth digit word after the match: a longer number, not this one
        }
        return aba ? Aba.valid(d) : Ssn.issuable(d);
    }

    /** True if the text after the match goes on with a digit word ({@code ... two two one}). */
    private static boolean moreDigits(ValidationContext ctx) {
        if (ctx == null) {
            return false;
        }
        String after = ctx.after(16).toString().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < after.length() && " ,-".indexOf(after.charAt(i)) >= 0) {
            i++;
        }
        int e = i;
        while (e < after.length() && after.charAt(e) >= 'a' && after.charAt(e) <= 'z') {
            e++;
        }
        String w = after.substring(i, e);
        return e > i && (w.equals("oh") || DIGITS.contains(w));
    }

    /** The digit words of {@code s} as digits, or null if there are more than nine. */
    static int[] digits(CharSequence s) {
        int[] d = new int[9];
        int n = 0;
        String[] words = s.toString().toLowerCase(Locale.ROOT).split("[^a-z]+");
        for (String w : words) {
            int v = w.equals("oh") ? 0 : DIGITS.indexOf(w);
            if (v < 0) {
                continue; // the label's words
            }
            if (n == d.length) {
                return null;
            }
            d[n++] = v;
        }
        return Arrays.copyOf(d, n);
    }
}
