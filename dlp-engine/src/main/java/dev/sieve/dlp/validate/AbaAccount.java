package dev.sieve.dlp.validate;

import java.util.regex.Pattern;

/**
 * {@code aba-account}: a US routing number (the {@link Aba} checksum and prefix) that is part of an account record,
 * not a bank's published routing number. A routing number alone names a bank branch and is printed in every bank's
 * FAQ ("the routing number for Chase in New York is 021000021"); it is personal only as half of an account's
 * coordinates. So the number must also be one of:
 * <ul>
 *   <li>next to an account number: an account label ({@code account}, {@code acct}, {@code acc}, {@code a/c}, with
 *       {@code number}/{@code no}/{@code #}) followed by digits (or a mask of them), within {@link #NEAR} characters
 *       before or after;</li>
 *   <li>in a table or form whose header line names both a routing and an account column (within
 *       {@link #HEADER_WINDOW} characters before);</li>
 *   <li>the value of its own field: the routing label directly before it, separated only by punctuation, quotes or a
 *       line break ({@code routing number: 021000021}, {@code "aba": "021000021"}, {@code RTN 021000021}), as a form,
 *       a config file or a payment record writes it. Prose that puts other words between the label and the number
 *       ({@code routing number for Chase ... is 021000021}) is the FAQ case and is not reported.</li>
 * </ul>
 * Never logs or keeps the match.
 */
final class AbaAccount implements Validator {

    /** Characters before and after the number in which an account number is looked for. */
    static final int NEAR = 160;
    /** Characters before the number in which a header line naming routing and account columns is looked for. */
    static final int HEADER_WINDOW = 1024;

    private static final Pattern ACCOUNT_NUMBER = Pattern.compile(
            "(?i)\\b(?:account|acct|acc|a/c)(?:[ _-]?(?:number|num|no\\.?|nbr|#))?[\"']?[ \\t]*[:=#]?[ \\t]*[\"']?"
                    + "(?:\\r?\\n[ \\t]*[\"']?)?[0-9*xX\\u2022][0-9*xX\\u2022 -]{3,20}");
    private static final Pattern ROUTING_CELL = Pattern.compile("(?i)routing|\\baba\\b|\\brtn\\b|\\btransit\\b");
    private static final Pattern ACCOUNT_CELL = Pattern.compile("(?i)account|\\bacct\\b|\\bacc\\b|a/c");
    private static final String DELIMITERS = ",;\t|";
    private static final Pattern DIRECT_LABEL = Pattern.compile(
            "(?i)(?:routing|\\baba|\\brtn|\\br/t)(?:[ _/-]?(?:number|num|no\\.?|nbr|#|code|transit|routing))?"
                    + "[\"']?[ \\t]*[:=#]?[ \\t]*[\"']?(?:\\r?\\n[ \\t]*[\"']?)?$");

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        if (!Aba.valid(Digits.of(match))) {
            return false;
        }
        String before = ctx.before(HEADER_WINDOW).toString();
        String near = before.substring(Math.max(0, before.length() - NEAR));
        if (DIRECT_LABEL.matcher(near.substring(Math.max(0, near.length() - 48))).find()
                || ACCOUNT_NUMBER.matcher(near).find()
                || ACCOUNT_NUMBER.matcher(ctx.after(NEAR)).find()) {
            return true;
        }
        return inBankTable(before);
    }

    /**
     * True if the number's line is a table row (it holds a delimiter) and a line above it, with the same delimiter,
     * has a short cell naming a routing column and another naming an account column.
     */
    static boolean inBankTable(String before) {
        int lineStart = before.lastIndexOf('\n') + 1;
        String row = before.substring(lineStart);
        char delimiter = 0;
        for (char c : DELIMITERS.toCharArray()) {
            if (row.indexOf(c) >= 0) {
                delimiter = c;
                break;
            }
        }
        if (delimiter == 0 || lineStart == 0) {
            return false;
        }
        for (String line : before.substring(0, lineStart - 1).split("\n")) {
            boolean routing = false;
            boolean account = false;
            for (String cell : line.split(Pattern.quote(String.valueOf(delimiter)))) {
                String c = cell.strip();
                if (c.length() <= 32) {
                    routing |= ROUTING_CELL.matcher(c).find();
                    account |= ACCOUNT_CELL.matcher(c).find() && !ROUTING_CELL.matcher(c).find();
                }
            }
            if (routing && account) {
                return true;
            }
        }
        return false;
    }
}
