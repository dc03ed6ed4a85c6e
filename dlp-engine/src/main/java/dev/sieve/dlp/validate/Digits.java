package dev.sieve.dlp.validate;

/** Digit extraction shared by the checksum validators. */
final class Digits {

    private Digits() {
    }

    /**
     * The digits of {@code s} with spaces, hyphens, dots, underscores, slashes and line breaks (the separators card, SSN and
     * routing numbers are printed with; a rule's pattern says which it takes) removed, or {@code null} if {@code s}
     * holds any other non-digit character.
     */
    static int[] of(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            } else if (c != ' ' && c != '-' && c != '.' && c != '_' && c != '/' && c != '\n') {
                return null;
            }
        }
        int[] digits = new int[n];
        int j = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits[j++] = c - '0';
            }
        }
        return digits;
    }

    /** True if the Luhn (mod 10) checksum over all digits holds. */
    static boolean luhn(int[] digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length - 1; i >= 0; i--) {
            int d = digits[i];
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /** The sum of the first {@code n} digits, each times its weight. */
    static int weighted(int[] digits, int[] weights, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += digits[i] * weights[i];
        }
        return sum;
    }

    static boolean allSame(int[] digits) {
        for (int d : digits) {
            if (d != digits[0]) {
                return false;
            }
        }
        return true;
    }

    /** Every character of {@code s[from, to)} is an ASCII digit. */
    static boolean allDigits(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean leapYear(int year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** Whether year-month-day is a day of the Gregorian calendar. */
    static boolean isDate(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        int[] days = {31, leapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        return day <= days[month - 1];
    }
}
