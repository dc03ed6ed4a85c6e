package dev.sieve.dlp.validate;

import java.util.Locale;

/**
 * {@code {name: european-id, kind: K}}: the published check digits (and, where the number holds a birth date, a
 * real date) of one European national identifier. Separators (spaces, hyphens, dots, and the century sign of the
 * Nordic numbers) are removed first. Kinds:
 * <ul>
 *   <li>{@code de-tax-id}: Germany's Steuerliche Identifikationsnummer, 11 digits, first not 0, ISO 7064 MOD 11,10
 *       check digit; of the first ten digits exactly one occurs twice or three times (three not in a row), the
 *       others once;</li>
 *   <li>{@code fr-nir}: France's NIR, 13 characters (department 2A/2B for Corsica counts as 19/18) and a key of
 *       97 - (number mod 97);</li>
 *   <li>{@code it-codice-fiscale}: Italy's codice fiscale, 16 characters, the check letter from the odd/even
 *       tables; omocodia letters stand for digits, and the day (1-31, women 41-71) is checked;</li>
 *   <li>{@code nl-bsn}: the Netherlands' BSN, 9 digits passing the 11-test (9*d1 + ... + 2*d8 - d9 = 0 mod 11),
 *       not all zero;</li>
 *   <li>{@code be-national-number}: Belgium's rijksregisternummer, 11 digits, check 97 - (first nine mod 97), or
 *       the same with a 2 before them (born from 2000); month 0-12 (+20 or +40 for BIS numbers), day 0-31;</li>
 *   <li>{@code pl-pesel}: Poland's PESEL, 11 digits, weights 1,3,7,9,..., a real date (month +80, +0, +20, +40,
 *       +60 for the 1800s to the 2200s);</li>
 *   <li>{@code se-personnummer}: Sweden's personnummer, 10 digits (or 12 with the century 18, 19 or 20), Luhn over
 *       the last ten, a real date (samordningsnummer: day + 60);</li>
 *   <li>{@code fi-hetu}: Finland's henkilötunnus, DDMMYY, a century sign (+, - or U-Y, A-F), three digits and the
 *       check character of the nine digits mod 31; a real date;</li>
 *   <li>{@code no-fodselsnummer}: Norway's fødselsnummer, 11 digits, two mod-11 check digits, a date (D-number:
 *       day + 40);</li>
 *   <li>{@code dk-cpr}: Denmark's CPR number, DDMMYY and four digits, a date (no check digit since 2007: the rule
 *       needs its keyword);</li>
 *   <li>{@code ie-ppsn}: Ireland's PPSN, 7 digits, a check letter (mod 23, weights 8..2, a second letter weighs 9)
 *       and an optional second letter;</li>
 *   <li>{@code tr-kimlik}: Turkey's T.C. Kimlik No, 11 digits, first not 0, the two check digits;</li>
 *   <li>{@code de-id-card}: the serial number of a German identity card (Personalausweis, since 2010) or
 *       passport: nine characters of {@code C F G H J K L M N P R T V W X Y Z} and digits, the first a letter, at
 *       least one digit, and when a tenth character follows, the ICAO 9303 check digit (weights 7, 3, 1) of the
 *       nine. No check digit is printed on the card's face: the rule needs its label.</li>
 *   <li>{@code ch-ahv}: Switzerland's AHV/AVS number (Sozialversicherungsnummer), 13 digits starting 756 (the ISO
 *       country code), written 756.XXXX.XXXX.XX or compact, EAN-13 check digit (weights 1, 3 from the left);</li>
 *   <li>{@code at-sv-nummer}: Austria's Sozialversicherungsnummer, NNNC DDMMYY: a serial of three digits (first not
 *       0), the check digit (weights 3,7,9,0,5,8,4,2,1,6 mod 11; a remainder of 10 is never issued) and a birth
 *       date;</li>
 *   <li>{@code cz-rodne-cislo}: the Czech and Slovak rodné číslo since 1954, YYMMDD/XXXX or compact, ten digits
 *       divisible by 11 (or, as issued until 1985, the first nine mod 11 = 10 and a last digit 0), a real date
 *       (month +50 for women, +20 or +70 when a day's numbers ran out, from 2004), the century from the year (54-99
 *       the 1900s, 00-53 the 2000s);</li>
 *   <li>{@code gr-amka}: Greece's AMKA, DDMMYY and five digits, a real date, Luhn over the eleven;</li>
 *   <li>{@code ro-cnp}: Romania's CNP, S YYMMDD JJ NNN C: the sex and century digit 1-9, a real date (century
 *       from S: 1/2 1900s, 3/4 1800s, 5/6 2000s, 7/8/9 residents and foreigners, either), county 01-52 or 70, the
 *       check digit of weights 2,7,9,1,4,6,3,5,8,2,7,9 mod 11 (10 counts as 1);</li>
 *   <li>{@code pt-nif}: Portugal's NIF of a person, nine digits, the first 1, 2 or 3 or the first two 45
 *       (non-residents), check digit 11 - (weights 9..2 mod 11), 0 for 10 or 11. Companies' and other entities'
 *       numbers (NIPC, first digit 5, 6, 7, 8 or 9) fail: they are public business identifiers.</li>
 *   <li>{@code es-dni}: Spain's DNI (8 digits, or 7, and the letter of the number mod 23) or NIE (X, Y or Z for 0,
 *       1, 2, seven digits and the letter), dots, blanks and hyphens ignored. A company's CIF (a letter A-W first)
 *       is not this shape. Where {@code pii.national-id} reports the value itself (its shape, one of its keywords
 *       within its 32-byte window), this kind fails, so one DNI is one finding.</li>
 * </ul>
 * Where a date's century is not in the number, 29 February passes in any year divisible by four.
 */
