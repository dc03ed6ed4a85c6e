package dev.sieve.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.dlp.Category;
import dev.sieve.dlp.Rule;
import dev.sieve.rules.DefaultRulePack;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every fixture under {@code config/valid} (must load) and {@code config/invalid} (must fail with
 * the exact message given on the fixture's first line, {@code # expect: <message>}, where
 * {@code ${dir}} stands for the fixture directory). A config that depends on the built-in pack's list of rules is
 * built here from the pack instead, so that a new rule cannot make it stale.
 */
class ConfigFixturesTest {

    private static final String EXPECT = "# expect: ";
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of(), Path.of("/home/agent"), Path.of("/work"));

    static Stream<Path> valid() throws Exception {
        return fixtures("config/valid");
    }

    static Stream<Path> invalid() throws Exception {
        return fixtures("config/invalid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validFixtureLoads(Path file) throws IOException {
        SieveConfig config = LOADER.parse(Files.readString(file, StandardCharsets.UTF_8), fileName(file), file.getParent());

        assertThat(config).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidFixtureFailsWithExactMessage(Path file) throws IOException {
        String yaml = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(yaml).as("first line of %s", file).startsWith(EXPECT);
        String expected = yaml.substring(EXPECT.length(), yaml.indexOf('\n'))
                .replace("${dir}", file.getParent().toString());

        assertThatThrownBy(() -> LOADER.parse(yaml, fileName(file), file.getParent()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(expected);
    }

    /**
     * A destination may not name a category whose rules are all disabled. The config disables every rule of the
     * pack's {@code source-code} category, listed from the pack at test time: a fixture that listed them by hand
     * broke the build each time a source-code rule was added.
     */
    @Test
    void aDestinationCategoryWhoseRulesAreAllDisabledIsRefused() {
        List<String> sourceCode = DefaultRulePack.load().rules().stream()
                .filter(r -> r.category().equals(Category.SOURCE_CODE)).map(Rule::id).toList();
        assertThat(sourceCode).as("source-code rules of the pack").isNotEmpty();
        String yaml = "rules:\n"
                + "  disable: [" + String.join(", ", sourceCode) + "]\n"
                + "allow:\n"
                + "  - host: api.anthropic.com\n"
                + "    inspection:\n"
                + "      categories: [source-code]\n";

        assertThatThrownBy(() -> LOADER.parse(yaml, "destination-category-all-rules-disabled.yaml", Path.of("/work")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("destination-category-all-rules-disabled.yaml:6: allow[0].inspection.categories[0]:"
                        + " \"source-code\" (expected: a category an active rule declares: credential, financial, pii)");
    }

    @Test
    void thereAreFixtures() throws Exception {
        assertThat(valid()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(invalid()).hasSizeGreaterThanOrEqualTo(40);
    }

    private static String fileName(Path file) {
        return file.getFileName().toString();
    }

    private static Stream<Path> fixtures(String resource) throws IOException, URISyntaxException {
        Path dir = Path.of(ConfigFixturesTest.class.getClassLoader().getResource(resource).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            return yaml.stream();
        }
    }
}
