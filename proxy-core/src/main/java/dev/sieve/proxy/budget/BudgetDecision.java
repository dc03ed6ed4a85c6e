package dev.sieve.proxy.budget;

/**
 * The answer to a budget check: allowed, or the refusal's detail ({@code rpm=60 of agent a1 is spent; retry after
 * 2s}), which names limits, agent ids and hosts only. The detail ends with
 * {@link dev.sieve.proxy.error.Refusal#RETRY_AFTER_MARK} and the seconds, which become {@code Retry-After}.
 */
public record BudgetDecision(boolean allowed, String detail) {

    public static final BudgetDecision ALLOWED = new BudgetDecision(true, null);
}
