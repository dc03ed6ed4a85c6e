package dev.sieve.dlp.validate;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code recipient-list}: a mail header line ({@code To:}, {@code Cc:}, {@code Bcc:}) that names at least
 * {@link #MIN} distinct addresses, not counting documentation and reserved domains (example.com/.org/.net, .test, .invalid, .localhost) and no-reply addresses.
 * The rule's pattern is the header line; the addresses are counted here, so that a header of two or three people
 * (an ordinary message) is not a distribution list. Never logs the match.
 */
final class RecipientList implements Validator {

    /** Distinct addresses a header must name. */
    static final int MIN = 5;

    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,100}\\.[A-Za-z]{2,18}");

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        Set<String> seen = new HashSet<>();
        Matcher m = ADDRESS.matcher(match);
        while (m.find()) {
            String a = m.group().toLowerCase(Locale.ROOT);
            if (!a.contains("example.") && !Reserved.reservedEmail(a) && !a.contains("noreply") && !a.contains("no-reply")) {
                seen.add(a);
            }
        }
        return seen.size() >= MIN;
    }
}
