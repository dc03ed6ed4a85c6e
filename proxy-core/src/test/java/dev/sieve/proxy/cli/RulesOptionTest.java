package dev.sieve.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.config.SieveConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sieve scan} and {@code sieve eval} read and validate their config once, however often they ask for it. */
class RulesOptionTest {
    @TempDir
    Path dir;

    @Test
    void theConfigIsReadOnceForTheSettingsAndTheConfig() throws Exception {
        Path rules = Files.createDirectory(dir.resolve("team-rules"));
        Path configFile = Files.writeString(dir.resolve("sieve.yaml"),
                "rules:\n  dir: " + rules + "\n  builtin: false\n");
        RulesOption option = new RulesOption();
        option.source = new RuleSourceOptions();
        option.source.config = new ConfigOption();
        option.source.config.file = configFile;

        SieveConfig config = option.config();
        Files.delete(configFile); // a second read would fail

        assertThat(option.config()).isSameAs(config);
        assertThat(option.settings().builtin()).as("the config's rules.builtin").isFalse();
        assertThat(option.settings().dir()).as("the config's rules.dir").contains(rules);
    }
}
