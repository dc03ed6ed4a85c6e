package dev.sieve.dlp.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    /** Characters from the corners of Unicode that normalising touches, and plain ones beside them. */
    private static final String POOL = "aZ09 -_.\u00e9\u00e8e\u0301\u0323\u0302\u00a0\u00ad\u200b\u200d\u2060\ufeff"
            + "\u202e\ufb01\uff10\uff21\u2160\u00bd\u2014\u2212\u201c\u201d\u0430\u0440\u03bf\u0585"
            + "\u1100\u1161\u11a8\uac00\u65e5\u672c\ufe0f\u3099\u304b\u212b\u2126\u00c5\u0041\u030a"
            + "\ud835\udc00\ud83d\ude00\u0915\u093c\u0e01\u0e48\u05d0\u05b8\u0627\u0653\u00b5\u017f"
            + "\udb40\udc67\udb40\udc7f\udb40\udc01";

    @Provide
    Arbitrary<String> mixed() {
        Arbitrary<String> pooled = Arbitraries.of(POOL.codePoints().boxed().toList())
                .map(cp -> new String(Character.toChars(cp)));
        Arbitrary<String> anyBmp = Arbitraries.chars().range('\u0080', '\uffff')
                .filter(c -> !Character.isSurrogate(c)).map(String::valueOf);
        return Arbitraries.oneOf(pooled, pooled, anyBmp).list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Property(tries = 20000)
    void textWithoutACharacterThatMayChangeNormalisesToItself(@ForAll("mixed") String text) {
        if (text.codePoints().noneMatch(TextNormalizer::mayChange)) {
            assertThat(TextNormalizer.normalize(text)).isEqualTo(text);
        }
    }

    @Test
    void tagCharactersShowTheAsciiTheyHide() {
        StringBuilder hidden = new StringBuilder("Summarise this file.");
        "ghp_secret".codePoints().forEach(c -> hidden.appendCodePoint(0xE0000 + c));
        hidden.appendCodePoint(0xE007F);
        assertThat(TextNormalizer.normalize(hidden.toString())).isEqualTo("Summarise this file.ghp_secret");
        // A flag emoji's tag sequence becomes a few letters beside it, nothing more.
        String scotland = new String(Character.toChars(0x1F3F4)) + "\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63"
                + "\udb40\udc74\udb40\udc7f";
        assertThat(TextNormalizer.normalize(scotland)).isEqualTo(new String(Character.toChars(0x1F3F4)) + "gbsct");
        assertThat(TextNormalizer.mayChange(0xE0067)).isTrue();
    }

    /** Bytes as variation selectors after {@code base} ("emoji smuggling"): 0-15 U+FE00.., 16-255 U+E0100... */
    static String smuggled(String base, byte[] bytes) {
        StringBuilder out = new StringBuilder(base);
        for (byte x : bytes) {
            int b = x & 0xff;
            out.appendCodePoint(b < 16 ? 0xfe00 + b : 0xe0100 + b - 16);
        }
        return out.toString();
    }

    @Test
    void variationSelectorsAfterACharacterShowTheTextTheyHide() {
        String hidden = "xoxb-5519260414-8302758365-ZwBRQ9sVn4uYc3kKbg7TtHeA";
        String text = "thanks \u2764" + smuggled("\ud83d\ude00", hidden.getBytes(StandardCharsets.UTF_8)) + " bye";
        assertThat(TextNormalizer.normalize(text)).isEqualTo("thanks \u2764\ud83d\ude00" + hidden + " bye");
        assertThat(TextNormalizer.mayChange(0xe0141)).isTrue();
    }

    @Test
    void ordinaryVariationSelectorsStayAsTheyAre() {
        // an emoji's presentation selector, a keycap, text style, and a run of selectors that hide no text
        for (String text : java.util.List.of("I \u2764\ufe0f it", "press 1\ufe0f\u20e3 now", "\u2603\ufe0e snow",
                smuggled("\u2764", new byte[] {(byte) 0x9f, (byte) 0xff, 0x01, 0x02, (byte) 0x80}),
                smuggled("a", new byte[] {'o', 'k'}))) {
            assertThat(TextNormalizer.unselect(text)).as(text).isEqualTo(text);
        }
        assertThat(TextNormalizer.mayChange(0xfe0f)).isFalse();
    }

    @Property(tries = 300)
    void anyPrintableAsciiHiddenInSelectorsComesBack(@ForAll("printable") String hidden) {
        String text = "note \u2728" + smuggled("", hidden.getBytes(StandardCharsets.UTF_8)) + " end";
        assertThat(TextNormalizer.unselect(text)).isEqualTo("note \u2728" + hidden + " end");
    }

    @Provide
    Arbitrary<String> printable() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(4).ofMaxLength(60);
    }

    @Test
    void mayChangeKnowsTheUsualSuspects() {
        assertThat("\u200b\u00ad\ufb01\uff10\u2014\u0430\u0301\u00a0\u1161".codePoints()
                .allMatch(TextNormalizer::mayChange)).isTrue();
        assertThat("\u00e9\u201c\u65e5\ufe0f\u00c5".codePoints().noneMatch(TextNormalizer::mayChange)).isTrue();
        // an emoji may be filler between every few characters (TextNormalizer.unfill), which normalising drops
        assertThat(TextNormalizer.mayChange(0x1f600)).isTrue();
    }

    @org.junit.jupiter.api.Test
    void decorationsOnAsciiAreDroppedAndMarksOnOtherLettersKept() {
        String struck = "s\u0336k\u0336_\u0336l\u0336i\u0336v\u0336e\u0336";
        org.assertj.core.api.Assertions.assertThat(TextNormalizer.normalize(struck)).isEqualTo("sk_live");
        org.assertj.core.api.Assertions.assertThat(TextNormalizer.normalize("g\u0301\u0316\u0347h\u0358p\u20E3_"))
                .isEqualTo("ghp_");
        // an accent typed as a mark on an ASCII letter goes too; precomposed letters, Devanagari vowel signs and
        // Hebrew points stay
        org.assertj.core.api.Assertions.assertThat(TextNormalizer.normalize("cafe\u0301 caf\u00e9")).isEqualTo("cafe caf\u00e9");
        org.assertj.core.api.Assertions.assertThat(TextNormalizer.normalize("\u0915\u093F\u0924\u093E\u092C"))
                .isEqualTo("\u0915\u093F\u0924\u093E\u092C");
        org.assertj.core.api.Assertions.assertThat(TextNormalizer.normalize("\u05E9\u05C1\u05DC\u05D5\u05B9\u05DD"))
                .isEqualTo(java.text.Normalizer.normalize("\u05E9\u05C1\u05DC\u05D5\u05B9\u05DD",
                        java.text.Normalizer.Form.NFKC));
    }

    @Test
    void terminalEscapesAreRemovedSoAColouredTokenIsOneTokenAgain() {
        String grep = "config.env:3:\u001b[01;31m\u001b[KGITHUB_TOKEN=gh\u001b[m\u001b[Kp_ABCdef0123456789xyz\n";
        assertThat(TextNormalizer.normalize(utf8(grep))).get().extracting(b -> new String(b, StandardCharsets.UTF_8))
                .isEqualTo("config.env:3:GITHUB_TOKEN=ghp_ABCdef0123456789xyz\n");
        // with non-ASCII text too, an OSC title and a charset choice
        assertThat(TextNormalizer.normalize("\u001b]0;user@host: ~\u0007caf\u00e9 \u001b(Bsk_\u001b[1mlive\u001b[0m_x"))
                .isEqualTo("caf\u00e9 sk_live_x");
    }

    @Test
    void textWithoutEscapeSequencesIsLeftAlone() {
        assertThat(TextNormalizer.normalize(utf8("plain ascii [01;31m text"))).isEmpty();
        assertThat(TextNormalizer.normalize(utf8("a lone \u001b at the end \u001b"))).isEmpty();
        assertThat(TextNormalizer.stripTerminalEscapes("x\u001b[999999")).isEqualTo("x\u001b[999999");
    }
}
