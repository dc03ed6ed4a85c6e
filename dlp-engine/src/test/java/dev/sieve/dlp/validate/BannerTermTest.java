package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code banner-term} validator: a banner followed by a copula is a definition's subject, not a marking. */
class BannerTermTest {

    private static final Validator V = Validators.create("banner-term", Map.of());

    @ParameterizedTest(name = "after ''{0}'': {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            ~~                                               | true
            ~: COMMERCIAL\\nTender scores~                   | true
            ~\\n\\nint main() {}~                             | true
            ~ -- handle accordingly~                         | true
            ~ isolation tests~                               | true
            ~ is a handling caveat, not a classification.~   | false
            ~" means the document may be shared~             | false
            ~ refers to information that~                    | false
            ~ applies to unclassified information~           | false
            """)
    void aBannerIsNotTheSubjectOfADefinition(String after, boolean expected) {
        ValidationContext ctx = ValidationContext.around("source-code.confidentiality-marker", "The ", after.replace("\\n", "\n"));
        assertThat(V.test("OFFICIAL-SENSITIVE", ctx)).isEqualTo(expected);
    }
}
