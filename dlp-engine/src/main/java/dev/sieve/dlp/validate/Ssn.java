package dev.sieve.dlp.validate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ssn}: a US Social Security number: nine digits, one consistent separator (or none: a space, hyphen, dot or
 * slash, as in 784.69.5415 or 784/69/5415; a hyphen with a blank either side, 784 - 69 - 5415), area not 000, 666 or
 * 900-999, group not 00, serial not 0000, not all one digit, and none of the well-known published samples
 * (078-05-1120, 123-45-6789, 219-09-9999).
 *
 * <p>Negative context: a number whose label is a ticket, order or document reference is not an SSN. The word right
 * before the number (past blanks, {@code :}, {@code #}, {@code =}, quotes and a {@code no}, {@code number} or
 * {@code id} after it) being one of {@link #REFERENCE_WORDS} ({@code Ticket 292-02-8533}, {@code order #
 * 536-22-8174}, {@code Zendesk ticket no. ...}), or the number glued to an issue key's prefix ({@code OPS-292-02-8533}),
 * rejects it. Only the nearest word counts: {@code ticket about SSN 536-22-8174} is still an SSN. So do the
 * slash abbreviations {@code P/N} and {@code S/N} right before the number, and a table column whose header names a
 * reference and no SSN ({@code Part No.,Description,Qty} above {@code 512-03-2291,Hex bolt,4}). And a number
 * that is one of a numbering run, three or more dashed numbers of one area and group with serials within 20 of
 * each other ({@link #numberingRun}), is a catalogue's or ledger's number.
 */
final class Ssn implements Validator {

    private static final String[] KNOWN_FAKES = {"078051120", "123456789", "219099999"};

    /** Labels of references that are printed in the SSN's 3-2-4 shape (ticket systems, orders, invoices, cases). */
    static final java.util.Set<String> REFERENCE_WORDS = java.util.Set.of("ticket", "tickets", "tkt", "jira",
            "zendesk", "servicenow", "freshdesk", "incident", "case", "order", "orders", "invoice", "inv", "po",
            "ref", "reference", "confirmation", "tracking", "booking", "reservation", "rma", "request", "req", "issue",
            "bug", "story", "task", "sku", "part", "item", "serial", "build", "version", "release", "batch", "lot",
            "shipment", "quote", "receipt", "transaction", "txn", "pn", "mpn", "p/n", "s/n");

    /** Words of a column header that name an SSN: such a column is never a reference column. */
    private static final java.util.Set<String> SSN_WORDS = java.util.Set.of("ssn", "social", "security", "tin",
            "taxpayer", "ss", "itin");

    /** Bytes before and after the number looked at for its table column's header. */
    private static final int COLUMN_REACH = 512;

    @Override
    public int reach() {
        return COLUMN_REACH;
    }

    /** Bytes before the number that are looked at for its label. */
    private static final int LABEL_WINDOW = 40;

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        // Digits.of knows the separators of cards and routing numbers; a slash is one only here
        // "053 - 22 - 5014": a dash with a blank on either side, as a person types it, is one separator
        String m = match.toString().replace(" - ", "-");
        int[] d = Digits.of(m.replace('/', '-'));
        if (d == null || d.length != 9 || !consistentSeparators(m)) {
            return false;
        }
        return issuable(d) && !referenceLabel(ctx) && !numberingRun(d, ctx);
    }

    /** Bytes either side of the number searched for the rest of a numbering run. */
    private static final int RUN_REACH = 200;
    /** Largest distance between the serials of a numbering run's members. */
    private static final int RUN_SPAN = 20;
    private static final Pattern DASHED = Pattern.compile(
            "(?<![0-9])([0-9]{3})-([0-9]{2})-([0-9]{4})(?![0-9])");

    /**
     * True if two or more other dashed numbers within {@value #RUN_REACH} bytes share this one's area and group and
     * have serials within {@value #RUN_SPAN} of it (406-71-3382, 406-71-3383, 406-71-3390): a catalogue's or a
     * ledger's numbering, not people's SSNs. SSNs have been assigned at random since 2011, and even before that
     * unrelated people in one document almost never share area and group with serials this close. Never logs.
     */
    static boolean numberingRun(int[] d, ValidationContext ctx) {
        if (ctx == null) {
            return false;
        }
        int serial = d[5] * 1000 + d[6] * 100 + d[7] * 10 + d[8];
        int siblings = 0;
        for (CharSequence side : new CharSequence[] {ctx.before(RUN_REACH), ctx.after(RUN_REACH)}) {
            Matcher m = DASHED.matcher(side);
            while (m.find()) {
                String area = m.group(1);
                String group = m.group(2);
                int other = Integer.parseInt(m.group(3));
                if (area.charAt(0) - '0' == d[0] && area.charAt(1) - '0' == d[1] && area.charAt(2) - '0' == d[2]
                        && group.charAt(0) - '0' == d[3] && group.charAt(1) - '0' == d[4]
                        && other != serial && Math.abs(other - serial) <= RUN_SPAN) {
                    siblings++;
                }
            }
        }
        return siblings >= 2;
    }

    /**
     * Nine digits an SSN can be: area not 000, 666 or 900-999, group not 00, serial not 0000, not all one digit,
     * and none of the published samples.
     */
    static boolean issuable(int[] d) {
        if (d.length != 9 || Digits.allSame(d)) {
            return false;
        }
        int area = d[0] * 100 + d[1] * 10 + d[2];
        int group = d[3] * 10 + d[4];
        int serial = d[5] * 1000 + d[6] * 100 + d[7] * 10 + d[8];
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return false;
        }
        StringBuilder plain = new StringBuilder(9);
        for (int x : d) {
            plain.append(x);
        }
        for (String fake : KNOWN_FAKES) {
            if (fake.contentEquals(plain)) {
                return false;
            }
        }
        return true;
    }

    /** A column headed by a reference word ({@code Part No.}, {@code Order}) and no SSN word. */
    private static boolean referenceColumn(java.util.List<String> header) {
        boolean reference = false;
        for (String w : header) {
            if (SSN_WORDS.contains(w)) {
                return false;
            }
            reference |= REFERENCE_WORDS.contains(w);
        }
        return reference;
    }

    private static boolean consistentSeparators(CharSequence s) {
        char sep = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                if (sep == 0) {
                    sep = c;
                } else if (c != sep) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * True if the text right before the number labels it as a reference: the nearest word (past separators and a
     * trailing {@code no}, {@code number}, {@code id}) is a {@link #REFERENCE_WORDS} word, or the number is glued
     * to an issue key's letters and hyphen ({@code PROJ-}).
     */
    static boolean referenceLabel(ValidationContext ctx) {
        if (ctx == null) {
            return false;
        }
        java.util.List<String> header = Label.columnHeader(ctx.before(COLUMN_REACH), ctx.after(COLUMN_REACH));
        if (!header.isEmpty()) {
            return referenceColumn(header); // in a table the column's header labels the number, not the cell before
        }
        CharSequence before = ctx.before(LABEL_WINDOW);
        if (Label.nearest(before, 0).equals(java.util.List.of("p/n"))
                || Label.nearest(before, 0).equals(java.util.List.of("s/n"))) {
            return true; // P/N 570-41-5005, S/N ...: a part or serial number
        }
        int i = before.length();
        if (i >= 3 && before.charAt(i - 1) == '-') {
            // PROJ-292-02-8533: an issue key, upper-case letters and a hyphen glued to the number (not SSN-...)
            int k = i - 1;
            while (k > 0 && before.charAt(k - 1) >= 'A' && before.charAt(k - 1) <= 'Z') {
                k--;
            }
            String key = before.subSequence(k, i - 1).toString();
            boolean wordStart = k == 0 || !Character.isLetterOrDigit(before.charAt(k - 1));
            if (wordStart && key.length() >= 2 && key.length() <= 10 && !key.equals("SSN") && !key.equals("SS")) {
                return true;
            }
        }
        for (int words = 0; words < 3; words++) {
            while (i > 0 && " \t:#=\"'.(\n\r".indexOf(before.charAt(i - 1)) >= 0) {
                i--;
            }
            int end = i;
            while (i > 0 && Character.isLetter(before.charAt(i - 1))) {
                i--;
            }
            if (i == end) {
                return false;
            }
            String word = before.subSequence(i, end).toString().toLowerCase(java.util.Locale.ROOT);
            if (!(word.equals("no") || word.equals("nr") || word.equals("number") || word.equals("num")
                    || word.equals("id"))) {
                return REFERENCE_WORDS.contains(word);
            }
        }
        return false;
    }
}
