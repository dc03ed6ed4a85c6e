package dev.sieve.dlp.validate;

import java.util.Locale;

/**
 * {@code {name: intl-id, kind: K}}: the published check digit or structure of one national identifier from outside
 * Europe and the US. Spaces, hyphens, dots, slashes and parentheses in the match are ignored (the ways these numbers
 * are printed); any other character than the format's own fails. Kinds:
 * <ul>
 *   <li>{@code au-tfn}: Australian Tax File Number, 8 or 9 digits, weights 1,4,3,7,5,8,6,9,10 (the first eight for
 *       an 8-digit number), sum mod 11 = 0;</li>
 *   <li>{@code au-medicare}: Australian Medicare card, 10 digits (11 with the individual reference number), first
 *       digit 2-6, the ninth digit the weighted sum (1,3,7,9,1,3,7,9) of the first eight mod 10;</li>
 *   <li>{@code sg-nric}: Singapore NRIC/FIN, S/T/F/G/M, 7 digits and a check letter (weights 2,7,6,5,4,3,2; plus 4
 *       for T and G, 3 for M; a letter table for S/T, F/G and M);</li>
 *   <li>{@code jp-my-number}: Japan's My Number (individual number), 12 digits, check digit 11 - (weights 6,5,4,3,2,
 *       7,6,5,4,3,2 mod 11), 0 when that is 10 or 11;</li>
 *   <li>{@code kr-rrn}: Korean resident registration number, YYMMDD and a sex/century digit (1-8, 9/0 for the
 *       1800s) that make a real date, then 6 digits. The old mod-11 check digit is not required: numbers issued
 *       since October 2020 no longer carry it;</li>
 *   <li>{@code cn-resident-id}: Chinese resident identity card, 18 characters: region (first digit 1-9), a real
 *       YYYYMMDD date (1800-2099), sequence, ISO 7064 MOD 11-2 check character (0-9 or X);</li>
 *   <li>{@code hk-hkid}: Hong Kong identity card, 1 or 2 letters, 6 digits, check digit 0-9 or A (weights 9..2 over
 *       the letters as 10-35, a missing first letter as 36, and the digits, sum with the check mod 11 = 0);</li>
 *   <li>{@code tw-national-id}: Taiwan national ID or resident certificate, a letter (as its two-digit code), 1/2 or
 *       8/9, 7 digits and a check digit (weights 1,9,8,7,6,5,4,3,2,1,1, sum mod 10 = 0);</li>
 *   <li>{@code mx-curp}: Mexico's CURP, 18 characters, the last the check digit over the first 17 in the alphabet
 *       {@code 0-9 A-N Ñ O-Z} with weights 18..2, a real YYMMDD birth date;</li>
 *   <li>{@code cl-rut}: Chile's RUT/RUN, 7 or 8 digits and a check digit 0-9 or K (weights 2..7 from the right,
 *       11 - sum mod 11, 11 = 0, 10 = K);</li>
 *   <li>{@code za-id}: South African ID number, 13 digits, a YYMMDD date valid in the 1900s or 2000s, the
 *       citizenship digit 0 or 1, Luhn check digit;</li>
 *   <li>{@code il-teudat-zehut}: Israeli identity number, up to 9 digits (left-padded with zeros), Luhn (weights
 *       1,2 alternating, digit sums) over the 9 digits;</li>
 *   <li>{@code in-pan}: India's Permanent Account Number of an individual, 5 letters (the fourth the holder type,
 *       P for a person), 4 digits not all zero, a letter. The other holder types (C company, H Hindu undivided
 *       family, F firm, A association of persons, T trust, B body of individuals, L local authority, J artificial
 *       juridical person, G government) are business or public identifiers and fail. No public check digit: the
 *       rule must require a keyword;</li>
 *   <li>{@code mx-rfc}: Mexico's RFC of a person (persona física), 13 characters: four letters, a real YYMMDD
 *       date, two homoclave characters and the check character (0-9 or A). The check character's value is not
 *       recomputed: SAT issued RFCs whose check character the published algorithm does not give (python-stdnum
 *       skips it by default too). SAT's generic RFCs (XAXX010101000, XEXX010101000) fail;</li>
 *   <li>{@code ar-dni}: Argentina's DNI, 7 or 8 digits (12.345.678 or compact) at the end of the match (the rule's
 *       pattern holds the label before it), from 1.000.000 up, not one repeated digit and not the placeholder
 *       12.345.678, not followed by a hyphen or dot and a letter (Spain's DNI, 12.345.678-Z). No check digit: the
 *       label must be part of the pattern or name the value's table column;</li>
 *   <li>{@code co-cedula}: Colombia's cédula de ciudadanía, 6 to 10 digits (dotted in thousands or compact) at
 *       the end of the match, first not 0, not one repeated digit, not a run such as 123456, not followed by a
 *       hyphen or dot and a letter. No check digit;</li>
 *   <li>{@code in-aadhaar-column}: a 12-digit Aadhaar number (first digit 2-9, Verhoeff check digit) in a table
 *       column (the rule's {@code context.columns} names it) whose other 12-digit cells, in the rows right above and
 *       below (up to the header, within {@value #COLUMN_REACH} bytes), all pass the same check, with at least one such
 *       other cell: a column of 12-digit user ids passes Verhoeff one cell in ten, so a single cell, or a column
 *       where any cell fails, is not taken;</li>
 *   <li>{@code ar-cuil}: Argentina's CUIL/CUIT of a person, 11 digits (20-12345678-3 or compact): the type 20, 23,
 *       24 or 27, the DNI and the check digit 11 - (weights 5,4,3,2,7,6,5,4,3,2 mod 11), 0 for 11 (10 is never
 *       issued: the type becomes 23). Companies' CUITs (30, 33, 34) fail.</li>
 * </ul>
 * Values made of one repeated digit fail every kind.
 */
