package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleLoadTest {

    private static final String VALID = """
            rules:
              - id: pii.x
                category: pii
                severity: high
                patterns: ['\\bx[0-9]{3}\\b']
            """;

    @Test
    void loadsSampleFolderWithDefaultsAndVariables() {
        RuleSet rules = SampleRules.RULES;

        assertThat(rules.rules()).hasSize(10);
        Rule email = rules.rule("pii.email-bulk").orElseThrow();
        assertThat(email.minCount()).isEqualTo(10);
        assertThat(email.redactReplacement()).isEqualTo(Rule.PLACEHOLDER);
        assertThat(rules.rule("financial.iban").orElseThrow().action()).isEqualTo(Action.BLOCK);
        assertThat(rules.rule("pii.us-ssn").orElseThrow().redactReplacement()).isEqualTo(Rule.MASK_LAST4);
        assertThat(rules.rule("source.confidential-header").orElseThrow().patterns())
                .containsExactly("(?:Acme Widgets|acme\\.io)[^\\n]{0,80}(?:confidential|proprietary)");
        assertThat(rules.rule("pii.us-ssn").orElseThrow().line()).isEqualTo(2);
        assertThat(rules.version()).hasSize(16).matches("[0-9a-f]{16}");
    }

    @Test
    void loadsFromClassPathIndex() throws RuleLoadException {
        RuleSet fromClasspath = RuleSet.loadResources(getClass().getClassLoader(), "rules/sample");

        assertThat(fromClasspath.version()).isEqualTo(SampleRules.RULES.version());
    }

    @Test
    void versionIsContentHash() throws RuleLoadException {
        RuleSet a = RuleSet.parse(Map.of("a.yaml", VALID));
        RuleSet b = RuleSet.parse(Map.of("other-name.yaml", VALID + "\n# comment\n"));
        RuleSet c = RuleSet.parse(Map.of("a.yaml", VALID.replace("high", "low")));

        assertThat(a.version()).isEqualTo(b.version()).isNotEqualTo(c.version());
    }

    @Test
    void filterKeepsKeypairPartners() {
        RuleSet only = SampleRules.RULES.filter(r -> r.id().equals("credential.aws-secret-access-key"));

        assertThat(only.rules()).extracting(Rule::id)
                .containsExactly("credential.aws-access-key-id", "credential.aws-secret-access-key");
        assertThat(only.version()).isNotEqualTo(SampleRules.RULES.version());
    }

    @Test
    void emptyVariableDisablesRuleWithNote() throws RuleLoadException {
        RuleSet rules = RuleSet.parse(Map.of("settings.yaml", "settings:\n  company_names: []\n", "r.yaml", """
                rules:
                  - id: src.name
                    category: source-code
                    severity: low
                    patterns: ['${company_names} secret']
                """));

        assertThat(rules.rules()).isEmpty();
        assertThat(rules.notes()).singleElement().asString().contains("rule 'src.name': disabled");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            look-ahead    | "    patterns: ['x(?=[0-9])']"                 | r.yaml:5: rule 'pii.x': patterns[0]: look-around '(?=' is not supported by Hyperscan (expected: no look-around; consume a boundary character, use \\b, or move the condition into a validator)
            back-ref      | "    patterns: ['(a)\\1']"                     | r.yaml:5: rule 'pii.x': patterns[0]: back-reference '\\1' is not supported by Hyperscan (expected: no back-references; use alternatives or a validator such as a separator check)
            unbounded     | "    patterns: ['x[0-9]+']"                     | r.yaml:5: rule 'pii.x': patterns[0]: unbounded repetition (expected: bounded repeats such as {1,64} instead of * or +)
            empty match   | "    patterns: ['x?']"                          | r.yaml:5: rule 'pii.x': patterns[0]: can match the empty string (expected: a pattern that consumes at least one byte)
            bad validator | "    patterns: ['x']\\n    validators: [lunh]" | r.yaml:6: rule 'pii.x': validators[0]: validator: 'lunh' (expected: one of aba, aba-account, api-note, assignment-value, banner-term, base64-credential, bech32, bip39, card-label, card-pieces, closed-header, dea, email-domain, entropy, european-id, form-value, github-crc32, health-record, host-end, iban, intl-id, jwt, keypair, luhn, machine-number, marking, micr, mrz, nacha-entry, national-id, nino, pem, pem-truncated, personal-mailbox, phone-fictional, phone-person-line, public-key, recipient-list, sin, spelled-aba, spelled-ssn, split-card, split-ssn, ssn, ssn-pieces, swift-account, track-data, wif, xprv)
            bad param     | "    patterns: ['x']\\n    validators: [{name: entropy, min: 9}]" | r.yaml:6: rule 'pii.x': validators[0]: min: 9.0 (expected: a number of bits per character in (0, 8])
            unknown key   | "    patterns: ['x']\\n    colour: red"         | r.yaml:6: rule 'pii.x': colour: unknown key (expected: one of action, actions, category, context, description, exclude, flags, history, id, ignore_examples, min_count, name, patterns, published_examples, redact, severity, tests, validators)
            bad min_count | "    patterns: ['x']\\n    min_count: 0"        | r.yaml:6: rule 'pii.x': min_count: '0' (expected: an integer 1..1000000)
            java-invalid  | "    patterns: ['x[']"                          | r.yaml:5: rule 'pii.x': patterns[0]: unclosed character class opened at index 1
            class action  | "    patterns: ['x']\n    actions: { other: stop }" | r.yaml:6: rule 'pii.x': actions.other: 'stop' (expected: one of block, redact, log)
            class name    | "    patterns: ['x']\n    actions: { Other: log }" | r.yaml:6: rule 'pii.x': actions.Other: not a destination class (expected: model-provider, other or a class of your own: a lower-case letter, then up to 31 lower-case letters, digits or '-')
            no classes    | "    patterns: ['x']\n    actions: {}"        | r.yaml:6: rule 'pii.x': actions: an empty mapping (expected: a mapping of destination class to block, redact or log, e.g. {model-provider: log, other: block})
            """)
    void badRuleNamesFileLineRuleAndFix(String name, String tail, String message) {
        String yaml = "rules:\n  - id: pii.x\n    category: pii\n    severity: high\n" + tail.replace("\\n", "\n") + "\n";

        assertThatThrownBy(() -> RuleSet.parse(Map.of("r.yaml", yaml)))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.file()).isEqualTo("r.yaml");
                    assertThat(e.ruleId()).isEqualTo("pii.x");
                    assertThat(e.line()).isPositive();
                });
    }

    @Test
    void aRuleMayActPerDestinationClassAndTheClassesAreInItsVersion() throws RuleLoadException {
        RuleSet perClass = RuleSet.parse(Map.of("r.yaml", VALID + "    action: log\n"
                + "    actions: { model-provider: log, other: block }\n"));
        Rule rule = perClass.rule("pii.x").orElseThrow();

        assertThat(rule.classActions()).containsExactly(Map.entry("model-provider", Action.LOG),
                Map.entry("other", Action.BLOCK));
        assertThat(rule.action("other")).isEqualTo(Action.BLOCK);
        assertThat(rule.action("model-provider")).isEqualTo(Action.LOG);
        assertThat(rule.action("internal-llm")).isEqualTo(Action.LOG);
        assertThat(perClass.version()).isNotEqualTo(RuleSet.parse(Map.of("r.yaml", VALID + "    action: log\n"))
                .version());
    }

    @Test
    void duplicateIdsAndBadIdsAreErrors() {
        assertThatThrownBy(() -> RuleSet.parse(Map.of("a.yaml", VALID, "b.yaml", VALID)))
                .hasMessage("b.yaml:2: rule 'pii.x': id: duplicate (expected: unique ids; first defined at a.yaml:2)");
        assertThatThrownBy(() -> RuleSet.parse(Map.of("a.yaml", VALID.replace("pii.x", "PII X"))))
                .hasMessage("a.yaml:2: id: 'PII X' (expected: lower-case words joined by '.' or '-', e.g. pii.us-ssn)");
        assertThatThrownBy(() -> RuleSet.parse(Map.of("a.yaml", "rules:\n  - id: a\n    id: b\n")))
                .hasMessageStartingWith("a.yaml:3: id: duplicate key");
        assertThatThrownBy(() -> RuleSet.parse(Map.of("a.yaml", VALID + "  - id: y\n    category: pii\n    severity: high\n"
                + "    patterns: ['y']\n    validators: [{name: keypair, with: nope}]\n")))
                .hasMessage("a.yaml:6: rule 'y': validators: keypair.with: 'nope' (expected: the id of another rule in this folder)");
    }

    @Test
    void exceptionListsAllProblems() {
        String yaml = "rules:\n  - id: a\n    category: Pi\n    severity: high\n    patterns: ['(?!x)y']\n";

        assertThatThrownBy(() -> RuleSet.parse(Map.of("a.yaml", yaml)))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void aVariableNoSettingsFileDefinesIsAnErrorNamingFileLineAndSetting() {
        String rule = """
                rules:
                  - id: src.name
                    category: source-code
                    severity: low
                    patterns: ['${company_names} secret']
                  - id: src.host
                    category: source-code
                    severity: low
                    patterns: ['x[0-9]{2}']
                    context: { keywords: ['${internal_domains}'], required: true }
                """;

        assertThatThrownBy(() -> RuleSet.parse(Map.of("source-code.yaml", rule)))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> assertThat(e.problems()).extracting(Object::toString)
                        .containsExactly("source-code.yaml:5: rule 'src.name': patterns[0]: ${company_names}: not set"
                                        + " (expected: settings.company_names in a settings.yaml next to the rule files,"
                                        + " e.g. the one 'sieve rules export' writes)",
                                "source-code.yaml:10: rule 'src.host': context.keywords: ${internal_domains}: not set"
                                        + " (expected: settings.internal_domains in a settings.yaml next to the rule files,"
                                        + " e.g. the one 'sieve rules export' writes)"));
        assertThatThrownBy(() -> RuleSet.parse(Map.of("settings.yaml", "settings:\n  package_prefixes: [com.acme]\n",
                "source-code.yaml", rule))).hasMessageStartingWith("source-code.yaml:5: rule 'src.name': patterns[0]:"
                        + " ${company_names}: not set");
    }

    @Test
    void customCategoriesAreLowerCaseNames() throws RuleLoadException {
        RuleSet rules = RuleSet.parse(Map.of("r.yaml", VALID.replace("category: pii", "category: customer-data")));

        Rule rule = rules.rule("pii.x").orElseThrow();
        assertThat(rule.category().yamlName()).isEqualTo("customer-data");
        assertThat(rule.category()).isEqualTo(Category.of("customer-data")).isNotEqualTo(Category.PII);
        assertThat(Category.of("pii")).isSameAs(Category.PII);
        for (String bad : new String[] {"Confidential", "9lives", "a_b", "x".repeat(33), "-x"}) {
            assertThatThrownBy(() -> RuleSet.parse(Map.of("r.yaml", VALID.replace("category: pii", "category: " + bad))))
                    .as(bad).hasMessage("r.yaml:3: rule 'pii.x': category: '" + bad + "' (expected: pii, financial,"
                            + " credential, source-code or a name of your own: a lower-case letter, then up to 31"
                            + " lower-case letters, digits or '-')");
        }
    }
}
