package dev.sieve.dlp.validate;

import java.util.regex.Pattern;

/**
 * {@code banner-term}: a classification banner ({@code OFFICIAL-SENSITIVE}, {@code NATO RESTRICTED}, {@code EXPORT
 * CONTROLLED}) followed by a copula or a verb of meaning is the subject of a definition, not a marking of the text:
 * {@code OFFICIAL-SENSITIVE is a handling caveat, not a separate classification}, {@code FOUO means ...}. A banner
 * stands alone, or before a separator, a caveat or the text it marks.
 */
final class BannerTerm implements Validator {

    private static final int REACH = 24;

    private static final Pattern DEFINED = Pattern.compile(
            "^[\"'`*_)\\]]{0,3}[ \\t]{1,3}(?:is|are|was|were|means|meant|refers[ \\t]{1,3}to|denotes|stands[ \\t]{1,3}for"
                    + "|indicates|applies[ \\t]{1,3}to|replaced|replaces)\\b");

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        return !DEFINED.matcher(ctx.after(REACH)).find();
    }

    @Override
    public int reach() {
        return REACH;
    }
}