final class IntlId implements Validator {

    /** The identifiers this validator knows, by their {@code kind} parameter. */
    enum Kind {
        AU_TFN, AU_MEDICARE, SG_NRIC, JP_MY_NUMBER, KR_RRN, CN_RESIDENT_ID, HK_HKID, TW_NATIONAL_ID, MX_CURP, CL_RUT,
        ZA_ID, IL_TEUDAT_ZEHUT, IN_PAN, MX_RFC, AR_DNI, CO_CEDULA, IN_AADHAAR_COLUMN, AR_CUIL;

        /** The parameter value: the constant's name in lower case, '-' for '_'. */
        String yamlName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Kind of(String yamlName) {
            for (Kind k : values()) {
                if (k.yamlName().equals(yamlName)) {
                    return k;
                }
            }
            return null;
        }
    }

    private static final int[] TFN_WEIGHTS = {1, 4, 3, 7, 5, 8, 6, 9, 10};
    private static final int[] MEDICARE_WEIGHTS = {1, 3, 7, 9, 1, 3, 7, 9};
    private static final int[] NRIC_WEIGHTS = {2, 7, 6, 5, 4, 3, 2};
    /** NRIC check letters by (weighted sum + offset) mod 11. */
    private static final String NRIC_ST = "JZIHGFEDCBA";
    private static final String NRIC_FG = "XWUTRQPNMLK";
    private static final String NRIC_M = "XWUTRQPNJLK";
    private static final int[] MY_NUMBER_WEIGHTS = {6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    /** ISO 7064 MOD 11-2 weights (2^(17-i) mod 11) and the check character for each sum mod 11. */
    private static final int[] CN_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CN_CHECK = "10X98765432";
    /** Taiwan's letter codes: A=10, B=11, ... in this order (I, O, W, X, Y, Z were added later, out of order). */
    private static final String TW_LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO";
    private static final String CURP_ALPHABET = "0123456789ABCDEFGHIJKLMN\u00d1OPQRSTUVWXYZ";
    /** PAN holder types of a natural person: P (individual). C, H, F, A, T, B, L, J and G are not people. */
    private static final String PAN_HOLDER_TYPES = "P";
    private static final int[] CUIL_WEIGHTS = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    private final Kind kind;

    IntlId(Kind kind) {
        this.kind = kind;
    }

    /** Bytes before and after an Aadhaar cell read for the other cells of its column. */
    static final int COLUMN_REACH = 1024;

    @Override
    public int reach() {
        if (kind == Kind.AR_DNI || kind == Kind.CO_CEDULA) {
            return 2; // the two characters after the number: "-Z" makes it Spain's DNI
        }
        return kind == Kind.IN_AADHAAR_COLUMN ? COLUMN_REACH : 0;
    }

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        switch (kind) {
            case AR_DNI -> {
                return arDni(trailingNumber(match)) && !letterSuffix(ctx);
            }
            case CO_CEDULA -> {
                return coCedula(trailingNumber(match)) && !letterSuffix(ctx);
            }
            case IN_AADHAAR_COLUMN -> {
                return aadhaarColumn(match, ctx);
            }
            default -> {
            }
        }
        String v = compact(match);
        if (v == null || v.isEmpty()) {
            return false;
        }
        return switch (kind) {
            case AU_TFN -> tfn(v);
            case AU_MEDICARE -> medicare(v);
            case SG_NRIC -> nric(v);
            case JP_MY_NUMBER -> myNumber(v);
            case KR_RRN -> rrn(v);
            case CN_RESIDENT_ID -> chinaId(v);
            case HK_HKID -> hkid(v);
            case TW_NATIONAL_ID -> taiwanId(v);
            case MX_CURP -> curp(v);
            case CL_RUT -> rut(v);
            case ZA_ID -> southAfricaId(v);
            case IL_TEUDAT_ZEHUT -> teudatZehut(v);
            case IN_PAN -> pan(v);
            case MX_RFC -> rfc(v);
            case AR_CUIL -> cuil(v);
            case AR_DNI, CO_CEDULA, IN_AADHAAR_COLUMN -> false; // handled above
        };
    }

