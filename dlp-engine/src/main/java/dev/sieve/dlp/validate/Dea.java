package dev.sieve.dlp.validate;

/**
 * {@code dea}: a US DEA registration number: a registrant-type letter (A-H, J-M, P, R-U, X), a letter or 9 (the
 * registrant's initial), six digits and a check digit: the last digit of (d1 + d3 + d5) + 2 * (d2 + d4 + d6).
 */
final class Dea implements Validator {

    private static final String TYPES = "ABCDEFGHJKLMPRSTUX";

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        if (match.length() != 9 || TYPES.indexOf(match.charAt(0)) < 0) {
            return false;
        }
        char second = match.charAt(1);
        if (!((second >= 'A' && second <= 'Z') || second == '9')) {
            return false;
        }
        int[] d = Digits.of(match.subSequence(2, 9));
        if (d == null || d.length != 7) {
            return false;
        }
        int sum = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5]);
        return sum % 10 == d[6];
    }
}
