package dev.sieve.proxy.config;

/**
 * The global {@code mode:} key: whether findings are enforced. Not to be confused with an allow entry's
 * {@link dev.sieve.proxy.policy.Mode} (inspect or passthrough).
 */
public enum EnforcementMode {
    /** Block and redact as the rules (and per-destination overrides) say. */
    ENFORCE,
    /** Every block and redact becomes log: traffic passes untouched and the audit records what would have happened. */
    MONITOR
}
