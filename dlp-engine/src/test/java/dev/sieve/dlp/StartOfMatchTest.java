package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Start-of-match selection, its fallback, and exact parity with the Java engine when hits carry starts. */
class StartOfMatchTest {

    private static final String EMAIL = "[A-Za-z0-9._%+-]{1,40}@[A-Za-z0-9.-]{1,60}\\.[A-Za-z]{2,18}\\b";
    /** Too large for Hyperscan with start-of-match (label-by-label domain). */
    private static final String EMAIL_LABELS =
            "[A-Za-z0-9._%+-]{1,40}@[A-Za-z0-9-]{1,40}(?:\\.[A-Za-z0-9-]{1,40}){0,3}\\.[A-Za-z]{2,18}\\b";

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "[A-Za-z0-9._%+-]{1,40}@x => true",
        "\\b[a-z0-9-]{1,63}\\.corp => true",
        "[a-z]+@ => true",
        "\\w{0,20}= => true",
        ".{2,64}END => true",
        "[A-Z]{2}[0-9]{2} => false",
        "[0-9]{1,9}- => false",
        "\\bAKIA[A-Z2-7]{16} => false",
        "(?:ghp|gho)_[A-Za-z0-9]{36} => false",
        "\\[x]{1,40} => false",
    })
    void onlyPatternsLedByAWideClassRunGetStartOfMatch(String pattern, boolean expected) {
        assertThat(HyperscanEngine.startsWithWideClassRun(pattern)).isEqualTo(expected);
    }

    @Test
    void patternTooLargeForStartOfMatchFallsBackToEndOnlyHitsWithTheSameFindings() throws Exception {
        assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
        RuleSet rules = emailRules(EMAIL_LABELS);
        try (HyperscanEngine hs = new HyperscanEngine(rules)) {
            assertThat(hs.startOfMatch(0)).isFalse();
            assertSameFindings(rules, hs);
        }
    }

    @Test
    void hitsWithStartsGiveTheJavaEnginesFindingsAtEverySplit() throws Exception {
        assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
        RuleSet rules = emailRules(EMAIL);
        try (HyperscanEngine hs = new HyperscanEngine(rules)) {
            assertThat(hs.startOfMatch(0)).isTrue();
            assertSameFindings(rules, hs);
        }
    }

    private static RuleSet emailRules(String pattern) throws RuleLoadException {
        return RuleSet.parse(Map.of("r.yaml", "rules:\n  - id: pii.mail\n    category: pii\n    severity: low\n"
                + "    patterns: ['" + pattern + "']\n"));
    }

    /** Dense, overlapping and over-long local parts, matches back to back, chunk splits everywhere. */
    private static void assertSameFindings(RuleSet rules, CompiledRules hs) {
        String text = "a@b.co x.y+z@sub.mail.example.org,"
                + "q".repeat(55) + "@long.example.net " + "k@k.io@m.de" + " first.last@mail..x.com."
                + " \"to\":\"ann@x.y.z.travel\" a@b.c nob@dy w@" + "d".repeat(70) + ".com";
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        try (CompiledRules java = Engines.compile(rules, EngineKind.JAVA)) {
            List<Finding> expected = scan(java, bytes, bytes.length);
            assertThat(expected).hasSizeGreaterThanOrEqualTo(5);
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
