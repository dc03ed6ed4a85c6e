package dev.sieve.proxy.audit.webhook;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code audit.webhooks[]} entry, validated: where audit lines of the chosen kinds are POSTed, how, and what
 * happens when the receiver is slow or down. The URL is always {@code https}; the config loader also checks that
 * its host and port are on the allowlist ({@code allow:}), as any egress of Sieve's.
 *
 * @param name          a short id used in metrics ({@code webhook} label), logs and readiness details
 * @param url           the receiver; may itself be a secret (Slack's are), so logs show only its host
 * @param format        the body shape
 * @param secretFile    the HMAC-SHA256 key for {@code X-Sieve-Signature} (a file or a mounted Secret); required
 *                      for {@link Format#JSON}, optional for {@link Format#SLACK} (Slack does not check it)
 * @param records       which audit lines are sent
 * @param timeout       connect timeout and the time allowed for each attempt's response
 * @param maxAttempts   attempts per delivery before it is given up (counted and logged as failed)
 * @param backoffInitial the wait before the second attempt; it doubles per attempt, with jitter
 * @param backoffMax    the longest wait between attempts, also the most a {@code Retry-After} is honoured
 * @param queueCapacity deliveries waiting for the sender before {@code overflow} applies
 * @param overflow      what a full queue does to the audit writer
 * @param caFile        extra CA certificates trusted besides the system's (PEM)
 */
public record WebhookSettings(
        String name,
        URI url,
        Format format,
        Optional<Path> secretFile,
        Set<Kind> records,
        Duration timeout,
        int maxAttempts,
        Duration backoffInitial,
        Duration backoffMax,
        int queueCapacity,
        Overflow overflow,
        Optional<Path> caFile) {

    /** What a webhook name may be: it becomes a metric label value. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public WebhookSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(secretFile, "secretFile");
        records = Set.copyOf(records);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoffInitial, "backoffInitial");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(caFile, "caFile");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: \"" + name + "\" (expected: " + NAME.pattern() + ")");
        }
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("url: scheme " + url.getScheme() + " (expected: an https:// URL)");
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException("records: [] (expected: at least one of alerts, blocks, admin)");
        }
        if (format == Format.JSON && secretFile.isEmpty()) {
            throw new IllegalArgumentException("secretFile: null (expected: a key file; format json is signed)");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " (expected: >= 1)");
        }
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("backoff.max: " + backoffMax + " (expected: >= backoff.initial)");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity: " + queueCapacity + " (expected: >= 1)");
        }
    }

    /** Shows the URL's host and port only: the rest of a webhook URL is often its secret (Slack's are). */
    @Override
    public String toString() {
        return "WebhookSettings[name=" + name + ", host=" + url.getHost() + ":" + port() + ", format="
                + format.yamlName() + ", records=" + records + "]";
    }

    /** The port the URL names, or 443. */
    public int port() {
        return url.getPort() < 0 ? 443 : url.getPort();
    }

    /** The body shape. */
    public enum Format {
        /** A Slack incoming-webhook message: {@code text} plus {@code blocks}. */
        SLACK,
        /** The audit line's fields as one JSON object, plus {@code sieve_version}. */
        JSON;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A kind of audit line a webhook can receive, by the line's {@code decision}. */
    public enum Kind {
        /** Behaviour alerts ({@code "decision":"alert"}). */
        ALERTS,
        /** Refused requests ({@code "decision":"blocked"} or {@code "denied"}). */
        BLOCKS,
        /** Admin actions ({@code "decision":"admin"}). */
        ADMIN;

        /** The kind a line's {@code decision} belongs to, if any (allowed, redacted, logged, seals: none). */
        public static Optional<Kind> of(String decision) {
            return switch (decision) {
                case "alert" -> Optional.of(ALERTS);
                case "blocked", "denied" -> Optional.of(BLOCKS);
                case "admin" -> Optional.of(ADMIN);
                default -> Optional.empty();
            };
        }

    }

    /** What a full delivery queue does. Nothing is dropped silently either way. */
    public enum Overflow {
        /** The audit writer waits for room (counted): the audit queue then fills and applies audit.overflow. */
        BLOCK,
        /** The audit log fails (counted): Sieve turns unready and refuses requests until restarted. */
        FAIL_CLOSED
    }
}
