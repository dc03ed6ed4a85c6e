package dev.sieve.proxy.export;

/**
 * Counters an export sink reports to (the metrics layer adapts them to Micrometer, labelled by sink). Called from
 * the audit writer thread and the sink's own thread: implementations must be cheap and thread-safe.
 */
public interface ExportMetrics {

    ExportMetrics NONE = new ExportMetrics() {};

    /** {@code lines} audit lines reached the target (as {@code messages} messages). */
    default void sent(int lines) {}

    /** The audit writer found the export queue full and waited ({@code overflow: block}). */
    default void blocked() {}

    /** The export queue was full under {@code overflow: fail-closed}: the audit log fails. */
    default void refused() {}

    /** Lines still queued when the sink closed and its target stayed unreachable. */
    default void unsent(int lines) {}

    /** A send or connect attempt failed; the sink retries with backoff. */
    default void sendFailed() {}
}
