package dev.sieve.dlp.validate;

/**
 * {@code national-id}: the check digits of the national identifier the match is shaped like (separators ignored):
 * <ul>
 *   <li>12 digits: India's Aadhaar, Verhoeff check digit (UIDAI);</li>
 *   <li>11 digits written {@code 000.000.000-00}: Brazil's CPF, two mod-11 check digits, not one digit repeated;</li>
 *   <li>10 digits: the UK's NHS number, mod-11 check digit with weights 10 to 2 (a remainder of 10 is never
 *       issued);</li>
 *   <li>an optional X, Y or Z, 7 or 8 digits and a letter: Spain's DNI or NIE, the letter of the number mod 23;</li>
 *   <li>9 digits, or any other mix of letters and digits (passport numbers, which carry no public check digit: US
 *       9 digits, one or two letters and 7 or 8 digits, German CF8TJ1TP7, French 19AB12345), whose nearest label
 *       before them (within {@value #LABEL_REACH} characters) is NIF, CIF, DNI or NIE rather than a passport word,
 *       or, with no label before them, that are followed by such a label and no passport word: fail. Nine digits
 *       after NIF are Portugal's NIF (Spain's is the DNI shape above), whose check digit and personal prefixes
 *       {@code pii.pt-nif} checks ({@code european-id}, kind {@code pt-nif}); a letter and eight digits after NIF
 *       or CIF are a Spanish company's CIF (NIF-IVA: B12345678), and a company's id is not personal data; a DNI or
 *       NIE is never shaped so, and a number next to the next field's DNI label is some other number;</li>
 *   <li>any other digits alone, or such a shape with no NIF, CIF, DNI or NIE label next to it: pass.</li>
 * </ul>
 */
final class NationalId implements Validator {

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    /** An optional X, Y or Z, 7 or 8 digits and a letter: the shape whose letter is checked as a DNI/NIE. */
    private static final java.util.regex.Pattern DNI_SHAPE = java.util.regex.Pattern.compile("[XYZ]?[0-9]{7,8}[A-Z]");
    private static final int[][] VERHOEFF_D = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
        {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
        {5, 9, 8, 7, 6, 0, 4, 3, 2, 1}, {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
        {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] VERHOEFF_P = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
        {5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
        {4, 2, 8, 6, 5, 7, 3, 9, 0, 1}, {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};

    @Override
    public int reach() {
        return LABEL_REACH;
    }

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String m = match.toString();
        StringBuilder s = new StringBuilder(m.length());
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            if (c != ' ' && c != '-' && c != '.') {
                s.append(c);
            }
        }
        String v = s.toString();
        if (v.chars().allMatch(Character::isDigit)) {
            return switch (v.length()) {
                case 12 -> verhoeff(v);
                case 11 -> cpf(v);
                case 10 -> nhs(v);
                case 9 -> !labelledOtherId(ctx);
                default -> true;
            };
        }
        if (DNI_SHAPE.matcher(v).matches()) {
            return dni(v);
        }
        return !labelledOtherId(ctx);
    }

    /** How far before a 9-digit number its label is looked for (the rule's context window is 32). */
    static final int LABEL_REACH = 40;
    private static final String[] PASSPORT_WORDS = {"passport", "reisepass", "passeport", "pasaporte", "passaporto"};

    /** Labels of identifiers that are never shaped like a passport number (lower case; NIE is compared as written). */
    private static final String[] ID_LABELS = {"nif", "cif", "dni", "n.i.e", "NIE"};

    /**
     * Whether a passport-shaped match is labelled as another identifier: the nearest of the id labels and the passport
     * words before it (within {@link #LABEL_REACH}) is an id label, or none is before it and an id label, with no
     * passport word, follows it within the same reach.
     */
    static boolean labelledOtherId(ValidationContext ctx) {
        String before = ctx.before(LABEL_REACH).toString();
        int id = lastLabel(before);
        int passport = lastPassport(before.toLowerCase(java.util.Locale.ROOT));
        if (id >= 0 || passport >= 0) {
            return id > passport;
        }
        String after = ctx.after(LABEL_REACH).toString();
        return lastLabel(after) >= 0 && lastPassport(after.toLowerCase(java.util.Locale.ROOT)) < 0;
    }

    /** The start of the last id label in {@code text} with no ASCII letter before it (NIE: nor after it), or -1. */
    private static int lastLabel(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        int best = -1;
        for (String label : ID_LABELS) {
            boolean exactCase = !label.equals(label.toLowerCase(java.util.Locale.ROOT));
            String hay = exactCase ? text : lower;
            for (int at = hay.lastIndexOf(label); at >= 0; at = hay.lastIndexOf(label, at - 1)) {
                // NIF, CIF, DNI may run on into a camel-case key (nifCliente); NIE only as a word (NIEMAND)
                if (!letterAt(hay, at - 1) && !(exactCase && letterAt(hay, at + label.length()))) {
                    best = Math.max(best, at);
                    break;
                }
            }
        }
        return best;
    }

    private static int lastPassport(String lower) {
        int best = -1;
        for (String w : PASSPORT_WORDS) {
            best = Math.max(best, lower.lastIndexOf(w));
        }
        return best;
    }

    private static boolean letterAt(String s, int i) {
        if (i < 0 || i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean verhoeff(String digits) {
        int c = 0;
        for (int i = 0; i < digits.length(); i++) {
            c = VERHOEFF_D[c][VERHOEFF_P[i % 8][digits.charAt(digits.length() - 1 - i) - '0']];
        }
        return c == 0;
    }

    static boolean cpf(String d) {
        if (d.chars().distinct().count() == 1) {
            return false;
        }
        for (int len = 9; len <= 10; len++) {
            int sum = 0;
            for (int i = 0; i < len; i++) {
                sum += (d.charAt(i) - '0') * (len + 1 - i);
            }
            int check = 11 - sum % 11;
            if ((check >= 10 ? 0 : check) != d.charAt(len) - '0') {
                return false;
            }
        }
        return true;
    }

    static boolean nhs(String d) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (d.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        return check != 10 && (check == 11 ? 0 : check) == d.charAt(9) - '0';
    }

    /** DNI (7 or 8 digits and a letter) or NIE (X, Y or Z for 0, 1 or 2, 7 digits and a letter). */
    static boolean dni(String v) {
        int x = "XYZ".indexOf(v.charAt(0));
        String digits = v.substring(x >= 0 ? 1 : 0, v.length() - 1);
        if (digits.isEmpty() || digits.length() > 8 || !digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int number = Integer.parseInt((x >= 0 ? String.valueOf(x) : "") + digits);
        return DNI_LETTERS.charAt(number % 23) == v.charAt(v.length() - 1);
    }
}
