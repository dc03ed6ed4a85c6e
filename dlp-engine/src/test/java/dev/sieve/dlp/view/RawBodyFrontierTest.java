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
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/** {@link RawBodyFrontier}: a lower bound, at every prefix, on where {@link Candidates} finds its first candidate. */
class RawBodyFrontierTest {

    /** Pieces dense in what Candidates reads: runs, hex pairs, escapes of every kind, white space, prose. */
    private static final String[] PIECES = {" ", " ", "\n", "\r\n", "\t", "the", "agent", "file", "and", "a", "be",
        "ad", "de", "ef", "0f", "12", "ab:", "cd-", "ef ", "0", "x", "Z", "+", "/", "_", "-", "=", "==", "%", "%4",
        "%41", "%2F", "%zz", "&", "&amp;", "&#65;", "&#x41;", "&lt", "&nbsp;", "=3D", "=\n", "=\r\n", "=ab", "\\",
        "\\u", "\\u0041", "\\n", "aGVsbG8gd29ybGQ", "QUJDREVGR0hJSktMTU5PUA", "0123456789abcdef", "deadbeefcafe",
        "de:ad:be:ef:", "de ad be ef ", "DE-AD-BE-EF-", "internationalization", "ghp_", "sk-ant-", ".", ",", ";",
        "é", "\u200b", "\0", "(x)", "\"q\"", "74:6f:", "6b:65:", "6e:3a:", "74 6f ", "6b 65 ", "6e 20 ",
        "word.word.", "path/to/", "(see)", "74 6f 6b 65 6e 20 73 65 63 72 65 74 ", "g h p _ ", "dGhl ", "c2Vj ",
        "cmV0 ", "IHRv ", "a2Vu ", "dGhlIHNlY3JldCB0b2tlbiBpcyBoZXJl", "dGhl IHNl Y3Jl dCB0 b2tl biBp cyBo ZXJl\n"};

    /** Prose words, so that stretches form and windows are cut. */
    private static final String[] PROSE = {"the ", "agent ", "reads ", "file, ", "and ", "writes ", "report. ",
        "quarterly ", "numbers ", "for ", "(with) ", "\"quotes\" ", "it's ", "\n", "2026 ", "v1.2 "};

