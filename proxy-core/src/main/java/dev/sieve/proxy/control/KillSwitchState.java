package dev.sieve.proxy.control;

import java.util.Set;
import java.util.TreeSet;

/**
 * One source's kill-switch state: the global scope, a set of agents and a set of signed tokens, each independent.
 *
 * @param all every agent is stopped
 * @param agents agents stopped individually (kept when {@code all} is set and when it is released)
 * @param tokens signed tokens stopped individually, by token id
 */
public record KillSwitchState(boolean all, Set<String> agents, Set<String> tokens) {

    public static final KillSwitchState RELEASED = new KillSwitchState(false, Set.of(), Set.of());

    public KillSwitchState {
        agents = Set.copyOf(new TreeSet<>(agents));
        tokens = Set.copyOf(new TreeSet<>(tokens));
    }

    /** A state without token scopes. */
    public KillSwitchState(boolean all, Set<String> agents) {
        this(all, agents, Set.of());
    }

    /** True if any scope is engaged. */
    public boolean engaged() {
        return all || !agents.isEmpty() || !tokens.isEmpty();
    }

    /** True if {@code agentId} may not make new requests. */
    public boolean blocks(String agentId) {
        return all || agents.contains(agentId);
    }

    /** True if requests with the signed token {@code tokenId} are stopped (the global scope stops them too). */
    public boolean blocksToken(String tokenId) {
        return all || tokens.contains(tokenId);
    }

    /** This state with {@code scope} engaged. */
    public KillSwitchState engage(KillSwitchScope scope) {
        return change(scope, true);
    }

    /** This state with {@code scope} released; the other scopes stay as they are. */
    public KillSwitchState release(KillSwitchScope scope) {
        return change(scope, false);
    }

    private KillSwitchState change(KillSwitchScope scope, boolean engage) {
        if (scope.all()) {
            return new KillSwitchState(engage, agents, tokens);
        }
        Set<String> a = new TreeSet<>(agents);
        Set<String> t = new TreeSet<>(tokens);
        Set<String> target = scope.agentId().isPresent() ? a : t;
        String id = scope.agentId().or(scope::tokenId).orElseThrow();
        if (engage) {
            target.add(id);
        } else {
            target.remove(id);
        }
        return new KillSwitchState(all, a, t);
    }
}
