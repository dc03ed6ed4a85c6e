package dev.sieve.proxy.control;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A hold on one {@link RuleSnapshot}, from {@link RuleStore#acquire()}: while it is open, the snapshot's compiled
 * rules stay open even if a reload has replaced it, so a request finishes with the rules it started with. Close it
 * when the request's inspection is done; an unclosed lease keeps an old rule set's native memory alive.
 * {@link #close()} is idempotent and thread-safe.
 */
public final class RuleLease implements AutoCloseable {

    private final RuleGeneration generation;
    private final AtomicBoolean closed = new AtomicBoolean();

    RuleLease(RuleGeneration generation) {
        this.generation = generation;
    }

    /**
     * The leased snapshot.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public RuleSnapshot snapshot() {
        if (closed.get()) {
            throw new IllegalStateException("lease: closed (expected: use the snapshot before closing its lease)");
        }
        return generation.snapshot();
    }

    /** Releases the snapshot; the last release of a replaced snapshot closes its compiled rules. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            generation.release();
        }
    }

    @Override
    public String toString() {
        return "RuleLease[version " + generation.snapshot().version() + (closed.get() ? ", closed]" : "]");
    }
}
