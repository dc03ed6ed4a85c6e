package dev.sieve.proxy.decision;

/**
 * Receives every decision the proxy makes (audit log, metrics). Called on event loops: an
 * implementation must not block. {@link #admit()} lets it refuse new requests when it cannot
 * keep up (the audit queue is full and the policy is to block rather than drop records).
 */
public interface DecisionRecorder {
    DecisionRecorder NOOP = r -> {};

    void record(DecisionRecord record);

    /** False when new requests must be refused because decisions could not be recorded. */
    default boolean admit() {
        return true;
    }
}