final class EuropeanId implements Validator {

    /** The identifiers, by the {@code kind} parameter. */
    enum Kind {
        DE_TAX_ID, FR_NIR, IT_CODICE_FISCALE, NL_BSN, BE_NATIONAL_NUMBER, PL_PESEL, SE_PERSONNUMMER, FI_HETU,
        NO_FODSELSNUMMER, DK_CPR, IE_PPSN, TR_KIMLIK, DE_ID_CARD, CH_AHV, AT_SV_NUMMER, CZ_RODNE_CISLO, GR_AMKA, RO_CNP,
        PT_NIF, ES_DNI;

        /** The parameter value: {@code DE_TAX_ID} is {@code de-tax-id}. */
        String yamlName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The kind named {@code name}, or null. */
        static Kind of(String name) {
            for (Kind k : values()) {
                if (k.yamlName().equals(name)) {
                    return k;
                }
            }
            return null;
        }
    }

    private static final String HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";
    private static final String PPSN_LETTERS = "WABCDEFGHIJKLMNOPQRSTUV";
    /** Codice fiscale: the value of a character in an odd position (1st, 3rd, ...), for 0-9 and A-Z. */
    private static final int[] CF_ODD_DIGITS = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21};
    private static final int[] CF_ODD_LETTERS = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12,
        14, 16, 10, 22, 25, 24, 23};
    /** Codice fiscale omocodia: the letters that replace the digits 0-9 when two people share a code. */
    private static final String CF_OMOCODIA = "LMNPQRSTUV";
    private static final int[] DAYS_IN_MONTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private final Kind kind;

    EuropeanId(Kind kind) {
        this.kind = kind;
    }

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String v = compact(match);
        if (v.isEmpty()) {
            return false;
        }
        return switch (kind) {
            case DE_TAX_ID -> deTaxId(v);
            case FR_NIR -> frNir(v);
            case IT_CODICE_FISCALE -> codiceFiscale(v);
            case NL_BSN -> bsn(v);
            case BE_NATIONAL_NUMBER -> belgium(v);
            case PL_PESEL -> pesel(v);
            case SE_PERSONNUMMER -> personnummer(v);
            case FI_HETU -> hetu(v);
            case NO_FODSELSNUMMER -> fodselsnummer(v);
            case DK_CPR -> cpr(v);
            case IE_PPSN -> ppsn(v);
            case TR_KIMLIK -> kimlik(v);
            case DE_ID_CARD -> deIdCard(v);
            case CH_AHV -> ahv(v);
            case AT_SV_NUMMER -> svNummer(v);
            case CZ_RODNE_CISLO -> rodneCislo(v);
            case GR_AMKA -> amka(v);
            case RO_CNP -> cnp(v);
            case PT_NIF -> ptNif(v);
            case ES_DNI -> esDni(v) && !(NATIONAL_ID_SHAPE.matcher(match).matches() && namedForNationalId(ctx));
        };
    }

    @Override
    public int reach() {
        return kind == Kind.ES_DNI ? NATIONAL_ID_WINDOW : 0;
    }

    /** Spain's DNI (8 digits, or 7 without the leading zero, and a letter) or NIE (X, Y or Z, 7 digits and a letter). */
    static boolean esDni(String v) {
        return ES_DNI_SHAPE.matcher(v).matches() && NationalId.dni(v);
    }

    private static final java.util.regex.Pattern ES_DNI_SHAPE = java.util.regex.Pattern.compile("[XYZ]?[0-9]{7,8}[A-Z]");
    /** The DNI/NIE shape as pii.national-id's pattern writes it: that rule reports it when one of its keywords is near. */
    private static final java.util.regex.Pattern NATIONAL_ID_SHAPE =
            java.util.regex.Pattern.compile("[XYZ]?[0-9]{7,8}-?[A-HJ-NP-TV-Z]");
    /** pii.national-id's context window. */
    static final int NATIONAL_ID_WINDOW = 32;
    /**
     * pii.national-id's context keywords (as the scan compares them: ASCII lower case, other characters as UTF-8 bytes
     * read one char per byte). Where one of them is within that rule's window, it reports the DNI itself, and
     * {@code es-dni} leaves it to it: one value, one finding. A copy of the rule's list, kept in step by hand (the
     * rule's YAML says so next to its keywords); a keyword missing here gives a second finding, not a miss.
     */
    static final java.util.List<String> NATIONAL_ID_KEYWORDS = java.util.List.of("aadhaar", "aadhar", "uidai", "आधार",
            "nhs number", "nhs no", "nhs:", "nhs\n", "nhs\"", "nhs_", "_nhs", "cpf", "dni", "nie:", "nie x", "nie y",
            "nie nº", "nie n°", "nie n.", "nie núm", "nie num", "nie\"", "nie\n", "nie=", "(nie)", "n.i.e",
            "identidad de extranjero", "nif", "passport", "reisepass", "passeport", "pasaporte", "passaporto");
    private static final String[] NATIONAL_ID_KEYWORD_BYTES = NATIONAL_ID_KEYWORDS.stream()
            .map(k -> new String(k.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    java.nio.charset.StandardCharsets.ISO_8859_1))
            .toArray(String[]::new);

    /** Whether one of pii.national-id's keywords lies within its window before or after the match. */
    static boolean namedForNationalId(ValidationContext ctx) {
        String before = asciiLower(ctx.before(NATIONAL_ID_WINDOW));
        String after = asciiLower(ctx.after(NATIONAL_ID_WINDOW));
        for (String k : NATIONAL_ID_KEYWORD_BYTES) {
            if (before.contains(k) || after.contains(k)) {
                return true;
            }
        }
        return false;
    }

    private static String asciiLower(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }

    /**
     * {@code s} upper-cased without spaces, dots, hyphens and plus signs (Sweden's century sign); HETU keeps its
     * hyphen and plus, which are its century sign. A NIR keeps only its digits and the A or B of Corsica's 2A/2B (its
     * rule's pattern lets a "clé"/"key" label or a slash stand before the two-digit key).
     */
    private String compact(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (kind == Kind.FR_NIR && !(c >= '0' && c <= '9' || "ABab".indexOf(c) >= 0)) {
                continue; // the NIR's key may follow a label ("clé 05", "key: 05") or a slash; only 2A/2B hold letters
            }
            boolean separator = c == ' ' || c == '.' || ((c == '-' || c == '+') && kind != Kind.FI_HETU)
                    || (c == '/' && kind == Kind.CZ_RODNE_CISLO);
            if (!separator) {
                out.append(Character.toUpperCase(c));
            }
        }
        return out.toString();
    }

    /** The German ID card's and passport's serial alphabet (no vowels, no B, D, Q, S). */
    private static final String DE_SERIAL = "CFGHJKLMNPRTVWXYZ0123456789";

    static boolean deIdCard(String v) {
        if (v.length() != 9 && v.length() != 10) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < 9; i++) {
            char c = v.charAt(i);
            if (DE_SERIAL.indexOf(c) < 0 || (i == 0 && c <= '9')) {
                return false;
            }
            digit |= c <= '9';
        }
        if (!digit) {
            return false;
        }
        if (v.length() == 9) {
            return true;
        }
        int[] weights = {7, 3, 1};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            char c = v.charAt(i);
            sum += (c <= '9' ? c - '0' : c - 'A' + 10) * weights[i % 3];
        }
        return v.charAt(9) == (char) ('0' + sum % 10);
    }

    /** The digits of {@code s}, or null unless it is exactly {@code length} ASCII digits. */
    private static int[] digits(String s, int length) {
        if (s.length() != length) {
            return null;
        }
        int[] d = new int[length];
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            d[i] = c - '0';
        }
        return d;
    }

    private static int number(int[] d, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + d[i];
        }
        return n;
    }

    /** Month 1-12 and a day that month can have; 29 February only when {@code leap}. */
    private static boolean date(int month, int day, boolean leap) {
        if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) {
            return false;
        }
        return month != 2 || day != 29 || leap;
    }

    static boolean deTaxId(String v) {
        int[] d = digits(v, 11);
        if (d == null || d[0] == 0) {
            return false;
        }
        // ISO 7064 MOD 11,10 over the first ten digits
        int product = 10;
        for (int i = 0; i < 10; i++) {
            int sum = (d[i] + product) % 10;
            product = (sum == 0 ? 10 : sum) * 2 % 11;
        }
        int check = 11 - product;
        if ((check == 10 ? 0 : check) != d[10]) {
            return false;
        }
        // exactly one digit repeated (twice, or three times but not three in a row), every other digit once
        int[] count = new int[10];
        for (int i = 0; i < 10; i++) {
            count[d[i]]++;
        }
        int repeated = -1;
        for (int digit = 0; digit < 10; digit++) {
            if (count[digit] > 3 || (count[digit] > 1 && repeated >= 0)) {
                return false;
            }
            if (count[digit] > 1) {
                repeated = digit;
            }
        }
        if (repeated < 0) {
            return false;
        }
        for (int i = 0; i + 2 < 10; i++) {
            if (d[i] == repeated && d[i + 1] == repeated && d[i + 2] == repeated) {
                return false;
            }
        }
        return true;
    }

    static boolean frNir(String v) {
        if (v.length() != 15) {
            return false;
        }
        // Corsica: department 2A counts as 19, 2B as 18 (the NIR key is computed that way)
        String dept = v.substring(5, 7);
        String numeric = v.substring(0, 5) + (dept.equals("2A") ? "19" : dept.equals("2B") ? "18" : dept)
                + v.substring(7);
        int[] d = digits(numeric, 15);
        if (d == null || "12378".indexOf(numeric.charAt(0)) < 0) {
            return false;
        }
        long body = 0;
        for (int i = 0; i < 13; i++) {
            body = body * 10 + d[i];
        }
        return 97 - body % 97 == number(d, 13, 15);
    }

    static boolean codiceFiscale(String v) {
        if (v.length() != 16) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = v.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (!digit && (c < 'A' || c > 'Z')) {
                return false;
            }
            // positions are counted from 1: index 0 is the first, odd, position
            sum += i % 2 == 0 ? (digit ? CF_ODD_DIGITS[c - '0'] : CF_ODD_LETTERS[c - 'A']) : (digit ? c - '0' : c - 'A');
        }
        if (v.charAt(15) != (char) ('A' + sum % 26)) {
            return false;
        }
        // day of birth (positions 10-11, omocodia letters read as digits): 1-31, or 41-71 for women
        int day = omocodia(v.charAt(9)) * 10 + omocodia(v.charAt(10));
        return day >= 0 && (day >= 1 && day <= 31 || day >= 41 && day <= 71);
    }

    /** A digit of a codice fiscale's numeric part: itself, or the digit an omocodia letter stands for, or -100. */
    private static int omocodia(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int i = CF_OMOCODIA.indexOf(c);
        return i >= 0 ? i : -100;
    }

    static boolean bsn(String v) {
        int[] d = digits(v, 9);
        if (d == null || Digits.allSame(d)) {
            return false;
        }
        int sum = -d[8];
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * d[i];
        }
        return sum % 11 == 0;
    }

    static boolean belgium(String v) {
        int[] d = digits(v, 11);
        if (d == null) {
            return false;
        }
        int month = number(d, 2, 4) % 20;
        int day = number(d, 4, 6);
        if (number(d, 2, 4) > 52 || month > 12 || day > 31) {
            return false;
        }
        long first9 = number(d, 0, 9);
        int check = number(d, 9, 11);
        return 97 - first9 % 97 == check || 97 - (2_000_000_000L + first9) % 97 == check;
    }

    static boolean pesel(String v) {
        int[] d = digits(v, 11);
        if (d == null) {
            return false;
        }
        int[] w = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += w[i] * d[i];
        }
        if ((10 - sum % 10) % 10 != d[10]) {
            return false;
        }
        // the century is in the month: +80 for the 1800s, +0, +20, +40, +60 for the 1900s to the 2200s
        int m = number(d, 2, 4);
        int century = switch (m / 20) {
            case 0 -> 1900;
            case 1 -> 2000;
            case 2 -> 2100;
            case 3 -> 2200;
            default -> 1800;
        };
        return date(m % 20, number(d, 4, 6), Digits.leapYear(century + number(d, 0, 2)));
    }

    static boolean personnummer(String v) {
        int[] d = digits(v, v.length() == 12 ? 12 : 10);
        if (d == null) {
            return false;
        }
        boolean leap;
        if (d.length == 12) {
            int century = number(d, 0, 2);
            if (century < 18 || century > 20) {
                return false;
            }
            leap = Digits.leapYear(century * 100 + number(d, 2, 4));
            d = java.util.Arrays.copyOfRange(d, 2, 12);
        } else {
            leap = number(d, 0, 2) % 4 == 0;
        }
        int day = number(d, 4, 6);
        // samordningsnummer: the day plus 60
        return date(number(d, 2, 4), day > 60 ? day - 60 : day, leap) && Digits.luhn(d);
    }

    static boolean hetu(String v) {
        if (v.length() != 11 || "+-ABCDEFUVWXY".indexOf(v.charAt(6)) < 0) {
            return false;
        }
        int[] d = digits(v.substring(0, 6) + v.substring(7, 10), 9);
        if (d == null) {
            return false;
        }
        char sign = v.charAt(6);
        int century = sign == '+' ? 1800 : sign == '-' || sign >= 'U' ? 1900 : 2000;
        if (!date(number(d, 2, 4), number(d, 0, 2), Digits.leapYear(century + number(d, 4, 6)))) {
            return false;
        }
        return HETU_CHECK.charAt(number(d, 0, 9) % 31) == v.charAt(10);
    }

    static boolean fodselsnummer(String v) {
        int[] d = digits(v, 11);
        if (d == null) {
            return false;
        }
        int day = number(d, 0, 2);
        // D-number: the day plus 40
        if (!date(number(d, 2, 4), day > 40 ? day - 40 : day, number(d, 4, 6) % 4 == 0)) {
            return false;
        }
        int[] w1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
        int[] w2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
        return mod11(d, w1) == d[9] && mod11(d, w2) == d[10];
    }

    /** Norway's check digit: 11 - (weighted sum mod 11), 11 counting as 0; -1 (never a digit) for 10. */
    private static int mod11(int[] d, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * d[i];
        }
        int check = 11 - sum % 11;
        return check == 11 ? 0 : check == 10 ? -1 : check;
    }

    static boolean cpr(String v) {
        int[] d = digits(v, 10);
        return d != null && date(number(d, 2, 4), number(d, 0, 2), number(d, 4, 6) % 4 == 0);
    }

    static boolean ppsn(String v) {
        if (v.length() < 8 || v.length() > 9) {
            return false;
        }
        int[] d = digits(v.substring(0, 7), 7);
        if (d == null) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (8 - i) * d[i];
        }
        if (v.length() == 9) {
            // the second letter weighs 9 with its place in the check alphabet (W = 0, A = 1, ...)
            int second = PPSN_LETTERS.indexOf(v.charAt(8));
            if (second < 0) {
                return false;
            }
            sum += 9 * second;
        }
        return PPSN_LETTERS.charAt(sum % 23) == v.charAt(7);
    }

    static boolean kimlik(String v) {
        int[] d = digits(v, 11);
        if (d == null || d[0] == 0) {
            return false;
        }
        int odd = d[0] + d[2] + d[4] + d[6] + d[8];
        int even = d[1] + d[3] + d[5] + d[7];
        if (Math.floorMod(odd * 7 - even, 10) != d[9]) {
            return false;
        }
        return (odd + even + d[9]) % 10 == d[10];
    }

    private static final int[] SV_WEIGHTS = {3, 7, 9, 0, 5, 8, 4, 2, 1, 6};
    private static final int[] CNP_WEIGHTS = {2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9};
    private static final int[] NIF_WEIGHTS = {9, 8, 7, 6, 5, 4, 3, 2};

    static boolean ahv(String v) {
        int[] d = digits(v, 13);
        if (d == null || d[0] != 7 || d[1] != 5 || d[2] != 6) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += d[i] * (i % 2 == 0 ? 1 : 3);
        }
        return (10 - sum % 10) % 10 == d[12];
    }

    static boolean svNummer(String v) {
        int[] d = digits(v, 10);
        if (d == null || d[0] == 0) {
            return false;
        }
        int check = Digits.weighted(d, SV_WEIGHTS, 10) % 11;
        return check != 10 && check == d[3] && date(number(d, 6, 8), number(d, 4, 6), number(d, 8, 10) % 4 == 0);
    }

    static boolean rodneCislo(String v) {
        int[] d = digits(v, 10);
        if (d == null || Digits.allSame(d)) {
            return false;
        }
        long n = Long.parseLong(v);
        boolean check = n % 11 == 0 || (n / 10 % 11 == 10 && d[9] == 0);
        if (!check) {
            return false;
        }
        int yy = number(d, 0, 2);
        int year = (yy >= 54 ? 1900 : 2000) + yy;
        int m = number(d, 2, 4);
        int month = m > 70 ? m - 70 : m > 50 ? m - 50 : m > 20 ? m - 20 : m;
        if (m > 20 && m <= 32 || m > 70) {
            // the extra 20 was introduced in 2004
            if (year < 2004) {
                return false;
            }
        }
        return date(month, number(d, 4, 6), Digits.leapYear(year));
    }

    static boolean amka(String v) {
        int[] d = digits(v, 11);
        return d != null && !Digits.allSame(d) && date(number(d, 2, 4), number(d, 0, 2), number(d, 4, 6) % 4 == 0)
                && Digits.luhn(d);
    }

    static boolean cnp(String v) {
        int[] d = digits(v, 13);
        if (d == null || d[0] == 0) {
            return false;
        }
        int check = Digits.weighted(d, CNP_WEIGHTS, 12) % 11;
        if ((check == 10 ? 1 : check) != d[12]) {
            return false;
        }
        int county = number(d, 7, 9);
        if (!(county >= 1 && county <= 52 || county == 70)) {
            return false;
        }
        int yy = number(d, 1, 3);
        int century = switch (d[0]) {
            case 1, 2 -> 1900;
            case 3, 4 -> 1800;
            case 5, 6 -> 2000;
            default -> -1; // residents and foreigners: the century is not in the number
        };
        boolean leap = century < 0 ? yy % 4 == 0 : Digits.leapYear(century + yy);
        return date(number(d, 3, 5), number(d, 5, 7), leap);
    }

    static boolean ptNif(String v) {
        int[] d = digits(v, 9);
        if (d == null || !(d[0] >= 1 && d[0] <= 3 || d[0] == 4 && d[1] == 5) || Digits.allSame(d)) {
            return false;
        }
        int check = 11 - Digits.weighted(d, NIF_WEIGHTS, 8) % 11;
        return (check >= 10 ? 0 : check) == d[8];
    }
}
