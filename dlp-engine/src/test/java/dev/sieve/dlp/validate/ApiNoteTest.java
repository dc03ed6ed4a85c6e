package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code api-note} validator: "internal use only" that documents a definition or speaks of the public API is an
 * open-source API's note; a banner above the imports, a document's header and every confidential marking pass.
 */
class ApiNoteTest {

    private static final Validator V = Validators.create("api-note", Map.of());

    /** {@code before{match}after}: the text around a candidate, the candidate in [[ ]]; \\n is a newline. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            ~def _shape(*a):\\n    \"\"\"Returns it.\\n\\n    [[For internal use only.]] This function is not part of the public API.\\n    \"\"\"~ | false
            ~def _helper():\\n    \"\"\"[[Internal use only.]]\"\"\"\\n    pass~                                   | false
            ~def _helper():[[\\n    \"\"\"Internal use only.\"\"\"\\n]]    pass~                                   | false
            ~/**\\n * @internal\\n * [[For internal use only.]]\\n */\\nexport function walk(node) {}~                | false
            ~/**\\n * [[Internal use only.]]\\n * @param x the value\\n */\\npublic static int clamp(int x) {}~        | false
            ~// [[For internal use only.]] Subject to change without notice.\\nfunc parse() {}~                       | false
            ~[[// Internal Only]]\\nfunc settle(l *Ledger) error {}~                                                | true
            ~[[// INTERNAL USE ONLY\\n]]import os\\nimport sys~                                                        | true
            ~[[INTERNAL USE ONLY]]\\n\\nQ3 pricing for the board~                                                      | true
            ~# Payments API [[- internal use only]]\\n\\nThe /charge endpoint~                                         | true
            ~/**\\n * [[Confidential - internal use only.]]\\n */\\npublic class Pricing {}~                           | true
            ~[[Proprietary and confidential]]\\npublic class Pricing {}~                                               | true
            ~[[// For internal use only. Do not distribute.]]\\npublic class Pricing {}~                               | true
            ~/**\\n * <p><b>[[INTERNAL USE ONLY.]]</b> Property of Kestrel Robotics; not for external distribution.\\n */\\npublic final class RiskScorer {}~ | true
            ~/**\\n * <p>[[Internal use only.]] Not part of the public API; not for external distribution.\\n */\\npublic final class X {}~ | false
            """)
    void anApiNoteIsNotAMarking(String text, boolean expected) {
        String t = text.replace("\\n", "\n");
        int open = t.indexOf("[[");
        int close = t.indexOf("]]");
        String match = t.substring(open + 2, close);
        ValidationContext ctx = ValidationContext.around("source-code.confidentiality-phrase", t.substring(0, open),
                t.substring(close + 2));
        assertThat(V.test(match, ctx)).as(text).isEqualTo(expected);
    }
}
