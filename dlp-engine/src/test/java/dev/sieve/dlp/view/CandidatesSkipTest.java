package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Skipper}, the fast path of {@link Candidates#find}: whatever it skips, the candidates are exactly those the
 * byte-by-byte loop finds, wherever they sit relative to its eight-byte blocks.
 */
class CandidatesSkipTest {

    private static final String PROSE =
            "The agent read the file and found nothing to change in it, then went on. ";

    /** Texts made of prose, code, near misses and encoded pieces, so that every kind of stop meets every offset. */
    private static final String[] PIECES = {" ", "  ", "\n", "\r\n", "\t", "a", "Z", "0", "f", "E", "+", "/", "-", "_",
        "=", "==", "%", "%2", "%2F", "%41", "&", "&amp;", "&#65;", "&#x41;", "\\", "\\u0041", "=3D", "=\r\n", "=\n",
        ":", ".", "ab", "cd:", "0f ", "1e-", "QUJD", "SGVsbG8gd29ybGQh", "aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=",
        "48656c6c6f20776f726c64", "48:65:6c:6c:6f:20:77:6f:72", "48 65 6c 6c 6f 20 77 6f 72 6c", "word", "Hello",
        "\u00e9", "H4sI", "eJ", "ABCDEFGHabcdefgh", "0123456789abcdef", "src/main/java/com/example/Backoff",
        "CompletableFuture", "x = 1;", "the ", "and ", "retries ", "72, ", "101,", "1\n", "[104, ", "ORUGK",
        "IDEMVYG", "0x4F, ", "0x7e,", "a b ", "c ", "   ", "chr(", "104) + ", "\\x41", "\\101", "\\u{41}", "dGhl ",
        "IHNl ", "Y3Jl", "dGhl IHNl Y3Jl dCB0 b2tl biBp cyBo ZXJl", "LCBr ZWVw IGl0 Lg==",
        // big integers of text (decimal, base36) and digit runs around their minimum lengths
        "38241159666814723138887187498453095821944", "1bb7ykvrbn6uey1jb5vzzdupdh4", "64E4451WXXHOYNUJRPYPAVZVP",
        "123456789012345678901234567890", "12345678901234567890123456789"};

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of(PIECES).list().ofMinSize(0).ofMaxSize(60).map(pieces -> String.join("", pieces));
    }

    @Property(tries = 2000)
    void skippingFindsWhatTheLoopFinds(@ForAll("texts") String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertSame(bytes, 0, bytes.length);
        if (bytes.length > 3) {
            assertSame(bytes, 1, bytes.length - 2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=", "48656c6c6f20776f726c6421",
        "48 65 6c 6c 6f 20 77 6f 72", "48:65:6c:6c:6f:20:77:6f:72", "48-65-6c-6c-6f-20-77-6f-72", "a%20b%20c%20d",
        "&#72;&#105;", "\\u0048\\u0069", "=48=65=6C=6C", "ORUGKIDEMVYGY33ZEBVWK6JANFZSA2DFOJSQ====",
        "\\x48\\x69", "\\110\\151", "\\u{48}\\u{69}", "38241159666814723138887187498453095821944",
        "1bb7ykvrbn6uey1jb5vzzdupdh4", "64E4451WXXHOYNUJRPYPAVZVP"})
    void aCandidateIsFoundAtEveryOffsetInProse(String encoded) {
        for (int offset = 0; offset < 40; offset++) {
            String text = PROSE.repeat(2).substring(0, 40 + offset) + " " + encoded + " " + PROSE.repeat(2);
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            List<Candidates.Candidate> found = Candidates.find(bytes, 0, bytes.length);
            assertThat(found).as("%s after %d bytes", encoded, 41 + offset).isNotEmpty()
                    .isEqualTo(Candidates.findByteByByte(bytes, 0, bytes.length));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"executeRecursively", "src/main/java/com/example/computeChecksum", "x = y; a == b",
        "AT&T and Q&A", "100% sure", "C:\\Users\\agent", "SOME_CONSTANT_NAME_HERE", "internationalization",
        "in 2024, 2025 and 2026, 12, 13, 14", "[15339, 1917, 374, 264, 1296, 13, 198, 15339, 1917]",
        "1733494993123456789012345678901234", "k3j5h2g8f7d6s5a4q1w2e3r4t5y6u7i8"})
    void prosesNearMissesAreNoCandidates(String nearMiss) {
        byte[] bytes = (PROSE + nearMiss + " " + PROSE).getBytes(StandardCharsets.US_ASCII);
        assertThat(Candidates.find(bytes, 0, bytes.length)).isEmpty();
        assertThat(Candidates.findByteByByte(bytes, 0, bytes.length)).isEmpty();
    }

    private static void assertSame(byte[] bytes, int from, int to) {
        String ascii = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        List<Candidates.Candidate> expected = Candidates.findByteByByte(bytes, from, to);
        assertThat(Candidates.find(bytes, from, to)).isEqualTo(expected);
        assertThat(Candidates.find(bytes, from, to, ascii)).isEqualTo(expected);
    }
}
