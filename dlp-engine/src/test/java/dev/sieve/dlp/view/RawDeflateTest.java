package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * {@link RawDeflate}: every raw DEFLATE stream of text an encoder writes passes (stored, fixed and dynamic blocks, every
 * level and strategy), and random bytes, what a hash or an id decodes to, rarely do; the base64 pre-test in
 * {@link Candidates} reads the same header from the encoded characters.
 */
class RawDeflateTest {

    static byte[] rawDeflate(byte[] input, int level, int strategy) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setStrategy(strategy);
            deflater.setInput(input);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Text of every kind an agent sends: prose, config lines, code, non-ASCII letters, repeats. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("the agent read the file ", "GITHUB_TOKEN=", "password: ", "\n", "\t", "{\"a\":1}",
                        "def main():\n    return 0\n", "caf\u00e9 ", "\u65e5\u672c ", "aaaaaaaaaaaa", "0123456789"),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(40));
        return piece.list().ofMinSize(1).ofMaxSize(120).map(l -> String.join("", l));
    }

    @org.junit.jupiter.api.Test
    void aStreamWithTooLittleTextOrInputLeftBehindIsNotText() throws Exception {
        byte[] shortText = rawDeflate("X".getBytes(StandardCharsets.UTF_8), 6, Deflater.DEFAULT_STRATEGY);
        byte[] padded = java.util.Arrays.copyOf(shortText, 20); // a stream of one letter, then zeros
        assertThat(RawDeflate.startsText(padded)).isFalse();
        byte[] text = rawDeflate("the deploy key is in the vault".getBytes(StandardCharsets.UTF_8), 6,
                Deflater.DEFAULT_STRATEGY);
        assertThat(RawDeflate.startsText(text)).isTrue();
        byte[] trailing = java.util.Arrays.copyOf(text, text.length + 8); // the stream, then bytes of something else
        assertThat(RawDeflate.startsText(trailing)).isFalse();
    }

    @Property(tries = 1500)
    void everyEncodersStreamOfTextPasses(@ForAll("texts") String text, @ForAll @IntRange(min = 0, max = 9) int level,
            @ForAll @IntRange(min = 0, max = 2) int strategy) {
        byte[] stream = rawDeflate(text.getBytes(StandardCharsets.UTF_8), level,
                strategy == 0 ? Deflater.DEFAULT_STRATEGY : strategy == 1 ? Deflater.FILTERED : Deflater.HUFFMAN_ONLY);
        Statistics.label("block").collect(switch ((stream[0] >> 1) & 3) {
            case 0 -> "stored";
            case 1 -> "fixed";
            default -> "dynamic";
        });
        Statistics.label("block").coverage(c -> {
            c.check("fixed").percentage(p -> p > 10);
            c.check("dynamic").percentage(p -> p > 10);
            c.check("stored").count(n -> n > 10);
        });
        if (stream.length < RawDeflate.MIN_BYTES) {
            assertThat(RawDeflate.mayBe(stream)).as("too short to be worth it").isFalse();
            return;
        }
        assertThat(RawDeflate.mayBe(stream)).isTrue();
        assertThat(RawDeflate.startsText(stream)).as("its first bytes inflate to text").isTrue();
        assertThat(RawDeflate.firstBytesMayStart(stream[0] & 0xff, stream[1] & 0xff)).isTrue();
        byte[] b64 = Base64.getEncoder().encode(stream);
        String chars = new String(b64, StandardCharsets.US_ASCII);
        boolean mixed = chars.chars().anyMatch(Character::isUpperCase) && chars.chars().anyMatch(Character::isLowerCase)
                && chars.chars().anyMatch(Character::isDigit);
        Statistics.label("base64 with upper, lower and digit").collect(mixed);
        // Without one of the three classes (2 % of random runs of 22 characters; more for short, repetitive input)
        // the run is not read: paths, identifiers and digests are not worth a header test.
        assertThat(Candidates.base64MayBeRawDeflate(b64, 0, b64.length, b64.length)).as("read from base64")
                .isEqualTo(mixed);
    }

    @Test
    void randomBytesRarelyPass() {
        SplittableRandom random = new SplittableRandom(11);
        int passed = 0;
        int tries = 50_000;
        for (int k = 0; k < tries; k++) {
            byte[] b = new byte[16 + random.nextInt(48)];
            random.nextBytes(b);
            passed += RawDeflate.mayBe(b) ? 1 : 0;
        }
        assertThat((double) passed / tries).isLessThan(0.005);
    }

    @Property(tries = 20_000)
    void theQuickTestOfTwoBytesNeverRefusesWhatTheWholeTestTakes(@ForAll byte[] head) {
        if (head.length >= 2 && RawDeflate.mayStartWith(head, head.length)) {
            assertThat(RawDeflate.firstBytesMayStart(head[0] & 0xff, head[1] & 0xff)).isTrue();
        }
    }

    @Test
    void whatAnInflaterRefusesOrWhatIsNoTextFails() {
        byte[] good = rawDeflate("API_KEY=abcdefghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.US_ASCII), 6,
                Deflater.DEFAULT_STRATEGY);
        assertThat(RawDeflate.mayBe(good)).isTrue();

        byte[] reserved = good.clone();
        reserved[0] |= 0b110; // block type 3
        assertThat(RawDeflate.mayBe(reserved)).isFalse();

        byte[] stored = rawDeflate(good, 0, Deflater.DEFAULT_STRATEGY);
        assertThat(RawDeflate.mayBe(stored)).isTrue();
        byte[] badLength = stored.clone();
        badLength[3] ^= 1; // NLEN no longer LEN's complement
        assertThat(RawDeflate.mayBe(badLength)).isFalse();

        byte[] controls = rawDeflate(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
            15, 16, 17, 18, 19, 20}, 6, Deflater.DEFAULT_STRATEGY);
        assertThat((controls[0] >> 1) & 3).as("a fixed block").isEqualTo(1);
        assertThat(RawDeflate.mayBe(controls)).as("control bytes are no text").isFalse();
        byte[] later = rawDeflate(("header line of text, then binary: " + "\u0001\u0002\u0003\u0004".repeat(40))
                .getBytes(StandardCharsets.US_ASCII), 6, Deflater.DEFAULT_STRATEGY);
        assertThat(RawDeflate.mayBe(later)).as("the header starts as text").isTrue();
        assertThat(RawDeflate.startsText(later)).as("but what it inflates to is not").isFalse();

        assertThat(RawDeflate.mayBe(java.util.Arrays.copyOf(good, RawDeflate.MIN_BYTES - 1))).isFalse();
    }
}
