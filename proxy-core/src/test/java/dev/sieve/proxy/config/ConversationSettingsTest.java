package dev.sieve.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.inspect.HistoryPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversationSettingsTest {

    private static ConversationSettings with(boolean enabled, HistoryPolicy policy) {
        return new ConversationSettings(enabled, 1 << 20, Duration.ofHours(1), policy);
    }

    @Test
    void aLoggedHistoryIsAnnouncedAsAWeakening() {
        assertThat(ConversationSettings.DEFAULTS.weakening()).isEmpty();
        assertThat(with(true, new HistoryPolicy(Action.BLOCK, Map.of(Category.PII, Action.REDACT))).weakening())
                .isEmpty();
        assertThat(with(true, new HistoryPolicy(Action.LOG, Map.of())).weakening()).get().asString()
                .startsWith("conversations.history: log").contains("unredacted");
        assertThat(with(true, new HistoryPolicy(Action.REDACT, Map.of(Category.CREDENTIAL, Action.LOG))).weakening())
                .get().asString().startsWith("conversations.historyCategories.credential: log");
        assertThat(with(false, new HistoryPolicy(Action.LOG, Map.of())).weakening()).isEmpty();
    }

    @Test
    void theDefaultFileMatchesTheDefaults() throws Exception {
        SieveConfig config = new ConfigLoader(Map.of(), java.nio.file.Path.of("/home/agent"),
                java.nio.file.Path.of("/work")).parse("{}", "empty.yaml", java.nio.file.Path.of("/work"));

        assertThat(config.conversations()).isEqualTo(ConversationSettings.DEFAULTS);
    }
}
