package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            pii           | 536-22-8174                      | ***-**-8174
            financial     | 4111111111111111                 | ************1111
            financial     | 4111 1111 1111 1111              | **** **** **** 1111
            pii           | jane.roe@corp.net                | ****.***@***p.net
            pii           | 1234567                          | *******
            pii           | DOB: 1987-04-12                  | ***: ****-**-**
            pii           | birthDate 1987/04/12             | ********* ****/**/**
            pii           | dob 19870412 F                   | *** ******** *
            pii           | DOB 04/12/1987                   | *** **/**/1987
            pii           | ID 2026-13-45                    | ** ****-13-45
            credential    | AKIAGMXGEDN73U55XTPL             | AKIA…(20)
            credential    | ghp_y9ojfljoQoaF1LlqsajAIxNKu8iS2G8NPRVd | ghp_…(40)
            credential    | hunter2pass                      | …(11)
            credential    | sk-abcdefghijk                   | sk-…(14)
            source-code   | Acme Widgets CONFIDENTIAL        | Acme…(25)
            customer-data | CUST-00012345                    | CUS…(13)
            customer-data | Jane Q. Roe                      | …(11)
            """)
    void masks(Category category, String raw, String masked) {
        assertThat(Masking.mask(category, raw)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            pii
            financial
            credential
            source-code
            confidential
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
