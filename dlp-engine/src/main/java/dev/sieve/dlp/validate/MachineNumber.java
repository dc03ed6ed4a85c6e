package dev.sieve.dlp.validate;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;

/**
 * {@code {name: machine-number, kind: K}}: a card number or an SSN as a machine wrote it, where the digits are glued
 * to the bytes of a message format or rewritten as another number, so the plain rules' word boundaries and shapes
 * never see them. Kinds:
 * <ul>
 *   <li>{@code emv-tlv}: an EMV BER-TLV data object of a terminal or kernel log: tag {@code 5A} (application PAN)
 *       or {@code 57} (track 2 equivalent data), its length byte, then exactly that many bytes as hex (a blank
 *       between tag, length and bytes allowed). Tag 5A holds the PAN in BCD, padded with {@code F} to whole bytes;
 *       tag 57 the PAN, the separator {@code D}, the expiry YYMM (month 01-12), the three-digit service code and
 *       discretionary digits, padded with {@code F} (there the separator ends the PAN and the length byte is not
 *       compared: hand-copied logs get it wrong). The PAN has 13 to 19 digits, starts 2 to 6 and passes Luhn,
 *       and is not one of the payment networks' published test PANs;</li>
 *   <li>{@code iso8583}: an ISO 8583 message written as text: the four-digit MTI (version 0-2, class 1-8), the
 *       primary bitmap (16 hex digits; when its bit 1 is set the secondary bitmap's 16 follow, or, as traces written
 *       by hand print it, not), whose bit 2 says
 *       data element 2 is present, then DE2 as an LLVAR: two length digits (13-19) and that many digits, the PAN as
 *       above. Blanks between the MTI, the bitmaps' 8-digit halves and DE2 are allowed;</li>
 *   <li>{@code hex-card}: a label and a hexadecimal integer ({@code 0x...}, the match's last token): its decimal
 *       value is a PAN of a card network's length and IIN (Visa 4: 13, 16 or 19; Mastercard 51-55 and 2221-2720,
 *       Discover 6011/644-649/65, JCB 3528-3589, UnionPay 62, Mir 2200-2204: 16 (UnionPay to 19); Amex 34/37: 15;
 *       Diners 300-305/36/38: 14) that passes Luhn;</li>
 *   <li>{@code hex-ssn}: a label and a hexadecimal integer whose decimal value, zero-padded to nine digits, passes
 *       the SSN rules (area not 000, 666 or 9xx, group and serial not zero, not the published samples);</li>
 *   <li>{@code ssn-lost-zeros}: seven or eight digits, an SSN whose leading zeros a spreadsheet dropped (a number
 *       cell): zero-padded to nine they pass the SSN rules. The rule says where (a column headed SSN).</li>
 * </ul>
 * Upper- and lower-case hex digits are both read. Nothing else than the format's characters is accepted.
 */
final class MachineNumber implements Validator {

    /** The kinds this validator knows, by their {@code kind} parameter. */
    enum Kind {
        EMV_TLV, ISO8583, HEX_CARD, HEX_SSN, SSN_LOST_ZEROS;

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

    /**
     * The payment networks' published test PANs that terminal and kernel logs are full of (the card brands'
     * test card sets; Stripe's and the gateways' are the brand rules' published examples).
     */
    private static final Set<String> TEST_PANS = Set.of("4111111111111111", "4242424242424242", "4012888888881881",
            "5555555555554444", "5105105105105100", "4761739001010010", "4761739001010119", "4761739001010135",
            "4761730000000011", "5413330089010608", "5413330089020011", "5413330089600010", "374245001751006",
            "6011000990139424", "3530111333300000");
    private static final String[] KNOWN_FAKE_SSNS = {"078051120", "123456789", "219099999"};

    private final Kind kind;

    MachineNumber(Kind kind) {
        this.kind = kind;
    }

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String m = match.toString();
        return switch (kind) {
            case EMV_TLV -> emvTlv(m);
            case ISO8583 -> iso8583(m);
            case HEX_CARD -> {
                String d = hexToDecimal(m);
                yield d != null && brandLength(d) && pan(d);
            }
            case HEX_SSN -> {
                String d = hexToDecimal(m);
                yield d != null && d.length() <= 9 && ssn(pad9(d));
            }
            case SSN_LOST_ZEROS -> m.length() >= 7 && m.length() <= 8 && Digits.allDigits(m, 0, m.length())
                    && ssn(pad9(m));
        };
    }

    // ---- EMV TLV ----------------------------------------------------------------------------------------------------

    static boolean emvTlv(String m) {
        String v = m.replace(" ", "").toUpperCase(Locale.ROOT);
        if (v.length() < 4) {
            return false;
        }
        String tag = v.substring(0, 2);
        int length = hexByte(v, 2);
        if (length < 0) {
            return false;
        }
        if (tag.equals("5A")) {
            if (v.length() < 4 + 2 * length) {
                return false;
            }
            String value = v.substring(4, 4 + 2 * length);
            String pan = stripPadding(value);
            return pan != null && value.length() - pan.length() <= 1 && Digits.allDigits(pan, 0, pan.length())
                    && pan(pan);
        }
        if (!tag.equals("57")) {
            return false;
        }
        // The separator D ends the PAN: the length byte is not needed to find it (and logs written by hand or
        // cut get it wrong), the structure after it is checked instead.
        String value = v.substring(4);
        int d = value.indexOf('D');
        if (d < 13 || d > 19 || !Digits.allDigits(value, 0, d) || !pan(value.substring(0, d))) {
            return false;
        }
        String rest = stripPadding(value.substring(d + 1));
        if (rest == null || value.length() - (d + 1) - rest.length() > 1 || rest.length() < 7
                || !Digits.allDigits(rest, 0, rest.length())) {
            return false;
        }
        int month = (rest.charAt(2) - '0') * 10 + (rest.charAt(3) - '0');
        return month >= 1 && month <= 12;
    }

