package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The european-id validator on synthetic numbers whose check digits were computed outside this code base (from the
 * published algorithms), on the same numbers with one check character changed, and on impossible dates.
 */
class EuropeanIdTest {

    private static boolean check(String kind, String value) {
        return Validators.create("european-id", Map.of("kind", kind)).test(value, ValidationContext.empty("r"));
    }

    @ParameterizedTest
    @CsvSource({
        "de-tax-id, 39170342364", "de-tax-id, 41 372 159 010", "de-tax-id, 45575918360",
        "fr-nir, 184077523610723", "fr-nir, 2 91 11 2A 885 261 12", "fr-nir, 1 02 12 2B 677 232 65",
        "it-codice-fiscale, LMPMIF44E19E544Z", "it-codice-fiscale, FMFHMM24R47F164D",
        "it-codice-fiscale, ZGFFCL99D43F8L7H", "it-codice-fiscale, lmpmif44e19e544z",
        "nl-bsn, 940199531", "nl-bsn, 9305.65.290", "nl-bsn, 413078711",
        "be-national-number, 85.03.17-646.68", "be-national-number, 71110244692", "be-national-number, 040621-049-58",
        "pl-pesel, 87041205362", "pl-pesel, 05220826117",
        "se-personnummer, 860514-2200", "se-personnummer, 198605142200", "se-personnummer, 721201+0826",
        "se-personnummer, 900773-9585",
        "fi-hetu, 140586-177Y", "fi-hetu, 280205A358H", "fi-hetu, 090999Y2921",
        "no-fodselsnummer, 14058611612", "no-fodselsnummer, 280205 20711", "no-fodselsnummer, 49099961928",
        "dk-cpr, 140586-7293", "dk-cpr, 2802056512",
        "ie-ppsn, 3308051J", "ie-ppsn, 6978464NA", "ie-ppsn, 7200977CW",
        "tr-kimlik, 47972761126", "tr-kimlik, 12158108668",
        "de-id-card, LH02Z4J1X", "de-id-card, LH02Z4J1X0", "de-id-card, M4KX7PT93",
        "ch-ahv, 756.9198.0578.12", "ch-ahv, 7567946672010", "ch-ahv, 756 6184 5699 53", "ch-ahv, 756.1234.5678.97",
        "at-sv-nummer, 4725 150389", "at-sv-nummer, 8351291264", "at-sv-nummer, 1237 010180",
        "cz-rodne-cislo, 855103/1236", "cz-rodne-cislo, 7902154821", "cz-rodne-cislo, 065712/3456",
        "cz-rodne-cislo, 046225/6784",
        "gr-amka, 15038512347", "gr-amka, 01019055324", "gr-amka, 291200 87654",
        "ro-cnp, 1850305123451", "ro-cnp, 2961120400127", "ro-cnp, 5020719103474",
        "pt-nif, 134907710", "pt-nif, 304317250", "pt-nif, 201 219 280", "pt-nif, 453847099",
        "es-dni, 12345678Z", "es-dni, 12.345.678-Z", "es-dni, 12345678 Z", "es-dni, X4315870N", "es-dni, X-4315870-N",
        "es-dni, Y2750418T", "es-dni, 1234567L"})
    void acceptsValidNumbers(String kind, String value) {
        assertThat(check(kind, value)).as("%s %s", kind, value).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        // one check character changed
        "de-tax-id, 39170342365", "fr-nir, 184077523610724", "fr-nir, 2 91 11 2A 885 261 13",
        "it-codice-fiscale, LMPMIF44E19E544A", "nl-bsn, 940199532", "be-national-number, 85031764669",
        "pl-pesel, 87041205363", "se-personnummer, 860514-2201", "fi-hetu, 140586-177X",
        "no-fodselsnummer, 14058611613", "no-fodselsnummer, 14058611602", "ie-ppsn, 3308051K",
        "ie-ppsn, 6978464NB", "tr-kimlik, 47972761127", "tr-kimlik, 47972761136",
        // a valid check digit, but the structure fails
        "de-tax-id, 03917034236", "de-tax-id, 11111111119", "de-tax-id, 12345678903", "nl-bsn, 000000000",
        "tr-kimlik, 04797276136", "fr-nir, 584077523610717",
        // impossible dates
        "pl-pesel, 87023105361", "se-personnummer, 860231-2202", "dk-cpr, 310486-7293", "dk-cpr, 290203-1234",
        "fi-hetu, 310486-1774", "no-fodselsnummer, 32058600082", "be-national-number, 85131764641",
        "it-codice-fiscale, LMPMIF44E35E544T",
        // the wrong length or alphabet
        "pl-pesel, 8704120536", "ie-ppsn, 3308051", "fi-hetu, 140586Z177Y", "se-personnummer, 238605142200",
        // an ID card number: a wrong check digit, no digit, a vowel, a digit first, eight characters
        "de-id-card, LH02Z4J1X1", "de-id-card, NRWPTLXYZ", "de-id-card, LA02Z4J1X", "de-id-card, 1H02Z4J1X",
        "de-id-card, LH02Z4J1",
        // the new kinds: a check digit changed, then the structure
        "ch-ahv, 756.9198.0578.13", "ch-ahv, 7579198057811", "ch-ahv, 756919805781",
        "at-sv-nummer, 4724 150389", "at-sv-nummer, 0725150389", "at-sv-nummer, 4725 350389",
        "cz-rodne-cislo, 855103/1237", "cz-rodne-cislo, 851303/1235", "cz-rodne-cislo, 852103/1234",
        "cz-rodne-cislo, 520315/123",
        "gr-amka, 15038512348", "gr-amka, 32038512344", "gr-amka, 00000000000",
        "ro-cnp, 1850305123452", "ro-cnp, 1851305123459", "ro-cnp, 0850305123451",
        "pt-nif, 134907711", "pt-nif, 501234560", "pt-nif, 512345678", "pt-nif, 912345670", "pt-nif, 401234563",
        "es-dni, 12345678A", "es-dni, X4315870M", "es-dni, B1234567Z", "es-dni, B12345678", "es-dni, 123456789",
        "es-dni, W4315870N"})
    void rejectsWrongCheckDigitsAndShapes(String kind, String value) {
        assertThat(check(kind, value)).as("%s %s", kind, value).isFalse();
    }

    @Test
    void germanTaxIdRepetitionRule() {
        // exactly one digit twice (or three times, not in a row) among the first ten
        assertThat(EuropeanId.deTaxId(withDeCheck("1234567890"))).as("no digit repeated").isFalse();
        assertThat(EuropeanId.deTaxId(withDeCheck("1123456789"))).as("one digit twice").isTrue();
        assertThat(EuropeanId.deTaxId(withDeCheck("1121345678"))).as("three times, not in a row").isTrue();
        assertThat(EuropeanId.deTaxId(withDeCheck("1112345678"))).as("three in a row").isFalse();
        assertThat(EuropeanId.deTaxId(withDeCheck("1122345678"))).as("two digits repeated").isFalse();
    }

    @Test
    void aLeapDayNeedsALeapYearWhereTheCenturyIsKnown() {
        assertThat(check("pl-pesel", withPesel("0022290000"))).as("2000-02-29").isTrue();
        assertThat(check("pl-pesel", withPesel("0002290000"))).as("1900-02-29").isFalse();
        assertThat(check("se-personnummer", "20000229" + luhnTail("000229000"))).as("2000-02-29").isTrue();
        assertThat(check("se-personnummer", "19000229" + luhnTail("000229000"))).as("1900-02-29").isFalse();
    }

    @Test
    void theNewKindsCheckTheirPublishedAlgorithms() {
        // Austria: a remainder of 10 is never issued, whatever digit stands in the check place
        for (int c = 0; c <= 9; c++) {
            assertThat(EuropeanId.svNummer("261" + c + "071102")).as("261? 071102: remainder 10").isFalse();
        }
        // Czech: the nine-digit remainder 10 with a 0 check digit (issued until 1985)
        String nine = null;
        for (int n = 0; n < 1000 && nine == null; n++) {
            String candidate = String.format("790215%03d", n);
            if (Long.parseLong(candidate) % 11 == 10) {
                nine = candidate;
            }
        }
        assertThat(EuropeanId.rodneCislo(nine + "0")).as("remainder 10, check 0").isTrue();
        // +20 in the month only from 2004
        assertThat(EuropeanId.rodneCislo(elevens("032215"))).as("2003, month +20").isFalse();
        assertThat(EuropeanId.rodneCislo(elevens("042215"))).as("2004, month +20").isTrue();
        assertThat(EuropeanId.rodneCislo(elevens("047215"))).as("2004, month +70").isTrue();
        // Romania: a remainder of 10 counts as 1
        Random random = new Random(37);
        int tens = 0;
        for (int n = 0; n < 2000; n++) {
            String body = "1" + String.format("%02d", random.nextInt(100)) + "0" + (1 + random.nextInt(9)) + "1"
                    + random.nextInt(10) + String.format("%02d", 1 + random.nextInt(52)) + digits(random, 3);
            int[] w = {2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9};
            int sum = 0;
            for (int i = 0; i < 12; i++) {
                sum += w[i] * (body.charAt(i) - '0');
            }
            if (sum % 11 == 10) {
                tens++;
                assertThat(EuropeanId.cnp(body + "1")).as(body + "1").isTrue();
                assertThat(EuropeanId.cnp(body + "0")).as(body + "0").isFalse();
            }
        }
        assertThat(tens).isPositive();
    }

    /** {@code yymmdd} and the first four digits that make the ten divisible by 11. */
    private static String elevens(String yymmdd) {
        for (int n = 0; n < 10000; n++) {
            String v = yymmdd + String.format("%04d", n);
            if (Long.parseLong(v) % 11 == 0) {
                return v;
            }
        }
        throw new AssertionError(yymmdd);
    }

    @Test
    void everyOtherCheckCharacterFails() {
        // of all values of the check character, exactly one passes: the check is computed, not a shape test
        Random random = new Random(11);
        for (int n = 0; n < 100; n++) {
            String body = (1 + random.nextInt(9)) + digits(random, 8);
            int passing = 0;
            for (int d = 0; d < 100; d++) {
                passing += EuropeanId.kimlik(body + String.format("%02d", d)) ? 1 : 0;
            }
            assertThat(passing).as("tr-kimlik check digit pairs for one body").isEqualTo(1);
            String ppsn = digits(random, 7);
            passing = 0;
            for (char c = 'A'; c <= 'Z'; c++) {
                passing += EuropeanId.ppsn(ppsn + c) ? 1 : 0;
            }
            assertThat(passing).as("ie-ppsn check letters for one body").isEqualTo(1);
            String cf = "RSSMRA" + digits(random, 2) + "A" + (10 + random.nextInt(18)) + "H" + digits(random, 3);
            passing = 0;
            for (char c = 'A'; c <= 'Z'; c++) {
                passing += EuropeanId.codiceFiscale(cf + c) ? 1 : 0;
            }
            assertThat(passing).as("it-codice-fiscale check letters for one body").isEqualTo(1);
        }
    }

    @Test
    void esDniLeavesTheValuesPiiNationalIdReportsToIt() {
        Validator v = Validators.create("european-id", Map.of("kind", "es-dni"));
        // a national-id keyword within 32 bytes: that rule reports the value
        assertThat(v.test("12345678Z", ValidationContext.around("r", "Titular: Ana, DNI ", ""))).isFalse();
        assertThat(v.test("X4315870N", ValidationContext.around("r", "", " (NIE: pendiente)"))).isFalse();
        // further than its window, in a column, or in a shape that rule does not match: reported here
        assertThat(v.test("12345678Z", ValidationContext.around("r", "DNI" + " ".repeat(40), ""))).isTrue();
        assertThat(v.test("12345678Z", ValidationContext.around("r", "Lucía García;", ";Sevilla"))).isTrue();
        assertThat(v.test("12.345.678-Z", ValidationContext.around("r", "\"NIF\": \"", "\""))).isTrue();
        assertThat(v.test("X-4315870-N", ValidationContext.around("r", "NIE ", ""))).isTrue();
        assertThat(Validators.create("european-id", Map.of("kind", "es-dni")).reach()).isEqualTo(32);
    }

    @Test
    void esDniLettersOneInTwentyThree() {
        java.util.Random random = new java.util.Random(38);
        for (int n = 0; n < 100; n++) {
            String digits = String.format("%08d", random.nextInt(100_000_000));
            int passing = 0;
            for (char c = 'A'; c <= 'Z'; c++) {
                passing += EuropeanId.esDni(digits + c) ? 1 : 0;
            }
            assertThat(passing).as("DNI letters for one number").isEqualTo(1);
        }
    }

    @Test
    void anUnknownKindIsALoadError() {
        assertThatThrownBy(() -> Validators.create("european-id", Map.of("kind", "xx-id")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("european-id.kind: 'xx-id' (expected: one of de-tax-id, fr-nir,");
        assertThatThrownBy(() -> Validators.create("european-id", Map.of()))
                .hasMessageStartingWith("european-id.kind: missing");
        assertThatThrownBy(() -> Validators.create("european-id", Map.of("kind", "nl-bsn", "window", 3)))
                .hasMessageContaining("european-id.window: unknown parameter");
    }

    /** {@code ten} and its ISO 7064 MOD 11,10 check digit. */
    private static String withDeCheck(String ten) {
        int product = 10;
        for (int i = 0; i < 10; i++) {
            int sum = (ten.charAt(i) - '0' + product) % 10;
            product = (sum == 0 ? 10 : sum) * 2 % 11;
        }
        return ten + (11 - product) % 10;
    }

    private static String withPesel(String ten) {
        int[] w = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += w[i] * (ten.charAt(i) - '0');
        }
        return ten + (10 - sum % 10) % 10;
    }

    /** The nine digits after the century and their Luhn check digit. */
    private static String luhnTail(String nine) {
        for (int d = 0; d < 10; d++) {
            if (Digits.luhn(Digits.of(nine + d))) {
                return nine.substring(6) + d;
            }
        }
        throw new AssertionError("no Luhn digit");
    }

    private static String digits(Random random, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }
}
