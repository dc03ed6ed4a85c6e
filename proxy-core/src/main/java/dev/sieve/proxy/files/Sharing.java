package dev.sieve.proxy.files;

import java.io.IOException;

/**
 * How the admin changes of a {@link FileBackedState} reach the other replicas of a fleet
 * ({@code dev.sieve.proxy.fleet.FleetState}); without one the admin state is this replica's own. Neither method
 * may block.
 *
 * @param <C> one change: a kill-switch scope, a revocation
 */
public interface Sharing<C> {

    /** Keeps changes to this replica. */
    static <C> Sharing<C> local() {
        return new Sharing<>() {
            @Override
            public void applied(C change) {
            }

            @Override
            public void lifting(C change) {
            }
        };
    }

    /** After {@code change} applied here. */
    void applied(C change);

    /** Before {@code change} is lifted here; throws to refuse it (nothing is lifted). */
    void lifting(C change) throws IOException;
}
