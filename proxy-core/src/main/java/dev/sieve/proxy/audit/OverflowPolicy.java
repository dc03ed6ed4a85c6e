package dev.sieve.proxy.audit;

/** What {@link AuditLog#append} does when the queue of records waiting to be written is full. */
public enum OverflowPolicy {
    /** Wait until the writer makes room: requests slow down, no record is lost (the default). */
    BLOCK,
    /** Discard the record and count it ({@link AuditMetrics#dropped()}): requests never wait on the audit. */
    DROP
}
