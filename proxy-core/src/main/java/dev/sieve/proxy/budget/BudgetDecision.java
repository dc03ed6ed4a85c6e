package dev.sieve.proxy.budget;

/**
 * The answer to a budget check: allowed, or the refusal's detail ({@code rpm=60 of agent a1 is spent}), which names
 * limits, agent ids and hosts only, and the seconds until the budget allows again ({@code Retry-After}, at least 1).
 */
public record BudgetDecision(boolean allowed, String detail, long retryAfterSeconds) {

    public static final BudgetDecision ALLOWED = new BudgetDecision(true, null, 0);
}
