package dev.sieve.proxy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sieve.proxy.config.ConfigLoader;
import dev.sieve.proxy.config.SieveConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The container image (which cannot be built here) stays consistent with the runnable jar the build
 * produces and with the chart: same jar layout, same user, a default config Sieve loads.
 */
class HelmImageTest {

    private static final Path REPO = HelmChart.dir().getParent().getParent();

    @Test
    void imageCopiesTheRunnableJarAndItsLibDirectory() throws IOException {
        String dockerfile = read("Dockerfile");
        String pom = read("proxy-core/pom.xml");

        // The jar's manifest puts lib/*.jar on the class path: the image must keep jar and lib/ side by side.
        assertThat(pom).contains("<finalName>sieve</finalName>", "<classpathPrefix>lib/</classpathPrefix>",
                "<outputDirectory>${project.build.directory}/lib</outputDirectory>");
        assertThat(dockerfile).contains("mvn -B -q -DskipTests -pl proxy-core -am package",
                "COPY --from=build /src/proxy-core/target/sieve.jar /opt/sieve/sieve.jar",
                "COPY --from=build /src/proxy-core/target/lib/ /opt/sieve/lib/",
                "ENTRYPOINT [\"java\", \"-jar\", \"/opt/sieve/sieve.jar\"]",
                "CMD [\"run\", \"--config\", \"/etc/sieve/sieve.yaml\"]",
                "VOLUME [\"/var/lib/sieve\"]");
        assertThat(dockerfile).containsPattern("(?m)^FROM maven:3\\.9-eclipse-temurin-17 AS build$");
        assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:17-jre$");
    }

    @Test
    void imageUserIsTheChartsNonRootUser() throws IOException {
        String dockerfile = read("Dockerfile");
        JsonNode pod = HelmChart.template().podSpec().path("securityContext");

        assertThat(arg(dockerfile, "SIEVE_UID")).isEqualTo(pod.path("runAsUser").asText());
        assertThat(arg(dockerfile, "SIEVE_GID")).isEqualTo(pod.path("runAsGroup").asText());
        assertThat(dockerfile).containsPattern("(?m)^USER \\$\\{SIEVE_UID}:\\$\\{SIEVE_GID}$");
    }

    @Test
    void imageDefaultConfigLoadsAndListensOnAllInterfaces() throws IOException {
        SieveConfig config = ConfigLoader.parse(read("docker/sieve.yaml"), "docker/sieve.yaml");

        assertThat(config.proxy().listen().host()).isEqualTo("0.0.0.0");
        assertThat(config.proxy().listen().port()).isEqualTo(3128);
        assertThat(config.admin().listen().port()).isEqualTo(9090);
        assertThat(config.admin().requiresToken()).as("admin on loopback, no token file needed").isFalse();
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/sieve"));
        assertThat(config.allowlist().rules()).isEqualTo(ConfigLoader.defaults().allowlist().rules());
    }

    @Test
    void chartDefaultsToTheImageTheChartVersionNames() throws IOException {
        JsonNode chart = HelmChart.YAML.readTree(HelmChart.dir().resolve("Chart.yaml").toFile());

        assertThat(HelmChart.template().container().path("image").asText())
                .endsWith(":" + chart.path("appVersion").asText());
    }

    private static String arg(String dockerfile, String name) {
        Matcher m = Pattern.compile("(?m)^ARG " + name + "=(\\d+)$").matcher(dockerfile);
        assertThat(m.find()).as("ARG %s in the Dockerfile", name).isTrue();
        return m.group(1);
    }

    private static String read(String relative) throws IOException {
        return Files.readString(REPO.resolve(relative), StandardCharsets.UTF_8);
    }
}
