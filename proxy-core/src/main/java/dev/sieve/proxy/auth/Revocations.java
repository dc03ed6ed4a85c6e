package dev.sieve.proxy.auth;

import java.util.Optional;

/**
 * Where revoked tokens and agents are looked up, on every authentication and every request inside a tunnel. A
 * lookup must be cheap and never block (an event loop calls it): an implementation answers from state it holds in
 * memory.
 *
 * <p>{@link RevocationList} is the single-replica implementation (admin API, persisted file, watched file). A fleet
 * store (Valkey/Redis) implements the same interface by keeping a local snapshot that it refreshes (subscribe plus
 * a periodic full read) and writing revocations to the shared set, so a lookup stays a memory read and the last
 * known state holds while the store is unreachable.
 */
public interface Revocations {

    /** Nothing is revoked. */
    Revocations NONE = (agentId, tokenId) -> false;

    /** True if the agent, or the token with this id, is revoked. */
    boolean isRevoked(String agentId, Optional<String> tokenId);

    /** True if {@code grant}'s agent or token is revoked. */
    default boolean isRevoked(Grant grant) {
        return isRevoked(grant.agentId(), grant.tokenId());
    }
}
