package dev.sieve.dlp.validate;

/**
 * {@code track-data}: the match is magnetic-stripe track data (ISO/IEC 7813), what a card reader or a skimmer
 * dumps and PCI DSS forbids storing after authorisation:
 * <ul>
 *   <li>track 1: {@code %B} PAN {@code ^} NAME {@code ^} YYMM service-code discretionary {@code ?} (the {@code %}
 *   start sentinel and the {@code ?} end sentinel optional);</li>
 *   <li>track 2: {@code ;} PAN {@code =} YYMM service-code discretionary {@code ?} (sentinels optional).</li>
 * </ul>
 * The PAN (13 to 19 digits) must be Luhn-valid and not one repeated digit, and the expiry month 01 to 12; a field
 * separator followed by a second separator (no expiry, allowed by the standard) is accepted too, as readers print
 * it. Anything else in those places fails.
 */
final class TrackData implements Validator {

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        int i = 0;
        int n = match.length();
        if (i < n && (match.charAt(i) == '%' || match.charAt(i) == ';')) {
            i++;
        }
        boolean track1 = i < n && match.charAt(i) == 'B';
        if (track1) {
            i++;
        }
        int panStart = i;
        while (i < n && isDigit(match.charAt(i))) {
            i++;
        }
        int panLength = i - panStart;
        if (panLength < 13 || panLength > 19 || i >= n) {
            return false;
        }
        char separator = match.charAt(i);
        if (separator != (track1 ? '^' : '=')) {
            return false;
        }
        int[] pan = Digits.of(match.subSequence(panStart, panStart + panLength));
        if (pan == null || Digits.allSame(pan) || !Digits.luhn(pan)) {
            return false;
        }
        i++;
        if (track1) {
            // the name: up to the second separator
            int nameStart = i;
            while (i < n && match.charAt(i) != '^') {
                i++;
            }
            if (i >= n || i - nameStart < 2 || i - nameStart > 26) {
                return false;
            }
            i++;
        }
        if (i < n && match.charAt(i) == separator) {
            return true; // no expiry
        }
        if (i + 4 > n) {
            return false;
        }
        for (int k = i; k < i + 4; k++) {
            if (!isDigit(match.charAt(k))) {
                return false;
            }
        }
        int month = (match.charAt(i + 2) - '0') * 10 + (match.charAt(i + 3) - '0');
        return month >= 1 && month <= 12;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
