package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Start-of-match selection, its fallback, and exact parity with the Java engine whichever way starts are found. */
class StartOfMatchTest {

    private static final String EMAIL = "[A-Za-z0-9._%+-]{1,40}@[A-Za-z0-9.-]{1,60}\\.[A-Za-z]{2,18}\\b";
    /** The default pack's database URL: literal-led, variable width, Hyperscan tracks its start. */
    private static final String DATABASE_URL = "\\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql"
            + "|sqlserver|cockroachdb|clickhouse)://[^:/\\s@\"'<>]{0,64}:[^@/\\s\"'<>]{3,128}@[A-Za-z0-9._-]{1,253}";
    /** The default pack's RSA key block: literal-led and variable width, but too large for start-of-match. */
    private static final String KEY_BLOCK =
            "-----BEGIN RSA PRIVATE KEY-----[A-Za-z0-9+/=\\s\\\\:,-]{64,12000}-----END RSA PRIVATE KEY-----";

    static Stream<Arguments> startOfMatchCases() {
        return Stream.of(
                Arguments.of(EMAIL, false),
                Arguments.of("\\bAKIA[A-Z2-7]{16}", false),
                Arguments.of("(?:ghp|gho)_[A-Za-z0-9]{36}", false),
                Arguments.of("\\b[0-9]{9}\\b", false),
                Arguments.of(DATABASE_URL, true),
                // narrower than START_OF_MATCH_MIN_WIDTH: the Java search for the start is short
                Arguments.of("\\bsk-[A-Za-z0-9]{20,40}", false),
                Arguments.of("(?:a|bc)[0-9]{1,3}", false),
                Arguments.of("(?:api|key)[=:][A-Za-z0-9]{20,123}", false),
                Arguments.of("(?:api|key)[=:][A-Za-z0-9]{20,124}", true),
                // wide, but the Java search tries only where an 's' stands
                Arguments.of("\\bsk-[A-Za-z0-9]{20,400}", false),
                Arguments.of(KEY_BLOCK, false));
    }

    @ParameterizedTest
    @MethodSource("startOfMatchCases")
    void startOfMatchGoesToWideVariableWidthPatternsWithoutAFirstByteOrLeadingRunThatHyperscanCanTrack(String pattern, boolean expected)
            throws RuleLoadException {
        assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
        PatternTable.Entry entry = new PatternTable(rules(pattern)).entries().get(0);
        assertThat(HyperscanEngine.wantsStartOfMatch(entry)).as(pattern).isEqualTo(expected);
    }

    @Test
    void patternTooLargeForStartOfMatchUsesEndOnlyHitsWithTheSameFindings() throws Exception {
        assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
        RuleSet rules = rules(KEY_BLOCK);
        String body = "A".repeat(70);
        String begin = "-----BEGIN RSA PRIVATE KEY-----";
        String end = "-----END RSA PRIVATE KEY-----";
        String text = "x " + begin + body + end + " | " + begin + "short" + end + " | " + begin + "\\n" + body + "\n" + end;
        try (HyperscanEngine hs = new HyperscanEngine(rules)) {
            assertThat(hs.startOfMatch(0)).isFalse();
            assertSameFindings(rules, hs, text, 2);
        }
    }

    @Test
    void startsFromHyperscanGiveTheJavaEnginesFindingsAtEverySplit() throws Exception {
        assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
        RuleSet rules = rules(DATABASE_URL);
        String text = "a postgres://app:s3cr3t-pw@db.x.y:5432/app mysql://:pw0@h postgresql://u:longer:pw@h2 "
                + "mysql://mysql://u:abc@host redis://u:p@h rediss://" + "u".repeat(70) + ":abcd@" + "h".repeat(300);
        try (HyperscanEngine hs = new HyperscanEngine(rules)) {
            assertThat(hs.startOfMatch(0)).isTrue();
            assertSameFindings(rules, hs, text, 4);
        }
    }

    @Test
    void leadingRunStartsGiveTheJavaEnginesFindingsAtEverySplit() throws Exception {
        assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
        RuleSet rules = rules(EMAIL);
        String text = "a@b.co x.y+z@sub.mail.example.org,"
                + "q".repeat(55) + "@long.example.net " + "k@k.io@m.de" + " first.last@mail..x.com."
                + " \"to\":\"ann@x.y.z.travel\" a@b.c nob@dy w@" + "d".repeat(70) + ".com";
        try (HyperscanEngine hs = new HyperscanEngine(rules)) {
            assertThat(hs.startOfMatch(0)).isFalse();
            assertThat(hs.rules().rules()).hasSize(1);
            assertSameFindings(rules, hs, text, 5);
        }
    }

    @Test
    void aPatternSearchedAsAPlainRunGivesTheJavaEnginesFindingsAtEverySplit() throws Exception {
        assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
        String base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        RuleSet rules = rules("\\b[5KLc9][1-9A-HJ-NP-Za-km-z]{50,51}\\b");
        StringBuilder text = new StringBuilder("key ");
        java.util.Random random = new java.util.Random(7);
        for (String lead : new String[] {"5", "K", "c", "9", "L", "x"}) {
            for (int length : new int[] {49, 50, 51, 52, 60}) {
                text.append(lead);
                for (int k = 0; k < length; k++) {
                    text.append(base58.charAt(random.nextInt(base58.length())));
                }
                text.append(length == 60 ? "\n_" : " "); // the next lead glued to '_': no boundary
            }
        }
        text.append("glued").append("K".repeat(51)).append(' ').append("c".repeat(200)).append(" 5").append("z".repeat(51));
        try (HyperscanEngine hs = new HyperscanEngine(rules)) {
            assertThat(hs.startOfMatch(0)).isFalse();
            // 5, K, c, 9 and L (not the one glued to '_') with 50 or 51 after them, and 5 + 51 z
            assertSameFindings(rules, hs, text.toString(), 11);
        }
    }

    static RuleSet rules(String pattern) throws RuleLoadException {
        return RuleSet.parse(Map.of("r.yaml", "rules:\n  - id: pii.x\n    category: pii\n    severity: low\n"
                + "    patterns: ['" + pattern.replace("'", "''") + "']\n"));
    }

    /** The Java engine's findings on the whole text, and Hyperscan's with chunk splits everywhere. */
    static void assertSameFindings(RuleSet rules, CompiledRules hs, String text, int atLeast) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        try (CompiledRules java = Engines.compile(rules, EngineKind.JAVA)) {
            List<Finding> expected = scan(java, bytes, bytes.length);
            assertThat(expected).hasSizeGreaterThanOrEqualTo(atLeast);
            for (int chunk = 1; chunk <= bytes.length; chunk += 7) {
                assertThat(scan(hs, bytes, chunk)).as("chunk %d", chunk).isEqualTo(expected);
            }
        }
    }

    private static List<Finding> scan(CompiledRules engine, byte[] bytes, int chunk) {
        try (ScanSession s = engine.open("v")) {
            for (int off = 0; off < bytes.length; off += chunk) {
                ByteBuffer b = ByteBuffer.allocateDirect(Math.min(chunk, bytes.length - off));
                b.put(bytes, off, b.remaining()).flip();
                s.feed(b);
            }
            return s.finish();
        }
    }
}
