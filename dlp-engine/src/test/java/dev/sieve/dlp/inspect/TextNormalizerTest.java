package dev.sieve.dlp.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void asciiAndTextThatNormalisingLeavesAloneGiveNothing() {
        assertThat(TextNormalizer.normalize(utf8("plain ascii ghp_abc 536-22-8174"))).isEmpty();
        assertThat(TextNormalizer.normalize(utf8("Привет, как дела? Всё хорошо."))).isEmpty();
        assertThat(TextNormalizer.normalize(ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xfe, 'a'}))).isEmpty();
    }

    @Test
    void invisibleCharactersAreRemoved() {
        String hidden = "AKIA\u200BGMXG\u200C\u200DEDN\u2060\uFEFF73U5\u00AD5X\u202ETP\u2066L\u200E\u200F\u2069";
        assertThat(TextNormalizer.normalize(hidden)).isEqualTo("AKIAGMXGEDN73U55XTPL");
    }

    @Test
    void fullwidthAndCompatibilityFormsBecomeAscii() {
        assertThat(TextNormalizer.normalize("ＳＳＮ ５３６－２２－８１７４")).isEqualTo("SSN 536-22-8174");
        assertThat(TextNormalizer.normalize("\uD835\uDC00\uD835\uDC01")).isEqualTo("AB"); // mathematical bold A, B
    }

    @Test
    void lookAlikesAreFoldedOnlyInsideTokensThatAlsoHoldAscii() {
        assertThat(TextNormalizer.normalize("token ghр_y9oj and Ехаmple42")).isEqualTo("token ghp_y9oj and Example42");
        assertThat(TextNormalizer.normalize("\u0261hp_x xo\u0445b\u2010123 \u0578pm_abc \u216Cx1"))
                .isEqualTo("ghp_x xoxb-123 npm_abc Lx1"); // IPA g, Cyrillic x, a Unicode hyphen, Armenian n, Roman L
        // whole words in Cyrillic or Greek stay as written: prose cannot turn into Latin text
        assertThat(TextNormalizer.normalize("рос сор Ακτή")).isEqualTo("рос сор Ακτή");
    }

    @Test
    void japaneseProseOnlyChangesByNfkc() {
        String prose = "本日の会議は１０時からです。よろしくお願いします。";
        assertThat(TextNormalizer.normalize(prose)).isEqualTo("本日の会議は10時からです。よろしくお願いします。");
    }
}
