package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code marking} validator: a phrase marks the text it stands in (line start, after a comment leader, a header's
 * or footer's separator, a sentence about this document), and fails where the text names a level (quoted, one of a
 * list, a bullet's or table row's definition, an adjective before data or label).
 */
class MarkingTest {

    private static final Validator V = Validators.create("marking", Map.of());

    /** {@code before{match}after}: the text around a candidate, the candidate in braces. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            ~{Highly Confidential}~                                                         | true
            ~// {Strictly Confidential} - do not forward~                                   | true
            ~## {Company Confidential}\\n\\n- roadmap~                                       | true
            ~Acme | {Highly Confidential} | Page 3 of 12~                                   | true
            ~Compensation bands 2025 - {HR Confidential}~                                   | true
            ~This document contains {highly confidential} information.~                     | true
            ~{Proprietary and confidential}, do not distribute~                             | true
            ~Sensitivity: {Highly Confidential}~                                            | true
            ~{Internal use only - capital plan 2025}~                                       | true
            ~label = "{Internal Use Only}"~                                                 | false
            ~def watermark(page, label="{Internal Use Only")}:~                             | false
            ~LABELS = ["Public", "Internal", "Confidential", "{Highly Confidential}"]~       | false
            ~stamp('{Strictly Confidential}')~                                              | false
            ~four levels: Public, {Internal Use Only}, Confidential~                        | false
            ~Confidential and {Highly Confidential}.~                                       | false
            ~{Highly Confidential}, Confidential, Internal, Public~                         | false
            ~Attorney-client {privileged} and confidential~                                 | true
            ~- **{Internal Use Only}**: documents for employees.~                           | false
            ~* {Strictly Confidential} - board papers only~                                 | false
            ~/*\\n * {Confidential Information} - handle accordingly\\n */~                    | true
            ~| {Highly Confidential} | board papers | encrypted |~                          | false
            ~at rest. {Highly Confidential} data must be encrypted~                         | false
            ~apply the {Internal Only} label to drafts~                                     | false
            ~Apply the {Internal Only label to drafts; the} Highly~                          | false
            ~{Internal Use Only, Confidential, Public}~                                     | false
            ~Documents marked \u201c{Highly Confidential}\u201d go to the vault~            | false
            ~    this.{sensitivity = "Confidential}";~                                      | false
            ~doc.{classification = 'restricted}'~                                           | false
            ~$this->{classification = 'Internal}';~                                        | false
            ~{data_classification = 'Confidential}'~                                         | true
            ~---\ntitle: Q3\n{classification: RESTRICTED}~                                  | true
            ~see section 3.{classification: restricted}~                                    | true
            ~Level 1 Public; Level 2 {Internal Use Only}; Level 3 Confidential~             | false
            ~Tier 1: Public, Tier 2: {Internal Only, Tier 3: Confidential}~                  | false
            ~Your files stay {private and confidential}: end-to-end encryption~              | false
            ~We keep your data {private and confidential}.~                                  | false
            ~The letterhead says {Privileged & Confidential} - what does it mean?~           | false
            ~Mark the email as {private and confidential} before sending it~                 | false
            ~You must keep this {strictly confidential}.~                                    | true
            ~Marked: {Privileged & Confidential}~                                            | true
            ~Kestrel Analytics &mdash; {Confidential &mdash; Company Internal}~              | true
            ~label.classification.internal={Internal use only}~                              | false
            ~label.classification.secret={Strictly confidential}~                            | false
            ~  internal: "{Internal use only}",~                                             | false
            ~  internal: {Internal use only}~                                                | false
            ~(* Acme\n   Confidential: {contains trade secrets} of Acme. *)~                 | true
            ~# Restricted: {internal distribution only}~                                     | true
            ~    Sensitivity.RESTRICTED: "{RESTRICTED - do not} distribute",~ | false
            ~classification\\ninternal\\n{Usage interne uniquement}\\nconfidential~           | false
            ~id\\nlbl-04\\nname\\n{Highly Confidential}\\ntooltip~                             | false
            ~description\\n{Highly Confidential}\\n~                                          | true
            ~footer={Strictly confidential}~                                                 | true
            ~--classification flag (public|{internal|confidential})~                        | false
            ~// {Internal|Confidential} - Kestrel~                                           | true
            ~any employee or contractor {under NDA}, but not outside~                        | false
            ~provided to Vellum Partners {under NDA} for evaluation only~                    | true
            ~+/**\\n+ * {Confidencial \u2013} uso interno da Acme Corp.~                     | true
            ~+ * {Internal Use Only} - documents for employees~                               | false
            """)
    void aMarkingIsNotALevelNamed(String text, boolean expected) {
        String t = utf8AsLatin1(text.replace("\\n", "\n"));
        int open = t.indexOf('{');
        int close = t.indexOf('}');
        String match = t.substring(open + 1, close);
        String before = t.substring(0, open);
        String after = t.substring(close + 1);
        assertThat(V.test(match, around(before, after))).as(text).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            ~| Confidential |~   | ~~                  | ~ board papers |~ | false
            ~| Confidential |~   | ~Acme Robotics ~    | ~ Page 3~         | true
            """)
    void aTableCellInTheMatch(String match, String before, String after, boolean expected) {
        assertThat(V.test(match, around(before, after))).isEqualTo(expected);
    }

    /** The engine's views are Latin-1 characters of the UTF-8 bytes; so are the test's. */
    private static String utf8AsLatin1(String s) {
        return new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static ValidationContext around(String before, String after) {
        return ValidationContext.around("source-code.confidentiality-phrase", before, after);
    }
}