    /** Long prose stretches (where windows are cut) and bursts of pieces near them. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> stretch = Arbitraries.of(PROSE).list().ofMinSize(10).ofMaxSize(80)
                .map(l -> String.join("", l));
        Arbitrary<String> burst = Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(12)
                .map(l -> String.join("", l));
        return Arbitraries.oneOf(stretch, burst).list().ofMaxSize(24).map(l -> String.join("", l));
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
        Statistics.label("cut").collect(previous > 0);
        Statistics.label("cut").coverage(c -> c.check(true).percentage(p -> p > 30));
    }

    @Test
    void noCutFallsInsideAStructureThatLooksLikeProse() {
        String after = " and the agent writes its report".repeat(12);
        for (String hidden : List.of("6f 6b 6e 6c 6f 6d 6b 6e 6c 6f 6d ", "6f:6b:6e:6c:6f:6d:6b:6e:6c:6f:6d ")) {
            for (int lead = 40; lead < 140; lead++) {
                String text = "start " + "the ".repeat(lead / 4) + "x".repeat(lead % 4) + " " + hidden + after;
                int at = text.indexOf(hidden);
                assertThat(Candidates.find(text.getBytes(StandardCharsets.US_ASCII), 0, text.length()))
                        .extracting(Candidates.Candidate::start).contains(at);
                assertThat(bound(text)).as("%s after %d", hidden, lead).isLessThanOrEqualTo(at);
            }
        }
    }

    @Test
    void theKindsOfCandidateAreAllReasonedAbout() {
        assertThat(RawBodyFrontier.REASONED).containsExactlyInAnyOrder(Candidates.Kind.values());
    }

    @Test
    void proseIsCleanUpToItsLastBytes() {
        String prose = ("The agent reads a file (notes.txt, 2 KB) and writes a report: it has 12 pages, 2026's"
                + " numbers, v1.2 \"quotes\" and e-mail! \n").repeat(200);
        assertThat(bound(prose)).isGreaterThan(prose.length() - 2L * RawBodyFrontier.SETTLE - 120);
    }

    @Test
    void aTextWithoutWhiteSpaceIsNeverClean() {
        assertThat(bound("word.".repeat(1000))).isZero();
    }

    @Test
    void stopsAtARunAPairSequenceAndAnEscapeCluster() {
        String prose = "the agent reads a file and writes a report of the quarterly numbers for us ".repeat(10);
        for (String hidden : List.of("QUJDREVGR0hJSktMTU5PUA", "74:6f:6b:65:6e:3a:20:73:65:63:72:65:74",
                "a%41b%42%43", "&#116;&#111;&#107;", "\\u0074\\u006f\\u006b")) {
            String text = prose + hidden + " " + prose;
            assertThat(bound(text)).as(hidden).isLessThanOrEqualTo(prose.length()).isGreaterThan(0);
        }
        // One escape alone, then no other within the gap: no cluster.
        String lone = prose + "100%25 done " + prose;
        assertThat(bound(lone)).isGreaterThan(prose.length() + 12L);
    }

    @Test
    void base64InSpacedGroupsAtTheBodysStartBoundsItWhereverTheCutFalls() {
        String prose = " the agent reads a file and writes a report of the numbers".repeat(20);
        for (int groups = 6; groups < 80; groups += 3) {
            String text = "dGhl ".repeat(groups - 1) + "dGhl" + prose;
            assertThat(Candidates.find(text.getBytes(StandardCharsets.US_ASCII), 0, text.length()))
                    .extracting(Candidates.Candidate::start).containsExactly(0);
            assertThat(bound(text)).as("%d groups", groups).isZero();
            String mid = prose + "\n" + "dGhl ".repeat(groups) + "\n" + prose;
            assertThat(Candidates.find(mid.getBytes(StandardCharsets.US_ASCII), 0, mid.length())).as("mid-text").isEmpty();
        }
    }

    @Test
    void groupsWhoseStartAloneWouldNotLookLikeTextAreNotCutThrough() {
        // The whole run of groups looks like text, its first hundred bytes (base64 of binary) do not: a window cut
        // inside the groups would find no candidate in its part, and the frontier would pass the value's start.
        byte[] binary = new byte[60];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 37 + 11);
        }
        String prose = "the agent reads a file and writes a report of the quarterly numbers ".repeat(12);
        byte[] payload = new byte[binary.length + prose.length()];
        System.arraycopy(binary, 0, payload, 0, binary.length);
        System.arraycopy(prose.getBytes(StandardCharsets.US_ASCII), 0, payload, binary.length, prose.length());
        String groups = String.join(" ", java.util.Base64.getEncoder().encodeToString(payload).split("(?<=\\G.{4})"));
        String text = groups + "\n" + prose;
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(Candidates.find(bytes, 0, bytes.length)).extracting(Candidates.Candidate::start).containsExactly(0);
        for (int chunk = 1; chunk <= 64; chunk += 9) {
            RawBodyFrontier frontier = new RawBodyFrontier();
            for (int at = 0; at < bytes.length; at += chunk) { // each feed searches up to its last settled cut
                frontier.feed(java.nio.ByteBuffer.wrap(bytes, at, Math.min(chunk, bytes.length - at)));
                assertThat(frontier.firstCandidateStart()).as("chunks of %d, at %d", chunk, at).isZero();
            }
        }
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
        assertThat(RawBodyFrontier.decodesAsRawView(meta("application/octet-stream"), json)).isFalse();
        assertThat(RawBodyFrontier.decodesAsRawView(meta("image/svg+xml"), json)).isFalse();
        for (byte[] magic : List.of(new byte[] {'%', 'P', 'D', 'F', '-'}, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                new byte[] {0x1f, (byte) 0x8b, 8, 0}, new byte[] {'P', 'K', 3, 4}, new byte[] {0x78, (byte) 0x9c},
                "{\\rtf1 ".getBytes(StandardCharsets.US_ASCII), "<svg>".getBytes(StandardCharsets.US_ASCII))) {
            byte[] body = text.clone();
            System.arraycopy(magic, 0, body, 0, magic.length);
            assertThat(RawBodyFrontier.decodesAsRawView(meta("application/octet-stream"), body)).isFalse();
        }
        assertThat(RawBodyFrontier.decodesAsRawView(new RequestMeta("POST", "/",
                List.of(Map.entry("Content-Encoding", "gzip"))), text)).isFalse();
        assertThat(RawBodyFrontier.decodesAsRawView(meta("text/plain"), " \n ".repeat(100).getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
    }

    @Test
    void aBodyReadThroughATranscodedViewIsNotTheRawView() {
        String words = "plain words ".repeat(50);
        assertThat(RawBodyFrontier.decodesAsRawView(meta("text/plain"),
                words.getBytes(StandardCharsets.UTF_16LE))).isFalse(); // the zero pattern
        assertThat(RawBodyFrontier.decodesAsRawView(meta("application/octet-stream"),
                ("\ufeff" + words).getBytes(StandardCharsets.UTF_16BE))).isFalse(); // a byte order mark
        for (String charset : List.of("utf-16", "IBM037", "utf-32le")) {
            // declared only: the bytes are ASCII, but they are also read in the declared charset
            assertThat(RawBodyFrontier.decodesAsRawView(meta("text/plain; charset=" + charset),
                    words.getBytes(StandardCharsets.US_ASCII))).as(charset).isFalse();
        }
        for (String charset : List.of("utf-8", "iso-8859-1", "windows-1252", "x-unknown")) {
            assertThat(RawBodyFrontier.decodesAsRawView(meta("text/plain; charset=" + charset),
                    words.getBytes(StandardCharsets.US_ASCII))).as(charset).isTrue();
        }
    }

    private static RequestMeta meta(String type) {
        return new RequestMeta("POST", "/", type == null ? List.of() : List.of(Map.entry("Content-Type", type)));
    }
}