    /** The match without separators, upper-cased; null if it holds anything but ASCII letters, digits and them. */
    private static String compact(CharSequence match) {
        StringBuilder s = new StringBuilder(match.length());
        for (int i = 0; i < match.length(); i++) {
            char c = match.charAt(i);
            if (c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
                s.append(c);
            } else if (c >= 'a' && c <= 'z') {
                s.append((char) (c - 'a' + 'A'));
            } else if (" -./()".indexOf(c) < 0) {
                return null;
            }
        }
        return s.toString();
    }

    static boolean tfn(String v) {
        int[] d = digits(v);
        if (d == null || d.length < 8 || d.length > 9 || Digits.allSame(d)) {
            return false;
        }
        return Digits.weighted(d, TFN_WEIGHTS, d.length) % 11 == 0;
    }

    static boolean medicare(String v) {
        int[] d = digits(v);
        if (d == null || d.length < 10 || d.length > 11 || d[0] < 2 || d[0] > 6) {
            return false;
        }
        return Digits.weighted(d, MEDICARE_WEIGHTS, 8) % 10 == d[8];
    }

    static boolean nric(String v) {
        if (v.length() != 9 || "STFGM".indexOf(v.charAt(0)) < 0 || !Digits.allDigits(v, 1, 8)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (v.charAt(1 + i) - '0') * NRIC_WEIGHTS[i];
        }
        char prefix = v.charAt(0);
        sum += prefix == 'T' || prefix == 'G' ? 4 : prefix == 'M' ? 3 : 0;
        String letters = prefix == 'S' || prefix == 'T' ? NRIC_ST : prefix == 'M' ? NRIC_M : NRIC_FG;
        return letters.charAt(sum % 11) == v.charAt(8);
    }

