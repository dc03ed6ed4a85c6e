package dev.sieve.dlp.validate;

import java.util.Map;

/**
 * {@code iban}: an International Bank Account Number: two-letter country code with its registered length
 * (spaces ignored), two check digits, alphanumeric BBAN, and ISO 7064 mod-97 remainder 1. Letters of either case
 * (an IBAN typed in lower case is the same account). A match that starts with an {@code iban} label (a pattern that
 * requires the keyword before a lower-case IBAN) is judged from the country code that follows the label.
 */
final class Iban implements Validator {

    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BI", 27),
            Map.entry("BR", 29), Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28),
            Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
            Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FK", 18),
            Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GE", 22), Map.entry("GI", 23),
            Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28), Map.entry("HR", 21), Map.entry("HU", 28),
            Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26), Map.entry("IT", 27),
            Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28), Map.entry("LC", 32),
            Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("LY", 25),
            Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MN", 20),
            Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28), Map.entry("NL", 18),
            Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29),
            Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("RU", 33),
            Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19),
            Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25), Map.entry("SV", 28),
            Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22),
            Map.entry("VG", 24), Map.entry("XK", 20), Map.entry("YE", 30));

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        StringBuilder iban = new StringBuilder(34);
        for (int i = afterLabel(match); i < match.length(); i++) {
            char c = Character.toUpperCase(match.charAt(i));
            if (c == ' ') {
                continue;
            }
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
            iban.append(c);
        }
        if (iban.length() < 4) {
            return false;
        }
        Integer expected = LENGTHS.get(iban.substring(0, 2));
        if (expected == null || expected != iban.length() || !Character.isDigit(iban.charAt(2))
                || !Character.isDigit(iban.charAt(3))) {
            return false;
        }
        return mod97(iban) == 1;
    }

    /**
     * Where the IBAN starts: 0, or for a match that starts with the label {@code iban} (any case), the first country
     * code and check digits (two letters, two digits) after a separator that follows the label.
     */
    static int afterLabel(CharSequence m) {
        if (m.length() < 8 || !m.subSequence(0, 4).toString().equalsIgnoreCase("IBAN")) {
            return 0;
        }
        for (int k = 4; k + 4 <= m.length(); k++) {
            if (":=#\"' \n\t".indexOf(m.charAt(k - 1)) >= 0 && Character.isLetter(m.charAt(k))
                    && Character.isLetter(m.charAt(k + 1)) && Character.isDigit(m.charAt(k + 2))
                    && Character.isDigit(m.charAt(k + 3))) {
                return k;
            }
        }
        return m.length();
    }

    static int mod97(CharSequence iban) {
        int remainder = 0;
        int n = iban.length();
        for (int k = 0; k < n; k++) {
            char c = iban.charAt((k + 4) % n);
            if (c >= '0' && c <= '9') {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            }
        }
        return remainder;
    }
}
