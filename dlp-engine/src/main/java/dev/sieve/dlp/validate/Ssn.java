package dev.sieve.dlp.validate;

/**
 * {@code ssn}: a US Social Security number: nine digits, one consistent separator (or none: a space, hyphen, dot or
 * slash, as in 784.69.5415 or 784/69/5415), area not 000, 666 or
 * 900-999, group not 00, serial not 0000, not all one digit, and none of the well-known published samples
 * (078-05-1120, 123-45-6789, 219-09-9999).
 */
final class Ssn implements Validator {

    private static final String[] KNOWN_FAKES = {"078051120", "123456789", "219099999"};

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        // Digits.of knows the separators of cards and routing numbers; a slash is one only here
        int[] d = Digits.of(match.toString().replace('/', '-'));
        if (d == null || d.length != 9 || !consistentSeparators(match) || Digits.allSame(d)) {
            return false;
        }
        int area = d[0] * 100 + d[1] * 10 + d[2];
        int group = d[3] * 10 + d[4];
        int serial = d[5] * 1000 + d[6] * 100 + d[7] * 10 + d[8];
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return false;
        }
        StringBuilder plain = new StringBuilder(9);
        for (int x : d) {
            plain.append(x);
        }
        for (String fake : KNOWN_FAKES) {
            if (fake.contentEquals(plain)) {
                return false;
            }
        }
        return true;
    }

    private static boolean consistentSeparators(CharSequence s) {
        char sep = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                if (sep == 0) {
                    sep = c;
                } else if (c != sep) {
                    return false;
                }
            }
        }
        return true;
    }
}
