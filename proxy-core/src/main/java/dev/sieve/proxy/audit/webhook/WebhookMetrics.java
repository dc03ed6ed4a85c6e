package dev.sieve.proxy.audit.webhook;

/**
 * Counters a webhook sink reports to; the metrics layer adapts them to Micrometer with the webhook's name as a
 * label. Called from the audit writer thread and the webhook's sender thread: implementations must be cheap and
 * thread-safe.
 */
public interface WebhookMetrics {

    WebhookMetrics NONE = new WebhookMetrics() {};

    /** The receiver accepted a delivery (2xx). */
    default void delivered() {}

    /** The receiver refused a delivery with a 4xx other than 429 (not retried: the request itself is wrong). */
    default void rejected() {}

    /** A delivery was given up after its last attempt (connection errors, timeouts, 429 or 5xx), or at shutdown. */
    default void failed() {}

    /** An attempt failed and will be retried. */
    default void retried() {}

    /** The delivery queue was full: the writer waited ({@code block}) or the audit log failed ({@code fail-closed}). */
    default void queueFull() {}
}
