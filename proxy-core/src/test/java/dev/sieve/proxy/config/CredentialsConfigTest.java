package dev.sieve.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.proxy.credentials.CredentialEntry;
import dev.sieve.proxy.credentials.SecretSource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code credentials:} with secrets from the environment, and requireInjected inherited or overridden. */
class CredentialsConfigTest {

    private static SieveConfig parse(Map<String, String> env, String yaml) {
        return new ConfigLoader(env, Path.of("/home/agent"), Path.of("/work")).parse(yaml, "sieve.yaml", Path.of("/work"));
    }

    @Test
    void environmentSecretsAndRequireInjectedDefaults() {
        SieveConfig config = parse(Map.of("ANTHROPIC_API_KEY", "synthetic-env-value"), """
                credentials:
                  requireInjected: true
                  entries:
                    - { destination: api.anthropic.com, kind: anthropic, secretEnv: ANTHROPIC_API_KEY }
                    - { destination: API.OpenAI.com., agents: [ci], kind: openai, secretEnv: ANTHROPIC_API_KEY,
                        requireInjected: false }
                """);

        assertThat(config.credentials().entries()).extracting(CredentialEntry::destination,
                CredentialEntry::requireInjected).containsExactly(
                org.assertj.core.groups.Tuple.tuple("api.anthropic.com:443", true),
                org.assertj.core.groups.Tuple.tuple("api.openai.com:443", false));
        assertThat(config.credentials().entries().get(0).source())
                .isEqualTo(new SecretSource.Env("credentials.entries[0].secretEnv", "ANTHROPIC_API_KEY"));
        assertThat(config.toString()).doesNotContain("synthetic-env-value");
    }

    @Test
    void tokenScopesSelectEntriesAndEachScopeHasOneEntryPerDestination() {
        SieveConfig config = parse(Map.of("K", "synthetic-env-value"), """
                credentials:
                  entries:
                    - { destination: api.anthropic.com, kind: anthropic, secretEnv: K }
                    - { destination: api.anthropic.com, tokenScopes: [team-a, team.b], kind: anthropic, secretEnv: K }
                    - { destination: api.anthropic.com, tokenScopes: [team-a], agents: [ci], kind: anthropic,
                        secretEnv: K }
                """);
        assertThat(config.credentials().entries()).extracting(CredentialEntry::tokenScopes)
                .containsExactly(java.util.Set.of(), java.util.Set.of("team-a", "team.b"), java.util.Set.of("team-a"));

        assertThatThrownBy(() -> parse(Map.of("K", "v"), """
                credentials:
                  entries:
                    - { destination: api.anthropic.com, tokenScopes: [team-a], kind: anthropic, secretEnv: K }
                    - { destination: api.anthropic.com, tokenScopes: [team-b, team-a], kind: anthropic, secretEnv: K }
                """)).hasMessageContaining("credentials.entries[1].tokenScopes[1]: \"team-a\"")
                .hasMessageContaining("credentials.entries[0]");
        assertThatThrownBy(() -> parse(Map.of("K", "v"), """
                credentials:
                  entries:
                    - { destination: api.anthropic.com, tokenScopes: ["-bad"], kind: anthropic, secretEnv: K }
                """)).hasMessageContaining("credentials.entries[0].tokenScopes[0]: \"-bad\"")
                .hasMessageContaining("expected: a token scope name");
        assertThatThrownBy(() -> parse(Map.of("K", "v"), """
                credentials:
                  entries:
                    - { destination: api.anthropic.com, tokenScopes: [], kind: anthropic, secretEnv: K }
                """)).hasMessageContaining("credentials.entries[0].tokenScopes: []");
    }

    @Test
    void theAnonymousIdIsTheHandlers() {
        assertThat(CredentialsBinder.ANONYMOUS).isEqualTo(dev.sieve.proxy.handler.ProxyRequestHandler.ANONYMOUS);
    }

    @Test
    void defaultsInjectNothing() {
        SieveConfig config = parse(Map.of(), "");

        assertThat(config.credentials().entries()).isEmpty();
        assertThat(config.credentials().placeholder()).isEqualTo("sieve-placeholder");
        assertThat(config.credentials().requireInjected()).isFalse();
    }
}
