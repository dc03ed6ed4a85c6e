package dev.sieve.dlp.validate;

/**
 * {@code mrz}: the machine-readable zone of a travel document (ICAO Doc 9303), its lines split by a line break: a
 * passport's TD3 (two lines of 44 characters) or an identity card's TD1 (three lines of 30). Every check digit
 * must hold: document number, date of birth, date of expiry (and, in TD3, the optional personal number unless it is
 * all filler) and the composite digit over all of them. A check digit is the sum of the character values weighted
 * 7, 3, 1 (repeating) mod 10, with digits as themselves, A-Z as 10-35 and the filler {@code <} as 0. The two dates'
 * months must be 01-12 and their days 01-31. A line of random capitals passes all four checks about once in 10,000.
 */
final class Mrz implements Validator {

    private static final int[] WEIGHTS = {7, 3, 1};

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String[] lines = match.toString().replace("\r", "").split("\n");
        if (lines.length == 2 && lines[0].length() == 44 && lines[1].length() == 44) {
            return td3(lines[1]);
        }
        if (lines.length == 3 && lines[0].length() == 30 && lines[1].length() == 30 && lines[2].length() == 30) {
            return td1(lines[0], lines[1]);
        }
        return false;
    }

    /** TD3 line 2: number 0-8 (check 9), birth 13-18 (19), expiry 21-26 (27), personal 28-41 (42), composite 43. */
    static boolean td3(String l) {
        if (!check(l, 0, 9, 9) || !date(l, 13) || !check(l, 13, 6, 19) || !date(l, 21) || !check(l, 21, 6, 27)) {
            return false;
        }
        boolean personalEmpty = l.substring(28, 43).chars().allMatch(c -> c == '<');
        if (!personalEmpty && !check(l, 28, 14, 42)) {
            return false;
        }
        String composite = l.substring(0, 10) + l.substring(13, 20) + l.substring(21, 43);
        return check(composite + l.charAt(43), 0, composite.length(), composite.length());
    }

    /**
     * TD1: line 1 number 5-13 (check 14); line 2 birth 0-5 (6), expiry 8-13 (14), composite 29 over line 1 5-29,
     * line 2 0-6, 8-14 and 18-28.
     */
    static boolean td1(String a, String b) {
        if (!check(a, 5, 9, 14) || !date(b, 0) || !check(b, 0, 6, 6) || !date(b, 8) || !check(b, 8, 6, 14)) {
            return false;
        }
        String composite = a.substring(5, 30) + b.substring(0, 7) + b.substring(8, 15) + b.substring(18, 29);
        return check(composite + b.charAt(29), 0, composite.length(), composite.length());
    }

    /** The ICAO check digit of {@code len} characters of {@code s} from {@code from}, compared with {@code s[at]}. */
    static boolean check(String s, int from, int len, int at) {
        char expected = s.charAt(at);
        if (expected < '0' || expected > '9') {
            return false;
        }
        return digit(s.substring(from, from + len)) == expected - '0';
    }

    /** The check digit of {@code s}, or -1 when it holds a character outside 0-9, A-Z and {@code <}. */
    static int digit(String s) {
        int sum = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int v;
            if (c >= '0' && c <= '9') {
                v = c - '0';
            } else if (c >= 'A' && c <= 'Z') {
                v = c - 'A' + 10;
            } else if (c == '<') {
                v = 0;
            } else {
                return -1;
            }
            sum += v * WEIGHTS[i % 3];
        }
        return sum % 10;
    }

    /** YYMMDD at {@code from}: digits, month 01-12, day 01-31. */
    private static boolean date(String s, int from) {
        for (int i = from; i < from + 6; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        int month = Integer.parseInt(s.substring(from + 2, from + 4));
        int day = Integer.parseInt(s.substring(from + 4, from + 6));
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }
}
