package dev.sieve.proxy.fleet;

import dev.sieve.proxy.files.Sharing;
import java.util.function.Function;

/**
 * Shares the admin changes of one replica's file-backed state (the kill switch, the revocation list) with the fleet
 * through a {@link SharedSet}: a change applied here is added to the set, one lifted here is removed from it first
 * (refused while Redis is out). The state adopts the set's content on each refresh.
 *
 * @param <C> one change, named in the set by {@code member}
 */
final class FleetState<C> implements Sharing<C> {

    private final SharedSet shared;
    private final Function<C, String> member;

    FleetState(SharedSet shared, Function<C, String> member) {
        this.shared = shared;
        this.member = member;
    }

    @Override
    public void applied(C change) {
        shared.add(member.apply(change));
    }

    @Override
    public void lifting(C change) throws FleetUnavailableException {
        shared.remove(member.apply(change));
    }

    /** Sends the changes made here that the fleet does not have yet, then adopts the fleet's set. */
    void refresh() {
        shared.refresh();
    }

    /** Changes made here that the fleet does not have yet (Redis out). */
    int pending() {
        return shared.pending();
    }

    boolean synced() {
        return shared.synced();
    }
}
