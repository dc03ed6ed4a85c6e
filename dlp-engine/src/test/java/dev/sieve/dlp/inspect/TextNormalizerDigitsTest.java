package dev.sieve.dlp.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link TextNormalizer}: other scripts' digits and filler symbols. */
class TextNormalizerDigitsTest {

    @Test
    void digitsOfOtherScriptsBecomeAscii() {
        assertThat(TextNormalizer.normalize("Card number: \u0665\u0665\u0665\u0666 \u0662\u0661\u0663\u0668"))
                .isEqualTo("Card number: 5556 2138");
        assertThat(TextNormalizer.normalize("SSN: \u096E\u096E\u096D-\u096E\u096F-\u096B\u096D\u096E\u0966"))
                .isEqualTo("SSN: 887-89-5780");
        assertThat(TextNormalizer.normalize("\u09E7\u09E8 \u0E51\u0E52 \u06F1\u06F2")).isEqualTo("12 12 12");
        assertThat(TextNormalizer.mayChange(0x0665)).isTrue();
    }

    @Test
    void lettersOfOtherScriptsStay() {
        assertThat(TextNormalizer.normalize("\u0627\u0644\u0633\u0639\u0631 \u0665")).isEqualTo("\u0627\u0644\u0633\u0639\u0631 5");
    }

    @Test
    void aSymbolBetweenEveryFewCharactersIsDropped() {
        assertThat(TextNormalizer.normalize("GI\uD83D\uDD12TH\uD83D\uDD12UB\uD83D\uDD12_T\uD83D\uDD12OK\uD83D\uDD12EN"
                + "\uD83D\uDD12=g\uD83D\uDD12hp\uD83D\uDD12_a\uD83D\uDD12bc")).isEqualTo("GITHUB_TOKEN=ghp_abc");
        assertThat(TextNormalizer.normalize("S\u2605S\u2605N\u2605:\u2605 \u26055\u26051\u26052\u2605-\u26057\u2605"))
                .isEqualTo("SSN: 512-7");
        assertThat(TextNormalizer.normalize("a\u26A1\uFE0Fb\u26A1\uFE0Fc\u26A1\uFE0Fd\u26A1\uFE0Fe\u26A1\uFE0Ff"
                + "\u26A1\uFE0Fg\u26A1\uFE0Fh\u26A1\uFE0Fi")).isEqualTo("abcdefghi");
    }

    @Test
    void symbolsBetweenWordsOrInAFewPlacesStay() {
        String stars = "Great \u2B50 work \u2B50 team \u2B50 ship \u2B50 it \u2B50 now \u2B50 done \u2B50 yes \u2B50 go";
        assertThat(TextNormalizer.normalize(stars)).isEqualTo(stars);
        String few = "a\u2605b\u2605c\u2605d";
        assertThat(TextNormalizer.normalize(few)).isEqualTo(few);
        String fire = "\uD83D\uDD25\uD83D\uDD25\uD83D\uDD25 release";
        assertThat(TextNormalizer.normalize(fire)).isEqualTo(fire);
    }
}
