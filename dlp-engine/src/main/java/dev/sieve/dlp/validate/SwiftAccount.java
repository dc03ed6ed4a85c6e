package dev.sieve.dlp.validate;

/**
 * {@code swift-account}: an account in a party field of a SWIFT MT103 ({@code :57A://FW056129676},
 * {@code :59:/15038961}): a Fedwire routing number (the nine digits after {@code //FW}) must pass the ABA checksum;
 * an account after a single {@code /} has no public check digit and passes (the rule's shape and context gate it),
 * unless it is one character repeated.
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
        return account.chars().distinct().count() > 1;
    }
}
