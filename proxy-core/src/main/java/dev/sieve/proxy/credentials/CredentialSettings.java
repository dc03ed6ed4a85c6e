package dev.sieve.proxy.credentials;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code credentials:} section: real credentials Sieve puts into intercepted requests in place of a placeholder
 * the agent sends. Holds where the secrets are, never their values.
 *
 * @param placeholder     what an agent sends instead of a real credential
 * @param requireInjected the default of the entries' {@code requireInjected} (each entry holds its own, resolved)
 * @param refreshInterval how often secret files are checked for a new value (rotation)
 * @param entries         the credentials by destination (and agents)
 */
public record CredentialSettings(String placeholder, boolean requireInjected, Duration refreshInterval, List<CredentialEntry> entries) {

    public static final CredentialSettings NONE = new CredentialSettings("sieve-placeholder", false, Duration.ofSeconds(30),
            List.of());

    public CredentialSettings {
        Objects.requireNonNull(placeholder, "placeholder");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        entries = List.copyOf(entries);
    }
}
