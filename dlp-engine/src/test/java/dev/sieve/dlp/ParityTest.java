package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Hyperscan and the Java engine report identical findings. */
class ParityTest {

    /** Patterns exercising every construct whose semantics could differ between the two regex engines. */
    static final String CONSTRUCTS = """
            rules:
              - {id: c.ws, category: pii, severity: low, patterns: ['a\\sb', 'a\\Sb']}
              - {id: c.dot, category: pii, severity: low, patterns: ['x.y']}
              - {id: c.dotall, category: pii, severity: low, flags: [dotall], patterns: ['x.{0,3}y']}
              - {id: c.anchors, category: pii, severity: low, patterns: ['^a', 'b$', 'c\\z', 'a\\Z']}
              - {id: c.multiline, category: pii, severity: low, flags: [multiline], patterns: ['^b', 'a$']}
              - {id: c.boundary, category: pii, severity: low, patterns: ['\\bab\\b', '\\Ba1', '\\b_\\b']}
              - {id: c.caseless, category: pii, severity: low, flags: [caseless], patterns: ['ab', '\\xC3\\xA9', 'é']}
              - {id: c.inline, category: pii, severity: low, patterns: ['(?i)b(?-i)a', '(?s:y.x)']}
              - {id: c.classes, category: pii, severity: low, patterns: ['[^a-z ]{2}', '\\d{2,3}', '\\w{3}', '\\W\\D']}
              - {id: c.alternation, category: pii, severity: low, patterns: ['a|ab|abc', 'b(?:a|aa){1,3}']}
              - {id: c.repeats, category: pii, severity: low, patterns: ['a{1,3}', 'ab?c?', '1{2}']}
              - {id: c.bytes, category: pii, severity: low, patterns: ['\\x85.', '\\xA0', 'é{1,2}', '[\\x80-\\xff]{2}']}
              - {id: c.braces, category: pii, severity: low, patterns: ['a{,2}', 'x{y']}
              - {id: c.leads, category: pii, severity: low, flags: [multiline], patterns: ['^[ab_]{1,3}-x', '(?:ab|b\\b)y?1']}
            """;

    static final String ALPHABET = "aAbBcxy_1 -\n\r\t\u000b\u0085\u00a0é.{},";

    private static List<Finding> scan(CompiledRules engine, byte[] bytes) {
        return engine.scan("v", ByteBuffer.wrap(bytes));
    }

    @Test
    void sampleRuleExamplesAndCorpusAgree() {
        assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
        CompiledRules java = SampleRules.engine(EngineKind.JAVA);
        CompiledRules hs = SampleRules.engine(EngineKind.HYPERSCAN);
        List<String> inputs = new ArrayList<>(Corpus.bodies());
        int findings = 0;
        for (String input : inputs) {
            byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
            List<Finding> expected = scan(java, bytes);
            assertThat(scan(hs, bytes)).as("input #%d", inputs.indexOf(input)).isEqualTo(expected);
            findings += expected.size();
        }
        assertThat(findings).as("the corpus must exercise findings").isGreaterThan(40);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMinLength(0).ofMaxLength(60);
    }

    @Property(tries = 400)
    void constructsAgreeOnRandomText(@ForAll("texts") String text) throws RuleLoadException {
        assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        List<Finding> java = scan(Constructs.JAVA, bytes);
        assertThat(scan(Constructs.HYPERSCAN, bytes)).isEqualTo(java);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertThat(scan(Constructs.HYPERSCAN, utf8)).isEqualTo(scan(Constructs.JAVA, utf8));
    }

    @Test
    void constructsFindSomethingSoTheParityPropertyIsNotVacuous() {
        List<Finding> found = scan(Constructs.JAVA, "xAy ab a\u000bb é 12 x\ny\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(found).extracting(Finding::ruleId).contains("c.ws", "c.dot", "c.dotall", "c.boundary", "c.caseless",
                "c.classes", "c.repeats");
        assertThat(scan(Constructs.JAVA, "y\nba-x ab1".getBytes(StandardCharsets.ISO_8859_1)))
                .extracting(Finding::ruleId).contains("c.leads");
    }

    static final class Constructs {
        static final RuleSet RULES = load();
        static final CompiledRules JAVA = Engines.compile(RULES, EngineKind.JAVA);
        static final CompiledRules HYPERSCAN = Engines.hyperscanAvailable()
                ? Engines.compile(RULES, EngineKind.HYPERSCAN) : JAVA;

        private static RuleSet load() {
            try {
                return RuleSet.parse(Map.of("constructs.yaml", CONSTRUCTS));
            } catch (RuleLoadException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
