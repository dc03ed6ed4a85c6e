package dev.sieve.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleSet;
import dev.sieve.rules.DefaultRulePack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed evaluation corpus ({@code src/test/eval}) is exactly what {@link EvalCorpus} generates, and covers
 * what it promises. To change the corpus, change the generator and rewrite the files:
 * {@code mvn -B -o -pl rules -am test -Dtest=EvalCorpusTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsieve.eval.regenerate=true}.
 */
class EvalCorpusTest {

    static final Path COMMITTED = Path.of("src", "test", "eval");
    private static final String REGENERATE = "mvn -B -o -pl rules -am test -Dtest=EvalCorpusTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dsieve.eval.regenerate=true";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RuleSet pack;
    private static Map<String, byte[]> generated;
    private static List<JsonNode> manifest;

    @BeforeAll
    static void generate() throws IOException {
        pack = DefaultRulePack.load();
        generated = EvalCorpus.render(pack);
        manifest = new ArrayList<>();
        for (String line : new String(generated.get(CorpusWriter.MANIFEST), StandardCharsets.UTF_8).split("\n")) {
            manifest.add(JSON.readTree(line));
        }
        if (Boolean.getBoolean("sieve.eval.regenerate")) {
            CorpusWriter.write(COMMITTED, generated);
        }
    }

    @Test
    void theCommittedCorpusIsWhatTheGeneratorMakes() throws IOException {
        Set<String> committed;
        try (Stream<Path> walk = Files.walk(COMMITTED)) {
            committed = walk.filter(Files::isRegularFile).map(p -> COMMITTED.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("README.md") && !p.equals(".gitattributes")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(committed).as("files under %s (regenerate: %s)", COMMITTED, REGENERATE)
                .containsExactlyInAnyOrderElementsOf(generated.keySet());
        for (Map.Entry<String, byte[]> f : generated.entrySet()) {
            assertThat(Arrays.equals(Files.readAllBytes(COMMITTED.resolve(f.getKey())), f.getValue()))
                    .as("%s differs from the generator's output (regenerate: %s)", f.getKey(), REGENERATE).isTrue();
        }
    }

    @Test
    void generatingTwiceGivesTheSameBytes() {
        Map<String, byte[]> again = EvalCorpus.render(pack);
        assertThat(again.keySet()).containsExactlyElementsOf(generated.keySet());
        again.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(generated.get(name)));
    }

    @Test
    void coversEveryRuleEveryCategoryAndEnoughNegatives() {
        assertThat(manifest).hasSizeGreaterThanOrEqualTo(1500);
        Map<String, Integer> perRule = new HashMap<>();
        Set<String> categories = new TreeSet<>();
        int negatives = 0;
        for (JsonNode c : manifest) {
            JsonNode expect = c.get("expect");
            expect.path("rules").forEach(r -> perRule.merge(r.asText(), 1, Integer::sum));
            expect.path("categories").forEach(x -> categories.add(x.asText()));
            expect.path("rules").forEach(r -> categories.add(pack.rule(r.asText()).orElseThrow().category().yamlName()));
            if (!expect.has("rules") && !expect.has("categories")) {
                negatives++;
                // log: a published example value, reported as a log-level example finding, not a detection
                assertThat(expect.get("outcome").asText()).as(c.get("id").asText()).isIn("allow", "log");
            }
        }
        for (Rule rule : pack.rules()) {
            assertThat(perRule.getOrDefault(rule.id(), 0)).as("cases expecting %s (add a generator to Values.RULES "
                    + "for a new rule, then regenerate: %s)", rule.id(), REGENERATE).isGreaterThanOrEqualTo(4);
        }
        assertThat(categories).containsExactlyInAnyOrderElementsOf(
                pack.rules().stream().map(r -> r.category().yamlName()).distinct().toList());
        assertThat(negatives).isGreaterThanOrEqualTo(350);
    }

    @Test
    void everyCaseIsTaggedByFamilyContainerAndEncoding() {
        for (JsonNode c : manifest) {
            List<String> tags = new ArrayList<>();
            c.get("tags").forEach(t -> tags.add(t.asText()));
            assertThat(tags).as(c.get("id").asText()).anyMatch(t -> t.startsWith("family:"))
                    .anyMatch(t -> t.startsWith("container:")).anyMatch(t -> t.startsWith("enc:"));
            boolean positive = c.get("expect").has("rules") || c.get("expect").has("categories");
            assertThat(tags).as(c.get("id").asText()).anyMatch(t -> t.startsWith(positive ? "cat:" : "neg:"));
            assertThat(c.get("where").asText()).as(c.get("id").asText()).isNotBlank();
        }
        Set<String> encodings = manifest.stream().flatMap(c -> tagStream(c).filter(t -> t.startsWith("enc:")))
                .collect(Collectors.toSet());
        for (String enc : Encodings.TEXT.keySet()) {
            assertThat(encodings).contains("enc:" + enc);
        }
        assertThat(encodings).contains("enc:zero-width", "enc:confusable");
        Set<String> containers = manifest.stream().flatMap(c -> tagStream(c).filter(t -> t.startsWith("container:")))
                .collect(Collectors.toSet());
        for (String container : EvalCorpus.CONTAINERS) {
            assertThat(containers).contains("container:" + container);
        }
        assertThat(manifest.stream().flatMap(EvalCorpusTest::tagStream).filter(t -> t.startsWith("depth:")).distinct())
                .containsExactlyInAnyOrder("depth:2", "depth:3", "depth:4");
    }

    @Test
    void theCorpusStaysSmall() {
        long total = generated.values().stream().mapToLong(b -> b.length).sum();
        // the total was raised by a mebibyte in session 34 (6,700 cases); bodies over CorpusWriter.INLINE_BODY_MAX
        // are saved in cases/, so the manifest stays under the 5 MiB a repository file should keep under (the limit
        // went from 8 to 4 KiB in session 38, 7,290 cases, and to 2 KiB in session 39)
        assertThat(total).as("corpus bytes").isLessThan(7L * 1024 * 1024);
        assertThat(generated.get(CorpusWriter.MANIFEST).length).as("manifest bytes").isLessThan(5 * 1024 * 1024);
    }

    private static Stream<String> tagStream(JsonNode c) {
        List<String> tags = new ArrayList<>();
        c.get("tags").forEach(t -> tags.add(t.asText()));
        return tags.stream();
    }
}
