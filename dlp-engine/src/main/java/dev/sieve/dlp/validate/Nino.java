package dev.sieve.dlp.validate;

/**
 * {@code nino}: a UK National Insurance number: two prefix letters, six digits, optional suffix A-D (spaces
 * ignored). First letter not D, F, I, Q, U or V; second not D, F, I, O, Q, U or V; prefix not BG, GB, KN, NK, NT,
 * TN or ZZ.
 */
final class Nino implements Validator {

    private static final String BAD_FIRST = "DFIQUV";
    private static final String BAD_SECOND = "DFIOQUV";
    private static final String[] BAD_PREFIXES = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"};

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        StringBuilder s = new StringBuilder(9);
        for (int i = 0; i < match.length(); i++) {
            char c = match.charAt(i);
            if (c != ' ') {
                s.append(c);
            }
        }
        if (s.length() != 8 && s.length() != 9) {
            return false;
        }
        char a = s.charAt(0);
        char b = s.charAt(1);
        if (!isUpper(a) || !isUpper(b) || BAD_FIRST.indexOf(a) >= 0 || BAD_SECOND.indexOf(b) >= 0) {
            return false;
        }
        String prefix = s.substring(0, 2);
        for (String bad : BAD_PREFIXES) {
            if (bad.equals(prefix)) {
                return false;
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return s.length() == 8 || (s.charAt(8) >= 'A' && s.charAt(8) <= 'D');
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
