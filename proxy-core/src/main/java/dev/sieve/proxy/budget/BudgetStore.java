package dev.sieve.proxy.budget;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where budget counters live: in the process ({@link LocalBudgetStore}) or shared by a fleet in Valkey/Redis
 * ({@link RedisBudgetStore}, behind {@link FleetBudgetStore}). Each operation is atomic across the scopes it is given
 * (a request takes a token from every scope or from none). Operations never block: they complete later, on a
 * thread of the store's own.
 */
public interface BudgetStore extends AutoCloseable {

    /**
     * Admits a request in every scope or refuses it: a token from each scope's bucket, and room in each upload
     * window (not spent, and at least {@code declared} bytes left when the request declares a length).
     *
     * @param declared the request's Content-Length, or -1
     */
    CompletionStage<BudgetOutcome> admitRequest(List<BudgetScope> scopes, long declared);

    /** Charges {@code bytes} of request body to the upload windows of every scope. */
    void chargeUpload(List<BudgetScope> scopes, long bytes);

    /** Takes a connection lease named {@code leaseId} in every scope with a connection limit, or refuses. */
    CompletionStage<Lease> acquireConnection(List<BudgetScope> scopes, String leaseId);

    /** Closes what the store holds (connections, threads); the default does nothing. */
    @Override
    default void close() {}

    /** An admitted connection's place in the count; released exactly once, when the connection closes. */
    interface Lease {
        BudgetOutcome outcome();

        void release();

        /** A refusal (nothing to release). */
        static Lease refused(BudgetOutcome outcome) {
            return new Lease() {
                @Override
                public BudgetOutcome outcome() {
                    return outcome;
                }

                @Override
                public void release() {}
            };
        }
    }
}
