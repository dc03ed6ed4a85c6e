package dev.sieve.dlp.validate;

/**
 * {@code micr}: the routing and account fields of a cheque's MICR line (E-13B). The routing number stands between two
 * transit symbols and the account follows it, ended by the on-us symbol: {@code ⑆061665565⑆ 7098878908⑈}, or, as OCR
 * and MICR fonts transliterate the symbols, the same with letters ({@code C061665565C 7098878908A}; fonts and OCR
 * engines disagree on which of A-D is the transit symbol, so any one letter is taken, the same on both sides of the
 * routing number and another one after the account). The routing number must pass the {@link Aba} checksum and the
 * account hold 4 or more digits, not one digit repeated. The match is read as Latin-1 characters of its UTF-8 bytes,
 * so the symbols are three characters each ({@code E2 91 86} transit, {@code E2 91 88} on-us). Never logs the match.
 */
final class Micr implements Validator {

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String s = match.toString();
        int open = symbolLength(s, 0);
        if (open == 0 || s.length() < open + 9) {
            return false;
        }
        String transit = s.substring(0, open);
        int[] routing = Digits.of(s.substring(open, open + 9));
        int close = open + 9;
        if (!Aba.valid(routing) || !s.startsWith(transit, close)) {
            return false;
        }
        int end = s.length();
        while (end > close && !Character.isDigit(s.charAt(end - 1))) {
            end--;
        }
        String onUs = s.substring(end).strip();
        if (onUs.isEmpty() || onUs.equals(transit)) {
            return false; // the account must end with the on-us symbol, not another transit symbol
        }
        int[] account = Digits.of(s.substring(close + transit.length(), end).strip());
        return account != null && account.length >= 4 && !Digits.allSame(account);
    }

    /** Length of the MICR symbol at {@code i}: 3 for an E-13B symbol's UTF-8 bytes, 1 for a letter A-D, else 0. */
    private static int symbolLength(String s, int i) {
        if (s.startsWith("\u00e2\u0091", i) && s.length() > i + 2) {
            return 3;
        }
        char c = s.charAt(i);
        return c >= 'A' && c <= 'D' ? 1 : 0;
    }
}
