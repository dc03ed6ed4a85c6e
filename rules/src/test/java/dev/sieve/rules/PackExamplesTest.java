package dev.sieve.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.RuleTestResult;
import dev.sieve.dlp.RuleTests;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule's embedded examples, on both engines, one test per rule and engine so that a failure names both. Each
 * engine is compiled once from the whole pack: an example must hold with every other rule present.
 */
class PackExamplesTest {

    private static final RuleSet PACK = DefaultRulePack.load();
    private static final Map<EngineKind, CompiledRules> ENGINES = new EnumMap<>(EngineKind.class);

    static Stream<Arguments> rulesAndEngines() {
        return PACK.rules().stream().flatMap(r -> Stream.of(Arguments.of(r.id(), EngineKind.HYPERSCAN),
                Arguments.of(r.id(), EngineKind.JAVA)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("rulesAndEngines")
    void examplesHold(String ruleId, EngineKind kind) {
        if (kind == EngineKind.HYPERSCAN) {
            assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
        }
        Rule rule = PACK.rule(ruleId).orElseThrow();
        RuleSet one = PACK.filter(r -> r.id().equals(ruleId));
        List<RuleTestResult> results = RuleTests.run(one, engine(kind));
        RuleTestResult result = results.stream().filter(r -> r.ruleId().equals(ruleId)).findFirst().orElseThrow();
        assertThat(result.failures()).as("%s (%s:%d)", ruleId, rule.file(), rule.line()).isEmpty();
        assertThat(result.passed()).isEqualTo(rule.examples().match().size() + rule.examples().noMatch().size());
    }

    private static synchronized CompiledRules engine(EngineKind kind) {
        return ENGINES.computeIfAbsent(kind, k -> Engines.compile(PACK, k));
    }

    @AfterAll
    static synchronized void close() {
        ENGINES.values().forEach(CompiledRules::close);
        ENGINES.clear();
    }
}
