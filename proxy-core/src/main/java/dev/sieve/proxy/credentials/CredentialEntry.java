package dev.sieve.proxy.credentials;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code credentials.entries[]} item: the real credential for a destination, for every agent or for some. It
 * holds where the secret is read from, never the secret itself.
 *
 * @param index           the entry's position in {@code credentials.entries}, for messages
 * @param host            the destination host, normalized (lower-case, no trailing dot)
 * @param port            the destination port
 * @param agents          the agent ids it applies to; empty for every agent
 * @param tokenScopes     the token scope names it applies to (a signed token's {@code scope} claim); empty for any
 *                        token or none. An entry with scopes never applies to a static credential or a token without
 *                        one of them
 * @param kind            how the provider takes the credential
 * @param slot            where the credential goes
 * @param source          where the real value is read from
 * @param requireInjected whether a request carrying a credential of the agent's own is refused
 */
public record CredentialEntry(int index, String host, int port, Set<String> agents, Set<String> tokenScopes,
        CredentialKind kind, CredentialSlot slot, SecretSource source, boolean requireInjected) {

    /** An entry for any token scope. */
    public CredentialEntry(int index, String host, int port, Set<String> agents, CredentialKind kind,
            CredentialSlot slot, SecretSource source, boolean requireInjected) {
        this(index, host, port, agents, Set.of(), kind, slot, source, requireInjected);
    }

    public CredentialEntry {
        Objects.requireNonNull(host, "host");
        agents = Set.copyOf(agents);
        tokenScopes = Set.copyOf(tokenScopes);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(source, "source");
    }

    /** {@code host:port}, as refusals and logs name the destination. */
    public String destination() {
        return host + ":" + port;
    }

    /**
     * The entry for {@code agentId} holding a token of scope {@code scopeName} at {@code port} among the entries of
     * one host, the most specific first: one for the scope and listing the agent, one for the scope, one listing the
     * agent, else a general one. Entries for token scopes never apply without a scope name.
     */
    static Optional<CredentialEntry> choose(Iterable<CredentialEntry> sameHost, int port, String agentId,
            Optional<String> scopeName) {
        CredentialEntry general = null;
        CredentialEntry forAgent = null;
        CredentialEntry forScope = null;
        for (CredentialEntry e : sameHost) {
            if (e.port != port) {
                continue;
            }
            boolean agentListed = agentId != null && e.agents.contains(agentId);
            if (!e.tokenScopes.isEmpty()) {
                if (scopeName.isEmpty() || !e.tokenScopes.contains(scopeName.get())) {
                    continue;
                }
                if (agentListed) {
                    return Optional.of(e);
                }
                if (e.agents.isEmpty()) {
                    forScope = e;
                }
            } else if (e.agents.isEmpty()) {
                general = e;
            } else if (agentListed) {
                forAgent = e;
            }
        }
        return Optional.ofNullable(forScope != null ? forScope : forAgent != null ? forAgent : general);
    }
}
