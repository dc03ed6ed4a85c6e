package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/** {@link SeedWords}: a text that is only 12 to 24 BIP-39 words, in the shapes people write a phrase down. */
class SeedWordsTest {

    /** Twelve list words (the validator, not this class, judges the checksum). */
    static final String TWELVE = "oval elder tenant long expand connect cruel noble order order april like";

    private static String normalised(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        byte[] words = SeedWords.normalise(b, 0, b.length);
        return words == null ? null : new String(words, StandardCharsets.US_ASCII);
    }

    private static String numbered(String phrase, String separator) {
        String[] words = phrase.split(" ");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            out.append(i + 1).append(". ").append(words[i]).append(separator);
        }
        return out.toString();
    }

    @Test
    void thePhraseInEveryShapeIsItsWordsOneBlankApart() {
        assertThat(normalised(TWELVE)).isEqualTo(TWELVE);
        assertThat(normalised(TWELVE + "\n")).isEqualTo(TWELVE);
        assertThat(normalised("  \"" + TWELVE + "\"\r\n")).isEqualTo(TWELVE);
        assertThat(normalised(TWELVE.replace(' ', '\n'))).as("one per line").isEqualTo(TWELVE);
        assertThat(normalised(numbered(TWELVE, "\n"))).as("a numbered list").isEqualTo(TWELVE);
        assertThat(normalised(numbered(TWELVE, "  "))).as("numbered on one line").isEqualTo(TWELVE);
        assertThat(normalised(numbered(TWELVE, "\n").replace(". ", ") "))).isEqualTo(TWELVE);
        assertThat(normalised("Oval Elder TENANT" + TWELVE.substring("oval elder tenant".length())))
                .as("capitals").isEqualTo(TWELVE);
        String twentyFour = TWELVE + " " + TWELVE;
        assertThat(normalised(twentyFour)).isEqualTo(twentyFour);
    }

    @Test
    void anythingElseIsNoPhrase() {
        assertThat(normalised(TWELVE.substring(0, TWELVE.lastIndexOf(' ')))).as("11 words").isNull();
        assertThat(normalised(TWELVE + " " + TWELVE + " oval")).as("25 words").isNull();
        assertThat(normalised(TWELVE.replace("noble", "nobel"))).as("a word not in the list").isNull();
        assertThat(normalised("notes: " + TWELVE)).as("another word before it").isNull();
        assertThat(normalised(TWELVE + ", thanks")).isNull();
        assertThat(normalised(TWELVE.replace("cruel ", "cruel, "))).as("punctuation").isNull();
        assertThat(normalised(TWELVE.replace("cruel", "cru3l"))).isNull();
        assertThat(normalised(numbered(TWELVE, "\n").replace("7. ", "7."))).as("a number glued to its word").isNull();
        assertThat(normalised(numbered(TWELVE, "\n").replace("7. ", "777. "))).isNull();
        assertThat(normalised("fix the login page then run every test again before you ship this build to staging"))
                .as("prose of short words").isNull();
        assertThat(normalised(TWELVE.replace("oval", "ov\u00e1l"))).isNull();
    }

    @Test
    void onlyTextsOfAPhrasesLengthAreLookedAt() {
        assertThat(SeedWords.mayBe(0, SeedWords.MIN_TEXT - 1)).isFalse();
        assertThat(SeedWords.mayBe(0, SeedWords.MIN_TEXT)).isTrue();
        assertThat(SeedWords.mayBe(0, SeedWords.MAX_TEXT)).isTrue();
        assertThat(SeedWords.mayBe(0, SeedWords.MAX_TEXT + 1)).isFalse();
        String padded = TWELVE + " ".repeat(SeedWords.MAX_TEXT - TWELVE.length() + 1);
        assertThat(normalised(padded)).isNull();
    }

    @Test
    void aWholeBodyThatIsAPhraseHoldsTheStreamedFrontierAtItsStart() {
        byte[] body = numbered(TWELVE + " " + TWELVE, "\n").getBytes(StandardCharsets.US_ASCII);
        RawBodyFrontier frontier = new RawBodyFrontier();
        for (int at = 0; at < body.length; at++) {
            frontier.feed(ByteBuffer.wrap(body, at, 1));
            assertThat(frontier.firstCandidateStart()).isZero();
        }
        byte[] longer = Arrays.copyOf(body, SeedWords.MAX_TEXT + 1);
        Arrays.fill(longer, body.length, longer.length, (byte) ' ');
        assertThat(SeedWords.normalise(longer, 0, longer.length)).as("too long to be one").isNull();
    }

    /** List words, separators, numbers, quotes and some things no phrase holds. */
    @Provide
    Arbitrary<byte[]> texts() {
        Arbitrary<String> piece = Arbitraries.of("oval", "elder", "Tenant", "long", "APRIL", "like", "zoo", "nobel",
                "x", " ", "  ", "\n", "\r\n", "\t", "1. ", "12) ", "7:", "\"", "'", ",", "-", "\u00e9", "\0");
        return Arbitraries.oneOf(piece.list().ofMaxSize(80).map(l -> String.join("", l)),
                        piece.list().ofMinSize(12).ofMaxSize(30).map(l -> String.join(" ", l)))
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 3000)
    void anyTextGivesNothingOrListWordsAndNeverThrows(@ForAll("texts") byte[] text) {
        byte[] words = SeedWords.normalise(text, 0, text.length);
        Statistics.label("phrase").collect(words != null);
        if (words != null) {
            String[] split = new String(words, StandardCharsets.US_ASCII).split(" ");
            assertThat(split.length).isBetween(12, 24);
            assertThat(split).allMatch(w -> w.matches("[a-z]{3,8}"));
        }
    }
}
