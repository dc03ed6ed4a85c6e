package dev.sieve.proxy.credentials;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The providers' ways of carrying an API key, and the generic forms. A known kind fixes its slot, and lists the
 * other slots where the same provider accepts a credential ({@link #otherSlots}): with {@code requireInjected}, an
 * agent's own credential there is refused too.
 */
public enum CredentialKind {
    /** Anthropic: {@code x-api-key}; it also takes {@code Authorization: Bearer} (OAuth tokens). */
    ANTHROPIC("anthropic", CredentialSlot.header("x-api-key", ""),
            List.of(CredentialSlot.header("authorization", "Bearer "))),
    /** OpenAI and OpenAI-compatible APIs: {@code Authorization: Bearer}. */
    OPENAI("openai", CredentialSlot.header("authorization", "Bearer "), List.of()),
    /** Azure OpenAI: {@code api-key}; it also takes {@code Authorization: Bearer} (Entra ID tokens). */
    AZURE_OPENAI("azure-openai", CredentialSlot.header("api-key", ""),
            List.of(CredentialSlot.header("authorization", "Bearer "))),
    /** Gemini: {@code x-goog-api-key}; it also takes the {@code key} query parameter. */
    GEMINI("gemini", CredentialSlot.header("x-goog-api-key", ""), List.of(CredentialSlot.query("key"))),
    /** A header the entry names ({@code header}, optional {@code prefix}). */
    HEADER("header", null, List.of()),
    /** A query parameter the entry names ({@code query}). */
    QUERY("query", null, List.of());

    /** The config names, for {@code (expected: ...)}. */
    public static final String EXPECTED = "anthropic, openai, azure-openai, gemini, header or query";

    private final String configName;
    private final CredentialSlot slot;
    private final List<CredentialSlot> otherSlots;

    CredentialKind(String configName, CredentialSlot slot, List<CredentialSlot> otherSlots) {
        this.configName = configName;
        this.slot = slot;
        this.otherSlots = otherSlots;
    }

    public static Optional<CredentialKind> parse(String name) {
        for (CredentialKind k : values()) {
            if (k.configName.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    public String configName() {
        return configName;
    }

    /** The fixed slot of a provider kind; empty for {@link #HEADER} and {@link #QUERY}, whose entry names it. */
    public Optional<CredentialSlot> fixedSlot() {
        return Optional.ofNullable(slot);
    }

    /** Further slots where this provider accepts a credential. */
    public List<CredentialSlot> otherSlots() {
        return otherSlots;
    }

    @Override
    public String toString() {
        return configName.toLowerCase(Locale.ROOT);
    }
}
