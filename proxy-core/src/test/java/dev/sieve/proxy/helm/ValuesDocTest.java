package dev.sieve.proxy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.proxy.helm.ValuesDoc.Row;
import org.junit.jupiter.api.Test;

/** The README's values table generator on small values files. */
class ValuesDocTest {

    @Test
    void documentedValuesBecomeRowsInFileOrderWithTypeAndJsonDefault() {
        ValuesDoc doc = ValuesDoc.parse("""
                # Header comment, not a description.

                # -- The image.
                image:
                  # -- Repository.
                  repository: ghcr.io/x
                # -- Replicas.
                replicaCount: 2
                # -- On or off.
                enabled: true
                # -- Ports.
                ports: [443, 8443]
                # -- Ratio.
                ratio: 0.5
                """);

        assertThat(doc.rows()).containsExactly(
                new Row("image", "object", "{\"repository\":\"ghcr.io/x\"}", "The image."),
                new Row("replicaCount", "int", "2", "Replicas."),
                new Row("enabled", "bool", "true", "On or off."),
                new Row("ports", "list", "[443,8443]", "Ports."),
                new Row("ratio", "float", "0.5", "Ratio."));
        // repository's own description is inside the documented mapping image: it documents nothing.
        assertThat(doc.problems()).singleElement().asString().contains("1 `# --` comment(s) document no key");
    }

    @Test
    void undocumentedMappingsAreDescendedAndUndocumentedLeavesReported() {
        ValuesDoc doc = ValuesDoc.parse("""
                # A section comment only.
                service:
                  # -- Service type.
                  type: ClusterIP
                  annotations: {}
                  labels:
                    team: x
                """);

        assertThat(doc.rows()).extracting(Row::key)
                .containsExactly("service.type", "service.annotations", "service.labels.team");
        assertThat(doc.undocumented()).containsExactly("service.annotations", "service.labels.team");
        assertThat(doc.problems()).isEmpty();
    }

    @Test
    void continuationLinesJoinAndIndentedLinesStartANewLine() {
        ValuesDoc doc = ValuesDoc.parse("""
                # -- Where rules come from:
                #   builtin:    the embedded pack.
                #   configMap:  the files below.
                # Applies at start.
                source: builtin
                """);

        assertThat(doc.rows().get(0).description())
                .isEqualTo("Where rules come from:<br>builtin: the embedded pack.<br>configMap: the files below. Applies at start.");
    }

    @Test
    void commentsBeforeTheDescriptionLineAreIgnored() {
        ValuesDoc doc = ValuesDoc.parse("""
                # For readers of values.yaml.
                # -- For the table.
                mode: enforce
                """);

        assertThat(doc.rows().get(0).description()).isEqualTo("For the table.");
        assertThat(doc.problems()).isEmpty();
    }

    @Test
    void aDescriptionSeparatedFromItsKeyOrTwoDescriptionsAreProblems() {
        ValuesDoc detached = ValuesDoc.parse("""
                # -- Lost.

                mode: enforce
                """);
        ValuesDoc twice = ValuesDoc.parse("""
                # -- One.
                # -- Two.
                mode: enforce
                """);

        assertThat(detached.problems()).anyMatch(p -> p.contains("mode: its `# --` description is separated"));
        assertThat(detached.undocumented()).containsExactly("mode");
        assertThat(twice.problems()).anyMatch(p -> p.contains("mode: two `# --` descriptions"));
    }

    @Test
    void markdownIsEscapedOutsideCodeAndPipesEverywhere() {
        assertThat(ValuesDoc.escape("<fullname>-rules, *.example.com, `a|b <c>`, inspect | passthrough"))
                .isEqualTo("&lt;fullname&gt;-rules, \\*.example.com, `a\\|b <c>`, inspect \\| passthrough");
    }

    @Test
    void keysWithDotsAreQuoted() {
        ValuesDoc doc = ValuesDoc.parse("""
                labels:
                  # -- A label.
                  sieve.dev/client: "true"
                """);

        assertThat(doc.rows()).containsExactly(new Row("labels.\"sieve.dev/client\"", "string", "\"true\"", "A label."));
    }

    @Test
    void tableHasOneRowPerValueBetweenTheMarkers() {
        String table = ValuesDoc.parse("# -- Any address, v4 | v6.\ncidr: \"::/0\"\n").table();

        assertThat(table).isEqualTo(ValuesDoc.BEGIN + "\n"
                + "| Key | Type | Default | Description |\n"
                + "|-----|------|---------|-------------|\n"
                + "| `cidr` | string | `\"::/0\"` | Any address, v4 \\| v6. |\n"
                + ValuesDoc.END);
    }

    @Test
    void spliceReplacesOnlyTheTextBetweenTheMarkers() {
        String readme = "# Chart\n\nIntro.\n\n" + ValuesDoc.BEGIN + "\nold\n" + ValuesDoc.END + "\n\nOutro.\n";

        assertThat(ValuesDoc.splice(readme, ValuesDoc.BEGIN + "\nnew\n" + ValuesDoc.END))
                .isEqualTo("# Chart\n\nIntro.\n\n" + ValuesDoc.BEGIN + "\nnew\n" + ValuesDoc.END + "\n\nOutro.\n");
        assertThatThrownBy(() -> ValuesDoc.splice("# Chart\n", "table"))
                .hasMessageContaining("README.md: no values table markers");
    }
}
