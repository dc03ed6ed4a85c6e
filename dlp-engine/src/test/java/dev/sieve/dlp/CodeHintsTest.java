package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The internal code hint on both engines: every spaced-out word of the list (its pattern is the list factored by
 * common prefix), every word of the list written backwards or in ROT13, and every other shape gives a hint where it
 * starts; prose, years, spaced-out text without a listed word and short turned forms give none, and the hint is
 * never a finding.
 */
class CodeHintsTest {

    private static long hint(CompiledRules engine, String text) {
        try (ScanSession session = engine.open("v")) {
            session.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            assertThat(session.finish()).as("a hint is no finding").isEmpty();
            return session.codeHint();
        }
    }

    private static String spaced(String word) {
        return String.join(" ", word.split(""));
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"JAVA", "HYPERSCAN"})
    void everyListedWordSpacedOutIsAHintAndNothingElseIs(EngineKind kind) throws Exception {
        RuleSet none = RuleSet.parse(Map.of("none.yaml", "rules: []\n"));
        try (CompiledRules engine = Engines.compile(none, kind)) {
            for (String word : CodeHints.SPACED_WORDS) {
                String text = "the note says " + spaced(word) + "   x y z and more";
                assertThat(hint(engine, text)).as(word).isEqualTo("the note says ".length());
            }
            assertThat(hint(engine, "String.fromCharCode(103, 104, 112, 95, 97, 98, 99, 100, 101, 102, 103, 104)"))
                    .isEqualTo("String.fromCharCode(".length());
            assertThat(hint(engine, "k = {0x67,0x68,0x70,0x5f,0x61,0x62,0x63,0x64};")).isEqualTo("k = {".length());
            assertThat(hint(engine, "SELECT CHAR(103)")).isEqualTo("SELECT ".length());
            for (String word : java.util.stream.Stream.concat(CodeHints.REVERSED_WORDS.stream(),
                    CodeHints.ROT13_WORDS.stream()).toList()) {
                assertThat(hint(engine, "the note says " + word + " and more")).as(word)
                        .isEqualTo("the note says ".length());
            }
            assertThat(CodeHints.ROT13_WORDS).contains("tuc_", "fx-nag-", "NXVN").doesNotContain("://");
            assertThat(CodeHints.REVERSED_WORDS).contains("_phg", "-tna-ks", "AIKA")
                    .as("everyday words and base64").doesNotContain("ipad", "AAAE", "yek");
            for (String text : new String[] {"the quick brown fox jumps over the lazy dog, twice",
                    "in 2024, 2025 and 2026, 12, 13, 14", "W E L C O M E   T O   T H E   R E L E A S E",
                    "s e e m s   f i n e", "p a s t a", "an ipad on the desk", "AAAEAAAAAQAB", "sk- and ks- alone"}) {
                assertThat(hint(engine, text)).as(text).isEqualTo(-1);
            }
        }
    }
}
