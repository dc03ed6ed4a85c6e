package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link RawBodyFrontier}: a lower bound, at every prefix, on where {@link Candidates} finds its first candidate. */
class RawBodyFrontierTest {

    /** Pieces dense in what Candidates reads: runs, hex pairs, escapes of every kind, white space, prose. */
    private static final String[] PIECES = {" ", " ", "\n", "\r\n", "\t", "the", "agent", "file", "and", "a", "be",
        "ad", "de", "ef", "0f", "12", "ab:", "cd-", "ef ", "0", "x", "Z", "+", "/", "_", "-", "=", "==", "%", "%4",
        "%41", "%2F", "%zz", "&", "&amp;", "&#65;", "&#x41;", "&lt", "&nbsp;", "=3D", "=\n", "=\r\n", "=ab", "\\",
        "\\u", "\\u0041", "\\n", "aGVsbG8gd29ybGQ", "QUJDREVGR0hJSktMTU5PUA", "0123456789abcdef", "deadbeefcafe",
        "de:ad:be:ef:", "de ad be ef ", "DE-AD-BE-EF-", "internationalization", "ghp_", "sk-ant-", ".", ",", ";",
        "é", "\u200b", "\0", "(x)", "\"q\""};

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of(PIECES).list().ofMinSize(0).ofMaxSize(400).map(l -> String.join("", l));
    }

    @Property(tries = 3000)
    void neverPassesTheFirstCandidateOfTheWholeText(@ForAll("texts") String text,
            @ForAll @IntRange(min = 1, max = 64) int chunk) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Candidates.Candidate> all = Candidates.find(bytes, 0, bytes.length);
        long first = all.stream().mapToLong(Candidates.Candidate::start).min().orElse(Long.MAX_VALUE);
        RawBodyFrontier frontier = new RawBodyFrontier();
        long previous = 0;
        for (int at = 0; at < bytes.length; at += chunk) {
            int n = Math.min(chunk, bytes.length - at);
            frontier.feed(ByteBuffer.wrap(bytes, at, n));
            long bound = frontier.firstCandidateStart();
            assertThat(bound).as("at %d of %d", at + n, bytes.length).isLessThanOrEqualTo(first)
                    .isBetween(previous, (long) at + n);
            previous = bound;
        }
    }

    @Test
    void proseIsCleanUpToItsLastBytes() {
        byte[] prose = "the agent reads a file and writes a report of the quarterly numbers for 2026 \n"
                .repeat(200).getBytes(StandardCharsets.US_ASCII);
        RawBodyFrontier frontier = new RawBodyFrontier();
        frontier.feed(ByteBuffer.wrap(prose));
        assertThat(frontier.firstCandidateStart()).isGreaterThan(prose.length - 16L);
    }

    @Test
    void aTextWithoutWhiteSpaceIsNeverClean() {
        RawBodyFrontier frontier = new RawBodyFrontier();
        frontier.feed(ByteBuffer.wrap("word.".repeat(1000).getBytes(StandardCharsets.US_ASCII)));
        assertThat(frontier.firstCandidateStart()).isZero();
    }

    @Test
    void stopsAtARunAPairSequenceAndAnEscapeCluster() {
        assertThat(bound("some words QUJDREVGR0hJSktMTU5PUA and more words after it ")).isEqualTo(11);
        assertThat(bound("some words de:ad:be:ef:01:02:03:04 and more words after it ")).isEqualTo(11);
        assertThat(bound("some words a%41b%42 and more words after it and then some more ")).isEqualTo(11);
        // One escape alone, then no other within the gap: no cluster.
        String lone = "some words 100%25 done " + "and more words ".repeat(20);
        assertThat(bound(lone)).isGreaterThan(lone.length() - 16L);
    }

    private static long bound(String text) {
        RawBodyFrontier frontier = new RawBodyFrontier();
        frontier.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
        return frontier.firstCandidateStart();
    }

    @Test
    void decidesTheRawViewFromTheFirstBytes() {
        byte[] text = "plain words ".repeat(50).getBytes(StandardCharsets.US_ASCII);
        assertThat(RawBodyFrontier.decodesAsRawView(meta("text/plain"), text)).isTrue();
        assertThat(RawBodyFrontier.decodesAsRawView(meta(null), text)).isTrue();
        assertThat(RawBodyFrontier.decodesAsRawView(meta("application/octet-stream"), text)).isTrue();
        assertThat(RawBodyFrontier.decodesAsRawView(meta("application/json"), text)).isFalse();
        assertThat(RawBodyFrontier.decodesAsRawView(meta("multipart/form-data; boundary=x"), text)).isFalse();
        assertThat(RawBodyFrontier.decodesAsRawView(meta("application/x-www-form-urlencoded"), text)).isFalse();
        assertThat(RawBodyFrontier.decodesAsRawView(meta("application/pdf"), text)).isFalse();
        byte[] json = (" \n{" + "\"a\":1,".repeat(100)).getBytes(StandardCharsets.US_ASCII);
        assertThat(RawBodyFrontier.decodesAsRawView(meta("text/plain"), json)).isFalse();
        assertThat(RawBodyFrontier.decodesAsRawView(meta("application/octet-stream"), json)).isTrue();
        for (byte[] magic : List.of(new byte[] {'%', 'P', 'D', 'F', '-'}, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                new byte[] {0x1f, (byte) 0x8b, 8, 0}, new byte[] {'P', 'K', 3, 4}, new byte[] {0x78, (byte) 0x9c})) {
            byte[] body = text.clone();
            System.arraycopy(magic, 0, body, 0, magic.length);
            assertThat(RawBodyFrontier.decodesAsRawView(meta("application/octet-stream"), body)).isFalse();
        }
        assertThat(RawBodyFrontier.decodesAsRawView(new RequestMeta("POST", "/",
                List.of(Map.entry("Content-Encoding", "gzip"))), text)).isFalse();
        assertThat(RawBodyFrontier.decodesAsRawView(meta("text/plain"), " \n ".repeat(100).getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
    }

    private static RequestMeta meta(String type) {
        return new RequestMeta("POST", "/", type == null ? List.of() : List.of(Map.entry("Content-Type", type)));
    }
}
