package dev.sieve.dlp.validate;

/**
 * {@code swift-account}: an account in a party field of a SWIFT MT103 ({@code :57A://FW056129676},
 * {@code :59:/15038961}): a Fedwire routing number (the nine digits after {@code //FW}) must pass the ABA checksum;
 * an account after a single {@code /} has no public check digit and passes (the rule's shape and context gate it),
 * unless it is one character repeated, has no digit (a template's {@code /ACCOUNTNUMBER}, {@code /IBAN}) or is a
 * counting run of digits ({@code /12345678}, {@code /987654321}): placeholders of MT103 templates and examples.
 */
final class SwiftAccount implements Validator {

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String s = match.toString();
        int fw = s.indexOf("//FW");
        if (fw >= 0) {
            int[] d = Digits.of(s.substring(fw + 4));
            return d != null && Aba.valid(d);
        }
        int slash = s.indexOf(":/");
        if (slash < 0 || slash + 2 >= s.length()) {
            return false;
        }
        String account = s.substring(slash + 2);
        return account.chars().distinct().count() > 1 && account.chars().anyMatch(c -> c >= '0' && c <= '9')
                && !counting(account);
    }

    /** All digits, each one more (or each one less) than the one before, modulo 10. */
    static boolean counting(String s) {
        if (s.length() < 6) {
            return false;
        }
        for (int step : new int[] {1, 9}) {
            boolean run = true;
            for (int i = 0; i < s.length() && run; i++) {
                char c = s.charAt(i);
                run = c >= '0' && c <= '9' && (i == 0 || (c - '0') == (s.charAt(i - 1) - '0' + step) % 10);
            }
            if (run) {
                return true;
            }
        }
        return false;
    }
}
