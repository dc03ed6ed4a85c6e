package dev.sieve.proxy.fleet;

import dev.sieve.proxy.auth.Revocation;
import dev.sieve.proxy.auth.RevocationList;
import dev.sieve.proxy.auth.RevocationState;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Shares the admin revocations of a {@link RevocationList} across the fleet in the Redis set {@link #KEY} (members
 * {@code token:<id>}, {@code agent:<id>}): a revocation made on any replica reaches every replica within a second.
 * Lookups stay the list's memory reads; the list's admin state follows the shared set (see {@link SharedSet} for
 * what happens while Redis is out). The watched revocation file stays a per-replica source.
 */
final class FleetRevocations {

    static final String KEY = "sieve:revocations";

    private FleetRevocations() {}

    /** Shares {@code list} through {@code fleet} from now on; {@link FleetSync} refreshes it. */
    static FleetState<Revocation> share(FleetConnection fleet, RevocationList list) {
        FleetState<Revocation> state = new FleetState<>(new SharedSet(fleet, KEY,
                () -> members(list.snapshot().admin()), members -> list.adoptAdmin(state(members))),
                Revocation::toString);
        list.share(state);
        return state;
    }

    static Set<String> members(RevocationState state) {
        Set<String> members = new TreeSet<>();
        state.tokens().forEach(t -> members.add(Revocation.token(t).toString()));
        state.agents().forEach(a -> members.add(Revocation.agent(a).toString()));
        return members;
    }

    /** The state the members name; a member that does not parse is skipped (and cannot un-revoke anything). */
    static RevocationState state(Set<String> members) {
        // Collected first and built once: this runs on every refresh, and with() copies both sets.
        Set<String> tokens = new HashSet<>();
        Set<String> agents = new HashSet<>();
        for (String member : members) {
            try {
                Revocation r = Revocation.parse(member);
                (r.kind() == Revocation.Kind.TOKEN ? tokens : agents).add(r.id());
            } catch (IllegalArgumentException e) {
                FleetSync.log.error("fleet state: {} holds a member that is not a revocation (skipped)", KEY);
            }
        }
        return new RevocationState(tokens, agents);
    }
}
