package dev.sieve.proxy.handler;

import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * One exchange's share of the process-wide {@link BodyBudget}, taken before its body is read and
 * given back exactly once. Not thread-safe: used on the exchange's event loop only.
 *
 * <p>While a reservation is queued in the budget, {@link #releaseUnlessWaiting()} leaves it alone;
 * when it is granted after its exchange no longer wants it, it is given back at once.
 */
final class BodyReservation {
    private final BodyBudget budget;
    private long reservedBytes;
    private boolean waiting;

    BodyReservation(BodyBudget budget) {
        this.budget = budget;
    }

    /**
     * Reserves {@code bytes}; when granted, runs {@code onGranted} on {@code loop} if
     * {@code stillWanted} holds then, else releases the reservation.
     */
    void reserve(long bytes, Executor loop, BooleanSupplier stillWanted, Runnable onGranted) {
        waiting = true;
        reservedBytes = budget.reserve(bytes, () -> loop.execute(() -> granted(stillWanted, onGranted)));
    }

    private void granted(BooleanSupplier stillWanted, Runnable onGranted) {
        if (!waiting) {
            return;
        }
        waiting = false;
        if (!stillWanted.getAsBoolean()) {
            release(); // the exchange ended while it waited
            return;
        }
        onGranted.run();
    }

    /** Gives the reservation back, unless it is still queued (it is then given back when granted). */
    void releaseUnlessWaiting() {
        if (!waiting) {
            release();
        }
    }

    private void release() {
        long bytes = reservedBytes;
        reservedBytes = 0;
        budget.release(bytes);
    }
}
