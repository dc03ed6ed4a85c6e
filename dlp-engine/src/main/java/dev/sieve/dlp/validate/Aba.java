package dev.sieve.dlp.validate;

/** {@code aba}: a US bank routing number: nine digits, 3-7-1 weighted checksum, first two digits 00-12, 21-32, 61-72 or 80. */
final class Aba implements Validator {

    private static final int[] WEIGHTS = {3, 7, 1, 3, 7, 1, 3, 7, 1};

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        return valid(Digits.of(match));
    }

    /** True for nine digits, not all one digit, with a Federal Reserve prefix and the 3-7-1 checksum. */
    static boolean valid(int[] d) {
        if (d == null || d.length != 9 || Digits.allSame(d)) {
            return false;
        }
        int prefix = d[0] * 10 + d[1];
        boolean validPrefix = prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72)
                || prefix == 80;
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += WEIGHTS[i] * d[i];
        }
        return validPrefix && sum % 10 == 0;
    }
}
