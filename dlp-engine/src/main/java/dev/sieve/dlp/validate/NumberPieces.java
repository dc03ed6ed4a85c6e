package dev.sieve.dlp.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ssn-pieces} and {@code card-pieces}: a number a person gave in pieces, over chat lines
 * ({@code customer: 248} / {@code customer: 04} / {@code customer: 5303}), a pair of fields each holding a part
 * ({@code SSN (first 5): 482-02} / {@code SSN (last 4): 4356}), two messages of one conversation or two text
 * messages. The rule's pattern says where the pieces may be; this validator reads the digit runs of the match:
 * <ul>
 *   <li>{@code ssn-pieces}: the last run is the 4-digit serial; before it the nearest runs of 3 and then 2 digits
 *       (adjacent: nothing but a separator between them) are the area and group; runs in between may only be one
 *       digit long (a label's {@code last 4}). Joined they must pass {@link Ssn#issuable}.</li>
 *   <li>{@code card-pieces}: all runs joined are 13 to 19 digits, the first 2 to 6 (a card network), not one
 *       repeated digit, and Luhn-valid.</li>
 * </ul>
 * Never logs the match.
 */
final class NumberPieces implements Validator {

    private final boolean card;

    NumberPieces(boolean card) {
        this.card = card;
    }

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        List<String> runs = runs(match);
        return card ? card(runs) : ssn(runs);
    }

    private static List<String> runs(CharSequence s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                i++;
                continue;
            }
            int start = i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            out.add(s.subSequence(start, i).toString());
        }
        return out;
    }

    private static boolean ssn(List<String> runs) {
        int last = runs.size() - 1;
        if (last < 2 || runs.get(last).length() != 4) {
            return false;
        }
        int k = last - 1;
        while (k >= 1 && runs.get(k).length() == 1) {
            k--; // a label's digit between the parts: "SSN (last 4): 4356"
        }
        if (k < 1 || runs.get(k).length() != 2 || runs.get(k - 1).length() != 3) {
            return false;
        }
        String joined = runs.get(k - 1) + runs.get(k) + runs.get(last);
        return Ssn.issuable(Digits.of(joined));
    }

    private static boolean card(List<String> runs) {
        String joined = String.join("", runs);
        if (joined.length() < 13 || joined.length() > 19 || joined.charAt(0) < '2' || joined.charAt(0) > '6') {
            return false;
        }
        int[] d = Digits.of(joined);
        return !Digits.allSame(d) && Digits.luhn(d);
    }
}
