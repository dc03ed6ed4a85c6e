package dev.sieve.proxy.handler;

import dev.sieve.proxy.config.Units;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One exchange's side of the process-wide {@link BodyBudget}: a claim per request body, each wait for room bounded
 * by {@code inspection.budgetWait}, and the step rule for bodies of unknown length. Not thread-safe: used on the
 * exchange's event loop only (grants from other threads are handed to it).
 */
final class BodyReservation {
    /** A chunked body reserves room for its next chunk (the codec's largest) in steps of this many bytes. */
    static final int STEP = 256 * 1024;

    private final BodyBudget budget;
    private final EventExecutor loop;
    private final Duration maxWait;
    private BodyBudget.Claim claim;
    private boolean waiting;
    private ScheduledFuture<?> waitTimer;

    BodyReservation(BodyBudget budget, EventExecutor loop, Duration maxWait) {
        this.budget = budget;
        this.loop = loop;
        this.maxWait = maxWait;
    }

    /** Starts the claim of a new body of {@code agent}; the previous one must be released. */
    void open(String agent) {
        if (claim != null) {
            throw new IllegalStateException("reservation: open (expected: released before the next body)");
        }
        claim = budget.open(agent);
    }

    /**
     * Reserves {@code bytes} more. Returns true when granted at once; otherwise, on this loop, runs
     * {@code onGranted} when granted, or {@code onTimeout} with the reason after {@code maxWait} (the request is
     * then withdrawn). Neither runs after {@link #release()}.
     */
    boolean reserve(long bytes, Runnable onGranted, Consumer<String> onTimeout) {
        BodyBudget.Claim c = claim;
        if (c.request(bytes, () -> loop.execute(() -> granted(c, onGranted)))) {
            return true;
        }
        waiting = true;
        waitTimer = loop.schedule(() -> timedOut(c, onTimeout), maxWait.toMillis(), TimeUnit.MILLISECONDS);
        return false;
    }

    /**
     * Makes sure there is room for the next chunk of a body of unknown length holding {@code heldBytes} of at most
     * {@code maxBytes}: reserves up to the next {@link #STEP} boundary past it when short, like {@link #reserve}.
     */
    boolean reserveAhead(long heldBytes, long maxBytes, int nextChunkMax, Runnable onGranted,
            Consumer<String> onTimeout) {
        long need = Math.min(maxBytes, heldBytes + nextChunkMax);
        long have = claim.held();
        if (have >= need) {
            return true;
        }
        long target = Math.min(maxBytes, (need + STEP - 1) / STEP * STEP);
        return reserve(target - have, onGranted, onTimeout);
    }

    /** Whether a request for room is waiting. */
    boolean waiting() {
        return waiting;
    }

    private void granted(BodyBudget.Claim c, Runnable onGranted) {
        if (c != claim || !waiting) {
            return; // released (or timed out) while the grant was on its way
        }
        waiting = false;
        cancelTimer();
        onGranted.run();
    }

    private void timedOut(BodyBudget.Claim c, Consumer<String> onTimeout) {
        if (c != claim || !waiting) {
            return;
        }
        waitTimer = null;
        if (!c.cancel()) {
            return; // granted meanwhile: the grant is queued on this loop and proceeds
        }
        waiting = false;
        boolean share = c.blocker() == BodyBudget.Blocker.AGENT_SHARE;
        onTimeout.accept("no room within inspection.budgetWait " + Units.formatDuration(maxWait) + " ("
                + (share ? "this agent's share, " + Units.formatSize(budget.perAgentLimit())
                        : "the in-flight budget, " + Units.formatSize(budget.limit())) + ", is in use)");
    }

    /** Gives everything back and withdraws a waiting request; does nothing when nothing is reserved. */
    void release() {
        waiting = false;
        cancelTimer();
        if (claim != null) {
            claim.close();
            claim = null;
        }
    }

    private void cancelTimer() {
        if (waitTimer != null) {
            waitTimer.cancel(false);
            waitTimer = null;
        }
    }
}
