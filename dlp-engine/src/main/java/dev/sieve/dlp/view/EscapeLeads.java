package dev.sieve.dlp.view;

import java.nio.charset.StandardCharsets;

/**
 * Where the next escape lead byte ({@code % & = \}) lies in a text, for {@link Skipper}: found with
 * {@link String#indexOf(int, int)} on a one-char-per-byte copy of the text (the JDK searches with vector
 * instructions, far faster than any test per byte written here), and remembered per lead byte.
 *
 * <p>One instance can serve many texts of one document (every string value of a JSON body read in place): the copy
 * is made once for the document, and since texts are asked in document order each search goes on from where the
 * last one stopped, so the whole document is searched about once per lead byte. A question behind the remembered
 * position searches again from there. Not thread-safe.
 */
final class EscapeLeads {

    private static final char[] LEADS = {'%', '&', '=', '\\'};

    private final String chars;
    private final int base;
    /** Per lead byte: its first position at or after {@code asked}, or {@link Integer#MAX_VALUE} when none. */
    private final int[] next = new int[LEADS.length];
    private final int[] asked = new int[LEADS.length];

    /**
     * @param chars the text as one char per byte
     * @param base  the text offset of {@code chars}' first char
     */
    EscapeLeads(String chars, int base) {
        this.chars = chars;
        this.base = base;
        java.util.Arrays.fill(asked, Integer.MAX_VALUE);
    }

    /** Leads of {@code t[from, to)}. */
    static EscapeLeads of(byte[] t, int from, int to) {
        return new EscapeLeads(new String(t, from, to - from, StandardCharsets.ISO_8859_1), from);
    }

    /** The first escape lead byte at or after {@code at}, or {@code to} when there is none before {@code to}. */
    int first(int at, int to) {
        int first = to;
        for (int l = 0; l < LEADS.length; l++) {
            first = Math.min(first, next(l, at));
        }
        return first;
    }

    private int next(int l, int at) {
        if (asked[l] <= at && at <= next[l]) {
            return next[l];
        }
        int k = chars.indexOf(LEADS[l], at - base);
        next[l] = k < 0 ? Integer.MAX_VALUE : base + k;
        asked[l] = at;
        return next[l];
    }
}
