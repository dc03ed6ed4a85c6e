package dev.sieve.dlp.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code split-card}: a card number typed into four form fields of four digits each ({@code cc_part1=4539&cc_part2=
 * 3272&...}, {@code "card1": "4539", "card2": ...}). The match holds the four fields with their names; the values are
 * its runs of exactly four digits, and they must be four, joined a PAN of a card network (first digit 2 to 6), not
 * one digit repeated, with a valid Luhn digit. A field name's own index (the 1 of {@code card1}) is a run of one
 * digit; where the names carry indexes they must count up by one ({@code 1,2,3,4} or {@code 0,1,2,3}), so four
 * unrelated four-digit values (years, PINs) in fields named otherwise are not joined. Never logs the match.
 */
final class SplitCard implements Validator {

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        List<String> groups = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        int i = 0;
        while (i < match.length()) {
            if (!Character.isDigit(match.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < match.length() && Character.isDigit(match.charAt(i))) {
                i++;
            }
            String run = match.subSequence(start, i).toString();
            if (run.length() == 4) {
                groups.add(run);
            } else if (run.length() == 1) {
                indexes.add(run.charAt(0) - '0');
            } else {
                return false;
            }
        }
        if (groups.size() != 4) {
            return false;
        }
        if (indexes.size() == 4) {
            for (int k = 1; k < 4; k++) {
                if (indexes.get(k) != indexes.get(k - 1) + 1) {
                    return false;
                }
            }
        }
        int[] pan = Digits.of(String.join("", groups));
        return pan != null && pan[0] >= 2 && pan[0] <= 6 && !Digits.allSame(pan) && Digits.luhn(pan);
    }
}
