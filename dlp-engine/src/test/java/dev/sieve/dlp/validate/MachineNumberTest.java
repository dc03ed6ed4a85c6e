package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The machine-number validator: card numbers in EMV TLV and ISO 8583 dumps, cards and SSNs as hex integers, SSNs
 * whose leading zeros a spreadsheet dropped. Values are built here from random digits with their Luhn digit computed.
 */
class MachineNumberTest {

    private static boolean check(String kind, String value) {
        return Validators.create("machine-number", Map.of("kind", kind)).test(value, ValidationContext.empty("r"));
    }

    private static String luhn(String payload) {
        int sum = 0;
        for (int i = 0; i < payload.length(); i++) {
            int d = payload.charAt(payload.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return payload + (10 - sum % 10) % 10;
    }

    private static String card(Random r, String prefix, int length) {
        StringBuilder b = new StringBuilder(prefix);
        while (b.length() < length - 1) {
            b.append(r.nextInt(10));
        }
        return luhn(b.toString());
    }

    private static String broken(String pan) {
        char last = pan.charAt(pan.length() - 1);
        return pan.substring(0, pan.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }

    @Test
    void emvTagsHoldAPanOfTheirLength() {
        Random r = new Random(3301);
        for (int i = 0; i < 50; i++) {
            String visa = card(r, "4", 16);
            String amex = card(r, "37", 15);
            assertThat(check("emv-tlv", "5A08" + visa)).isTrue();
            assertThat(check("emv-tlv", "5A08" + visa + "5")).isTrue(); // the next tag's digits glued on
            assertThat(check("emv-tlv", "5a08" + amex + "f")).isTrue();
            assertThat(check("emv-tlv", "5A 08 " + visa.replaceAll("(..)", "$1 ").trim())).isTrue();
            assertThat(check("emv-tlv", "5713" + visa + "D2808201123456789F")).isTrue();
            assertThat(check("emv-tlv", "57 13 " + visa + "d28082011234567890")).isTrue();
            // near misses: the Luhn digit, a length byte longer than the value, F inside, a month 13, tag 5F
            assertThat(check("emv-tlv", "5A08" + broken(visa))).isFalse();
            assertThat(check("emv-tlv", "5A09" + visa)).isFalse();
            assertThat(check("emv-tlv", "5A08" + visa.substring(0, 8) + "F" + visa.substring(9))).isFalse();
            assertThat(check("emv-tlv", "5713" + visa + "D2813201123456789F")).isFalse();
            assertThat(check("emv-tlv", "5F08" + visa)).isFalse();
            assertThat(check("emv-tlv", "5713" + broken(visa) + "D2808201123456789F")).isFalse();
        }
        // a PAN of the networks' test cards and one that starts with 1 or 9 are not taken
        assertThat(check("emv-tlv", "5A084761739001010010")).isFalse();
        assertThat(check("emv-tlv", "5A08" + card(new Random(1), "1", 16))).isFalse();
        assertThat(check("emv-tlv", "5A08" + card(new Random(2), "9", 16))).isFalse();
    }

    @Test
    void iso8583NeedsBitTwoAndAnLlvarPan() {
        Random r = new Random(3302);
        for (int i = 0; i < 50; i++) {
            String mc = card(r, "53", 16);
            assertThat(check("iso8583", "0200 723A4481 28E09000 16" + mc + "000000")).isTrue();
            assertThat(check("iso8583", "0100F23A448128E09000" + "0000000000000010" + "16" + mc)).isTrue();
            assertThat(check("iso8583", "0200 F23A4481 28E09000 16" + mc + "000000")).isTrue(); // no secondary printed
            assertThat(check("iso8583", "0200 323A4481 28E09000 16" + mc)).isFalse(); // bit 2 not set
            assertThat(check("iso8583", "0200 723A4481 28E09000 16" + broken(mc))).isFalse();
            assertThat(check("iso8583", "0200 723A4481 28E09000 12" + mc)).isFalse(); // length 12
            assertThat(check("iso8583", "0900 723A4481 28E09000 16" + mc)).isFalse(); // class 9
            assertThat(check("iso8583", "3200 723A4481 28E09000 16" + mc)).isFalse(); // version 3
        }
    }

    @Test
    void hexIntegersAreCardsOfANetworkOrValidSsns() {
        Random r = new Random(3303);
        for (int i = 0; i < 50; i++) {
            String visa = card(r, "4", 16);
            String diners = card(r, "36", 14);
            assertThat(check("hex-card", "pan_hex = 0x" + Long.toHexString(Long.parseLong(visa)))).isTrue();
            assertThat(check("hex-card", "card: 0X" + Long.toHexString(Long.parseLong(diners)).toUpperCase())).isTrue();
            assertThat(check("hex-card", "pan_hex = 0x" + Long.toHexString(Long.parseLong(broken(visa))))).isFalse();
            // Luhn-valid, but no network issues 16 digits starting 9, or Visa with 15
            assertThat(check("hex-card", "pan = 0x" + Long.toHexString(Long.parseLong(card(r, "9", 16))))).isFalse();
            assertThat(check("hex-card", "pan = 0x" + Long.toHexString(Long.parseLong(card(r, "4", 15))))).isFalse();
        }
        assertThat(check("hex-card", "card = 0xffffffffffffffff")).isFalse();
        assertThat(check("hex-ssn", "ssn_hex=0x" + Integer.toHexString(643969170))).isTrue();
        assertThat(check("hex-ssn", "SSN: 0x" + Integer.toHexString(96165187))).isTrue(); // 096-16-5187
        assertThat(check("hex-ssn", "ssn=0x" + Integer.toHexString(123456789))).isFalse();
        assertThat(check("hex-ssn", "ssn=0x" + Integer.toHexString(666123456))).isFalse();
        assertThat(check("hex-ssn", "ssn=0x" + Integer.toHexString(912345678))).isFalse();
        assertThat(check("hex-ssn", "ssn=0x" + Long.toHexString(1_234_567_890L))).isFalse();
        assertThat(check("hex-ssn", "ssn=0x" + Integer.toHexString(643000170))).isFalse(); // group 00
    }

    @Test
    void ssnsWithoutTheirLeadingZeros() {
        assertThat(check("ssn-lost-zeros", "10086718")).isTrue(); // 010-08-6718
        assertThat(check("ssn-lost-zeros", "1086718")).isTrue(); // 001-08-6718
        assertThat(check("ssn-lost-zeros", "10006718")).isFalse(); // group 00
        assertThat(check("ssn-lost-zeros", "10080000")).isFalse(); // serial 0000
        assertThat(check("ssn-lost-zeros", "643969170")).isFalse(); // nine digits: the plain SSN rules' business
        assertThat(check("ssn-lost-zeros", "108671")).isFalse();
        assertThat(check("ssn-lost-zeros", "1008-671")).isFalse();
    }

    @Test
    void kindIsRequired() {
        assertThatThrownBy(() -> Validators.create("machine-number", Map.of()))
                .hasMessageContaining("machine-number.kind: missing (expected: one of emv-tlv, iso8583");
        assertThatThrownBy(() -> Validators.create("machine-number", Map.of("kind", "hex")))
                .hasMessageContaining("machine-number.kind: 'hex'");
    }
}
