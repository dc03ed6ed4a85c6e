package dev.sieve.proxy.audit.webhook;

import dev.sieve.proxy.SieveVersion;
import dev.sieve.proxy.audit.AuditSink;
import dev.sieve.proxy.credentials.SecretText;
import dev.sieve.proxy.tls.TlsProviders;
import dev.sieve.proxy.tls.UpstreamTrust;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AuditSink} that POSTs the audit lines of the configured kinds (alerts by default) to an HTTPS
 * webhook, signed with HMAC-SHA256.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>The audit writer never waits on the network: {@link #write} only files a matching line in a bounded queue,
 *       which one sender thread drains. A full queue is counted ({@link WebhookMetrics#queueFull()}) and then
 *       either waits for room ({@link WebhookSettings.Overflow#BLOCK}; once Sieve is stopping, {@link #stopWaiting()},
 *       the line is given up and counted instead) or fails the audit log ({@link WebhookSettings.Overflow#FAIL_CLOSED});
 *       a line is never dropped silently.</li>
 *   <li>Delivery is at least once, in order, one at a time. Connection errors, timeouts, 429 and 5xx are retried
 *       up to {@code maxAttempts} with exponential backoff and jitter ({@code Retry-After} is honoured up to
 *       {@code backoff.max}); any other non-2xx is rejected at once. A delivery that still fails is given up,
 *       counted and logged without its content, and shown in the readiness details: a dead receiver delays
 *       alerts by at most about {@code maxAttempts x (timeout + backoff.max)} each, it never wedges the audit
 *       log. The audit files keep every line whatever happens here.</li>
 *   <li>Every attempt carries {@code X-Sieve-Delivery} (a random id, the same on every attempt of a delivery, for
 *       deduplication), {@code X-Sieve-Timestamp} (Unix seconds of the attempt) and, with a key,
 *       {@code X-Sieve-Signature: sha256=<hex HMAC-SHA256(key, timestamp + "." + body)>}.</li>
 *   <li>TLS is always verified (system trust plus {@code caFile}, hostname verification, TLS 1.2+); redirects are
 *       not followed; no proxy is used.</li>
 *   <li>Neither the key, the body nor the URL's path (a Slack URL is a secret) appears in logs or exceptions:
 *       they name the webhook, the delivery id, the record's {@code seq} and the HTTP status or error class.</li>
 * </ul>
 */
public final class WebhookSink implements AuditSink {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSink.class);
    private static final byte[] DECISION = "\"decision\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();
    private static final long POLL_MILLIS = 100;
    /** The shortest key accepted: a guessable key would let anyone forge alerts. */
    public static final int MIN_KEY_CHARS = 16;
    /** What a key file must hold, for {@code (expected: ...)}. */
    public static final String KEY_EXPECTED = "one line of at least " + MIN_KEY_CHARS + " printable ASCII characters,"
            + " such as the output of openssl rand -hex 32";

    private final WebhookSettings settings;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final HttpClient client;
    private final Optional<SecretKeySpec> key;
    private final String version;
    private final ArrayBlockingQueue<byte[]> queue;
    private final Thread sender;
    private final AtomicLong givenUp = new AtomicLong();
    private volatile boolean closing;
    private volatile boolean stopWaiting;
    /** What went wrong with the latest delivery that did not succeed, cleared by the next success. */
    private volatile String problem;

    private WebhookSink(WebhookSettings settings, WebhookMetrics metrics, Clock clock, HttpClient client,
            Optional<SecretKeySpec> key) {
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.client = client;
        this.key = key;
        this.version = SieveVersion.get();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.sender = new Thread(this::send, "sieve-webhook-" + settings.name());
        sender.setDaemon(true);
    }

    /**
     * Reads the key, builds the TLS client and starts the sender thread.
     *
     * @throws IOException when the key or CA file cannot be read or is not valid (the message never shows the key)
     */
    public static WebhookSink start(WebhookSettings settings, WebhookMetrics metrics, Clock clock) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        Optional<SecretKeySpec> key = Optional.empty();
        if (settings.secretFile().isPresent()) {
            Path file = settings.secretFile().get();
            try {
                byte[] bytes = readKey(file);
                key = Optional.of(new SecretKeySpec(bytes, "HmacSHA256")); // copies the bytes
                Arrays.fill(bytes, (byte) 0);
            } catch (IOException e) {
                throw new IOException("audit webhook " + settings.name() + ": secretFile " + file + ": "
                        + e.getMessage() + " (expected: " + KEY_EXPECTED + ")");
            }
        }
        SSLContext tls;
        try {
            tls = SSLContext.getInstance("TLS");
            tls.init(null, UpstreamTrust.trustManagerFactory(settings.caFile().map(List::of).orElse(List.of()))
                    .getTrustManagers(), null);
        } catch (GeneralSecurityException e) {
            throw new IOException("audit webhook " + settings.name() + ": caFile: " + e.getMessage()
                    + " (expected: PEM CA certificates)", e);
        }
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(TlsProviders.PROTOCOLS);
        HttpClient client = HttpClient.newBuilder()
                .sslContext(tls)
                .sslParameters(parameters)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        WebhookSink sink = new WebhookSink(settings, metrics, clock, client, key);
        sink.sender.start();
        return sink;
    }

    /**
     * The key in {@code file}: one line of printable ASCII (a Kubernetes Secret mounted as a file works), at least
     * {@value #MIN_KEY_CHARS} characters.
     *
     * @throws IOException whose message says what is wrong, never what the file holds
     */
    public static byte[] readKey(Path file) throws IOException {
        byte[] raw;
        try {
            if (Files.size(file) > SecretText.MAX_BYTES) {
                throw new IOException("its content is larger than 16KiB");
            }
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException(e.getMessage() != null && e.getMessage().startsWith("its content")
                    ? e.getMessage() : "not readable (" + e.getClass().getSimpleName() + ")");
        }
        String text;
        try {
            text = SecretText.of(raw);
        } catch (IllegalArgumentException e) {
            throw new IOException("its content is " + e.getMessage());
        }
        if (text.length() < MIN_KEY_CHARS) {
            throw new IOException("its content is shorter than " + MIN_KEY_CHARS + " characters");
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void write(byte[] line) throws IOException {
        String decision = decisionOf(line);
        if (decision == null || WebhookSettings.Kind.of(decision).filter(settings.records()::contains).isEmpty()) {
            return;
        }
        if (queue.offer(line)) {
            return;
        }
        metrics.queueFull();
        if (settings.overflow() == WebhookSettings.Overflow.FAIL_CLOSED) {
            throw new IOException("audit webhook " + settings.name() + ": queue full, " + settings.queueCapacity()
                    + " deliveries waiting (expected: a receiver that keeps up; overflow fail-closed stops the audit"
                    + " log)");
        }
        try {
            // Once stopping, do not wait at all: each line that finds the queue full is given up at once, so a
            // full audit queue behind a receiver that is down cannot hold close() for POLL_MILLIS per line.
            while (!(stopWaiting ? queue.offer(line) : queue.offer(line, POLL_MILLIS, TimeUnit.MILLISECONDS))) {
                if (stopWaiting) {
                    giveUp("-", "?", 0, "the queue stayed full while Sieve was stopping");
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("audit webhook " + settings.name() + ": interrupted while waiting for queue room");
        }
    }

    @Override
    public void flush() {
        // Deliveries leave from the sender thread; there is nothing to hand over here.
    }

    /**
     * Sieve is stopping: a full queue no longer holds the audit writer under {@link WebhookSettings.Overflow#BLOCK};
     * a line that finds it full is given up, counted ({@link WebhookMetrics#failed()}) and logged instead.
     */
    @Override
    public void stopWaiting() {
        stopWaiting = true;
    }

    /**
     * Stops taking lines and gives the sender up to {@code timeout} to deliver what is queued; deliveries still
     * waiting then are given up, counted and logged.
     */
    @Override
    public void close() {
        closing = true;
        try {
            sender.join(settings.timeout().toMillis());
            if (sender.isAlive()) {
                sender.interrupt();
                sender.join();
            }
        } catch (InterruptedException e) {
            sender.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    /** Deliveries waiting for the sender. */
    public int queueDepth() {
        return queue.size();
    }

    /** Empty while the latest delivery succeeded (or none failed yet), else what went wrong: for readiness details. */
    public Optional<String> problem() {
        String p = problem;
        return p == null ? Optional.empty() : Optional.of(p + "; " + givenUp.get() + " given up since start");
    }

    public String name() {
        return settings.name();
    }

    /** The {@code decision} of a canonical audit line (its first field of that name), or null. */
    static String decisionOf(byte[] line) {
        outer:
        for (int i = 0; i + DECISION.length <= line.length; i++) {
            for (int j = 0; j < DECISION.length; j++) {
                if (line[i + j] != DECISION[j]) {
                    continue outer;
                }
            }
            int start = i + DECISION.length;
            for (int end = start; end < line.length; end++) {
                if (line[end] == '"') {
                    return new String(line, start, end - start, StandardCharsets.US_ASCII);
                }
            }
            return null;
        }
        return null;
    }

    private void send() {
        byte[] line = null;
        try {
            while (true) {
                line = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (line == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                deliver(line);
                line = null;
            }
        } catch (InterruptedException e) {
            int abandoned = queue.size() + (line == null ? 0 : 1);
            for (int i = 0; i < abandoned; i++) {
                metrics.failed();
            }
            givenUp.addAndGet(abandoned);
            LOG.warn("audit webhook {}: {} deliveries not sent at shutdown", settings.name(), abandoned);
        }
    }

    private void deliver(byte[] line) throws InterruptedException {
        String delivery = UUID.randomUUID().toString();
        String seq;
        byte[] body;
        try {
            var node = WebhookBodies.parse(line);
            seq = node.path("seq").asText("?");
            body = WebhookBodies.body(settings.format(), node, version);
        } catch (IOException e) {
            giveUp(delivery, "?", 0, "unreadable audit line (" + e.getClass().getSimpleName() + ")");
            return;
        }
        for (int attempt = 1; ; attempt++) {
            String outcome;
            Duration retryAfter = Duration.ZERO;
            try {
                HttpResponse<Void> response = client.send(request(body, delivery),
                        HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    metrics.delivered();
                    problem = null;
                    return;
                }
                outcome = "HTTP " + status;
                if (status != 429 && status < 500) {
                    metrics.rejected();
                    problem = "delivery " + delivery + " (seq " + seq + ") rejected with " + outcome + " at "
                            + clock.instant();
                    LOG.warn("audit webhook {}: delivery {} (seq {}) rejected with {}, not retried", settings.name(),
                            delivery, seq, outcome);
                    return;
                }
                if (status == 429) {
                    retryAfter = retryAfter(response.headers(), clock.instant());
                }
            } catch (IOException | RuntimeException e) {
                // The class only: messages of TLS and connection errors can name more than the host. A runtime
                // exception (a client bug) is retried and given up like a connection error, so the sender
                // thread never dies and leaves the audit writer waiting on a queue nobody drains.
                outcome = e.getClass().getSimpleName();
            }
            if (attempt >= settings.maxAttempts()) {
                giveUp(delivery, seq, attempt, outcome);
                return;
            }
            metrics.retried();
            Duration wait = delay(attempt, settings.backoffInitial(), settings.backoffMax(), retryAfter);
            LOG.debug("audit webhook {}: delivery {} attempt {} failed ({}), retrying in {} ms", settings.name(),
                    delivery, attempt, outcome, wait.toMillis());
            Thread.sleep(wait.toMillis());
        }
    }

    private void giveUp(String delivery, String seq, int attempts, String outcome) {
        metrics.failed();
        givenUp.incrementAndGet();
        problem = "delivery " + delivery + " (seq " + seq + ") given up after " + attempts + " attempts (" + outcome
                + ") at " + clock.instant();
        LOG.warn("audit webhook {}: delivery {} (seq {}) given up after {} attempts (last: {}); the record stays in"
                + " the audit files", settings.name(), delivery, seq, attempts, outcome);
    }

    private HttpRequest request(byte[] body, String delivery) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Sieve/" + version)
                .header("X-Sieve-Delivery", delivery)
                .header("X-Sieve-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        key.ifPresent(k -> request.header("X-Sieve-Signature", "sha256=" + signature(k, timestamp, body)));
        return request.build();
    }

    /** {@code hex(HMAC-SHA256(key, timestamp + "." + body))}. */
    static String signature(SecretKeySpec key, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return HEX.formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e); // every JDK has it
        }
    }

    /**
     * The wait after failed attempt {@code attempt} (1-based): {@code initial x 2^(attempt-1)}, capped at {@code max},
     * with "equal jitter" (a random point in its upper half, so many Sieve replicas do not retry in step), and at
     * least the receiver's {@code Retry-After} capped at {@code max}.
     */
    static Duration delay(int attempt, Duration initial, Duration max, Duration retryAfter) {
        long cap = max.toMillis();
        long base = Math.min(cap, initial.toMillis() << Math.min(attempt - 1, 30));
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        return Duration.ofMillis(Math.max(jittered, Math.min(retryAfter.toMillis(), cap)));
    }

    /** A 429's {@code Retry-After} (seconds or an HTTP date) as a wait from {@code now}; zero if absent or invalid. */
    static Duration retryAfter(HttpHeaders headers, Instant now) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Duration.ZERO;
        }
        String v = value.get();
        try {
            if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
                return v.length() > 9 ? Duration.ofSeconds(999_999_999) : Duration.ofSeconds(Long.parseLong(v));
            }
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return Duration.ZERO;
        }
    }
}
