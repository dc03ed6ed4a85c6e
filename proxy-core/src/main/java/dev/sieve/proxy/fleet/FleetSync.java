package dev.sieve.proxy.fleet;

import dev.sieve.proxy.auth.Revocation;
import dev.sieve.proxy.auth.RevocationList;
import dev.sieve.proxy.control.KillSwitch;
import dev.sieve.proxy.control.KillSwitchScope;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the revocation list and the kill switch of this replica in step with the fleet's Redis
 * ({@code state.redis}): a full read of both shared sets every {@link SharedSet#REFRESH_MILLIS} on the fleet's
 * scheduler thread, and {@link #NOTICE_DELAY_MILLIS} after a notice on {@link SharedSet#CHANNEL} (a pub/sub subscriber;
 * the notices of a burst share one read). Nothing here
 * runs on an event loop and no lookup waits for Redis.
 */
public final class FleetSync {
    static final Logger log = LoggerFactory.getLogger(FleetSync.class);
    /**
     * How long a notice waits for others before the sets are read: a burst of changes (a mass revocation, many
     * replicas re-joining) costs each replica one read instead of one per change.
     */
    static final long NOTICE_DELAY_MILLIS = 50;

    private final FleetConnection fleet;
    private final FleetState<Revocation> revocations;
    private final FleetState<KillSwitchScope> killSwitch;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile boolean subscribing;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();

    private FleetSync(FleetConnection fleet, FleetState<Revocation> revocations,
            FleetState<KillSwitchScope> killSwitch) {
        this.fleet = fleet;
        this.revocations = revocations;
        this.killSwitch = killSwitch;
    }

    /** Shares {@code list} and {@code killSwitch} through {@code fleet} from now on. */
    public static FleetSync start(FleetConnection fleet, RevocationList list, KillSwitch killSwitch) {
        FleetSync sync = new FleetSync(fleet, FleetRevocations.share(fleet, list),
                FleetKillSwitch.share(fleet, killSwitch));
        fleet.scheduler().scheduleWithFixedDelay(sync::tick, 0, SharedSet.REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        log.info("fleet state: revocations and the kill switch shared in Redis {}", fleet.display());
        return sync;
    }

    /**
     * What {@code /readyz} reports while this replica cannot share them: the last known state applies, changes made
     * here reach the fleet when Redis answers. Empty while in step.
     */
    public Optional<String> degraded() {
        if (revocations.synced() && killSwitch.synced()) {
            return Optional.empty();
        }
        int pending = revocations.pending() + killSwitch.pending();
        return Optional.of("last known state" + (pending > 0 ? ", " + pending + " change(s) made here not shared yet"
                : "") + ": " + fleet.problem().orElse("Redis not read yet"));
    }

    private void tick() {
        try {
            subscribeIfNeeded();
            refresh();
        } catch (RuntimeException e) {
            log.error("fleet state: refresh failed", e);
        }
    }

    private void refresh() {
        revocations.refresh();
        killSwitch.refresh();
    }

    /**
     * Reads both sets again {@link #NOTICE_DELAY_MILLIS} after a notice, once however many notices arrive meanwhile:
     * a refresh that has not started yet reads what every later notice announced.
     */
    private void refreshSoon() {
        if (!refreshQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            fleet.scheduler().schedule(() -> {
                refreshQueued.set(false);
                tick();
            }, NOTICE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void subscribeIfNeeded() {
        if (subscriber != null || subscribing || !fleet.healthy()) {
            return;
        }
        subscribing = true;
        fleet.subscribe(SharedSet.CHANNEL, this::refreshSoon).whenComplete((c, e) -> {
            subscribing = false;
            if (e == null) {
                subscriber = c;
            } else {
                log.debug("fleet state: subscribing failed: {}", e.toString());
            }
        });
    }
}
