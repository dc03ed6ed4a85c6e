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
 * @param kind            how the provider takes the credential
 * @param slot            where the credential goes
 * @param source          where the real value is read from
 * @param requireInjected whether a request carrying a credential of the agent's own is refused
 */
public record CredentialEntry(int index, String host, int port, Set<String> agents, CredentialKind kind,
        CredentialSlot slot, SecretSource source, boolean requireInjected) {

    public CredentialEntry {
        Objects.requireNonNull(host, "host");
        agents = Set.copyOf(agents);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(source, "source");
    }

    /** {@code host:port}, as refusals and logs name the destination. */
    public String destination() {
        return host + ":" + port;
    }

    /** Whether this entry applies to {@code agentId} at all (an entry without agents applies to everyone). */
    public boolean appliesTo(String agentId) {
        return agents.isEmpty() || agents.contains(agentId);
    }

    /**
     * The entry for {@code agentId} at {@code port} among the entries of one host: one listing the agent, else a
     * general one.
     */
    static Optional<CredentialEntry> choose(Iterable<CredentialEntry> sameHost, int port, String agentId) {
        CredentialEntry general = null;
        for (CredentialEntry e : sameHost) {
            if (e.port != port) {
                continue;
            }
            if (e.agents.isEmpty()) {
                general = e;
            } else if (agentId != null && e.agents.contains(agentId)) {
                return Optional.of(e);
            }
        }
        return Optional.ofNullable(general);
    }
}