    /** The value without its trailing F padding, or null when an F stands elsewhere. */
    private static String stripPadding(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == 'F') {
            end--;
        }
        String s = value.substring(0, end);
        return s.indexOf('F') >= 0 ? null : s;
    }

    // ---- ISO 8583 ---------------------------------------------------------------------------------------------------

    static boolean iso8583(String m) {
        String v = m.replace(" ", "").toUpperCase(Locale.ROOT);
        if (v.length() < 4 + 16 + 2 + 13 || !Digits.allDigits(v, 0, 4)) {
            return false;
        }
        if (v.charAt(0) > '2' || v.charAt(1) < '1' || v.charAt(1) > '8') {
            return false;
        }
        int first = hexDigit(v.charAt(4));
        if (first < 0 || (first & 0x4) == 0) {
            return false; // bit 2 (DE2, the PAN) not set
        }
        for (int i = 4; i < 20; i++) {
            if (hexDigit(v.charAt(i)) < 0) {
                return false;
            }
        }
        if ((first & 0x8) != 0 && secondary(v) && de2(v, 36)) {
            return true; // bit 1: a secondary bitmap follows
        }
        return de2(v, 20); // or, as traces written by hand print it, none
    }

    private static boolean secondary(String v) {
        if (v.length() < 36) {
            return false;
        }
        for (int i = 20; i < 36; i++) {
            if (hexDigit(v.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** DE2 as an LLVAR at {@code at}: two length digits (13-19), then the PAN of that length. */
    private static boolean de2(String v, int at) {
        if (v.length() < at + 2 || !Digits.allDigits(v, at, at + 2)) {
            return false;
        }
        int length = (v.charAt(at) - '0') * 10 + (v.charAt(at + 1) - '0');
        if (length < 13 || length > 19 || v.length() < at + 2 + length || !Digits.allDigits(v, at + 2, at + 2 + length)) {
            return false;
        }
        return pan(v.substring(at + 2, at + 2 + length));
    }

    // ---- numbers in another base ------------------------------------------------------------------------------------

    /** The decimal digits of the match's last token, a {@code 0x} hex integer, or null. */
    static String hexToDecimal(String m) {
        int x = Math.max(m.lastIndexOf("0x"), m.lastIndexOf("0X"));
        if (x < 0 || x + 2 >= m.length() || m.length() - x - 2 > 16) {
            return null;
        }
        String hex = m.substring(x + 2);
        for (int i = 0; i < hex.length(); i++) {
            if (hexDigit(Character.toUpperCase(hex.charAt(i))) < 0) {
                return null;
            }
        }
        return new BigInteger(hex, 16).toString();
    }

    /** A card network's IIN and a length it issues. */
    static boolean brandLength(String d) {
        int n = d.length();
        int two = n >= 2 ? Integer.parseInt(d.substring(0, 2)) : -1;
        int three = n >= 3 ? Integer.parseInt(d.substring(0, 3)) : -1;
        int four = n >= 4 ? Integer.parseInt(d.substring(0, 4)) : -1;
        if (d.charAt(0) == '4') {
            return n == 13 || n == 16 || n == 19;
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720) || four == 6011 || (three >= 644 && three <= 649)
                || two == 65 || (four >= 3528 && four <= 3589) || (four >= 2200 && four <= 2204)) {
            return n == 16;
        }
        if (two == 62) {
            return n >= 16 && n <= 19;
        }
        if (two == 34 || two == 37) {
            return n == 15;
        }
        if ((three >= 300 && three <= 305) || two == 36 || two == 38) {
            return n == 14;
        }
        return false;
    }

    // ---- shared -----------------------------------------------------------------------------------------------------

    /** 13 to 19 digits starting 2 to 6, Luhn-valid, not one repeated digit, not a published test PAN. */
    static boolean pan(String s) {
        int[] d = Digits.of(s);
        return d != null && d.length >= 13 && d.length <= 19 && d[0] >= 2 && d[0] <= 6 && !Digits.allSame(d)
                && Digits.luhn(d) && !TEST_PANS.contains(s);
    }

    private static String pad9(String d) {
        return "0".repeat(Math.max(0, 9 - d.length())) + d;
    }

    /** Nine digits that pass the SSN rules. */
    static boolean ssn(String s) {
        if (s.length() != 9 || !Digits.allDigits(s, 0, 9)) {
            return false;
        }
        int area = Integer.parseInt(s.substring(0, 3));
        int group = Integer.parseInt(s.substring(3, 5));
        int serial = Integer.parseInt(s.substring(5));
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 || Digits.allSame(Digits.of(s))) {
            return false;
        }
        for (String fake : KNOWN_FAKE_SSNS) {
            if (fake.equals(s)) {
                return false;
            }
        }
        return true;
    }

    private static int hexByte(String v, int at) {
        int hi = hexDigit(v.charAt(at));
        int lo = hexDigit(v.charAt(at + 1));
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
