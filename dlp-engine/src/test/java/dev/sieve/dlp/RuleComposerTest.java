package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleComposerTest {

    /** A two-rule stand-in for the built-in pack, with its settings. */
    static final RuleFiles PACK = new RuleFiles(RuleComposer.BUILT_IN_PREFIX, "built-in pack", Map.of(
            "settings.yaml", "settings:\n  company_names: [ExampleCorp]\n",
            "pack.yaml", """
                    rules:
                      - id: credential.demo-key
                        category: credential
                        severity: critical
                        patterns: ['\\bDKEY[0-9]{8}\\b']
                      - id: source-code.company
                        category: source-code
                        severity: medium
                        action: redact
                        patterns: ['${company_names} confidential']
                    """));

    static String rule(String id, String category, String action) {
        return "  - id: " + id + "\n    category: " + category + "\n    severity: high\n    action: " + action + "\n"
                + "    patterns: ['\\b" + id.replace('.', '_').toUpperCase() + "-[0-9]{4}\\b']\n";
    }

    static RuleFiles folder(String... rules) {
        return new RuleFiles("", "/etc/sieve/rules", Map.of("team.yaml", "rules:\n" + String.join("", rules)));
    }

    static Composition compose(Optional<RuleFiles> folder, RuleSelection selection) {
        return RuleComposer.compose(Optional.of(PACK), folder, selection);
    }

    static List<String> ids(Composition c) {
        return c.rules().stream().map(Rule::id).toList();
    }

    @Test
    void aFolderAddsToTheBuiltInPack() throws RuleLoadException {
        Composition c = compose(Optional.of(folder(rule("acme.ticket", "pii", "log"))), RuleSelection.ALL);

        assertThat(c.problems()).isEmpty();
        assertThat(ids(c)).containsExactly("credential.demo-key", "source-code.company", "acme.ticket");
        assertThat(c.summary().builtinRules()).isEqualTo(2);
        assertThat(c.summary().folderRules()).isEqualTo(1);
        assertThat(c.rules().get(0).file()).isEqualTo("built-in/pack.yaml");
        assertThat(c.rules().get(2).file()).isEqualTo("team.yaml");
        assertThat(c.ruleSet().rules()).hasSize(3);
    }

    @Test
    void theBuiltInPackAloneAndTheFolderAlone() {
        assertThat(ids(compose(Optional.empty(), RuleSelection.ALL)))
                .containsExactly("credential.demo-key", "source-code.company");
        Composition only = RuleComposer.compose(Optional.empty(), Optional.of(folder(rule("acme.ticket", "pii",
                "block"))), RuleSelection.ALL);
        assertThat(ids(only)).containsExactly("acme.ticket");
        assertThat(only.summary().builtinRules()).isZero();
    }

    @Test
    void aFolderRuleWithABuiltInIdIsAnErrorNamingBothPlacesAndTheFix() {
        Composition c = compose(Optional.of(folder(rule("acme.ticket", "pii", "log"),
                rule("credential.demo-key", "credential", "log"))), RuleSelection.ALL);

        assertThat(c.problems()).extracting(Object::toString).containsExactly("team.yaml:7: rule 'credential.demo-key':"
                + " id: also a built-in rule (built-in/pack.yaml:2) (expected: a new id; to replace the built-in rule,"
                + " add 'credential.demo-key' to rules.disable; to use only this folder, set rules.builtin: false)");
        assertThatThrownBy(c::ruleSet).isInstanceOf(RuleLoadException.class)
                .hasMessageStartingWith("team.yaml:7: rule 'credential.demo-key': id: also a built-in rule");
    }

    @Test
    void disablingABuiltInIdLetsTheFolderReplaceIt() {
        Composition c = compose(Optional.of(folder(rule("credential.demo-key", "credential", "log"))),
                new RuleSelection(List.of("credential.demo-key"), Map.of(), false));

        assertThat(c.problems()).isEmpty();
        assertThat(ids(c)).containsExactly("source-code.company", "credential.demo-key");
        assertThat(c.rules().get(1).file()).isEqualTo("team.yaml");
        assertThat(c.summary().replaced()).containsExactly("credential.demo-key");
        assertThat(c.summary().disabled()).isEmpty();
    }

    @Test
    void disableSwitchesRulesOffAndRefusesUnknownOrRepeatedIds() {
        Composition c = compose(Optional.empty(), new RuleSelection(List.of("source-code.company"), Map.of(), false));
        Composition typo = compose(Optional.of(folder(rule("acme.ticket", "pii", "log"))),
                new RuleSelection(List.of("credential.demo-kye", "acme.ticket", "acme.ticket"), Map.of(), false));

        assertThat(ids(c)).containsExactly("credential.demo-key");
        assertThat(c.summary().disabled()).containsExactly("source-code.company");
        assertThat(typo.selectionProblems()).extracting(Object::toString).containsExactly(
                "rules.disable[0]: 'credential.demo-kye' (expected: the id of a rule in the built-in pack or"
                        + " /etc/sieve/rules; no rule has this id)",
                "rules.disable[2]: 'acme.ticket' (expected: each id once)");
        assertThat(typo.problems()).first().asString().startsWith("config: rules.disable[0]: 'credential.demo-kye'");
    }

    @Test
    void overridesChangeActionAndSeverityAndSayWhenTheyWeaken() throws RuleLoadException {
        RuleOverride toLog = new RuleOverride(Optional.of(Action.LOG), Optional.empty());
        RuleOverride severityOnly = new RuleOverride(Optional.empty(), Optional.of(Severity.LOW));
        RuleOverride toBlock = new RuleOverride(Optional.of(Action.BLOCK), Optional.empty());
        Composition plain = compose(Optional.empty(), RuleSelection.ALL);
        Composition c = compose(Optional.empty(), new RuleSelection(List.of(), Map.of("credential.demo-key", toLog,
                "source-code.company", toBlock), false));
        Composition lower = compose(Optional.empty(), new RuleSelection(List.of(), Map.of("credential.demo-key",
                severityOnly), false));

        assertThat(c.problems()).isEmpty();
        assertThat(c.ruleSet().rule("credential.demo-key").orElseThrow().action()).isEqualTo(Action.LOG);
        assertThat(c.ruleSet().rule("source-code.company").orElseThrow().action()).isEqualTo(Action.BLOCK);
        assertThat(c.summary().weakened()).containsExactly("credential.demo-key");
        assertThat(c.summary().overridden()).containsOnlyKeys("credential.demo-key", "source-code.company");
        assertThat(c.ruleSet().version()).isNotEqualTo(plain.ruleSet().version());
        assertThat(lower.ruleSet().rule("credential.demo-key").orElseThrow().severity()).isEqualTo(Severity.LOW);
        assertThat(lower.summary().weakened()).isEmpty();
    }

    @Test
    void classActionOverridesMergeAnActionOverrideReplacesThemAndLoweringAnyClassIsAWeakening() throws RuleLoadException {
        RuleOverride logToModels = new RuleOverride(Optional.empty(), Optional.empty(),
                Map.of("model-provider", Action.LOG));
        RuleOverride blockToOthers = new RuleOverride(Optional.empty(), Optional.empty(), Map.of("other", Action.BLOCK));
        Composition c = compose(Optional.empty(), new RuleSelection(List.of(), Map.of("credential.demo-key",
                logToModels, "source-code.company", blockToOthers), false));

        Rule key = c.ruleSet().rule("credential.demo-key").orElseThrow();
        assertThat(key.action("model-provider")).isEqualTo(Action.LOG);
        assertThat(key.action("other")).isEqualTo(Action.BLOCK);
        Rule company = c.ruleSet().rule("source-code.company").orElseThrow();
        assertThat(company.action("other")).isEqualTo(Action.BLOCK);
        assertThat(company.action("model-provider")).isEqualTo(Action.REDACT);
        assertThat(c.summary().weakened()).containsExactly("credential.demo-key");

        RuleOverride toLog = new RuleOverride(Optional.of(Action.LOG), Optional.empty());
        Rule replaced = toLog.applyTo(company);
        assertThat(replaced.classActions()).isEmpty();
        assertThat(replaced.action("other")).isEqualTo(Action.LOG);
    }

    @Test
    void aHistoryOverrideSetsTheRulesHistoryPolicyAndKeepsTheRest() throws RuleLoadException {
        RuleOverride historyBlock = new RuleOverride(Optional.empty(), Optional.empty(), Map.of(),
                Optional.of(Action.BLOCK));
        Composition plain = compose(Optional.empty(), RuleSelection.ALL);
        Composition c = compose(Optional.empty(), new RuleSelection(List.of(), Map.of("credential.demo-key",
                historyBlock), false));

        Rule before = plain.ruleSet().rule("credential.demo-key").orElseThrow();
        Rule key = c.ruleSet().rule("credential.demo-key").orElseThrow();
        assertThat(before.history()).isEmpty();
        assertThat(key.history()).contains(Action.BLOCK);
        assertThat(key.action()).isEqualTo(before.action());
        assertThat(c.ruleSet().version()).isNotEqualTo(plain.ruleSet().version());
        assertThat(new RuleOverride(Optional.of(Action.LOG), Optional.empty()).applyTo(key).history())
                .contains(Action.BLOCK);
    }

    @Test
    void overridesOfUnknownOrDisabledRulesAreRefused() {
        RuleOverride toLog = new RuleOverride(Optional.of(Action.LOG), Optional.empty());
        Composition c = compose(Optional.empty(), new RuleSelection(List.of("source-code.company"),
                Map.of("credential.nope", toLog, "source-code.company", toLog), false));

        assertThat(c.selectionProblems()).extracting(Object::toString).containsExactlyInAnyOrder(
                "rules.overrides.credential.nope: 'credential.nope' (expected: the id of a rule in the built-in pack;"
                        + " no rule has this id)",
                "rules.overrides.source-code.company: 'source-code.company' (expected: a rule that is not in"
                        + " rules.disable)");
    }

    @Test
    void everySettingsFileAddsItsValuesAndFolderRulesUseThePackSettings() throws RuleLoadException {
        RuleFiles team = new RuleFiles("", "/etc/sieve/rules", Map.of(
                "settings.yaml", "settings:\n  company_names: [Acme Widgets]\n",
                "team.yaml", "rules:\n  - id: acme.name\n    category: confidential\n    severity: low\n"
                        + "    patterns: ['${company_names} roadmap']\n"));

        RuleSet rules = compose(Optional.of(team), RuleSelection.ALL).ruleSet();

        assertThat(rules.rule("source-code.company").orElseThrow().patterns())
                .containsExactly("(?:ExampleCorp|Acme Widgets) confidential");
        assertThat(rules.rule("acme.name").orElseThrow().patterns()).containsExactly("(?:ExampleCorp|Acme Widgets) roadmap");
    }

    @Test
    void aFolderAloneMustDefineTheSettingsItsRulesUse() {
        RuleFiles team = new RuleFiles("", "/etc/sieve/rules", Map.of("source-code.yaml",
                "rules:\n  - id: acme.name\n    category: source-code\n    severity: low\n"
                        + "    patterns: ['${company_names} roadmap']\n"));

        assertThat(RuleComposer.compose(Optional.empty(), Optional.of(team), RuleSelection.ALL).problems())
                .extracting(Object::toString).containsExactly("source-code.yaml:5: rule 'acme.name': patterns[0]:"
                        + " ${company_names}: not set (expected: settings.company_names in a settings.yaml next to the"
                        + " rule files, e.g. the one 'sieve rules export' writes)");
        assertThat(compose(Optional.of(team), RuleSelection.ALL).problems()).as("the pack's settings count").isEmpty();
    }

    @Test
    void emptyFoldersAndEmptySetsAreRefusedUnlessAllowed() {
        RuleFiles empty = new RuleFiles("", "/etc/sieve/rules", Map.of());
        RuleSelection allowEmpty = new RuleSelection(List.of(), Map.of(), true);

        assertThat(compose(Optional.of(empty), RuleSelection.ALL).problems()).extracting(Object::toString)
                .containsExactly("/etc/sieve/rules: no rule files (*.yaml, *.yml) (expected: rule files; a folder"
                        + " without any is refused so that a failed mount cannot switch rules off; set"
                        + " rules.allowEmpty: true to accept it)");
        assertThat(compose(Optional.of(empty), allowEmpty).problems()).isEmpty();
        assertThat(RuleComposer.compose(Optional.empty(), Optional.of(empty), allowEmpty).rules()).isEmpty();
        Composition allOff = compose(Optional.empty(), new RuleSelection(List.of("credential.demo-key",
                "source-code.company"), Map.of(), false));
        assertThat(allOff.problems()).extracting(Object::toString).containsExactly("config: no active rules"
                + " (expected: at least one rule; set rules.allowEmpty: true to run without any)");
    }

    @Test
    void aKeypairPartnerMustStayActive() {
        RuleFiles team = folder(rule("acme.id", "credential", "block"), rule("acme.secret", "credential", "block")
                + "    validators: [{name: keypair, with: acme.id}]\n");

        assertThat(compose(Optional.of(team), RuleSelection.ALL).problems()).isEmpty();
        assertThat(compose(Optional.of(team), new RuleSelection(List.of("acme.id"), Map.of(), false)).problems())
                .extracting(Object::toString).containsExactly("team.yaml:7: rule 'acme.secret': validators:"
                        + " keypair.with: 'acme.id' (expected: the id of another active rule; a rule in rules.disable"
                        + " does not count)");
    }

    @Test
    void categoriesAreThoseOfTheActiveRules() {
        Composition c = compose(Optional.of(folder(rule("acme.plan", "confidential", "block"))),
                new RuleSelection(List.of("source-code.company"), Map.of(), false));

        assertThat(c.categories()).extracting(Category::yamlName).containsExactly("confidential", "credential");
    }

    @Test
    void aFolderThatCannotBeReadIsAnError(@TempDir Path dir) throws IOException, RuleLoadException {
        Files.writeString(dir.resolve("good.yaml"), "rules:\n" + rule("acme.ticket", "pii", "log"));
        Files.createSymbolicLink(dir.resolve("gone.yaml"), dir.resolve("nowhere.yaml"));

        assertThatThrownBy(() -> RuleFiles.folder(dir)).isInstanceOf(RuleLoadException.class)
                .hasMessage("gone.yaml: cannot read: a symbolic link to nothing (expected: a readable rule file)");
        assertThatThrownBy(() -> RuleFiles.folder(dir.resolve("missing"))).isInstanceOf(RuleLoadException.class)
                .hasMessage(dir.resolve("missing") + ": cannot read rule folder: NoSuchFileException (expected: a"
                        + " readable directory of *.yaml files)");
        Files.delete(dir.resolve("gone.yaml"));
        assertThat(RuleFiles.folder(dir).files()).containsOnlyKeys("good.yaml");
    }
}
