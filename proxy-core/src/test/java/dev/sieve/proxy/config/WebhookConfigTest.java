package dev.sieve.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.proxy.audit.webhook.WebhookSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit.webhooks}: defaults, the allowlist check (Sieve's own egress), and URLs kept out of messages. */
class WebhookConfigTest {
    @TempDir
    Path dir;

    @BeforeEach
    void keyFile() throws Exception {
        Files.writeString(dir.resolve("webhook.key"), "synthetic-webhook-key-0123456789\n");
    }

    private SieveConfig parse(String yaml) {
        return new ConfigLoader(Map.of(), Path.of("/home/agent"), dir).parse(yaml, "sieve.yaml", dir);
    }

    @Test
    void anEntryWithNameUrlAndKeyGetsTheDefaults() {
        SieveConfig config = parse("""
                allow:
                  - host: hooks.example.com
                audit:
                  webhooks:
                    - { name: soc, url: "https://hooks.example.com/sieve", secretFile: webhook.key }
                """);

        assertThat(config.webhooks()).containsExactly(new WebhookSettings("soc",
                java.net.URI.create("https://hooks.example.com/sieve"), WebhookSettings.Format.JSON,
                Optional.of(dir.resolve("webhook.key")), Set.of(WebhookSettings.Kind.ALERTS), Duration.ofSeconds(10), 5,
                Duration.ofSeconds(1), Duration.ofMinutes(1), 1000, WebhookSettings.Overflow.BLOCK, Optional.empty()));
    }

    @Test
    void aWebhookOffTheAllowlistIsRefusedNamingIt() {
        assertThatThrownBy(() -> parse("""
                allow:
                  - host: api.anthropic.com
                audit:
                  webhooks:
                    - { name: slack-secops, format: slack, url: "https://hooks.slack.com/services/T0/B0/synthetic" }
                """)).isInstanceOf(ConfigException.class).hasMessage("sieve.yaml:5: audit.webhooks[0].url: webhook"
                + " \"slack-secops\" to hooks.slack.com:443 (expected: a destination on the allowlist: Sieve's own"
                + " egress is allowlisted too; add an allow entry for hooks.slack.com:443)");
    }

    @Test
    void aWildcardEntryAndAnExplicitPortAllowAWebhook() {
        SieveConfig config = parse("""
                allow:
                  - host: "*.slack.com"
                  - host: soar.example.com
                    ports: [8443]
                audit:
                  webhooks:
                    - { name: slack, format: slack, url: "https://hooks.slack.com/services/T0/B0/synthetic" }
                    - { name: soar, url: "https://soar.example.com:8443/in", secretFile: webhook.key,
                        records: [alerts, blocks, admin], overflow: fail-closed }
                """);

        assertThat(config.webhooks()).extracting(WebhookSettings::name, WebhookSettings::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("slack", 443),
                        org.assertj.core.groups.Tuple.tuple("soar", 8443));
        assertThat(config.webhooks().get(0).secretFile()).as("slack may go unsigned").isEmpty();
        assertThat(config.toString()).as("a Slack URL is a secret").doesNotContain("synthetic");
    }

    @Test
    void aUrlFromAFileIsCheckedAndNeverShown() throws Exception {
        Files.writeString(dir.resolve("url"), "https://hooks.slack.com/services/T0/B0/synthetic-url-secret\n");
        SieveConfig config = parse("""
                allow:
                  - host: hooks.slack.com
                audit:
                  webhooks:
                    - { name: slack, format: slack, urlFile: url }
                """);
        assertThat(config.webhooks().get(0).url().getPath()).endsWith("synthetic-url-secret");

        Files.writeString(dir.resolve("url"), "http://hooks.slack.com/services/T0/B0/synthetic-url-secret\n");
        assertThatThrownBy(() -> parse("""
                allow:
                  - host: hooks.slack.com
                audit:
                  webhooks:
                    - { name: slack, format: slack, urlFile: url }
                """)).hasMessage("sieve.yaml:5: audit.webhooks[0].urlFile: (not shown) (expected: an https:// URL"
                + " without user info or fragment)");
    }

    @Test
    void namesAreLabelsAndUnique() {
        assertThatThrownBy(() -> parse("""
                allow:
                  - host: hooks.example.com
                audit:
                  webhooks:
                    - { name: soc, format: slack, url: "https://hooks.example.com/a" }
                    - { name: soc, format: slack, url: "https://hooks.example.com/b" }
                """)).hasMessage("sieve.yaml:6: audit.webhooks[1].name: \"soc\" (expected: each name once)");
        assertThatThrownBy(() -> parse("""
                allow:
                  - host: hooks.example.com
                audit:
                  webhooks:
                    - { name: "SOC team", format: slack, url: "https://hooks.example.com/a" }
                """)).hasMessageContaining("audit.webhooks[0].name: \"SOC team\" (expected: a name of 1-32");
    }
}
