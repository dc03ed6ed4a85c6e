package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The intl-id validator on the red team's examples (synthetic values that pass their checks), on published samples,
 * on near misses, and on numbers built here from random digits with check digits computed by this test.
 */
class IntlIdTest {

    private static boolean check(String kind, String value) {
        return Validators.create("intl-id", Map.of("kind", kind)).test(value, ValidationContext.empty("r"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            au-tfn          | 324 617 344
            au-tfn          | 876-543-210
            au-medicare     | 4188 37887 8
            au-medicare     | 4188378878-1
            sg-nric         | T1890535Z
            sg-nric         | S1234567D
            sg-nric         | M5711777R
            sg-nric         | G7371678R
            jp-my-number    | 1234 5678 9018
            kr-rrn          | 730402-1957551
            kr-rrn          | 0002293751163
            cn-resident-id  | 510107197402262727
            cn-resident-id  | 11010519491231002X
            cn-resident-id  | 11010519491231002x
            hk-hkid         | P410860(8)
            hk-hkid         | ZH843353(4)
            tw-national-id  | A123456789
            tw-national-id  | D865020142
            mx-curp         | RITR691001HJCRVJ02
            mx-curp         | PAVI100123MNLLGTA6
            cl-rut          | 23.306.640-0
            cl-rut          | 11.568.101-K
            cl-rut          | 11568101k
            za-id           | 8210310587180
            il-teudat-zehut | 246288971
            il-teudat-zehut | 20141931-4
            in-pan          | TEBPW4906D
            ar-cuil         | 20-84231269-9
            ar-cuil         | 23805419032
            ar-cuil         | 27-25.007.320-3
            ar-cuil         | 20 67513140 7
            mx-rfc          | GOMA850314QW7
            mx-rfc          | PEHL901231AAA
            ar-dni          | DNI 25.007.320
            ar-dni          | D.N.I. 7345112
            co-cedula       | C.C. 61.762.590
            co-cedula       | c.c. 1.020.304.057
            co-cedula       | C.C 798451
            """)
    void acceptsValidValues(String kind, String value) {
        assertThat(check(kind, value)).as("%s %s", kind, value).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            au-tfn          | 324 617 345        | check digit
            au-tfn          | 999 999 999        | one repeated digit
            au-tfn          | 3246173441         | ten digits
            au-medicare     | 4188 37886 8       | check digit
            au-medicare     | 4155550132         | a US phone number
            au-medicare     | 1188378878         | first digit 1
            sg-nric         | T1890535A          | check letter
            sg-nric         | S1890535Z          | T's offset applied to S
            sg-nric         | X1890535Z          | prefix
            jp-my-number    | 1234 5678 9019     | check digit
            jp-my-number    | 000000000000       | one repeated digit
            kr-rrn          | 730230-1957551     | 30 February
            kr-rrn          | 050229-3751163     | 29 February 2005 (century digit 3)
            kr-rrn          | 000229-1751163     | 29 February 1900 (century digit 1)
            cn-resident-id  | 510107197402262728 | check character
            cn-resident-id  | 510107197402302727 | 30 February
            cn-resident-id  | 010107197402262727 | region 0
            hk-hkid         | P410860(7)         | check digit
            hk-hkid         | ABC10860(8)        | three letters
            tw-national-id  | A123456788         | check digit
            tw-national-id  | A323456789         | second digit 3
            mx-curp         | RITR691001HJCRVJ03 | check digit
            mx-curp         | RITR690230HJCRVJ02 | 30 February
            mx-curp         | RITR691001QJCRVJ02 | sex letter
            cl-rut          | 23.306.640-1       | check digit
            cl-rut          | 11.111.111-1       | one repeated digit
            za-id           | 8210310587181      | Luhn digit
            za-id           | 8210310587280      | citizenship digit 2
            za-id           | 8202300587180      | 30 February
            il-teudat-zehut | 246288972          | check digit
            il-teudat-zehut | 000000000          | one repeated digit
            in-pan          | TEBDW4906D         | holder type D
            in-pan          | TEBJW4906D         | holder type J (artificial juridical person)
            in-pan          | TEBCW4906D         | holder type C (company)
            in-pan          | TEBFW4906D         | holder type F (firm)
            in-pan          | TEBHW4906D         | holder type H (HUF)
            in-pan          | TEBPW0000D         | digits all zero
            in-pan          | TEBPW49061         | last character a digit
            ar-cuil         | 20-84231269-8      | check digit
            ar-cuil         | 30-08340498-8      | a company's CUIT (30)
            ar-cuil         | 34-04973595-4      | a company's CUIT (34)
            ar-cuil         | 21-84231269-9      | type 21
            ar-cuil         | 20-8423126-9       | seven-digit body
            ar-cuil         | 20-11111111-9      | one repeated digit
            mx-rfc          | GOMA851314QW7      | month 13
            mx-rfc          | GOMA850230QW7      | 30 February
            mx-rfc          | GOMA850314QWB      | check character B
            mx-rfc          | XAXX010101000      | SAT's generic RFC
            mx-rfc          | GOM850314QW7       | a company's (12 characters)
            ar-dni          | DNI 12.345.678     | the placeholder
            ar-dni          | DNI 11.111.111     | one repeated digit
            ar-dni          | DNI 123.456        | six digits
            ar-dni          | DNI 05.007.320     | leading zero
            co-cedula       | C.C. 123.456       | a run
            co-cedula       | C.C. 2.222.222     | one repeated digit
            co-cedula       | C.C. 12345         | five digits
            co-cedula       | C.C. 01234567      | leading zero
            """)
    void rejectsNearMisses(String kind, String value, String why) {
        assertThat(check(kind, value)).as("%s %s: %s", kind, value, why).isFalse();
    }

    private static boolean inColumn(String before, String cell, String after) {
        return Validators.create("intl-id", Map.of("kind", "in-aadhaar-column"))
                .test(cell, ValidationContext.around("r", before, after));
    }

    @Test
    void anAadhaarCellCountsWhenItsColumnNeighboursPassToo() {
        String valid1 = "798747107668";
        String valid2 = "713087527978";
        String valid3 = "2194 7468 6474";
        String invalid = "692566559809";
        assertThat(inColumn("name,uid,mobile\nAna,", valid1, ",+91 95\nDana," + valid2 + ",+91 99\n")).isTrue();
        assertThat(inColumn("name,uid,mobile\nAna," + valid1 + ",+91 95\nDana,", valid2, ",+91 99")).isTrue();
        assertThat(inColumn("uid\tname\n", valid3, "\tOmar\n" + valid1 + "\tLee\n")).isTrue();
        // alone in its column, next to a cell that fails, or itself failing: not taken
        assertThat(inColumn("name,uid,mobile\nAna,", valid1, ",+91 95\n")).isFalse();
        assertThat(inColumn("name,uid,mobile\nAna,", valid1, ",+91 95\nDana," + invalid + ",+91 99\n")).isFalse();
        assertThat(inColumn("name,uid,mobile\nAna," + valid1 + ",+91 95\nDana,", invalid, ",+91 99")).isFalse();
        // the neighbour's cell in another column does not count
        assertThat(inColumn("name,uid,mobile\nAna,", valid1, ",+91 95\nDana,x," + valid2 + "\n")).isFalse();
        // no table
        assertThat(inColumn("Aadhaar ", valid1, " and " + valid2)).isFalse();
    }

    @Test
    void everyKindRejectsOtherCharacters() {
        assertThat(check("au-tfn", "324_617_344")).isFalse();
        assertThat(check("cn-resident-id", "51010719740226272Y")).isFalse();
        assertThat(check("hk-hkid", "")).isFalse();
        assertThat(check("in-pan", "TEBPW4906\u00c4")).isFalse();
        assertThat(check("ar-cuil", "20_84231269_9")).isFalse();
    }

    @Test
    void randomValuesPassAndOneChangedCheckCharacterFails() {
        Random random = new Random(11);
        for (int n = 0; n < 300; n++) {
            String tfn = tfn(random);
            assertThat(check("au-tfn", tfn)).as(tfn).isTrue();
            assertThat(check("au-tfn", bump(tfn, tfn.length() - 1))).isFalse();
            String cn = chinaId(random);
            assertThat(check("cn-resident-id", cn)).as(cn).isTrue();
            assertThat(check("cn-resident-id", cn.substring(0, 17) + (cn.endsWith("X") ? "0" : bump(cn, 17)
                    .substring(17)))).isFalse();
            String myNumber = myNumber(random);
            assertThat(check("jp-my-number", myNumber)).as(myNumber).isTrue();
            assertThat(check("jp-my-number", bump(myNumber, 11))).isFalse();
            String rut = rut(random);
            assertThat(check("cl-rut", rut)).as(rut).isTrue();
            assertThat(check("cl-rut", rut.substring(0, rut.length() - 1) + (rut.endsWith("K") ? "0"
                    : rut.endsWith("9") ? "K" : bump(rut, rut.length() - 1).substring(rut.length() - 1)))).isFalse();
        }
    }

    @Test
    void kindIsRequiredAndChecked() {
        assertThatThrownBy(() -> Validators.create("intl-id", Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("intl-id.kind: missing (expected: one of au-tfn, au-medicare");
        assertThatThrownBy(() -> Validators.create("intl-id", Map.of("kind", "us-ssn")))
                .hasMessageContaining("intl-id.kind: 'us-ssn'");
        assertThatThrownBy(() -> Validators.create("intl-id", Map.of("kind", "au-tfn", "min", 1)))
                .hasMessageContaining("intl-id.min: unknown parameter");
    }

    // ---- values built from the published algorithms ----------------------------------------------------------------

    /** Nine digits whose weighted sum (1,4,3,7,5,8,6,9,10) is divisible by 11. */
    private static String tfn(Random random) {
        int[] w = {1, 4, 3, 7, 5, 8, 6, 9, 10};
        while (true) {
            String s = digits(random, 9);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (s.charAt(i) - '0') * w[i];
            }
            if (sum % 11 == 0 && !s.chars().allMatch(c -> c == s.charAt(0))) {
                return s;
            }
        }
    }

    private static String chinaId(Random random) {
        String body = (1 + random.nextInt(8)) + digits(random, 5) + (1950 + random.nextInt(60))
                + String.format("%02d%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)) + digits(random, 3);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * ((1 << (17 - i)) % 11);
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    private static String myNumber(Random random) {
        String body = digits(random, 11);
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            sum += (body.charAt(11 - n) - '0') * (n <= 6 ? n + 1 : n - 5);
        }
        int r = sum % 11;
        return body + (r <= 1 ? 0 : 11 - r);
    }

    private static String rut(Random random) {
        String body = String.valueOf(1_000_000 + random.nextInt(25_000_000));
        int sum = 0;
        int factor = 2;
        for (int i = body.length() - 1; i >= 0; i--) {
            sum += (body.charAt(i) - '0') * factor;
            factor = factor == 7 ? 2 : factor + 1;
        }
        int c = 11 - sum % 11;
        return body + "-" + (c == 11 ? "0" : c == 10 ? "K" : String.valueOf(c));
    }

    private static String digits(Random random, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    /** {@code s} with the digit at {@code i} increased by one (9 becomes 0). */
    private static String bump(String s, int i) {
        char c = (char) ('0' + (s.charAt(i) - '0' + 1) % 10);
        return s.substring(0, i) + c + s.substring(i + 1);
    }
}
