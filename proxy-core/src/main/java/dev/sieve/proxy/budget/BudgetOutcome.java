package dev.sieve.proxy.budget;

/**
 * A store's answer to an admission: allowed, or which limit of which scope refuses and when to retry.
 *
 * @param limit            the limit that refuses; {@code null} when allowed
 * @param scope            the index of the refusing scope in the list the store was given
 * @param retryAfterMillis when the limit will allow again (a token, the next window); a guess for connections
 * @param left             upload bytes left in the refusing window (upload limits only)
 */
public record BudgetOutcome(BudgetLimit limit, int scope, long retryAfterMillis, long left) {

    public static final BudgetOutcome ALLOWED = new BudgetOutcome(null, -1, 0, 0);

    /** A guess for a connection limit: a connection may close any moment. */
    static final long CONNECTION_RETRY_MILLIS = 5_000;

    public boolean allowed() {
        return limit == null;
    }

    static BudgetOutcome refused(BudgetLimit limit, int scope, long retryAfterMillis, long left) {
        return new BudgetOutcome(limit, scope, Math.max(1, retryAfterMillis), left);
    }
}
