package dev.sieve.proxy.fleet;

import dev.sieve.proxy.control.KillSwitch;
import dev.sieve.proxy.control.KillSwitchScope;
import dev.sieve.proxy.control.KillSwitchState;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Shares the admin state of a {@link KillSwitch} across the fleet in the Redis set {@link #KEY} (members {@code all},
 * {@code agent:<id>}, {@code token:<id>}): an engage or release on any replica reaches every replica within a
 * second. {@code isBlocked} stays the kill switch's memory read; its admin state follows the shared set (see
 * {@link SharedSet} for what happens while Redis is out). The watched kill-switch file stays a per-replica source.
 */
final class FleetKillSwitch {

    static final String KEY = "sieve:killswitch";

    private FleetKillSwitch() {}

    /** Shares {@code killSwitch} through {@code fleet} from now on; {@link FleetSync} refreshes it. */
    static FleetState<KillSwitchScope> share(FleetConnection fleet, KillSwitch killSwitch) {
        FleetState<KillSwitchScope> state = new FleetState<>(new SharedSet(fleet, KEY,
                () -> members(killSwitch.snapshot().admin()), members -> killSwitch.adoptAdmin(state(members))),
                KillSwitchScope::label);
        killSwitch.share(state);
        return state;
    }

    static Set<String> members(KillSwitchState state) {
        Set<String> members = new TreeSet<>();
        if (state.all()) {
            members.add(KillSwitchScope.ALL.label());
        }
        state.agents().forEach(a -> members.add(KillSwitchScope.agent(a).label()));
        state.tokens().forEach(t -> members.add(KillSwitchScope.token(t).label()));
        return members;
    }

    /** The state the members name; a member that does not parse engages everything (fail closed). */
    static KillSwitchState state(Set<String> members) {
        boolean all = false;
        Set<String> agents = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (String member : members) {
            try {
                if (member.equals(KillSwitchScope.ALL.label())) {
                    all = true;
                } else if (member.startsWith("agent:")) {
                    agents.add(KillSwitchScope.agent(member.substring(6)).agentId().orElseThrow());
                } else if (member.startsWith("token:")) {
                    tokens.add(KillSwitchScope.token(member.substring(6)).tokenId().orElseThrow());
                } else {
                    throw new IllegalArgumentException("unknown member");
                }
            } catch (IllegalArgumentException e) {
                FleetSync.log.error("fleet state: {} holds a member that is not a kill-switch scope; engaging for all"
                        + " agents", KEY);
                all = true;
            }
        }
        return new KillSwitchState(all, agents, tokens);
    }
}