    static boolean myNumber(String v) {
        int[] d = digits(v);
        if (d == null || d.length != 12 || Digits.allSame(d)) {
            return false;
        }
        int r = Digits.weighted(d, MY_NUMBER_WEIGHTS, 11) % 11;
        return (r <= 1 ? 0 : 11 - r) == d[11];
    }

    static boolean rrn(String v) {
        int[] d = digits(v);
        if (d == null || d.length != 13) {
            return false;
        }
        int century = switch (d[6]) {
            case 1, 2, 5, 6 -> 1900;
            case 3, 4, 7, 8 -> 2000;
            default -> 1800;
        };
        return Digits.isDate(century + number(d, 0, 2), number(d, 2, 2), number(d, 4, 2));
    }

    static boolean chinaId(String v) {
        if (v.length() != 18 || !Digits.allDigits(v, 0, 17) || v.charAt(0) == '0') {
            return false;
        }
        int[] d = digits(v.substring(0, 17));
        int year = number(d, 6, 4);
        if (year < 1800 || year > 2099 || !Digits.isDate(year, number(d, 10, 2), number(d, 12, 2))) {
            return false;
        }
        return CN_CHECK.charAt(Digits.weighted(d, CN_WEIGHTS, 17) % 11) == v.charAt(17);
    }

    static boolean hkid(String v) {
        int letters = v.length() - 7;
        if (letters < 1 || letters > 2 || !isLetters(v, 0, letters) || !Digits.allDigits(v, letters, v.length() - 1)) {
            return false;
        }
        // eight positions weighted 9..2: a one-letter id has a space (36) in front
        int sum = letters == 1 ? 36 * 9 : 0;
        for (int i = 0; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            int weight = 8 - i + (letters == 1 ? 0 : 1);
            sum += (Character.isDigit(c) ? c - '0' : c - 'A' + 10) * weight;
        }
        int check = (11 - sum % 11) % 11;
        return (check == 10 ? 'A' : (char) ('0' + check)) == v.charAt(v.length() - 1);
    }

    static boolean taiwanId(String v) {
        if (v.length() != 10 || !isLetters(v, 0, 1) || !Digits.allDigits(v, 1, 10) || "1289".indexOf(v.charAt(1)) < 0) {
            return false;
        }
        int code = 10 + TW_LETTERS.indexOf(v.charAt(0));
        int sum = code / 10 + code % 10 * 9;
        for (int i = 1; i < 9; i++) {
            sum += (v.charAt(i) - '0') * (9 - i);
        }
        sum += v.charAt(9) - '0';
        return sum % 10 == 0;
    }

