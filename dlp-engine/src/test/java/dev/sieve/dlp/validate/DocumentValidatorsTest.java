package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The mrz, dea, nacha-entry and swift-account validators, and the iban, ssn and national-id changes for lower-case
 * and labelled IBANs, slashed SSNs and German/French passport shapes. Values are built here from random digits with
 * their check digits computed, then broken one character at a time.
 */
class DocumentValidatorsTest {

    private final Random random = new Random(20_261_205L);

    private static boolean check(String validator, String value) {
        return Validators.create(validator, Map.of()).test(value, ValidationContext.empty("r"));
    }

    // ---- mrz -------------------------------------------------------------------------------------------------------

    /** A TD3 passport MRZ (two lines of 44) with every check digit computed. */
    static String td3(String state, String names, String number, String birth, char sex, String expiry) {
        String line1 = pad("P<" + state + names, 44);
        String num = pad(number, 9);
        String line2 = num + Mrz.digit(num) + state + birth + Mrz.digit(birth) + sex + expiry + Mrz.digit(expiry)
                + "<".repeat(14) + "0";
        String composite = line2.substring(0, 10) + line2.substring(13, 20) + line2.substring(21, 43);
        return line1 + "\n" + line2 + Mrz.digit(composite);
    }

    /** A TD1 identity card MRZ (three lines of 30) with every check digit computed. */
    static String td1(String state, String number, String birth, char sex, String expiry, String names) {
        String line1 = pad("I<" + state + number + Mrz.digit(number), 30);
        String line2 = birth + Mrz.digit(birth) + sex + expiry + Mrz.digit(expiry) + state + "<".repeat(11);
        String composite = line1.substring(5, 30) + line2.substring(0, 7) + line2.substring(8, 15)
                + line2.substring(18, 29);
        return line1 + "\n" + line2 + Mrz.digit(composite) + "\n" + pad(names, 30);
    }

    private static String pad(String s, int n) {
        return s + "<".repeat(n - s.length());
    }

    @Test
    void mrzAcceptsComputedZonesAndRejectsEachBrokenCheckDigit() {
        for (int n = 0; n < 100; n++) {
            String number = letters(2) + digits(7);
            String birth = date();
            String expiry = date();
            String passport = td3("CAN", "LAVIGNE<<MARC", number, birth, 'M', expiry);
            assertThat(check("mrz", passport)).as(passport).isTrue();
            assertThat(check("mrz", passport.replace("\n", "\r\n"))).as("CRLF").isTrue();
            // line 2 starts at 45: number check 54, birth check 64, expiry check 72, composite 88
            for (int at : new int[] {45, 54, 58, 64, 66, 72, 88}) {
                assertThat(check("mrz", bump(passport, at))).as("changed at %d: %s", at, passport).isFalse();
            }
            String card = td1("ESP", letters(3) + digits(6), birth, 'F', expiry, "GARCIA<<LUCIA");
            assertThat(check("mrz", card)).as(card).isTrue();
            // line 1: number 5-13, check 14; line 2 starts at 31: birth check 37, expiry check 45, composite 60
            for (int at : new int[] {9, 14, 37, 45, 60}) {
                assertThat(check("mrz", bump(card, at))).as("changed at %d: %s", at, card).isFalse();
            }
        }
    }

    @Test
    void mrzRejectsImpossibleDatesAndOtherShapes() {
        String passport = td3("GBR", "OSEI<<KOFI", "533018274", "781305", 'M', "320228");
        assertThat(check("mrz", passport)).as("month 13").isFalse();
        assertThat(check("mrz", passport.substring(0, 44))).as("one line").isFalse();
        assertThat(check("mrz", "")).isFalse();
        assertThat(check("mrz", "P<" + "A".repeat(42) + "\n" + "1".repeat(44))).isFalse();
    }

    // ---- dea -------------------------------------------------------------------------------------------------------

    @Test
    void deaChecksTheWeightedDigitAndTheRegistrantLetter() {
        for (int n = 0; n < 200; n++) {
            String dea = withDeaCheck("ABFM".charAt(random.nextInt(4)) + letters(1) + digits(6));
            assertThat(check("dea", dea)).as(dea).isTrue();
            assertThat(check("dea", bump(dea, 2 + random.nextInt(7)))).as("changed digit of %s", dea).isFalse();
        }
        assertThat(check("dea", withDeaCheck("F9" + "760189"))).as("9 for a business").isTrue();
        assertThat(check("dea", withDeaCheck("QM" + "757491"))).as("Q is no registrant type").isFalse();
        assertThat(check("dea", withDeaCheck("BM" + "757491").substring(0, 8))).isFalse();
    }

