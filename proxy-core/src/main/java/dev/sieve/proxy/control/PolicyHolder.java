package dev.sieve.proxy.control;

import dev.sieve.proxy.policy.Allowlist;
import dev.sieve.proxy.policy.DestinationPolicy;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The destination policy in force, swappable at runtime: give it to {@link dev.sieve.proxy.route.Router} as its
 * {@code Supplier<DestinationPolicy>} and call {@link #swap} when the allowlist is reloaded (for example from a
 * {@link ConfigWatcher} listener: {@code config -> holder.swap(config.allowlist())}).
 *
 * <p>{@link #get()} is a lock-free volatile read; each request decides with the one policy it read, and requests
 * already routed keep their decision. Thread-safe.
 */
public final class PolicyHolder implements Supplier<DestinationPolicy> {

    private volatile DestinationPolicy policy;

    public PolicyHolder(Allowlist initial) {
        this.policy = new DestinationPolicy(Objects.requireNonNull(initial, "initial"));
    }

    /** The policy in force. */
    @Override
    public DestinationPolicy get() {
        return policy;
    }

    /** Puts a policy over {@code allowlist} in force for every later {@link #get()}. */
    public void swap(Allowlist allowlist) {
        policy = new DestinationPolicy(Objects.requireNonNull(allowlist, "allowlist"));
    }

    @Override
    public String toString() {
        return "PolicyHolder[" + policy.allowlist() + "]";
    }
}
