package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HyperscanEngineTest {

    @BeforeEach
    void needsHyperscan() {
        assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
    }

    @Test
    void autoPicksHyperscanWhenAvailable() {
        try (CompiledRules auto = Engines.compile(SampleRules.RULES, EngineKind.AUTO)) {
            assertThat(auto.engineName()).isEqualTo("hyperscan");
            assertThat(Engines.hyperscanUnavailableReason()).isEmpty();
        }
    }

    @Test
    void concurrentSessionsShareOneDatabase() throws Exception {
        CompiledRules engine = SampleRules.engine(EngineKind.HYPERSCAN);
        List<String> bodies = Corpus.bodies();
        List<List<Finding>> expected = new ArrayList<>();
        for (String b : bodies) {
            expected.add(engine.scan("v", SampleRules.utf8(b)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < bodies.size(); i++) {
                        if (!engine.scan("v", SampleRules.direct(bodies.get(i))).equals(expected.get(i))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void closingEngineLetsOpenSessionsFinishAndRefusesNewOnes() {
        CompiledRules engine = Engines.compile(SampleRules.RULES, EngineKind.HYPERSCAN);
        ScanSession session = engine.open("v");
        session.feed(SampleRules.utf8("SSN 536-22-8174"));
        engine.close();

        assertThat(session.finish()).hasSize(1);
        session.close();
        assertThatThrownBy(() -> engine.open("v")).isInstanceOf(IllegalStateException.class)
                .hasMessage("engine: closed (expected: open CompiledRules)");
        engine.close();
    }

    @Test
    void patternHyperscanRejectsIsACompileErrorNamingTheRule() throws RuleLoadException {
        RuleSet rules = RuleSet.parse(Map.of("r.yaml", "rules:\n  - id: big\n    category: pii\n    severity: low\n"
                + "    patterns: ['x', 'x^y']\n"));

        assertThatThrownBy(() -> Engines.compile(rules, EngineKind.HYPERSCAN))
                .isInstanceOfSatisfying(RuleCompileException.class, e -> assertThat(e.ruleId()).isEqualTo("big"))
                .hasMessageStartingWith("r.yaml:5: rule 'big': patterns[1]: Hyperscan: Embedded start anchors");
        assertThat(RuleLint.lint(rules)).extracting(LintProblem::message)
                .anySatisfy(m -> assertThat(m).startsWith("patterns[1]: Hyperscan: Embedded start anchors"));
    }
}
