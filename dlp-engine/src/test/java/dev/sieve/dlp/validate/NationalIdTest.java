package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The national-id validator on the published check-digit examples and on numbers built here from random digits. */
class NationalIdTest {

    private static boolean check(String value) {
        return Validators.create("national-id", Map.of()).test(value, ValidationContext.empty("r"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2345 6789 0124", "234567890124", "943 476 5919", "943-476-5919", "123.456.789-09",
        "12345678Z", "12345678-Z", "X1234567L", "563218409", "AB1234567"})
    void acceptsValidCheckDigitsAndPassportShapes(String value) {
        assertThat(check(value)).as(value).isTrue();
    }

    @Test
    void nineDigitsAfterNifAreLeftToThePortugueseRule() {
        Validator v = Validators.create("national-id", Map.of());
        assertThat(v.test("134907710", ValidationContext.around("r", "Cliente: Ana Silva, NIF: ", ""))).isFalse();
        assertThat(v.test("134907711", ValidationContext.around("r", "{\"nif\"\n", ""))).isFalse();
        // the nearest label decides: a passport after NIF, and NIF further back than the label reach
        assertThat(v.test("563218409", ValidationContext.around("r", "NIF 12345678Z, passport ", ""))).isTrue();
        assertThat(v.test("563218409", ValidationContext.around("r", "NIF" + " ".repeat(60) + "passport no ", "")))
                .isTrue();
        assertThat(v.test("563218409", ValidationContext.around("r", "US passport number ", ""))).isTrue();
        // Spain's NIF is the DNI shape, still checked here
        assertThat(v.test("12345678Z", ValidationContext.around("r", "NIF: ", ""))).isTrue();
        assertThat(v.test("12345678A", ValidationContext.around("r", "NIF: ", ""))).isFalse();
    }

    @Test
    void passportShapesLabelledAsAnotherIdFail() {
        Validator v = Validators.create("national-id", Map.of());
        // a Spanish company's CIF after NIF or CIF: a letter and eight digits, not a person's number
        assertThat(v.test("B27607103", ValidationContext.around("r", "NIF-IVA: ", ""))).isFalse();
        assertThat(v.test("G97464175", ValidationContext.around("r", "Madrid · CIF ", " · Tel"))).isFalse();
        assertThat(v.test("B27607103", ValidationContext.around("r", "{\"nifEmpresa\": \"", ""))).isFalse();
        // a DNI is never nine digits or a letter and eight digits
        assertThat(v.test("AB1234567", ValidationContext.around("r", "DNI: ", ""))).isFalse();
        assertThat(v.test("563218409", ValidationContext.around("r", "NIE: ", ""))).isFalse();
        // the next field's DNI label after an order number, no label before it
        assertThat(v.test("716295095", ValidationContext.around("r", "{\n  \"pedido\": \"", "\",\n  \"DNI ✓\": \"yes\""))).isFalse();
        // passport words decide where they are nearer, or follow the number with the id label
        assertThat(v.test("AB1234567", ValidationContext.around("r", "DNI 12345678Z, pasaporte ", ""))).isTrue();
        assertThat(v.test("AB1234567", ValidationContext.around("r", "", " (passport; DNI pending)"))).isTrue();
        assertThat(v.test("AB1234567", ValidationContext.around("r", "Passport no. ", ""))).isTrue();
        // words that only contain the labels are not labels: Polish "nie", "unified", "specific"
        assertThat(v.test("AB1234567", ValidationContext.around("r", "passport, nie ma: ", ""))).isTrue();
        assertThat(v.test("563218409", ValidationContext.around("r", "unified passport id ", ""))).isTrue();
        assertThat(v.test("563218409", ValidationContext.around("r", "passport specific ", ""))).isTrue();
        // a DNI shape is still read as a DNI, its letter checked
        assertThat(v.test("12345678Z", ValidationContext.around("r", "NIF-IVA: ", ""))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2345 6789 0125", "943 476 5918", "123.456.789-08", "111.111.111-11", "12345678A",
        "X1234567M"})
    void rejectsWrongCheckDigits(String value) {
        assertThat(check(value)).as(value).isFalse();
    }

    @Test
    void oneChangedDigitFailsEachCheck() {
        Random random = new Random(5);
        for (int n = 0; n < 200; n++) {
            String aadhaar = withVerhoeff(2 + random.nextInt(8) + digits(random, 10));
            assertThat(NationalId.verhoeff(aadhaar)).as(aadhaar).isTrue();
            assertThat(NationalId.verhoeff(changeOne(aadhaar, random))).isFalse();
        }
    }

    private static String digits(Random random, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    private static String withVerhoeff(String body) {
        for (int d = 0; d < 10; d++) {
            if (NationalId.verhoeff(body + d)) {
                return body + d;
            }
        }
        throw new AssertionError("no Verhoeff digit for " + body);
    }

    private static String changeOne(String s, Random random) {
        int i = random.nextInt(s.length());
        char c = (char) ('0' + (s.charAt(i) - '0' + 1 + random.nextInt(9)) % 10);
        return s.substring(0, i) + c + s.substring(i + 1);
    }
}
