package dev.sieve.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.SieveVersion;
import org.junit.jupiter.api.Test;

/** The one version of the build, as {@code sieve --version} shows it (the webhook and OCSF exports read the same). */
class VersionTest {

    @Test
    void theBuildsVersionIsReadAndShownByVersion() {
        assertThat(SieveVersion.get()).as("version.properties is filtered by the build").matches("\\d+\\.\\d+\\.\\d+.*");

        CliRun run = CliRun.run("--version");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("sieve " + SieveVersion.get() + "\n").contains("Java ");
    }
}
