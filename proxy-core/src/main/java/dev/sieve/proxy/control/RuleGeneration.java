package dev.sieve.proxy.control;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link RuleSnapshot} with a reference count: one reference for the store while the snapshot is current, one
 * per open {@link RuleLease}. The compiled rules are closed when the count drops to zero, and then no reference
 * can be taken any more, so a retired generation is never handed out again.
 */
final class RuleGeneration {

    private final RuleSnapshot snapshot;
    private final AtomicInteger references = new AtomicInteger(1);

    RuleGeneration(RuleSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    RuleSnapshot snapshot() {
        return snapshot;
    }

    /** Takes a reference unless the generation is already retired and drained; lock-free. */
    boolean tryRetain() {
        while (true) {
            int count = references.get();
            if (count == 0) {
                return false;
            }
            if (references.compareAndSet(count, count + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one closes the compiled rules (which never throws). */
    void release() {
        int left = references.decrementAndGet();
        if (left == 0) {
            snapshot.compiled().close();
        } else if (left < 0) {
            throw new IllegalStateException("rules: generation " + snapshot.version()
                    + " released more often than retained (expected: one release per reference)");
        }
    }

    /** True once the last reference is gone and the compiled rules are closed. */
    boolean drained() {
        return references.get() == 0;
    }
}
