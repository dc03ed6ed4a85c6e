package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** {@link Bip39Words}: every word of the list, in any case, and nothing else. */
class Bip39WordsTest {

    private static boolean contains(String s) {
        byte[] b = ("x" + s + "x").getBytes(StandardCharsets.ISO_8859_1);
        return Bip39Words.contains(b, 1, b.length - 1);
    }

    @Test
    void everyListWordInAnyCaseAndNoOtherWord() {
        assertThat(Bip39.WORDS).hasSize(2048).allMatch(Bip39WordsTest::contains)
                .allMatch(w -> contains(w.toUpperCase(Locale.ROOT)));
        for (String other : new String[] {"nobel", "zooo", "ab", "abandons", "abandonment", "ab4ndon", "caf\u00e9",
            "abando", "", "the"}) {
            assertThat(contains(other)).as(other).isFalse();
        }
    }
}
