package dev.sieve.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartupBannerTest {

    private static String banner(Optional<Path> config) {
        return String.join("\n", StartupBanner.lines("http://127.0.0.1:3128", "/home/u/.sieve/ca/ca.crt", false,
                "AB:CD", "127.0.0.1:9090", config));
    }

    @Test
    void theCaEnvCommandNamesTheConfigSieveWasStartedWith() {
        // Without it, "sieve ca env" would describe the default proxy address and data directory (another CA).
        String text = banner(Optional.of(Path.of("/etc/sieve/my sieve.yaml")));

        assertThat(text).contains("eval \"$(./sieve ca env --config '/etc/sieve/my sieve.yaml')\"");
    }

    @Test
    void aRelativeConfigPathIsPrintedAbsolute() {
        String text = banner(Optional.of(Path.of("conf/sieve.yaml")));

        assertThat(text).contains("ca env --config '" + Path.of("conf/sieve.yaml").toAbsolutePath() + "'");
    }

    @Test
    void withoutAConfigFileTheCommandHasNoConfigOption() {
        String text = banner(Optional.empty());

        assertThat(text).contains("eval \"$(./sieve ca env)\"").doesNotContain("--config");
        assertThat(text).contains("Sieve is listening on http://127.0.0.1:3128").contains("AB:CD");
    }
}
