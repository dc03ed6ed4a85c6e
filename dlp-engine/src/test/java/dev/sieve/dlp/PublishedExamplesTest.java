package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * {@code published_examples} and {@code ignore_examples}: a documentation value is a log-level finding marked as an
 * example (default), or a finding like any other when the rule says {@code ignore_examples: false}; excludes never
 * hide it, and other values are unaffected.
 */
class PublishedExamplesTest {

    private static String rules(String ignore) {
        return """
                rules:
                  - id: credential.demo
                    category: credential
                    severity: high
                    action: block
                    patterns: ['\\bDK[A-Z0-9]{16,18}\\b']
                    exclude: [EXAMPLE]
                    published_examples: [DKIOSFODNN7EXAMPLE0]
                """ + ignore;
    }

    private static List<Finding> scan(String yaml, EngineKind kind, String text) throws RuleLoadException {
        try (CompiledRules engine = Engines.compile(RuleSet.parse(Map.of("r.yaml", yaml)), kind)) {
            return engine.scan("v", ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static boolean available(EngineKind kind) {
        return kind == EngineKind.JAVA || Engines.hyperscanAvailable();
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"JAVA", "HYPERSCAN"})
    void byDefaultAnExampleIsALogRecordAndOtherValuesKeepTheirAction(EngineKind kind) throws RuleLoadException {
        org.junit.jupiter.api.Assumptions.assumeTrue(available(kind));
        List<Finding> found = scan(rules(""), kind, "doc DKIOSFODNN7EXAMPLE0 real DK7Q2MZ4XW9T3KRV5LPA other DKABCDEXAMPLE12345");
        assertThat(found).extracting(Finding::action, Finding::example).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Action.LOG, true), org.assertj.core.groups.Tuple.tuple(Action.BLOCK, false));
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"JAVA", "HYPERSCAN"})
    void ignoreExamplesFalseReportsTheExampleWithTheRulesAction(EngineKind kind) throws RuleLoadException {
        org.junit.jupiter.api.Assumptions.assumeTrue(available(kind));
        List<Finding> found = scan(rules("    ignore_examples: false\n"), kind, "doc DKIOSFODNN7EXAMPLE0");
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.action()).isEqualTo(Action.BLOCK);
            assertThat(f.example()).isFalse();
        });
    }

    @Test
    void examplesAreComparedWithoutSpacesHyphensDotsAndCase() {
        assertThat(Rule.compactExample("4242 4242-4242 4242")).isEqualTo("4242424242424242");
        assertThat(Rule.compactExample("GB82 WEST")).isEqualTo("gb82west");
        assertThat(Rule.compactExample("4242.4242.4242.4242")).as("dotted, as the card rules accept").isEqualTo("4242424242424242");
    }

    @Test
    void badValuesAreLoadErrors() {
        assertThatThrownBy(() -> RuleSet.parse(Map.of("r.yaml", rules("    ignore_examples: maybe\n"))))
                .hasMessageContaining("ignore_examples: ").hasMessageContaining("(expected: true or false)");
        assertThatThrownBy(() -> RuleSet.parse(Map.of("r.yaml", rules("").replace("[DKIOSFODNN7EXAMPLE0]", "['- -']"))))
                .hasMessageContaining("published_examples: '- -'");
    }
}
