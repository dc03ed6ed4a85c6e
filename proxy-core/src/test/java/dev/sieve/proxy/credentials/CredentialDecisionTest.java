package dev.sieve.proxy.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decision table: absent, placeholder or own credential, per slot, with and without requireInjected. */
class CredentialDecisionTest {
    private static final String PLACEHOLDER = "sieve-placeholder";

    private static CredentialEntry entry(CredentialKind kind, CredentialSlot slot, boolean requireInjected) {
        return new CredentialEntry(0, "api.example.com", 443, Set.of(), kind, slot,
                new SecretSource.File("credentials.entries[0].secretFile", Path.of("/nonexistent")), requireInjected);
    }

    private static CredentialEntry anthropic(boolean requireInjected) {
        return entry(CredentialKind.ANTHROPIC, CredentialKind.ANTHROPIC.fixedSlot().orElseThrow(), requireInjected);
    }

    private static HttpHeaders headers(String... nameValues) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < nameValues.length; i += 2) {
            h.add(nameValues[i], nameValues[i + 1]);
        }
        return h;
    }

    private static CredentialDecision.Outcome decide(CredentialEntry e, boolean tls, HttpHeaders h, String uri) {
        return CredentialDecision.decide(e, PLACEHOLDER, tls, h, uri);
    }

    @Test
    void placeholderOrNothingInTheSlotIsInjected() {
        assertThat(decide(anthropic(false), true, headers("X-Api-Key", PLACEHOLDER), "/v1/messages"))
                .isInstanceOf(CredentialDecision.Inject.class);
        assertThat(decide(anthropic(true), true, headers(), "/v1/messages"))
                .isInstanceOf(CredentialDecision.Inject.class);
        assertThat(decide(anthropic(true), true, headers("x-api-key", ""), "/v1/messages"))
                .isInstanceOf(CredentialDecision.Inject.class);
    }

    @Test
    void ownKeyPassesUnlessInjectionIsRequired() {
        HttpHeaders own = headers("x-api-key", "sk-ant-something-of-its-own");

        assertThat(decide(anthropic(false), true, own, "/")).isInstanceOf(CredentialDecision.Pass.class);
        assertThat(decide(anthropic(true), true, own, "/")).isInstanceOfSatisfying(CredentialDecision.Refuse.class,
                r -> assertThat(r.detail()).isEqualTo("header x-api-key to api.example.com:443 holds something other"
                        + " than the placeholder; send x-api-key: sieve-placeholder or leave it out")
                        .doesNotContain("something-of-its-own"));
    }

    @Test
    void anyValueButThePlaceholderIsOwnWhateverItLooksLike() {
        // Not a detector match: a key format no rule knows must not slip through.
        assertThat(decide(anthropic(true), true, headers("x-api-key", "x"), "/"))
                .isInstanceOf(CredentialDecision.Refuse.class);
        assertThat(decide(anthropic(true), true, headers("x-api-key", PLACEHOLDER, "x-api-key", "other"), "/"))
                .isInstanceOf(CredentialDecision.Refuse.class);
        assertThat(decide(anthropic(true), true, headers("x-api-key", "Sieve-Placeholder"), "/"))
                .isInstanceOf(CredentialDecision.Refuse.class);
    }

    @Test
    void theProvidersOtherSlotsCountForRequireInjectedAndLoseThePlaceholder() {
        assertThat(decide(anthropic(true), true, headers("Authorization", "Bearer own-oauth-token"), "/"))
                .isInstanceOfSatisfying(CredentialDecision.Refuse.class,
                        r -> assertThat(r.detail()).startsWith("header authorization to api.example.com:443"));
        assertThat(decide(anthropic(false), true, headers("Authorization", "Bearer " + PLACEHOLDER), "/"))
                .isInstanceOfSatisfying(CredentialDecision.Inject.class, i -> assertThat(i.clearSlots())
                        .containsExactly(CredentialSlot.header("authorization", "Bearer ")));
        CredentialEntry gemini = entry(CredentialKind.GEMINI, CredentialKind.GEMINI.fixedSlot().orElseThrow(), true);
        assertThat(decide(gemini, true, headers(), "/v1beta/models?key=AIzaOwnKey")).isInstanceOfSatisfying(
                CredentialDecision.Refuse.class, r -> assertThat(r.detail()).startsWith("query parameter key to"));
    }

    @Test
    void bearerPrefixIsOptionalAndCaseInsensitive() {
        CredentialEntry openai = entry(CredentialKind.OPENAI, CredentialKind.OPENAI.fixedSlot().orElseThrow(), true);
        for (String v : List.of("Bearer " + PLACEHOLDER, "bearer " + PLACEHOLDER, PLACEHOLDER)) {
            assertThat(decide(openai, true, headers("Authorization", v), "/")).as(v)
                    .isInstanceOf(CredentialDecision.Inject.class);
        }
        assertThat(decide(openai, true, headers("Authorization", "Bearer sk-proj-own"), "/"))
                .isInstanceOf(CredentialDecision.Refuse.class);
    }

    @Test
    void plainHttpIsNeverInjectedButStillRefusesAnOwnKey() {
        assertThat(decide(anthropic(true), false, headers("x-api-key", PLACEHOLDER), "/"))
                .isInstanceOf(CredentialDecision.Pass.class);
        assertThat(decide(anthropic(true), false, headers("x-api-key", "own"), "/"))
                .isInstanceOf(CredentialDecision.Refuse.class);
    }

    @Test
    void queryKind() {
        CredentialEntry query = entry(CredentialKind.QUERY, CredentialSlot.query("api_key"), true);

        assertThat(decide(query, true, headers(), "/search?q=1&api_key=" + PLACEHOLDER))
                .isInstanceOf(CredentialDecision.Inject.class);
        assertThat(decide(query, true, headers(), "/search?q=1")).isInstanceOf(CredentialDecision.Inject.class);
        assertThat(decide(query, true, headers(), "/search?api%5Fkey=own")).isInstanceOf(CredentialDecision.Refuse.class);
    }
}
