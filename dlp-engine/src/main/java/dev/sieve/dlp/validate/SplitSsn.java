package dev.sieve.dlp.validate;

import java.util.Locale;

/**
 * {@code split-ssn}: an SSN stored or posted as three fields of its parts ({@code "ssn_area": "791", "ssn_group":
 * "24", "ssn_serial": "9075"}, {@code ssn1=791&ssn2=24&ssn3=9075}, a JSON body's view {@code ssn[0]\n791\n...}), as
 * forms with three boxes and some HR and benefits schemas do. The match is three name/value pairs; split at blanks,
 * quotes, {@code : = , ; &} and line breaks it must be exactly six tokens, every name naming an SSN ({@code ssn} or
 * {@code social}, any case: three unrelated numbers after one such name, {@code ssn_count=100&page=12&limit=1000},
 * are not joined), the values of 3, 2 and 4 digits that together pass {@link Ssn#issuable}. Never logs the match.
 */
final class SplitSsn implements Validator {

    private static final String SEPARATORS = " \t\r\n\"':=,;&";
    /** Digits of the area, group and serial fields. */
    private static final int[] WIDTHS = {3, 2, 4};

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String[] tokens = new String[6];
        int n = 0;
        int i = 0;
        while (i < match.length()) {
            if (SEPARATORS.indexOf(match.charAt(i)) >= 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < match.length() && SEPARATORS.indexOf(match.charAt(i)) < 0) {
                i++;
            }
            if (n == tokens.length) {
                return false;
            }
            tokens[n++] = match.subSequence(start, i).toString();
        }
        if (n != 6) {
            return false;
        }
        int[] d = new int[9];
        int k = 0;
        for (int f = 0; f < 3; f++) {
            String name = tokens[2 * f].toLowerCase(Locale.ROOT);
            String value = tokens[2 * f + 1];
            if (!(name.contains("ssn") || name.contains("social")) || value.length() != WIDTHS[f]) {
                return false;
            }
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if (ch < '0' || ch > '9') {
                    return false;
                }
                d[k++] = ch - '0';
            }
        }
        return Ssn.issuable(d);
    }
}