    private static String withDeaCheck(String body) {
        int[] d = new int[6];
        for (int i = 0; i < 6; i++) {
            d[i] = body.charAt(2 + i) - '0';
        }
        return body + (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10;
    }

    // ---- nacha-entry -----------------------------------------------------------------------------------------------

    /** An entry detail record: 6, code, routing (8 digits + ABA check), account, amount, id, name, addenda, trace. */
    private String entry(String code, String routing) {
        String line = "6" + code + routing + String.format("%-17s", digits(11)) + digits(10)
                + String.format("%-15s", "EMP" + digits(4)) + String.format("%-22s", "DANA ROE") + "  0" + digits(15);
        assertThat(line).hasSize(94);
        return line;
    }

    private String routing() {
        String body = "0" + (1 + random.nextInt(9)) + digits(6);
        for (int c = 0; c < 10; c++) {
            if (Aba.valid(Digits.of(body + c))) {
                return body + c;
            }
        }
        throw new AssertionError("no ABA check digit");
    }

    @Test
    void nachaEntryNeedsTheRoutingChecksumAnAccountCodeAndTheFieldShapes() {
        for (int n = 0; n < 100; n++) {
            String routing = routing();
            String line = entry(n % 2 == 0 ? "22" : "37", routing);
            assertThat(check("nacha-entry", line)).as(line).isTrue();
            assertThat(check("nacha-entry", bump(line, 11))).as("routing check digit").isFalse();
            assertThat(check("nacha-entry", entry("99", routing))).as("code 99").isFalse();
            assertThat(check("nacha-entry", line.substring(0, 93))).as("93 characters").isFalse();
            assertThat(check("nacha-entry", line.substring(0, 30) + "X" + line.substring(31))).as("amount")
                    .isFalse();
            assertThat(check("nacha-entry", line.substring(0, 78) + "7" + line.substring(79))).as("addenda")
                    .isFalse();
        }
    }

    // ---- swift-account ---------------------------------------------------------------------------------------------

    @Test
    void swiftAccountChecksAFedwireRoutingNumberAndPassesAnAccount() {
        for (int n = 0; n < 50; n++) {
            String fw = ":57A://FW" + routing();
            assertThat(check("swift-account", fw)).as(fw).isTrue();
            assertThat(check("swift-account", bump(fw, fw.length() - 1))).as("check digit").isFalse();
        }
        assertThat(check("swift-account", ":59:/15038961")).isTrue();
        assertThat(check("swift-account", ":50K:/DE44500105175407324931")).isTrue();
        assertThat(check("swift-account", ":59:/00000000")).as("one digit repeated").isFalse();
        assertThat(check("swift-account", ":59:")).isFalse();
    }

    // ---- changes to iban, ssn and national-id ----------------------------------------------------------------------

    @Test
    void ibanAcceptsLowerCaseAndSkipsALeadingLabel() {
        assertThat(check("iban", "de44500105175407324931")).isTrue();
        assertThat(check("iban", "de44 5001 0517 5407 3249 31")).isTrue();
        assertThat(check("iban", "iban de44 5001 0517 5407 3249 31")).isTrue();
        assertThat(check("iban", "IBAN: de44500105175407324931")).isTrue();
        assertThat(check("iban", "iban number\nde44500105175407324931")).isTrue();
        assertThat(check("iban", "iban de45 5001 0517 5407 3249 31")).as("check digits").isFalse();
        assertThat(check("iban", "iban nothing here")).isFalse();
        assertThat(check("iban", "ibande44500105175407324931")).as("no separator after the label").isFalse();
    }

    @Test
    void ssnTakesSlashesAndDotsAsOneConsistentSeparator() {
        assertThat(check("ssn", "784/69/5415")).isTrue();
        assertThat(check("ssn", "784.69.5415")).isTrue();
        assertThat(check("ssn", "784/69.5415")).as("mixed").isFalse();
        assertThat(check("ssn", "984/69/5415")).as("area 9xx").isFalse();
    }

    @Test
    void nationalIdPassesGermanAndFrenchPassportShapesAndStillChecksDni() {
        assertThat(check("national-id", "C4HJ7RX21")).isTrue();
        assertThat(check("national-id", "CF8TJ1TPZ")).as("a German number ending in a letter").isTrue();
        assertThat(check("national-id", "21CD48306")).isTrue();
        assertThat(check("national-id", "12345678Z")).isTrue();
        assertThat(check("national-id", "12345678A")).as("DNI letter").isFalse();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** {@code s} with the character at {@code at} changed to another of its kind (digit, letter or filler). */
    private static String bump(String s, int at) {
        char c = s.charAt(at);
        char next = c >= '0' && c <= '9' ? (char) ('0' + (c - '0' + 1) % 10)
                : c >= 'A' && c <= 'Z' ? (char) ('A' + (c - 'A' + 1) % 26) : 'A';
        return s.substring(0, at) + next + s.substring(at + 1);
    }

    private String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    private String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('A' + random.nextInt(26)));
        }
        return s.toString();
    }

    /** YYMMDD with a valid month and day. */
    private String date() {
        return String.format("%02d%02d%02d", random.nextInt(100), 1 + random.nextInt(12), 1 + random.nextInt(28));
    }
}
