package dev.sieve.proxy.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The injector picks the entry for the agent and puts the value into a copy; the agent's head stays as sent. */
class CredentialInjectorTest {
    @TempDir
    Path dir;

    private CredentialInjector injector() throws Exception {
        SecretSource general = new SecretSource.File("credentials.entries[0].secretFile",
                Files.writeString(dir.resolve("general"), "synthetic-general\n"));
        SecretSource ci = new SecretSource.File("credentials.entries[1].secretFile",
                Files.writeString(dir.resolve("ci"), "synthetic-ci\n"));
        CredentialSlot slot = CredentialKind.ANTHROPIC.fixedSlot().orElseThrow();
        List<CredentialEntry> entries = List.of(
                new CredentialEntry(0, "api.anthropic.com", 443, Set.of(), CredentialKind.ANTHROPIC, slot, general, false),
                new CredentialEntry(1, "api.anthropic.com", 443, Set.of("ci"), CredentialKind.ANTHROPIC, slot, ci, false));
        CredentialSettings settings = new CredentialSettings("sieve-placeholder", false, Duration.ofSeconds(30), entries);
        return new CredentialInjector(settings, SecretStore.load(entries, k -> null));
    }

    private static HttpRequest request() {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/messages");
        r.headers().set("X-Api-Key", "sieve-placeholder").set("Authorization", "Bearer sieve-placeholder");
        return r;
    }

    @Test
    void theAgentsEntryWinsAndOnlyTheCopyHoldsTheValue() throws Exception {
        CredentialInjector injector = injector();
        HttpRequest agents = request();

        CredentialInjector.Prepared ci = injector.prepare("ci", Optional.empty(), "api.anthropic.com", 443, true,
                agents);
        CredentialInjector.Prepared other = injector.prepare("someone", Optional.empty(), "api.anthropic.com", 443,
                true, agents);

        assertThat(ci).isInstanceOfSatisfying(CredentialInjector.Send.class, s -> {
            assertThat(s.injected()).isTrue();
            assertThat(s.request().headers().getAll("x-api-key")).containsExactly("synthetic-ci");
            assertThat(s.request().headers().contains("authorization")).isFalse();
        });
        assertThat(((CredentialInjector.Send) other).request().headers().get("x-api-key"))
                .isEqualTo("synthetic-general");
        assertThat(agents.headers().get("x-api-key")).isEqualTo("sieve-placeholder");
        assertThat(agents.headers().get("authorization")).isEqualTo("Bearer sieve-placeholder");
        assertThat(injector.toString()).doesNotContain("synthetic");
    }

    @Test
    void otherDestinationsAndPortsAreLeftAlone() throws Exception {
        CredentialInjector injector = injector();
        HttpRequest agents = request();

        assertThat(injector.prepare("ci", Optional.empty(), "api.anthropic.com", 8443, true, agents))
                .isEqualTo(new CredentialInjector.Send(agents, false));
        assertThat(injector.prepare("ci", Optional.empty(), "api.openai.com", 443, true, agents))
                .isEqualTo(new CredentialInjector.Send(agents, false));
        assertThat(CredentialInjector.NONE.prepare("ci", Optional.empty(), "api.anthropic.com", 443, true, agents))
                .isEqualTo(new CredentialInjector.Send(agents, false));
    }

    @Test
    void aTokenScopeEntryAppliesToTokensOfThatScopeOnlyAndWinsOverTheAgentsEntry() throws Exception {
        SecretSource ci = new SecretSource.File("credentials.entries[0].secretFile",
                Files.writeString(dir.resolve("ci"), "synthetic-ci\n"));
        SecretSource teamA = new SecretSource.File("credentials.entries[1].secretFile",
                Files.writeString(dir.resolve("a"), "synthetic-team-a\n"));
        SecretSource teamB = new SecretSource.File("credentials.entries[2].secretFile",
                Files.writeString(dir.resolve("b"), "synthetic-team-b-ci\n"));
        CredentialSlot slot = CredentialKind.ANTHROPIC.fixedSlot().orElseThrow();
        List<CredentialEntry> entries = List.of(
                new CredentialEntry(0, "api.anthropic.com", 443, Set.of("ci"), CredentialKind.ANTHROPIC, slot, ci,
                        false),
                new CredentialEntry(1, "api.anthropic.com", 443, Set.of(), Set.of("team-a"), CredentialKind.ANTHROPIC,
                        slot, teamA, false),
                new CredentialEntry(2, "api.anthropic.com", 443, Set.of("ci"), Set.of("team-b"),
                        CredentialKind.ANTHROPIC, slot, teamB, false));
        CredentialInjector injector = new CredentialInjector(new CredentialSettings("sieve-placeholder", false,
                Duration.ofSeconds(30), entries), SecretStore.load(entries, k -> null));
        HttpRequest agents = request();

        assertThat(injected(injector.prepare("ci", Optional.of("team-a"), "api.anthropic.com", 443, true, agents)))
                .isEqualTo("synthetic-team-a");
        assertThat(injected(injector.prepare("ci", Optional.of("team-b"), "api.anthropic.com", 443, true, agents)))
                .isEqualTo("synthetic-team-b-ci");
        assertThat(injected(injector.prepare("ci", Optional.of("other"), "api.anthropic.com", 443, true, agents)))
                .isEqualTo("synthetic-ci");
        assertThat(injected(injector.prepare("ci", Optional.empty(), "api.anthropic.com", 443, true, agents)))
                .isEqualTo("synthetic-ci");
        // team-b's entry lists agent ci only; team-a's applies to every agent of the scope.
        assertThat(injector.prepare("bot", Optional.of("team-b"), "api.anthropic.com", 443, true, agents))
                .isEqualTo(new CredentialInjector.Send(agents, false));
        assertThat(injected(injector.prepare("bot", Optional.of("team-a"), "api.anthropic.com", 443, true, agents)))
                .isEqualTo("synthetic-team-a");
        assertThat(injector.prepare("bot", Optional.empty(), "api.anthropic.com", 443, true, agents))
                .isEqualTo(new CredentialInjector.Send(agents, false));
    }

    private static String injected(CredentialInjector.Prepared prepared) {
        return ((CredentialInjector.Send) prepared).request().headers().get("x-api-key");
    }
}
