package dev.sieve.proxy.cli;

import static dev.sieve.proxy.cli.CliRun.run;
import static dev.sieve.proxy.cli.CliRun.sampleRules;
import static dev.sieve.proxy.cli.CliRun.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.rules.DefaultRulePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCommandTest {

    static final int PACK_SIZE = DefaultRulePack.load().rules().size();

    @TempDir
    Path tmp;

    private static final String GOOD_RULE = """
            rules:
              - id: pii.demo
                category: pii
                severity: high
                patterns:
                  - '\\bDEMO-[0-9]{4}\\b'
                tests:
                  match: ['id DEMO-1234', 'DEMO-9876 here']
                  no_match: ['DEMO-123', 'XDEMO-1234']
            """;

    @Test
    void testOnTheSampleFolderPasses() {
        CliRun r = run("rules", "test", "--no-builtin", sampleRules().toString());

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).startsWith("active rules: " + sampleRules() + " (10 rules)\n");
        assertThat(r.out()).contains("PASS pii.us-ssn pii.yaml:2 (").contains("PASS credential.jwt credentials.yaml:");
        assertThat(r.out().strip().lines().reduce((a, b) -> b).orElseThrow())
                .matches("rules test: 10 rules, 10 passed, 0 failed \\(engine (hyperscan|java)\\)");
    }

    @Test
    void testReportsAFailingExampleAndExitsOne() throws IOException {
        write(tmp, "demo.yaml", GOOD_RULE.replace("'DEMO-123'", "'DEMO-4321'"));

        CliRun r = run("rules", "test", "--no-builtin", "--engine", "java", tmp.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL pii.demo demo.yaml:2: tests.no_match[0]: 1 finding(s) (expected: none)")
                .endsWith("rules test: 1 rules, 0 passed, 1 failed (engine java)\n");
    }

    @Test
    void lintOnABadFolderNamesFileAndLineAndExitsNonZero() throws IOException {
        write(tmp, "good.yaml", GOOD_RULE);
        write(tmp, "bad.yaml", """
                rules:
                  - id: pii.lookahead
                    category: pii
                    severity: high
                    patterns:
                      - 'id(?=[0-9]{4})'
                """);

        CliRun r = run("rules", "lint", "--no-builtin", tmp.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL pii.lookahead bad.yaml:6: patterns[0]: look-around")
                .contains("PASS pii.demo good.yaml:2").endsWith("rules lint: 1 rules, 1 with problems, 1 problem(s)\n");
    }

    @Test
    void lintListsRulesWithTooFewExamples() throws IOException {
        write(tmp, "demo.yaml", GOOD_RULE.replace("'DEMO-9876 here'", "").replace("['id DEMO-1234', ]", "['id DEMO-1234']"));

        CliRun r = run("rules", "lint", "--no-builtin", tmp.toString());

        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL pii.demo demo.yaml:2: tests.match: 1 example(s) (expected: at least 2)")
                .endsWith("rules lint: 1 rules, 1 with problems, 1 problem(s)\n");
    }

    @Test
    void lintOnACleanFolderPasses() throws IOException {
        write(tmp, "demo.yaml", GOOD_RULE);

        CliRun r = run("rules", "lint", "--no-builtin", tmp.toString());

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).isEqualTo("active rules: " + tmp + " (1 rules)\nPASS pii.demo demo.yaml:2\n"
                + "rules lint: 1 rules, 0 with problems, 0 problem(s)\n");
    }

    @Test
    void missingFolderIsALoadFailure() {
        CliRun r = run("rules", "test", tmp.resolve("none").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("cannot read rule folder");
        assertThat(Files.exists(tmp.resolve("none"))).isFalse();
    }

    @Test
    void aFolderIsCheckedTogetherWithTheBuiltInPack() throws IOException {
        write(tmp, "demo.yaml", GOOD_RULE);

        CliRun test = run("rules", "test", "--engine", "java", tmp.toString());
        CliRun lint = run("rules", "lint", tmp.toString());

        assertThat(test.exit()).as(test.out()).isZero();
        assertThat(test.out()).startsWith("active rules: built-in pack (" + PACK_SIZE + " rules) + " + tmp + " (1 rules)\n")
                .contains("PASS pii.demo demo.yaml:2 (4 examples)")
                .contains("PASS credential.aws-access-key-id built-in/credentials-cloud.yaml:")
                .endsWith("rules test: " + (PACK_SIZE + 1) + " rules, " + (PACK_SIZE + 1) + " passed, 0 failed (engine java)\n");
        assertThat(lint.exit()).as(lint.out()).isZero();
        assertThat(lint.out()).endsWith("rules lint: " + (PACK_SIZE + 1) + " rules, 0 with problems, 0 problem(s)\n");
    }

    @Test
    void aFolderRuleWithABuiltInIdFailsNamingBothPlacesAndTheFix() throws IOException {
        write(tmp, "ssn.yaml", GOOD_RULE.replace("pii.demo", "pii.us-ssn"));

        CliRun r = run("rules", "lint", tmp.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL pii.us-ssn ssn.yaml:2: id: also a built-in rule (built-in/pii.yaml:")
                .contains("add 'pii.us-ssn' to rules.disable; to use only this folder, set rules.builtin: false)");
    }

    @Test
    void testAndLintUseTheConfigsSelectionLikeTheProxy() throws IOException {
        write(tmp, "rules/demo.yaml", GOOD_RULE);
        Path config = write(tmp, "sieve.yaml", """
                rules:
                  dir: rules
                  disable: [pii.email-bulk]
                  overrides:
                    pii.demo: { action: log }
                    credential.github-pat: { severity: low }
                """);

        CliRun lint = run("rules", "lint", "--config", config.toString());
        CliRun test = run("rules", "test", "--engine", "java", "-c", config.toString());

        assertThat(lint.exit()).as(lint.out()).isZero();
        assertThat(lint.out().lines().findFirst().orElseThrow()).isEqualTo("active rules: built-in pack ("
                + (PACK_SIZE - 1) + " rules) + " + tmp.resolve("rules") + " (1 rules); disabled: pii.email-bulk;"
                + " overrides: pii.demo (action log, lowers its action), credential.github-pat (severity low)");
        assertThat(lint.out()).contains("PASS pii.demo demo.yaml:2")
                .doesNotContain("pii.email-bulk ");
        assertThat(test.out()).startsWith(lint.out().lines().findFirst().orElseThrow())
                .endsWith("rules test: " + PACK_SIZE + " rules, " + PACK_SIZE + " passed, 0 failed (engine java)\n");
    }

    @Test
    void anUnknownIdInRulesDisableIsAConfigErrorNamingIt() throws IOException {
        Path config = write(tmp, "sieve.yaml", "rules:\n  disable: [pii.us-sn]\n");

        CliRun r = run("rules", "lint", "--config", config.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("sieve: " + config + ":2: rules.disable[0]: \"pii.us-sn\" (expected: the id of"
                + " a rule in the built-in pack; no rule has this id)\n");
    }

    @Test
    void aPackFileCopiedWithoutItsSettingsFailsNamingFileLineAndSetting() throws IOException {
        java.nio.file.Files.write(tmp.resolve("source-code.yaml"), DefaultRulePack.bytes("source-code.yaml"));

        CliRun lint = run("rules", "lint", "--no-builtin", tmp.toString());
        CliRun test = run("rules", "test", "--no-builtin", tmp.toString());

        assertThat(lint.exit()).isEqualTo(1);
        assertThat(lint.out()).containsPattern("FAIL source-code\\.[a-z-]+ source-code\\.yaml:[0-9]+: patterns\\[0\\]:"
                + " \\$\\{company_names\\}: not set \\(expected: settings\\.company_names in a settings\\.yaml");
        assertThat(test.exit()).isEqualTo(1);
        assertThat(test.out()).contains("${company_names}: not set").contains("rules test: the rules do not load");
    }

    @Test
    void lintAndTestPrintEveryLoaderNote() throws IOException {
        write(tmp, "settings.yaml", "settings:\n  company_names: []\n");
        write(tmp, "demo.yaml", GOOD_RULE + """
                  - id: source-code.company
                    category: source-code
                    severity: low
                    patterns: ['${company_names} confidential']
                """);

        CliRun lint = run("rules", "lint", "--no-builtin", tmp.toString());
        CliRun test = run("rules", "test", "--no-builtin", tmp.toString());

        String note = "NOTE demo.yaml:10: rule 'source-code.company': disabled: a ${variable} it uses is empty in"
                + " settings.yaml\n";
        assertThat(lint.out()).contains(note);
        assertThat(test.out()).contains(note);
    }

    @Test
    void exportWritesThePackAsShippedAndRefusesToOverwrite() throws IOException {
        Path out = tmp.resolve("my-pack");

        CliRun first = run("rules", "export", out.toString());

        assertThat(first.exit()).as(first.err()).isZero();
        for (String name : DefaultRulePack.fileNames()) {
            assertThat(java.nio.file.Files.readAllBytes(out.resolve(name))).as(name).isEqualTo(DefaultRulePack.bytes(name));
            assertThat(first.out()).contains("wrote " + out.resolve(name) + "\n");
        }
        assertThat(DefaultRulePack.fileNames()).contains("settings.yaml", "pii.yaml");

        java.nio.file.Files.writeString(out.resolve("pii.yaml"), "# edited\n");
        CliRun again = run("rules", "export", out.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).startsWith("sieve rules export: " + DefaultRulePack.fileNames().size()
                + " file(s) already exist, nothing written: ").contains("--force");
        assertThat(java.nio.file.Files.readString(out.resolve("pii.yaml"))).isEqualTo("# edited\n");

        CliRun forced = run("rules", "export", "--force", out.toString());
        assertThat(forced.exit()).isZero();
        assertThat(java.nio.file.Files.readAllBytes(out.resolve("pii.yaml"))).isEqualTo(DefaultRulePack.bytes("pii.yaml"));
    }

    @Test
    void anExportedPackAloneIsTheBuiltInPack() throws IOException {
        Path out = tmp.resolve("my-pack");
        assertThat(run("rules", "export", out.toString()).exit()).isZero();

        CliRun alone = run("rules", "test", "--engine", "java", "--no-builtin", out.toString());
        CliRun added = run("rules", "lint", out.toString());

        assertThat(alone.exit()).as(alone.out()).isZero();
        assertThat(alone.out()).endsWith("rules test: " + PACK_SIZE + " rules, " + PACK_SIZE + " passed, 0 failed"
                + " (engine java)\n");
        assertThat(added.exit()).as("the same ids twice: the hint says what to do").isEqualTo(1);
        assertThat(added.out()).contains("to use only this folder, set rules.builtin: false");
    }
}
