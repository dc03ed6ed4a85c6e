package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rules whose context keyword is required are searched only around keyword occurrences (Hyperscan looks for the
 * keywords, not for the patterns): the value is still found next to a keyword, no regex search runs without one,
 * and both engines agree at every chunking.
 */
class GatedRuleTest {

    static final String GATED = """
              - id: pii.nine
                category: pii
                severity: high
                patterns: ['\\b[0-9]{9}\\b', '\\b[0-9]{3} [0-9]{3} [0-9]{3}\\b']
                context: {keywords: ['ssn:', 'social security'], window: 24, required: true}
            """;
    static final String RULES = "rules:\n" + GATED + """
              - id: pii.open
                category: pii
                severity: low
                patterns: ['\\bID-[0-9]{4}\\b']
            """;

    /** Overlapping matches ('1{2}' in "111"), a short window and keywords inside other words stress the ranges. */
    static final String OVERLAPPING = """
            rules:
              - id: g.overlap
                category: pii
                severity: low
                patterns: ['1{2}', '1-1', '[0-9]-[0-9]{1,3}']
                context: {keywords: [ab, 'k-'], window: 3, required: true}
            """;

    static final CompiledRules JAVA = Engines.compile(parse(RULES), EngineKind.JAVA);
    static final CompiledRules HYPERSCAN = Engines.hyperscanAvailable()
            ? Engines.compile(parse(RULES), EngineKind.HYPERSCAN) : JAVA;
    /** The gated rule alone: its sessions' search counter counts only that rule's searches. */
    static final CompiledRules GATED_JAVA = Engines.compile(parse("rules:\n" + GATED), EngineKind.JAVA);
    static final CompiledRules GATED_HYPERSCAN = Engines.hyperscanAvailable()
            ? Engines.compile(parse("rules:\n" + GATED), EngineKind.HYPERSCAN) : GATED_JAVA;
    static final CompiledRules OVERLAP_JAVA = Engines.compile(parse(OVERLAPPING), EngineKind.JAVA);
    static final CompiledRules OVERLAP_HYPERSCAN = Engines.hyperscanAvailable()
            ? Engines.compile(parse(OVERLAPPING), EngineKind.HYPERSCAN) : OVERLAP_JAVA;

    /** Engine names, not engines: JUnit closes AutoCloseable arguments after each test. */
    static List<String> engines() {
        return List.of("java", "hyperscan");
    }

    private static CompiledRules engine(String name) {
        return name.equals("java") ? JAVA : HYPERSCAN;
    }

    @ParameterizedTest
    @MethodSource("engines")
    void valueNextToAKeywordIsFound(String name) {
        CompiledRules engine = engine(name);
        String text = "x".repeat(300) + " {\"SSN:\": \"536228174\"} and social security 219 456 780. "
                + "536228175 far away from any keyword " + "y".repeat(200);
        List<Finding> found = engine.scan("v", utf8(text));
        assertThat(found).extracting(Finding::ruleId).containsExactly("pii.nine", "pii.nine");
        assertThat(found.get(0).start()).isEqualTo(text.indexOf("536228174"));
        assertThat(found.get(1).start()).isEqualTo(text.indexOf("219 456 780"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void withoutAKeywordNoRegexSearchRunsForTheGatedRule(String name) {
        CompiledRules engine = name.equals("java") ? GATED_JAVA : GATED_HYPERSCAN;
        String text = "order 536228174, invoice 219 456 780, ssn field. ".repeat(50);
        try (ScanSession session = engine.open("v")) {
            session.feed(utf8(text));
            assertThat(session.finish()).isEmpty();
            assertThat(((AbstractSession) session).core.searches()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aKeywordOpensTheSearchOnlyNearby(String name) {
        CompiledRules engine = name.equals("java") ? GATED_JAVA : GATED_HYPERSCAN;
        String filler = " ".repeat(30);
        String text = ("536228174" + filler).repeat(20) + "ssn: 536228174" + (filler + "536228174").repeat(20);
        try (ScanSession session = engine.open("v")) {
            session.feed(utf8(text));
            assertThat(session.finish()).hasSize(1);
            assertThat(((AbstractSession) session).core.searches()).isBetween(1L, 10L);
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void ungatedRulesStillSeeEverything(String name) {
        CompiledRules engine = engine(name);
        assertThat(engine.scan("v", utf8("ID-1234 and ID-5678"))).extracting(Finding::ruleId)
                .containsExactly("pii.open", "pii.open");
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("1-ab kAB2".toCharArray()).ofMinLength(0).ofMaxLength(60);
    }

    @Property(tries = 300)
    void enginesAgreeAtEveryChunking(@ForAll("texts") String text, @ForAll @IntRange(min = 1, max = 9) int chunk) {
        assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        List<Finding> expected = scan(OVERLAP_JAVA, bytes, bytes.length);
        assertThat(scan(OVERLAP_HYPERSCAN, bytes, bytes.length)).isEqualTo(expected);
        assertThat(scan(OVERLAP_HYPERSCAN, bytes, chunk)).isEqualTo(expected);
        assertThat(scan(OVERLAP_JAVA, bytes, chunk)).isEqualTo(expected);
    }

    @Test
    void overlappingMatchWithoutAKeywordDoesNotHideTheOneWithIt() {
        // "1-1-1": whole-view find() would report "1-1" at 0 (no keyword within 3 bytes) and never look at 2.
        String text = "1-1-1 ab";
        for (CompiledRules engine : List.of(OVERLAP_JAVA, OVERLAP_HYPERSCAN)) {
            assertThat(engine.scan("v", utf8(text))).extracting(Finding::start).containsExactly(2L);
        }
    }

    private static List<Finding> scan(CompiledRules engine, byte[] bytes, int chunk) {
        try (ScanSession s = engine.open("v")) {
            for (int off = 0; off < bytes.length; off += chunk) {
                s.feed(ByteBuffer.wrap(bytes, off, Math.min(chunk, bytes.length - off)));
            }
            return s.finish();
        }
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static RuleSet parse(String yaml) {
        try {
            return RuleSet.parse(Map.of("r.yaml", yaml));
        } catch (RuleLoadException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
