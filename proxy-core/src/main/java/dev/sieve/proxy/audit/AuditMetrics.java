package dev.sieve.proxy.audit;

/**
 * Counters the audit log reports to; the metrics layer adapts them to Micrometer. The queue depth is a gauge:
 * read {@link AuditLog#queueDepth()}. Callbacks run on producer threads or the writer thread and must be
 * cheap and thread-safe.
 */
public interface AuditMetrics {

    AuditMetrics NONE = new AuditMetrics() {};

    /** {@code records} records (seals included) reached every sink. */
    default void written(int records) {}

    /** An {@link AuditLog#append} found the queue full and waited ({@link OverflowPolicy#BLOCK}). */
    default void blocked() {}

    /** A record was discarded because the queue was full ({@link OverflowPolicy#DROP}). */
    default void dropped() {}

    /** A {@link AuditLog#tryAppend} found the queue full, so the caller must refuse the request. */
    default void refused() {}

    /** A file was sealed and a new one will be started. */
    default void rotated() {}

    /** A signed seal or chain head was written to the anchor sinks. */
    default void anchored() {}

    /** Writing failed; the log refuses further records (see {@link AuditLog#failure()}). */
    default void failed() {}
}
