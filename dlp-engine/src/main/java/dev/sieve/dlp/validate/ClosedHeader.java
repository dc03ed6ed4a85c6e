package dev.sieve.dlp.validate;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code closed-header}: a file header's copyright line with "All rights reserved" and no licence is code that its
 * owner did not open. Open-source headers say "All rights reserved" too (BSD, old MIT, Chromium's), and then grant a
 * licence in the same header: the comment lines right before the match and the header after it, up to the first line
 * of code (at most sixteen lines), must not name one ({@code Licensed under}, {@code Permission is hereby granted},
 * {@code Redistribution and use}, {@code SPDX-License-Identifier}, {@code GPL}, {@code MIT}, {@code Apache},
 * {@code BSD}, {@code governed by}, {@code open source}, {@code public domain}). A match without a copyright notice
 * and All Rights Reserved passes (the validator judges that one pattern of a rule).
 */
final class ClosedHeader implements Validator {

    private static final int REACH = 800;

    /** A licence grant or an open-source licence's name. */
    private static final Pattern OPEN_LICENCE = Pattern.compile(
            "licen[cs]|permission\\s+is\\s+(?:hereby\\s+)?granted|redistribution\\s+and\\s+use|\\bspdx\\b|open[ -]source"
                    + "|free\\s+software|public\\s+domain|creative\\s+commons|\\bgnu\\b|\\bapache\\b|\\bmit\\b|\\bbsd\\b|mozilla"
                    + "|\\bmpl\\b|\\b(?:a|l)?gpl|eclipse\\s+public|permitted\\s+provided|governed\\s+by|\\bcc[ -]by\\b|\\bisc\\b"
                    + "|unlicense|wtfpl|\\bzlib\\b|boost\\s+software");

    /** A comment's line: a leader first (or a block's closer), or a blank line inside the header. */
    private static final Pattern COMMENT_LINE = Pattern.compile(
            "^[ \\t]*(?:/\\*|\\*|//|#|--|;|'|%|!|<!--|-->|\"\"\"|'''|\\(\\*|\\{-|-\\}|$)");

    /** What this validator judges: a copyright notice with All Rights Reserved (other matches of a rule pass). */
    private static final Pattern COPYRIGHT_RESERVED = Pattern.compile(
            "(?:copyright|\\(c\\)|\u00c2\u00a9)[\\s\\S]{0,200}rights\\s{1,3}reserved");

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        if (!COPYRIGHT_RESERVED.matcher(match.toString().toLowerCase(Locale.ROOT)).find()) {
            return true;
        }
        StringBuilder header = new StringBuilder(match);
        String[] before = ctx.before(REACH).toString().split("\\r?\\n", -1);
        // the comment lines above (the last element is the start of the match's own line)
        for (int i = before.length - 1; i >= 0 && i >= before.length - 16; i--) {
            if (i < before.length - 1 && !COMMENT_LINE.matcher(before[i]).find()) {
                break;
            }
            header.append('\n').append(before[i]);
        }
        String[] after = ctx.after(REACH).toString().split("\\r?\\n", -1);
        for (int i = 0; i < after.length && i < 16; i++) {
            if (i > 0 && !COMMENT_LINE.matcher(after[i]).find()) {
                break;
            }
            header.append('\n').append(after[i]);
        }
        return !OPEN_LICENCE.matcher(header.toString().toLowerCase(Locale.ROOT)).find();
    }

    @Override
    public int reach() {
        return REACH;
    }
}
