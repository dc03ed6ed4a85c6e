package dev.sieve.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * {@code ${dir}} stands for the fixture directory).
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
