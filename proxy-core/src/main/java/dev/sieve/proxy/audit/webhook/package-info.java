/**
 * Alert webhooks ({@code audit.webhooks}): an {@link dev.sieve.proxy.audit.AuditSink} per configured receiver that
 * POSTs the audit lines of chosen kinds (behaviour alerts by default, also blocks and admin actions) to an HTTPS
 * URL, as Slack incoming-webhook messages or generic JSON, signed with HMAC-SHA256, retried with backoff, from a
 * sender thread of its own behind a bounded queue. See {@link dev.sieve.proxy.audit.webhook.WebhookSink} for the
 * guarantees and {@code docs/deploy.md} for how a receiver verifies a delivery.
 */
package dev.sieve.proxy.audit.webhook;
