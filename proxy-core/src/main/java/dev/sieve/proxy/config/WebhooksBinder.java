package dev.sieve.proxy.config;

import dev.sieve.certs.HostNames;
import dev.sieve.proxy.audit.webhook.WebhookSettings;
import dev.sieve.proxy.audit.webhook.WebhookSink;
import dev.sieve.proxy.policy.AllowRule;
import dev.sieve.proxy.policy.Allowlist;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates {@code audit.webhooks} into {@link WebhookSettings}, with {@link ConfigBinder}'s
 * {@code key: value (expected: ...)} errors naming file and line. Each webhook's host and port must be on the
 * allowlist, as every egress of Sieve's; each key file is read now, so a missing or weak key stops the start.
 * A URL is shown only as scheme, host and port (the rest of a Slack URL is its secret); a {@code urlFile}'s
 * content and a key are never shown.
 */
final class WebhooksBinder {
    static final String DEFAULT_FORMAT = "json";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_MAX_ATTEMPTS = 5;
    static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofSeconds(1);
    static final Duration DEFAULT_BACKOFF_MAX = Duration.ofMinutes(1);
    static final int DEFAULT_QUEUE_CAPACITY = 1000;
    private static final String NOT_SHOWN = "(not shown)";
    private static final String URL_EXPECTED = "an https:// URL without user info";

    private final ConfigBinder binder;

    WebhooksBinder(ConfigBinder binder) {
        this.binder = binder;
    }

    List<WebhookSettings> bind(List<ConfigDto.WebhookDto> entries, Allowlist allowlist) {
        if (entries == null) {
            throw binder.fail("audit.webhooks", "null", "a list of webhooks; [] sends none");
        }
        List<WebhookSettings> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = "audit.webhooks[" + i + "]";
            ConfigDto.WebhookDto w = entries.get(i);
            if (w == null) {
                throw binder.fail(path, "null", "a webhook with name and url");
            }
            String name = name(path + ".name", w.name);
            if (!names.add(name)) {
                throw binder.fail(path + ".name", ConfigBinder.quote(name), "each name once");
            }
            URI url = url(path, w);
            checkAllowed(path + (w.url != null ? ".url" : ".urlFile"), name, url, allowlist);
            WebhookSettings.Format format = format(path + ".format", w.format);
            Optional<Path> secretFile = secretFile(path + ".secretFile", w.secretFile);
            if (format == WebhookSettings.Format.JSON && secretFile.isEmpty()) {
                throw binder.fail(path + ".secretFile", "null", "a key file for X-Sieve-Signature; format json is"
                        + " always signed, only slack may leave it out");
            }
            ConfigDto.BackoffDto backoff = w.backoff == null ? new ConfigDto.BackoffDto() : w.backoff;
            Duration initial = backoff.initial == null ? DEFAULT_BACKOFF_INITIAL
                    : binder.duration(path + ".backoff.initial", backoff.initial, Duration.ofMillis(10),
                            Duration.ofHours(1));
            Duration max = backoff.max == null ? max(DEFAULT_BACKOFF_MAX, initial)
                    : binder.duration(path + ".backoff.max", backoff.max, initial, Duration.ofHours(1));
            out.add(new WebhookSettings(name, url, format, secretFile, records(path + ".records", w.records),
                    w.timeout == null ? DEFAULT_TIMEOUT
                            : binder.duration(path + ".timeout", w.timeout, Duration.ofMillis(100),
                                    Duration.ofMinutes(5)),
                    w.maxAttempts == null ? DEFAULT_MAX_ATTEMPTS
                            : binder.integer(path + ".maxAttempts", w.maxAttempts, 1, 100),
                    initial, max,
                    w.queueCapacity == null ? DEFAULT_QUEUE_CAPACITY
                            : binder.integer(path + ".queueCapacity", w.queueCapacity, 1, 1_000_000),
                    overflow(path + ".overflow", w.overflow),
                    binder.optionalFile(path + ".caFile", w.caFile)));
        }
        return out;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private String name(String path, String value) {
        if (value == null || !WebhookSettings.NAME.matcher(value).matches()) {
            throw binder.fail(path, ConfigBinder.quote(value), "a name of 1-32 of a-z 0-9 -, starting with a letter");
        }
        return value;
    }

