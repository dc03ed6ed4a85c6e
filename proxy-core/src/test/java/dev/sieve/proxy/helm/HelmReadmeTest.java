package dev.sieve.proxy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The chart README's values table is generated from values.yaml ({@link ValuesDoc}) and committed; these tests
 * fail when it is out of date or a value lacks a description. To regenerate it after changing values.yaml:
 *
 * <pre>
 * mvn -B -pl proxy-core -am test -Dtest=HelmReadmeTest -Dsurefire.failIfNoSpecifiedTests=false -Dsieve.helm.writeReadme=true
 * </pre>
 */
class HelmReadmeTest {

    static final String WRITE_PROPERTY = "sieve.helm.writeReadme";
    static final String REGENERATE = "mvn -B -pl proxy-core -am test -Dtest=HelmReadmeTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE_PROPERTY + "=true";

    private static final Path VALUES = HelmChart.dir().resolve("values.yaml");
    private static final Path README = HelmChart.dir().resolve("README.md");

    @Test
    void everyValueHasADescription() throws IOException {
        ValuesDoc doc = ValuesDoc.parse(Files.readString(VALUES, StandardCharsets.UTF_8));

        assertThat(doc.undocumented()).as("values without a `# --` description in values.yaml").isEmpty();
        assertThat(doc.problems()).as("misplaced `# --` comments in values.yaml").isEmpty();
    }

    @Test
    void readmeValuesTableIsUpToDate() throws IOException {
        String values = Files.readString(VALUES, StandardCharsets.UTF_8);
        String committed = Files.isRegularFile(README) ? Files.readString(README, StandardCharsets.UTF_8) : "";
        String expected = ValuesDoc.splice(committed, ValuesDoc.parse(values).table());
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            Files.writeString(README, expected, StandardCharsets.UTF_8);
            committed = expected;
        }

        assertThat(committed).as("helm/sieve/README.md is out of date with values.yaml; regenerate it with: %s",
                REGENERATE).isEqualTo(expected);
    }

    @Test
    void ruleFilesAreToldToAddToThePackNotToCopyIt() throws IOException {
        // Rule files are added to the built-in pack: a copy of the pack repeats its ids, and Sieve refuses to start.
        ValuesDoc doc = ValuesDoc.parse(Files.readString(VALUES, StandardCharsets.UTF_8));
        String files = doc.rows().stream().filter(r -> r.key().equals("rules.files")).findFirst()
                .orElseThrow().description();

        assertThat(files).contains("ADDED to the built-in pack", "config.rules.disable", "config.rules.overrides",
                "config.rules.builtin: false").doesNotContainIgnoringCase("copy the default pack");
    }

    @Test
    void readmeTellsHowToRegenerateAndNamesTheRequiredSecrets() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);

        assertThat(readme).contains(REGENERATE, "sieve-ca", "sieve-admin-token", "sieve-audit-key",
                "docs/deploy.md");
    }
}
