package dev.sieve.dlp.validate;

/**
 * {@code national-id}: the check digits of the national identifier the match is shaped like (separators ignored):
 * <ul>
 *   <li>12 digits: India's Aadhaar, Verhoeff check digit (UIDAI);</li>
 *   <li>11 digits written {@code 000.000.000-00}: Brazil's CPF, two mod-11 check digits, not one digit repeated;</li>
 *   <li>10 digits: the UK's NHS number, mod-11 check digit with weights 10 to 2 (a remainder of 10 is never
 *       issued);</li>
 *   <li>an optional X, Y or Z, 7 or 8 digits and a letter: Spain's DNI or NIE, the letter of the number mod 23;</li>
 *   <li>9 digits whose nearest label before them (within {@value #LABEL_REACH} characters) is NIF rather than a
 *       passport word: fail. That is Portugal's NIF (Spain's is the DNI shape above), whose check digit and
 *       personal prefixes {@code pii.pt-nif} checks ({@code european-id}, kind {@code pt-nif}); a company's NIPC
 *       is not personal data;</li>
 *   <li>digits alone of another length, or any other mix of letters and digits (passport numbers, which carry no
 *       public check digit: US 9 digits, one or two letters and 7 or 8 digits, German CF8TJ1TP7, French
 *       19AB12345): pass.</li>
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
                case 9 -> !labelledNif(ctx);
                default -> true;
            };
        }
        return !DNI_SHAPE.matcher(v).matches() || dni(v);
    }

    /** How far before a 9-digit number its label is looked for (the rule's context window is 32). */
    static final int LABEL_REACH = 40;
    private static final String[] PASSPORT_WORDS = {"passport", "reisepass", "passeport", "pasaporte", "passaporto"};

    /** Whether the nearest of NIF and the passport words before the match is NIF. */
    static boolean labelledNif(ValidationContext ctx) {
        String before = ctx.before(LABEL_REACH).toString().toLowerCase(java.util.Locale.ROOT);
        int nif = before.lastIndexOf("nif");
        if (nif < 0) {
            return false;
        }
        for (String w : PASSPORT_WORDS) {
            if (before.lastIndexOf(w) > nif) {
                return false;
            }
        }
        return true;
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
