package dev.sieve.dlp.validate;

/**
 * {@code host-end}: the match ends where the host name ends, so a rule for names in a zone ({@code .corp},
 * {@code .internal}) does not take a label in the middle of a longer name ({@code sso.corp.example.com} is a name
 * under {@code example.com}, not under {@code .corp}). A dot that ends a sentence is not another label.
 */
final class HostEnd implements Validator {

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        CharSequence after = ctx.after(2);
        return after.length() < 2 || after.charAt(0) != '.' || !isLabelStart(after.charAt(1));
    }

    private static boolean isLabelStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
