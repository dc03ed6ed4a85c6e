package dev.sieve.dlp.validate;

/**
 * {@code host-end}: the match ends where the host name ends, so a rule for names in a zone ({@code .corp},
 * {@code .internal}) does not take a label in the middle of a longer name ({@code sso.corp.example.com} is a name
 * under {@code example.com}, not under {@code .corp}). A dot that ends a sentence is not another label. A name followed
 * by an equals sign is the key of a properties or ini file ({@code label.classification.internal=Internal}), not a
 * host.
 */
final class HostEnd implements Validator {

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        CharSequence after = ctx.after(8);
        if (isKey(after)) {
            return false;
        }
        return after.length() < 2 || after.charAt(0) != '.' || !isLabelStart(after.charAt(1));
    }

    @Override
    public int reach() {
        return 8;
    }

    /** Blanks, then one equals sign (not == or =>): the name is a key being assigned. */
    private static boolean isKey(CharSequence after) {
        int i = 0;
        while (i < after.length() && (after.charAt(i) == ' ' || after.charAt(i) == '\t')) {
            i++;
        }
        if (i >= after.length() || after.charAt(i) != '=') {
            return false;
        }
        return i + 1 >= after.length() || (after.charAt(i + 1) != '=' && after.charAt(i + 1) != '>');
    }

    private static boolean isLabelStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
