package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code split-ssn}: three fields named for an SSN, joined and checked against the SSN range rules. */
class SplitSsnTest {

    private final Validator v = Validators.create("split-ssn", Map.of());
    private final ValidationContext none = ValidationContext.around("r", "", "");
    private final Random random = new Random(20_261_207L);

    private static String fields(String[] names, String area, String group, String serial) {
        return "\"" + names[0] + "\": \"" + area + "\", \"" + names[1] + "\": \"" + group + "\", \"" + names[2]
                + "\": \"" + serial + "\"";
    }

    @Test
    void threeFieldsOfAnIssuableSsnPassInEveryLayout() {
        String[][] names = {{"ssn_area", "ssn_group", "ssn_serial"}, {"ssn1", "ssn2", "ssn3"},
            {"SSN[0]", "SSN[1]", "SSN[2]"}, {"socialPart1", "socialPart2", "socialPart3"}};
        for (int n = 0; n < 200; n++) {
            String area = String.format("%03d", 1 + random.nextInt(665));
            String group = String.format("%02d", 1 + random.nextInt(99));
            String serial = String.format("%04d", 1 + random.nextInt(9999));
            String[] ns = names[n % names.length];
            assertThat(v.test(fields(ns, area, group, serial), none)).as("%s %s %s", area, group, serial).isTrue();
            assertThat(v.test(ns[0] + "=" + area + "&" + ns[1] + "=" + group + "&" + ns[2] + "=" + serial, none))
                    .isTrue();
            assertThat(v.test(ns[0] + "\n" + area + "\n" + ns[1] + "\n" + group + "\n" + ns[2] + "\n" + serial, none))
                    .isTrue();
        }
    }

    @Test
    void rangesSamplesWidthsAndNamesAreChecked() {
        String[] ssn = {"ssn_area", "ssn_group", "ssn_serial"};
        assertThat(v.test(fields(ssn, "536", "22", "8174"), none)).isTrue();
        assertThat(v.test(fields(ssn, "000", "22", "8174"), none)).as("area 000").isFalse();
        assertThat(v.test(fields(ssn, "666", "22", "8174"), none)).as("area 666").isFalse();
        assertThat(v.test(fields(ssn, "912", "22", "8174"), none)).as("area 9xx").isFalse();
        assertThat(v.test(fields(ssn, "536", "00", "8174"), none)).as("group 00").isFalse();
        assertThat(v.test(fields(ssn, "536", "22", "0000"), none)).as("serial 0000").isFalse();
        assertThat(v.test(fields(ssn, "123", "45", "6789"), none)).as("published sample").isFalse();
        assertThat(v.test(fields(ssn, "555", "55", "5555"), none)).as("one digit").isFalse();
        assertThat(v.test(fields(ssn, "5362", "2", "8174"), none)).as("widths").isFalse();
        assertThat(v.test(fields(ssn, "53a", "22", "8174"), none)).as("a letter").isFalse();
        assertThat(v.test(fields(new String[] {"ssn_count", "page", "limit"}, "100", "12", "1000"), none))
                .as("only the first name names an SSN").isFalse();
        assertThat(v.test(fields(ssn, "536", "22", "8174") + ", \"x\": \"1\"", none)).as("seven tokens").isFalse();
        assertThat(v.test("ssn_area 536 22 8174", none)).as("five tokens").isFalse();
    }
}