    /** Exactly one of {@code url} and {@code urlFile} (a Slack URL is a secret: keep it in a Secret). */
    private URI url(String path, ConfigDto.WebhookDto w) {
        if ((w.url == null) == (w.urlFile == null)) {
            throw binder.fail(w.url == null ? path : path + ".urlFile", w.url == null ? "no url or urlFile" : NOT_SHOWN,
                    "exactly one of url and urlFile");
        }
        if (w.url != null) {
            return parseUrl(path + ".url", w.url.strip(), true);
        }
        String key = path + ".urlFile";
        Path file = binder.filePath(key, w.urlFile);
        String text;
        try {
            if (Files.size(file) > 8192) {
                throw binder.fail(key, ConfigBinder.quote(w.urlFile), "a file holding one URL; this one is larger"
                        + " than 8KiB");
            }
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw binder.fail(key, ConfigBinder.quote(w.urlFile), "a readable file holding one URL; " + file
                    + " is not one");
        }
        return parseUrl(key, text, false);
    }

    private URI parseUrl(String key, String text, boolean inline) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw binder.fail(key, NOT_SHOWN, URL_EXPECTED);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            // Only the scheme and host: the rest may be the secret part of the URL.
            String shown = uri.getScheme() == null || uri.getHost() == null ? NOT_SHOWN
                    : ConfigBinder.quote(uri.getScheme() + "://" + uri.getHost() + "/...");
            throw binder.fail(key, inline ? shown : NOT_SHOWN, URL_EXPECTED + " or fragment");
        }
        return uri;
    }

    /** The webhook is Sieve's own egress: its host and port must be on the allowlist, like any destination. */
    private void checkAllowed(String key, String name, URI url, Allowlist allowlist) {
        int port = url.getPort() < 0 ? 443 : url.getPort();
        String host;
        try {
            host = HostNames.normalize(url.getHost());
        } catch (IllegalArgumentException e) {
            throw binder.fail(key, NOT_SHOWN, URL_EXPECTED + " naming a valid host");
        }
        Optional<AllowRule> rule = allowlist.match(host);
        if (rule.isEmpty() || !rule.get().allowsPort(port)) {
            String destination = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
            throw binder.fail(key, "webhook " + ConfigBinder.quote(name) + " to " + destination,
                    "a destination on the allowlist: Sieve's own egress is allowlisted too; add an allow entry"
                            + " for " + destination);
        }
    }

    private WebhookSettings.Format format(String path, String value) {
        String v = value == null ? DEFAULT_FORMAT : value;
        return switch (v) {
            case "json" -> WebhookSettings.Format.JSON;
            case "slack" -> WebhookSettings.Format.SLACK;
            default -> throw binder.fail(path, ConfigBinder.quote(v), "slack or json");
        };
    }

    private Optional<Path> secretFile(String path, String value) {
        if (value == null) {
            return Optional.empty();
        }
        Path file = binder.filePath(path, value);
        try {
            Arrays.fill(WebhookSink.readKey(file), (byte) 0); // read to check it; the sink reads it again
        } catch (IOException e) {
            throw binder.fail(path, ConfigBinder.quote(value), "a file holding " + WebhookSink.KEY_EXPECTED + "; "
                    + e.getMessage());
        }
        return Optional.of(file);
    }

    private Set<WebhookSettings.Kind> records(String path, List<String> values) {
        if (values == null) {
            return Set.of(WebhookSettings.Kind.ALERTS);
        }
        if (values.isEmpty()) {
            throw binder.fail(path, "[]", "at least one of alerts, blocks, admin");
        }
        Set<WebhookSettings.Kind> kinds = new LinkedHashSet<>();
        for (String v : values) {
            WebhookSettings.Kind kind = switch (v == null ? "" : v) {
                case "alerts" -> WebhookSettings.Kind.ALERTS;
                case "blocks" -> WebhookSettings.Kind.BLOCKS;
                case "admin" -> WebhookSettings.Kind.ADMIN;
                default -> throw binder.fail(path, ConfigBinder.quote(v), "alerts, blocks or admin");
            };
            if (!kinds.add(kind)) {
                throw binder.fail(path, ConfigBinder.quote(v), "each kind once");
            }
        }
        return kinds;
    }

    private WebhookSettings.Overflow overflow(String path, String value) {
        String v = value == null ? "block" : value;
        return switch (v) {
            case "block" -> WebhookSettings.Overflow.BLOCK;
            case "fail-closed" -> WebhookSettings.Overflow.FAIL_CLOSED;
            default -> throw binder.fail(path, ConfigBinder.quote(v), "block or fail-closed");
        };
    }
}
