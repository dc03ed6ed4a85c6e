package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RuleTestsAndLintTest {

    static List<EngineKind> kinds() {
        return SampleRules.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everySampleRuleExamplePasses(EngineKind kind) {
        List<RuleTestResult> results = RuleTests.run(SampleRules.RULES, SampleRules.engine(kind));

        assertThat(results).hasSize(SampleRules.RULES.rules().size());
        assertThat(results).allSatisfy(r -> {
            assertThat(r.failures()).as(r.ruleId()).isEmpty();
            assertThat(r.passed()).isGreaterThanOrEqualTo(4);
        });
    }

    @Test
    void failingExamplesAreReportedWithTheirIndex() throws RuleLoadException {
        RuleSet rules = RuleSet.parse(Map.of("r.yaml", """
                rules:
                  - id: t.digits
                    category: pii
                    severity: low
                    patterns: ['\\b[0-9]{4}\\b']
                    tests:
                      match: ['1234', 'abc']
                      no_match: ['12345', '9999']
                """));
        try (CompiledRules engine = Engines.compile(rules, EngineKind.AUTO)) {
            RuleTestResult result = RuleTests.run(rules, engine).get(0);

            assertThat(result.ok()).isFalse();
            assertThat(result.passed()).isEqualTo(2);
            assertThat(result.failures()).containsExactly(
                    "tests.match[1]: no finding (expected: at least one) in 'abc'",
                    "tests.no_match[1]: 1 finding(s) (expected: none) in '9999'");
        }
    }

    @Test
    void sampleFolderLintsClean() {
        assertThat(RuleLint.lint(SampleRules.folder())).isEmpty();
    }

    @Test
    void lintReportsEveryProblem() {
        List<LintProblem> problems = RuleLint.lint(Map.of("r.yaml", """
                rules:
                  - id: a.one
                    category: pii
                    severity: low
                    patterns: ['(?<=id=)[0-9]{4}']
                  - id: a.two
                    category: pii
                    severity: low
                    patterns: ['x[0-9]{2}']
                    validators: [nope]
                  - id: a.three
                    category: pii
                    severity: low
                    patterns: ['y[0-9]{2}']
                    tests: {match: ['y12'], no_match: []}
                """));

        assertThat(problems).extracting(LintProblem::toString).containsExactly(
                "r.yaml:5: rule 'a.one': patterns[0]: look-around '(?<=' is not supported by Hyperscan (expected: no"
                        + " look-around; consume a boundary character, use \\b, or move the condition into a validator)",
                "r.yaml:10: rule 'a.two': validators[0]: validator: 'nope' (expected: one of aba, aba-account, api-note, assignment-value,"
                        + " banner-term, base64-credential, bech32, bip39, card-label, card-pieces, closed-header, dea, email-domain, entropy, european-id, form-value,"
                        + " github-crc32, health-record, host-end, iban, intl-id, jwt, keypair, luhn, machine-number, marking, micr, mrz, nacha-entry, national-id, nino, pem, pem-truncated, personal-mailbox,"
                        + " phone-fictional, phone-person-line, public-key, recipient-list, sin, spelled-aba, spelled-ssn, split-card, split-ssn, ssn, ssn-pieces, swift-account, track-data, wif, xprv)",
                "r.yaml:11: rule 'a.three': tests.match: 1 example(s) (expected: at least 2)",
                "r.yaml:11: rule 'a.three': tests.no_match: 0 example(s) (expected: at least 2, one of them a near miss)");
    }
}
