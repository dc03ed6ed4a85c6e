package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            PII         | 536-22-8174                      | ***-**-8174
            FINANCIAL   | 4111111111111111                 | ************1111
            FINANCIAL   | 4111 1111 1111 1111              | **** **** **** 1111
            PII         | jane.roe@corp.net                | ****.***@***p.net
            PII         | 1234567                          | *******
            CREDENTIAL  | AKIAGMXGEDN73U55XTPL             | AKIA…(20)
            CREDENTIAL  | ghp_y9ojfljoQoaF1LlqsajAIxNKu8iS2G8NPRVd | ghp_…(40)
            CREDENTIAL  | hunter2pass                      | …(11)
            CREDENTIAL  | sk-abcdefghijk                   | sk-…(14)
            SOURCE_CODE | Acme Widgets CONFIDENTIAL        | Acme…(25)
            """)
    void masks(Category category, String raw, String masked) {
        assertThat(Masking.mask(category, raw)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            PII
            FINANCIAL
            CREDENTIAL
            SOURCE_CODE
            """)
    void neverRevealsMoreThanFourCharacters(Category category) {
        String raw = "Q7w9E2r4T6y8U1i3O5p7A9s2D4f6G8h1J3k5L7z9X2c4V6b8N1m3";
        String masked = Masking.mask(category, raw);
        int revealed = 0;
        for (char c : masked.toCharArray()) {
            if (raw.indexOf(c) >= 0) {
                revealed++;
            }
        }
        assertThat(revealed).isLessThanOrEqualTo(4 + String.valueOf(raw.length()).length());
        assertThat(masked).doesNotContain(raw.substring(0, 5)).doesNotContain(raw.substring(raw.length() - 5));
    }
}
