package dev.sieve.proxy.control;

import java.util.Set;
import java.util.TreeSet;

/**
 * One source's kill-switch state: everything, and/or a set of agents.
 *
 * @param all every agent is stopped
 * @param agents agents stopped individually (kept when {@code all} is set, so releasing "all" restores none of them
 *     implicitly: see {@link #release})
 */
public record KillSwitchState(boolean all, Set<String> agents) {

    public static final KillSwitchState RELEASED = new KillSwitchState(false, Set.of());

    public KillSwitchState {
        agents = Set.copyOf(new TreeSet<>(agents));
    }

    /** True if any scope is engaged. */
    public boolean engaged() {
        return all || !agents.isEmpty();
    }

    /** True if {@code agentId} may not make new requests. */
    public boolean blocks(String agentId) {
        return all || agents.contains(agentId);
    }

    /** This state with {@code scope} engaged. */
    public KillSwitchState engage(KillSwitchScope scope) {
        if (scope.all()) {
            return new KillSwitchState(true, agents);
        }
        Set<String> more = new TreeSet<>(agents);
        more.add(scope.agentId().orElseThrow());
        return new KillSwitchState(all, more);
    }

    /** This state with {@code scope} released: releasing everything clears every agent too. */
    public KillSwitchState release(KillSwitchScope scope) {
        if (scope.all()) {
            return RELEASED;
        }
        Set<String> fewer = new TreeSet<>(agents);
        fewer.remove(scope.agentId().orElseThrow());
        return new KillSwitchState(all, fewer);
    }
}
