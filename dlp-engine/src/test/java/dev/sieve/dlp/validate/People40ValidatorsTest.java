package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Validators for numbers written in shapes the plain rules do not read (session 40): {@code ssn-pieces},
 * {@code card-pieces}, {@code spelled-ssn}, {@code spelled-aba}, and the {@code ssn} validator's spaced dashes and
 * numbering runs. Synthetic values generated with a fixed seed; checksums computed here.
 */
class People40ValidatorsTest {

    private final ValidationContext none = ValidationContext.around("r", "", "");
    private final Random random = new Random(40_400L);

    private static final String[] WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine"};

    /** A random SSN that passes the range rules, as nine digits. */
    private String ssn() {
        return String.format("%03d%02d%04d", 1 + random.nextInt(665), 1 + random.nextInt(99),
                1 + random.nextInt(9999));
    }

    /** A random routing number with the ABA 3-7-1 checksum and a Federal Reserve prefix 01-12. */
    private String aba() {
        int[] d = new int[9];
        int prefix = 1 + random.nextInt(12);
        d[0] = prefix / 10;
        d[1] = prefix % 10;
        for (int i = 2; i < 8; i++) {
            d[i] = random.nextInt(10);
        }
        int sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5];
        d[8] = (10 - sum % 10) % 10;
        StringBuilder b = new StringBuilder();
        for (int x : d) {
            b.append(x);
        }
        return b.toString();
    }

    /** A random Luhn-valid 16-digit number starting with {@code first}. */
    private String card(char first) {
        int[] d = new int[16];
        d[0] = first - '0';
        for (int i = 1; i < 15; i++) {
            d[i] = random.nextInt(10);
        }
        int sum = 0;
        for (int i = 14, k = 0; i >= 0; i--, k++) {
            int x = d[i];
            if (k % 2 == 0) {
                x *= 2;
                if (x > 9) {
                    x -= 9;
                }
            }
            sum += x;
        }
        d[15] = (10 - sum % 10) % 10;
        StringBuilder b = new StringBuilder();
        for (int x : d) {
            b.append(x);
        }
        return b.toString();
    }

    private static String spelled(String digits) {
        StringBuilder b = new StringBuilder();
        for (char c : digits.toCharArray()) {
            b.append(b.length() == 0 ? "" : " ").append(WORDS[c - '0']);
        }
        return b.toString();
    }

    @Test
    void ssnPiecesJoinChatLinesFieldsAndMessages() {
        Validator v = Validators.create("ssn-pieces", Map.of());
        for (int n = 0; n < 100; n++) {
            String s = ssn();
            String a = s.substring(0, 3);
            String g = s.substring(3, 5);
            String r = s.substring(5);
            assertThat(v.test(a + "\ncustomer: " + g + "\ncustomer: " + r, none)).isTrue();
            assertThat(v.test("SSN (first 5): " + a + "-" + g + "\nSSN (last 4): " + r, none)).isTrue();
            assertThat(v.test(a + " / " + g + " / " + r, none)).isTrue();
            assertThat(v.test(a + "-" + g + "\nWhat are the last four digits?\n" + r + ".", none)).isTrue();
        }
        assertThat(v.test("666\ncustomer: 04\ncustomer: 5303", none)).as("area 666").isFalse();
        assertThat(v.test("248\ncustomer: 00\ncustomer: 5303", none)).as("group 00").isFalse();
        assertThat(v.test("248\ncustomer: 04\ncustomer: 530", none)).as("short serial").isFalse();
        assertThat(v.test("2481\ncustomer: 04\ncustomer: 5303", none)).as("four-digit area").isFalse();
        assertThat(v.test("248\ncustomer: 04 and 12\ncustomer: 5303", none)).as("a two-digit run between")
                .isFalse();
    }

    @Test
    void cardPiecesJoinAndCheckLuhn() {
        Validator v = Validators.create("card-pieces", Map.of());
        for (int n = 0; n < 100; n++) {
            String c = card("3456".charAt(n % 4));
            assertThat(v.test("the number is " + c.substring(0, 4) + "\ncustomer: " + c.substring(4, 8)
                    + "\ncustomer: " + c.substring(8, 12) + " " + c.substring(12), none)).isTrue();
            assertThat(v.test("Card: " + c.substring(0, 8) + "\n(continued) " + c.substring(8), none)).isTrue();
            String bad = c.substring(0, 15) + (char) ('0' + (c.charAt(15) - '0' + 1) % 10);
            assertThat(v.test("Card: " + bad.substring(0, 8) + "\n(continued) " + bad.substring(8), none))
                    .as("Luhn").isFalse();
        }
        String c = card('1');
        assertThat(v.test("Card: " + c.substring(0, 8) + "\n" + c.substring(8), none)).as("no network")
                .isFalse();
        assertThat(v.test("Card: 44444444\n44444444", none)).as("one digit").isFalse();
        assertThat(v.test("Card: 4000\n1234", none)).as("too short").isFalse();
    }

    @Test
    void spelledDigitsAreReadAfterTheLabel() {
        Validator ssn = Validators.create("spelled-ssn", Map.of());
        Validator aba = Validators.create("spelled-aba", Map.of());
        for (int n = 0; n < 100; n++) {
            String s = ssn();
            assertThat(ssn.test("social security number: " + spelled(s), none)).isTrue();
            String r = aba();
            assertThat(aba.test("routing number is " + spelled(r), none)).as(r).isTrue();
            String wrong = r.substring(0, 8) + (char) ('0' + (r.charAt(8) - '0' + 1) % 10);
            assertThat(aba.test("routing number is " + spelled(wrong), none)).isFalse();
        }
        assertThat(ssn.test("SSN is four oh two, seven one, three three nine five", none)).isTrue();
        assertThat(ssn.test("SSN: " + spelled("666228174"), none)).as("area 666").isFalse();
        assertThat(ssn.test("SSN: " + spelled("40271339"), none)).as("eight digits").isFalse();
        assertThat(ssn.test("SSN: " + spelled("4027133951"), none)).as("ten digits").isFalse();
        assertThat(ssn.test("SSN: " + spelled("402713395"), ValidationContext.around("r", "", " one, thanks")))
                .as("a tenth word after the match").isFalse();
        assertThat(ssn.test("SSN: " + spelled("402713395"), ValidationContext.around("r", "", ". Oh well")))
                .as("a sentence's oh after a full stop").isTrue();
    }

    @Test
    void ssnTakesSpacedDashesAndRejectsNumberingRuns() {
        Validator v = Validators.create("ssn", Map.of());
        assertThat(v.test("053 - 22 - 5014", none)).isTrue();
        assertThat(v.test("053 - 22.5014", none)).as("mixed").isFalse();
        ValidationContext run = ValidationContext.around("r", "Parts: 512-08-4410 washer, ", " nut, 512-08-4425 bolt");
        assertThat(v.test("512-08-4411", run)).as("three of one area and group, serials close").isFalse();
        ValidationContext two = ValidationContext.around("r", "Dependants: 512-08-4410, ", "");
        assertThat(v.test("512-08-4411", two)).as("two siblings only").isTrue();
        ValidationContext far = ValidationContext.around("r", "Staff: 512-08-1410, ", ", 512-08-9425");
        assertThat(v.test("512-08-4411", far)).as("serials far apart").isTrue();
    }
}