    static boolean curp(String v) {
        if (v.length() != 18 || !isLetters(v, 0, 4) || !Digits.allDigits(v, 4, 10) || !Digits.allDigits(v, 17, 18)
                || "HMX".indexOf(v.charAt(10)) < 0 || !isLetters(v, 11, 16)) {
            return false;
        }
        // the 17th character: a digit for births up to 1999, a letter from 2000 on
        int year = (Character.isDigit(v.charAt(16)) ? 1900 : 2000) + Integer.parseInt(v.substring(4, 6));
        if (!Digits.isDate(year, Integer.parseInt(v.substring(6, 8)), Integer.parseInt(v.substring(8, 10)))) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CURP_ALPHABET.indexOf(v.charAt(i)) * (18 - i);
        }
        return (10 - sum % 10) % 10 == v.charAt(17) - '0';
    }

    static boolean rut(String v) {
        if (v.length() < 8 || v.length() > 9 || !Digits.allDigits(v, 0, v.length() - 1)) {
            return false;
        }
        char check = v.charAt(v.length() - 1);
        if (check != 'K' && !Character.isDigit(check)) {
            return false;
        }
        int[] d = digits(v.substring(0, v.length() - 1));
        if (Digits.allSame(d)) {
            return false;
        }
        int sum = 0;
        for (int i = d.length - 1, w = 2; i >= 0; i--, w = w == 7 ? 2 : w + 1) {
            sum += d[i] * w;
        }
        int c = 11 - sum % 11;
        return (c == 11 ? '0' : c == 10 ? 'K' : (char) ('0' + c)) == check;
    }

    static boolean southAfricaId(String v) {
        int[] d = digits(v);
        if (d == null || d.length != 13 || d[10] > 1) {
            return false;
        }
        int yy = number(d, 0, 2);
        int month = number(d, 2, 2);
        int day = number(d, 4, 2);
        return (Digits.isDate(1900 + yy, month, day) || Digits.isDate(2000 + yy, month, day)) && Digits.luhn(d);
    }

    static boolean teudatZehut(String v) {
        int[] d = digits(v);
        if (d == null || d.length < 5 || d.length > 9 || Digits.allSame(d)) {
            return false;
        }
        int[] padded = new int[9];
        System.arraycopy(d, 0, padded, 9 - d.length, d.length);
        return Digits.luhn(padded);
    }

    static boolean pan(String v) {
        return v.length() == 10 && isLetters(v, 0, 5) && PAN_HOLDER_TYPES.indexOf(v.charAt(3)) >= 0
                && Digits.allDigits(v, 5, 9) && !v.startsWith("0000", 5) && isLetters(v, 9, 10);
    }

    static boolean rfc(String v) {
        if (v.length() != 13 || !isLetters(v, 0, 4) || !Digits.allDigits(v, 4, 10)
                || !Digits.isDate(2000, Integer.parseInt(v.substring(6, 8)), Integer.parseInt(v.substring(8, 10)))) {
            return false;
        }
        char check = v.charAt(12);
        if (!(check >= '0' && check <= '9') && check != 'A') {
            return false;
        }
        return !v.startsWith("XAXX") && !v.startsWith("XEXX");
    }

    /** The digits of the match's last run of digits and dots (the number after its label), or "". */
    private static String trailingNumber(CharSequence match) {
        int i = match.length();
        while (i > 0 && (Character.isDigit(match.charAt(i - 1)) && match.charAt(i - 1) < 128
                || match.charAt(i - 1) == '.')) {
            i--;
        }
        StringBuilder d = new StringBuilder();
        for (int k = i; k < match.length(); k++) {
            if (match.charAt(k) != '.') {
                d.append(match.charAt(k));
            }
        }
        return d.toString();
    }

    /**
     * Whether the number is followed by a hyphen or dot and a letter ("12.345.678-Z"): Spain's DNI with its check
     * letter, or a code, not Argentina's DNI or Colombia's cédula (which end at their last digit).
     */
    private static boolean letterSuffix(ValidationContext ctx) {
        CharSequence after = ctx.after(2);
        if (after.length() < 2 || (after.charAt(0) != '-' && after.charAt(0) != '.')) {
            return false;
        }
        char c = after.charAt(1);
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static boolean arDni(String d) {
        int[] x = digits(d);
        return x != null && (x.length == 7 || x.length == 8) && x[0] != 0 && !Digits.allSame(x)
                && !d.equals("12345678") && !d.equals("1234567");
    }

    static boolean coCedula(String d) {
        int[] x = digits(d);
        if (x == null || x.length < 6 || x.length > 10 || x[0] == 0 || Digits.allSame(x)) {
            return false;
        }
        boolean run = true;
        for (int i = 1; i < x.length; i++) {
            run &= x[i] == (x[i - 1] + 1) % 10;
        }
        return !run;
    }

    /** 12 digits (blanks or hyphens between groups allowed), first 2-9, Verhoeff. */
    private static boolean aadhaar(String cell) {
        String v = cell.replace(" ", "").replace("-", "");
        return v.length() == 12 && Digits.allDigits(v, 0, 12) && v.charAt(0) >= '2' && NationalId.verhoeff(v);
    }

    private static boolean twelveDigits(String cell) {
        String v = cell.replace(" ", "").replace("-", "");
        return v.length() == 12 && Digits.allDigits(v, 0, 12);
    }

    static boolean aadhaarColumn(CharSequence match, ValidationContext ctx) {
        if (!aadhaar(match.toString()) || ctx == null) {
            return false;
        }
        String before = ctx.before(COLUMN_REACH).toString();
        String after = ctx.after(COLUMN_REACH).toString();
        int lineStart = before.lastIndexOf('\n') + 1;
        String prefix = before.substring(lineStart);
        int lineEnd = after.indexOf('\n');
        String suffix = lineEnd < 0 ? after : after.substring(0, lineEnd);
        char delimiter = 0;
        if (!prefix.isEmpty()) {
            delimiter = prefix.charAt(prefix.length() - 1);
        } else if (!suffix.isEmpty()) {
            delimiter = suffix.charAt(0);
        }
        if (",;\t|".indexOf(delimiter) < 0 || delimiter == 0) {
            return false;
        }
        int index = 0;
        for (int i = 0; i < prefix.length(); i++) {
            if (prefix.charAt(i) == delimiter) {
                index++;
            }
        }
        int others = 0;
        // the rows above, nearest first, up to the first line whose cell is not 12 digits (the header)
        if (lineStart > 0) {
            String[] above = before.substring(0, lineStart - 1).split("\n", -1);
            for (int k = above.length - 1; k >= 0; k--) {
                if (k == 0 && before.length() >= COLUMN_REACH) {
                    break; // a line cut by the reach
                }
                String cell = cellAt(above[k], delimiter, index);
                if (cell == null || !twelveDigits(cell)) {
                    break;
                }
                if (!aadhaar(cell)) {
                    return false;
                }
                others++;
            }
        }
        if (lineEnd >= 0) {
            String[] below = after.substring(lineEnd + 1).split("\n", -1);
            for (int k = 0; k < below.length; k++) {
                if (k == below.length - 1 && after.length() >= COLUMN_REACH) {
                    break; // a line cut by the reach
                }
                String cell = cellAt(below[k], delimiter, index);
                if (cell == null || !twelveDigits(cell)) {
                    break;
                }
                if (!aadhaar(cell)) {
                    return false;
                }
                others++;
            }
        }
        return others >= 1;
    }

    /** Cell {@code index} of a delimited line, trimmed and unquoted, or null. */
    private static String cellAt(String line, char delimiter, int index) {
        int seen = 0;
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == delimiter) {
                if (seen == index) {
                    String c = line.substring(start, i).strip();
                    if (c.length() >= 2 && c.charAt(0) == '"' && c.charAt(c.length() - 1) == '"') {
                        c = c.substring(1, c.length() - 1);
                    }
                    return c;
                }
                seen++;
                start = i + 1;
            }
        }
        return null;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** The digits of {@code v}, or null if it holds a letter. */
    private static int[] digits(String v) {
        int[] d = new int[v.length()];
        for (int i = 0; i < d.length; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            d[i] = c - '0';
        }
        return d;
    }

    private static int number(int[] d, int from, int length) {
        int n = 0;
        for (int i = from; i < from + length; i++) {
            n = n * 10 + d[i];
        }
        return n;
    }

    private static boolean isLetters(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (v.charAt(i) < 'A' || v.charAt(i) > 'Z') {
                return false;
            }
        }
        return true;
    }


    static boolean cuil(String v) {
        int[] d = digits(v);
        if (d == null || d.length != 11 || d[0] != 2 || "0347".indexOf((char) ('0' + d[1])) < 0
                || Digits.allSame(java.util.Arrays.copyOfRange(d, 2, 10))) {
            return false;
        }
        int c = 11 - Digits.weighted(d, CUIL_WEIGHTS, 10) % 11;
        return c != 10 && (c == 11 ? 0 : c) == d[10];
    }
}
