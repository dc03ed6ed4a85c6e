package dev.sieve.proxy.cli;

import static dev.sieve.proxy.cli.CliRun.run;
import static dev.sieve.proxy.cli.CliRun.sampleRules;
import static dev.sieve.proxy.cli.CliRun.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCommandTest {

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
        CliRun r = run("rules", "test", sampleRules().toString());

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("PASS pii.us-ssn pii.yaml:2 (").contains("PASS credential.jwt credentials.yaml:");
        assertThat(r.out().strip().lines().reduce((a, b) -> b).orElseThrow())
                .matches("rules test: 10 rules, 10 passed, 0 failed \\(engine (hyperscan|java)\\)");
    }

    @Test
    void testReportsAFailingExampleAndExitsOne() throws IOException {
        write(tmp, "demo.yaml", GOOD_RULE.replace("'DEMO-123'", "'DEMO-4321'"));

        CliRun r = run("rules", "test", "--engine", "java", tmp.toString());

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

        CliRun r = run("rules", "lint", tmp.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL pii.lookahead bad.yaml:6: patterns[0]: look-around")
                .contains("rules lint: folder does not load");
    }

    @Test
    void lintListsRulesWithTooFewExamples() throws IOException {
        write(tmp, "demo.yaml", GOOD_RULE.replace("'DEMO-9876 here'", "").replace("['id DEMO-1234', ]", "['id DEMO-1234']"));

        CliRun r = run("rules", "lint", tmp.toString());

        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL pii.demo demo.yaml:2: tests.match: 1 example(s) (expected: at least 2)")
                .endsWith("rules lint: 1 rules, 1 with problems, 1 problem(s)\n");
    }

    @Test
    void lintOnACleanFolderPasses() throws IOException {
        write(tmp, "demo.yaml", GOOD_RULE);

        CliRun r = run("rules", "lint", tmp.toString());

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).isEqualTo("PASS pii.demo demo.yaml:2\nrules lint: 1 rules, 0 with problems, 0 problem(s)\n");
    }

    @Test
    void missingFolderIsALoadFailure() {
        CliRun r = run("rules", "test", tmp.resolve("none").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("cannot read rule folder");
        assertThat(Files.exists(tmp.resolve("none"))).isFalse();
    }
}
