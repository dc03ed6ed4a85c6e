package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link JsonStrings#plainEnd}: its eight-bytes-at-a-time search ends where a byte-by-byte reading ends. */
class JsonStringsTest {

    @Provide
    Arbitrary<String> literals() {
        return Arbitraries.of("a", "Z", " ", "\"", "\\", "\\\"", "\n", "\t", "\u001f", "\u007f", "\u00e9", "\u20ac",
                "\ud83d\ude00", "words and more words", "0123456789abcdef").list().ofMaxSize(40)
                .map(pieces -> "\"" + String.join("", pieces));
    }

    @Property(tries = 3000)
    void endsWhereTheByteByByteReadingEnds(@ForAll("literals") String literal) {
        byte[] src = literal.getBytes(StandardCharsets.UTF_8);
        assertThat(JsonStrings.plainEnd(src, 0)).isEqualTo(byteByByte(src, 0));
        byte[] shifted = ("[1, " + literal).getBytes(StandardCharsets.UTF_8);
        assertThat(JsonStrings.plainEnd(shifted, 4)).isEqualTo(byteByByte(shifted, 4));
    }

    @Test
    void aLiteralWithAnEscapeOrAControlCharacterIsNotPlain() {
        assertThat(JsonStrings.plainEnd(bytes("\"plain text that is long enough\" tail"), 0)).isEqualTo(32);
        assertThat(JsonStrings.plainEnd(bytes("\"an escaped \\\" quote inside the literal\""), 0)).isEqualTo(-1);
        assertThat(JsonStrings.plainEnd(bytes("\"a raw\ttab inside a literal that is long\""), 0)).isEqualTo(-1);
        assertThat(JsonStrings.plainEnd(bytes("\"no closing quote in this literal at all"), 0)).isEqualTo(-1);
        assertThat(JsonStrings.plainEnd(bytes("not a literal \"x\""), 0)).isEqualTo(-1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int byteByByte(byte[] src, int start) {
        for (int i = start + 1; i < src.length; i++) {
            if (src[i] == '"') {
                return i + 1;
            }
            if (src[i] == '\\' || (src[i] >= 0 && src[i] < 0x20)) {
                return -1;
            }
        }
        return -1;
    }
}
