package dev.sieve.proxy.metrics;

import dev.sieve.proxy.audit.AuditMetrics;
import dev.sieve.proxy.audit.webhook.WebhookMetrics;
import dev.sieve.proxy.export.ExportMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Every Sieve metric, in one place, on a Prometheus registry. Names are a contract with the Grafana dashboard and
 * alerting ({@code helm/sieve/files/sieve-dashboard.json}, {@code docs/deploy.md} section 9). Constants hold the
 * Micrometer names; the Prometheus name follows from them (dots become underscores, counters get
 * {@code _total}, timers {@code _seconds}):
 *
 * <pre>
 * sieve_requests_total{decision,reason}          one per request decision
 * sieve_detections_total{rule,category,action}   findings, per rule; a repeat in the same conversation not again
 * sieve_detection_repeats_total{rule,category}   findings already reported in the same conversation
 * sieve_request_duration_seconds                 histogram: time Sieve holds a request (routing, inspection),
 *                                                 neither the agent's upload nor the upstream's answer
 * sieve_inspection_duration_seconds              histogram: last body byte to verdict (worker wait included)
 * sieve_upstream_duration_seconds                histogram: request sent upstream to the response head
 * sieve_scan_duration_seconds                    histogram: time spent scanning a request (waiting excluded)
 * sieve_scan_bytes_total                         bytes scanned across all views
 * sieve_request_body_bytes                       distribution of request body sizes
 * sieve_open_connections, sieve_open_tunnels     gauges
 * sieve_body_bytes_in_flight                     gauge: request bytes held for inspection
 * sieve_certificates_total{result=hit|mint|failure} leaf certificates for intercepted tunnels
 * sieve_connections_refused_total{reason}        connections over proxy.maxConnections(PerClient), answered 503
 * sieve_client_timeouts_total{type=header|body}  slow or stalled clients cut off (408, or closed when silent)
 * sieve_upstream_errors_total{type}              upstream failures by RFC 9209 Proxy-Status error type
 * sieve_rule_reloads_total{result=success|failure,reason}   reason: none on success, else unreadable, empty,
 *                                                 invalid, compile or references
 * sieve_rules_active                             gauge: rules in force
 * sieve_rules_disabled                           gauge: rules switched off by rules.disable (a weakening)
 * sieve_rules_action_lowered                     gauge: rules whose action rules.overrides lowers (a weakening)
 * sieve_rules_builtin                            gauge: 1 while the built-in pack is in force, 0 when rules.builtin
 *                                                 is false
 * sieve_rules_compile_seconds{cached=true|false} timer: compiles of the rules for their engine (start and reloads);
 *                                                 cached=true when the database came from rules.compiledCache
 * sieve_audit_queue_depth, sieve_audit_blocked_total, sieve_audit_dropped_total, sieve_audit_refused_total,
 * sieve_audit_records_total, sieve_audit_rotations_total, sieve_audit_failures_total
 * sieve_audit_webhook_deliveries_total{webhook,outcome=delivered|rejected|failed}   audit lines POSTed to a webhook
 * sieve_audit_webhook_retries_total{webhook}     attempts that failed and were retried
 * sieve_audit_webhook_queue_full_total{webhook}  lines that found the webhook's queue full (then block or fail-closed)
 * sieve_audit_webhook_queue_depth{webhook}       gauge: deliveries waiting for the webhook's sender
 * sieve_audit_export_records_total{sink,outcome=sent|blocked|refused|unsent}   audit lines an export sink sent,
 *                                                 waited for (queue full, overflow block), refused (queue full,
 *                                                 fail-closed: the audit log fails) or could not send at shutdown
 * sieve_audit_export_errors_total{sink}          failed sends or connects (each retried with backoff)
 * sieve_audit_export_queue_depth{sink}           gauge: lines waiting for the export sink's thread
 * sieve_audit_export_connected{sink}             gauge: 1 while the export target's connection is up
 * sieve_killswitch_active                        1 while any kill-switch scope is engaged
 * sieve_inspection_queue_depth                   gauge: inspections queued for a worker
 * sieve_inspection_busy_workers                  gauge: workers running an inspection
 * sieve_inspection_waiting                       gauge: requests paused because the inspection queue is full
 * sieve_inspection_wait_timeouts_total           requests refused (503) after inspection.queueWait
 * sieve_alerts_total{kind,severity}              behaviour alerts (volume, probing, new_destination)
 * sieve_alert_time_to_detect_seconds{kind}       histogram: first evidence to alert
 * sieve_alert_events_dropped_total               decisions the behaviour detector skipped (its queue was full)
 * </pre>
 * plus the JVM (memory, GC, threads, class loading, CPU, uptime) and Netty's pooled allocator.
 *
 * <h2>Bounded labels</h2>
 * Callers pass only values from closed sets (decisions, reason codes, actions, Proxy-Status types) or from the
 * loaded rule set (rule ids, and categories, which a DLP team may name); never hosts, paths or matched values. As a second line of defence a
 * filter caps the distinct values per label ({@link #MAX_RULE_IDS} for {@code rule}, {@link #MAX_LABEL_VALUES}
 * for the others); values past the cap are not recorded.
 *
 * <p>All methods are thread-safe and cheap enough for event loops.
 */
public final class SieveMetrics implements AutoCloseable {

    public static final String REQUESTS = "sieve.requests";
    public static final String DETECTIONS = "sieve.detections";
    public static final String DETECTION_REPEATS = "sieve.detection.repeats";
    public static final String REQUEST_DURATION = "sieve.request.duration";
    public static final String SCAN_DURATION = "sieve.scan.duration";
    public static final String SCAN_BYTES = "sieve.scan.bytes";
    public static final String REQUEST_BODY = "sieve.request.body";
    public static final String OPEN_CONNECTIONS = "sieve.open.connections";
    public static final String OPEN_TUNNELS = "sieve.open.tunnels";
    public static final String BODY_BYTES_IN_FLIGHT = "sieve.body.bytes.in.flight";
    public static final String CONNECTIONS_REFUSED = "sieve.connections.refused";
    public static final String CLIENT_TIMEOUTS = "sieve.client.timeouts";
    public static final String CERTIFICATES = "sieve.certificates";
    public static final String UPSTREAM_ERRORS = "sieve.upstream.errors";
    public static final String UPSTREAM_CONNECTIONS = "sieve.upstream.connections";
    public static final String RULE_RELOADS = "sieve.rule.reloads";
    public static final String RULES_ACTIVE = "sieve.rules.active";
    public static final String RULES_DISABLED = "sieve.rules.disabled";
    public static final String RULES_ACTION_LOWERED = "sieve.rules.action.lowered";
    public static final String RULES_BUILTIN = "sieve.rules.builtin";
    public static final String RULES_COMPILE = "sieve.rules.compile";
    public static final String AUDIT_QUEUE_DEPTH = "sieve.audit.queue.depth";
    public static final String AUDIT_BLOCKED = "sieve.audit.blocked";
    public static final String AUDIT_DROPPED = "sieve.audit.dropped";
    public static final String AUDIT_REFUSED = "sieve.audit.refused";
    public static final String AUDIT_RECORDS = "sieve.audit.records";
    public static final String AUDIT_ROTATIONS = "sieve.audit.rotations";
    public static final String AUDIT_ANCHORS = "sieve.audit.anchors";
    public static final String AUDIT_FAILURES = "sieve.audit.failures";
    public static final String AUDIT_EXPORT_RECORDS = "sieve.audit.export.records";
    public static final String AUDIT_EXPORT_ERRORS = "sieve.audit.export.errors";
    public static final String AUDIT_EXPORT_QUEUE_DEPTH = "sieve.audit.export.queue.depth";
    public static final String AUDIT_EXPORT_CONNECTED = "sieve.audit.export.connected";
    public static final String KILLSWITCH_ACTIVE = "sieve.killswitch.active";
    public static final String AUDIT_WEBHOOK_DELIVERIES = "sieve.audit.webhook.deliveries";
    public static final String AUDIT_WEBHOOK_RETRIES = "sieve.audit.webhook.retries";
    public static final String AUDIT_WEBHOOK_QUEUE_FULL = "sieve.audit.webhook.queue.full";
    public static final String AUDIT_WEBHOOK_QUEUE_DEPTH = "sieve.audit.webhook.queue.depth";
    public static final String WEBSOCKET_MESSAGES = "sieve.websocket.messages";
    public static final String STREAMED_UPLOADS = "sieve.streamed.uploads";
    public static final String STREAMED_SENT_BEFORE_VERDICT = "sieve.streamed.sent.before.verdict";
    public static final String INSPECTION_DURATION = "sieve.inspection.duration";
    public static final String UPSTREAM_DURATION = "sieve.upstream.duration";
    public static final String INSPECTION_QUEUE_DEPTH = "sieve.inspection.queue.depth";
    public static final String INSPECTION_BUSY_WORKERS = "sieve.inspection.busy.workers";
    public static final String INSPECTION_WAITING = "sieve.inspection.waiting";
    public static final String INSPECTION_WAIT_TIMEOUTS = "sieve.inspection.wait.timeouts";
    public static final String HTTP2_STREAM_RESETS = "sieve.http2.stream.resets";
    public static final String ALERTS = "sieve.alerts";
    public static final String ALERT_TIME_TO_DETECT = "sieve.alert.time.to.detect";
    public static final String ALERT_EVENTS_DROPPED = "sieve.alert.events.dropped";

    /** Most distinct rule ids recorded per metric. */
    public static final int MAX_RULE_IDS = 2000;
    /** Most distinct values of any other label per metric. */
    public static final int MAX_LABEL_VALUES = 64;

    /** Latency buckets from 1 ms to 30 s: Sieve's added latency is meant to be milliseconds. */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30)};
    private static final double[] BODY_BUCKETS = {
        1024, 16 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024, 16 * 1024 * 1024,
        64 * 1024 * 1024, 256 * 1024 * 1024};

    private static final int MAX_CACHED_COUNTERS = 4096;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;
    private final Timer requestDuration;
    private final Timer scanDuration;
    private final Timer inspectionDuration;
    private final Timer upstreamDuration;
    private final Counter inspectionWaitTimeouts;
    private final Counter scanBytes;
    private final DistributionSummary requestBody;
    private final DistributionSummary streamedSentBeforeVerdict;
    private final Counter auditBlocked;
    private final AtomicLong openConnections = new AtomicLong();
    private final AtomicLong openTunnels = new AtomicLong();
    private final AuditMetrics auditMetrics;
    /** What weakly held meters read: kept as long as the meters are. */
    private final java.util.List<Object> retained = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A registry with every Sieve meter, the JVM binders and Netty's default pooled allocator. */
    public SieveMetrics() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config()
                .meterFilter(cap(REQUESTS, "decision", MAX_LABEL_VALUES))
                .meterFilter(cap(REQUESTS, "reason", MAX_LABEL_VALUES))
                .meterFilter(cap(DETECTIONS, "rule", MAX_RULE_IDS))
                .meterFilter(cap(DETECTIONS, "category", MAX_LABEL_VALUES))
                .meterFilter(cap(DETECTIONS, "action", MAX_LABEL_VALUES))
                .meterFilter(cap(DETECTION_REPEATS, "rule", MAX_RULE_IDS))
                .meterFilter(cap(DETECTION_REPEATS, "category", MAX_LABEL_VALUES))
                .meterFilter(cap(UPSTREAM_ERRORS, "type", MAX_LABEL_VALUES))
                .meterFilter(cap(RULE_RELOADS, "result", MAX_LABEL_VALUES))
                .meterFilter(cap(RULE_RELOADS, "reason", MAX_LABEL_VALUES))
                .meterFilter(cap(CONNECTIONS_REFUSED, "reason", MAX_LABEL_VALUES))
                .meterFilter(cap(CLIENT_TIMEOUTS, "type", MAX_LABEL_VALUES));
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        this.gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // The allocator Sieve's channels use (Netty 4.2: the adaptive one), not PooledByteBufAllocator.DEFAULT,
        // which nothing in Sieve allocates from (its gauges stayed at 0).
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
            new NettyAllocatorMetrics(provider).bindTo(registry);
        }

        this.requestDuration = Timer.builder(REQUEST_DURATION)
                .description("Time Sieve holds a request (routing, inspection); the agent's upload and the"
                        + " upstream's answer excluded")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        this.scanDuration = Timer.builder(SCAN_DURATION)
                .description("Time spent scanning one request, all views")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        this.inspectionDuration = Timer.builder(INSPECTION_DURATION)
                .description("Time from a request's last body byte to its verdict, waiting for a worker included")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        this.upstreamDuration = Timer.builder(UPSTREAM_DURATION)
                .description("Time from sending a request upstream to the upstream's response head")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        this.inspectionWaitTimeouts = Counter.builder(INSPECTION_WAIT_TIMEOUTS)
                .description("Requests refused after waiting inspection.queueWait for an inspection worker")
                .register(registry);
        this.scanBytes = Counter.builder(SCAN_BYTES).baseUnit("bytes")
                .description("Bytes scanned across all views").register(registry);
        this.streamedSentBeforeVerdict = DistributionSummary.builder(STREAMED_SENT_BEFORE_VERDICT).baseUnit("bytes")
                .description("Body bytes of a streamed upload that may have gone upstream before its verdict")
                .register(registry);
        this.requestBody = DistributionSummary.builder(REQUEST_BODY).baseUnit("bytes")
                .description("Request body sizes").serviceLevelObjectives(BODY_BUCKETS).register(registry);
        this.auditBlocked = Counter.builder(AUDIT_BLOCKED)
                .description("Requests that waited because the audit queue was full").register(registry);
        Gauge.builder(OPEN_CONNECTIONS, openConnections, AtomicLong::get)
                .description("Open agent connections").register(registry);
        Gauge.builder(OPEN_TUNNELS, openTunnels, AtomicLong::get)
                .description("Open CONNECT tunnels (intercepted or passed through)").register(registry);
        this.auditMetrics = new MeteredAuditMetrics(registry, auditBlocked);
    }

    /**
     * The counter for a label set, built once: registering through a builder on every event costs an id, a tag
     * sort and a registry lookup per request. Label sets are closed (and capped by the meter filters), so the
     * cache stays small; past {@link #MAX_CACHED_COUNTERS} it stops caching rather than grow.
     */
    private Counter counter(String key, Supplier<Counter> register) {
        Counter c = counters.get(key);
        if (c == null) {
            c = register.get();
            if (counters.size() < MAX_CACHED_COUNTERS) {
                counters.putIfAbsent(key, c);
            }
        }
        return c;
    }

    private static MeterFilter cap(String name, String tag, int max) {
        return MeterFilter.maximumAllowableTags(name, tag, max, MeterFilter.deny());
    }

    /** One request decision: {@code decision} from allowed, denied, blocked, redacted, logged; {@code reason} a code. */
    public void request(String decision, String reason, long addedNanos) {
        counter(REQUESTS + '\0' + decision + '\0' + reason, () -> Counter.builder(REQUESTS)
                .tag("decision", decision).tag("reason", reason).description("Request decisions").register(registry))
                .increment();
        if (addedNanos >= 0) {
            requestDuration.record(addedNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** One finding (counted once per rule and request, or per occurrence: the caller decides and documents). */
    public void detection(String ruleId, String category, String action) {
        counter(DETECTIONS + '\0' + ruleId + '\0' + category + '\0' + action, () -> Counter.builder(DETECTIONS)
                .tag("rule", ruleId).tag("category", category).tag("action", action)
                .description("Findings by rule").register(registry)).increment();
    }

    /** A finding the same rule already reported for the same value in the same conversation. */
    public void detectionRepeat(String ruleId, String category) {
        counter(DETECTION_REPEATS + '\0' + ruleId + '\0' + category, () -> Counter.builder(DETECTION_REPEATS)
                .tag("rule", ruleId).tag("category", category)
                .description("Findings already reported in the same conversation").register(registry)).increment();
    }

    /** A request's scan finished: {@code bytes} scanned over all views in {@code nanos}. */
    public void scanned(long bytes, long nanos) {
        scanBytes.increment(bytes);
        scanDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A request's inspection took {@code nanos} from its last body byte to its verdict. */
    public void inspected(long nanos) {
        inspectionDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The upstream answered a request (its response head) {@code nanos} after it was sent. */
    public void upstreamAnswered(long nanos) {
        upstreamDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A request waited inspection.queueWait for an inspection worker and was refused. */
    public void inspectionWaitTimedOut() {
        inspectionWaitTimeouts.increment();
    }

    /**
     * Registers the inspection pool's gauges: jobs queued for a worker, workers busy, requests waiting because the
     * queue is full.
     */
    public void inspectionPool(IntSupplier queued, IntSupplier busy, IntSupplier waiting) {
        Gauge.builder(INSPECTION_QUEUE_DEPTH, () -> queued.getAsInt())
                .description("Inspections queued for a worker").register(registry);
        Gauge.builder(INSPECTION_BUSY_WORKERS, () -> busy.getAsInt())
                .description("Inspection workers running an inspection").register(registry);
        Gauge.builder(INSPECTION_WAITING, () -> waiting.getAsInt())
                .description("Requests paused because the inspection queue is full").register(registry);
    }

    /** A request body of {@code bytes} was received (before decoding). */
    public void requestBody(long bytes) {
        requestBody.record(bytes);
    }

    /** An upstream failure; {@code proxyStatusType} is the RFC 9209 error type, e.g. {@code connection_timeout}. */
    public void upstreamError(String proxyStatusType) {
        Counter.builder(UPSTREAM_ERRORS).tag("type", proxyStatusType)
                .description("Upstream failures by Proxy-Status error type").register(registry).increment();
    }

    /**
     * A rule reload finished; {@code success} false when the last good rule set stayed in force, {@code reason} then
     * a code from a closed set ({@code unreadable}, {@code empty}, {@code invalid}, {@code compile},
     * {@code references}); {@code none} on success.
     */
    public void ruleReload(boolean success, String reason) {
        Objects.requireNonNull(reason, "reason");
        Counter.builder(RULE_RELOADS).tag("result", success ? "success" : "failure").tag("reason", reason)
                .description("Rule reloads").register(registry).increment();
    }

    /**
     * Registers the gauges of the rule set in force: how many rules, how many {@code rules.disable} switched off, how
     * many have an action {@code rules.overrides} lowers, and whether the built-in pack is on. Each supplier is read
     * at scrape time.
     */
    public void rules(IntSupplier active, IntSupplier disabled, IntSupplier actionLowered, BooleanSupplier builtin) {
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(disabled, "disabled");
        Objects.requireNonNull(actionLowered, "actionLowered");
        Objects.requireNonNull(builtin, "builtin");
        Gauge.builder(RULES_ACTIVE, () -> active.getAsInt()).description("Rules in force").register(registry);
        Gauge.builder(RULES_DISABLED, () -> disabled.getAsInt())
                .description("Rules switched off by rules.disable").register(registry);
        Gauge.builder(RULES_ACTION_LOWERED, () -> actionLowered.getAsInt())
                .description("Rules whose action rules.overrides lowers").register(registry);
        Gauge.builder(RULES_BUILTIN, () -> builtin.getAsBoolean() ? 1 : 0)
                .description("1 while the built-in rule pack is in force").register(registry);
    }

    /** The rules were compiled for their engine in {@code nanos}; {@code cached}: read from the compiled cache. */
    public void rulesCompiled(boolean cached, long nanos) {
        Timer.builder(RULES_COMPILE).tag("cached", Boolean.toString(cached))
                .description("Compiles of the rules for their engine; cached=true: read from the compiled cache")
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void connectionOpened() {
        openConnections.incrementAndGet();
    }

    public void connectionClosed() {
        openConnections.decrementAndGet();
    }

    /**
     * A connection refused at accept for a connection cap; {@code reason} is {@code max_connections} or
     * {@code max_connections_per_client}.
     */
    public void connectionRefused(String reason) {
        counter(CONNECTIONS_REFUSED + '\0' + reason, () -> Counter.builder(CONNECTIONS_REFUSED).tag("reason", reason)
                .description("Agent connections refused (503) over a connection cap").register(registry)).increment();
    }

    /** A slow or stalled client was cut off; {@code type} is {@code header} or {@code body}. */
    public void clientTimeout(String type) {
        counter(CLIENT_TIMEOUTS + '\0' + type, () -> Counter.builder(CLIENT_TIMEOUTS).tag("type", type)
                .description("Clients cut off for a slow or stalled request head or body").register(registry))
                .increment();
    }

    /**
     * The verdict on an upload that was already streaming upstream ({@code inspection} proved a clean prefix):
     * {@code outcome} {@code forwarded} (allowed, logged or redacted: the rest follows) or {@code aborted} (blocked, or
     * a redaction that could not be applied: the upstream request is cut before its end). {@code sent}: body bytes that
     * may have gone upstream by then.
     */
    public void streamedUpload(String outcome, long sent) {
        counter(STREAMED_UPLOADS + '\0' + outcome, () -> Counter.builder(STREAMED_UPLOADS).tag("outcome", outcome)
                .description("Uploads streamed upstream before their verdict, by outcome").register(registry))
                .increment();
        streamedSentBeforeVerdict.record(sent);
    }

    /**
     * One WebSocket message from an agent was inspected (or dropped over a limit): {@code decision} from allowed,
     * logged, redacted, blocked.
     */
    public void webSocketMessage(String decision) {
        counter(WEBSOCKET_MESSAGES + '\0' + decision, () -> Counter.builder(WEBSOCKET_MESSAGES)
                .tag("decision", decision).description("WebSocket messages from agents, by decision")
                .register(registry)).increment();
    }

    /**
     * An h2 stream on an agent connection was reset: {@code by} is {@code sieve} (Sieve sent RST_STREAM: a stream
     * error found by the h2 codec, a refused stream, a cancelled exchange, the end of a drained over-limit upload) or
     * {@code agent}; {@code error} is the RFC 9113 error name ({@code PROTOCOL_ERROR}, {@code CANCEL}...), or
     * {@code unknown} for a code outside it.
     */
    public void http2StreamReset(String by, String error) {
        counter(HTTP2_STREAM_RESETS + '\0' + by + '\0' + error, () -> Counter.builder(HTTP2_STREAM_RESETS)
                .tag("by", by).tag("error", error).description("h2 streams reset on agent connections")
                .register(registry)).increment();
    }

    public void tunnelOpened() {
        openTunnels.incrementAndGet();
    }

    public void tunnelClosed() {
        openTunnels.decrementAndGet();
    }

    /** Registers the gauge of request bytes held for inspection (the in-flight budget's usage). */
    public void bodyBytesInFlight(LongSupplier bytes) {
        Objects.requireNonNull(bytes, "bytes");
        Gauge.builder(BODY_BYTES_IN_FLIGHT, () -> bytes.getAsLong())
                .description("Request body bytes held for inspection").register(registry);
    }

    /**
     * Registers the leaf-certificate counters, each supplier a monotonically growing count: lookups answered by
     * a cached certificate ({@code hit}), leaves minted ({@code mint}), lookups that got none ({@code failure}).
     */
    public void certificates(LongSupplier hits, LongSupplier mints, LongSupplier failures) {
        certificateCounter("hit", hits);
        certificateCounter("mint", mints);
        certificateCounter("failure", failures);
    }

    /**
     * Registers the counters of upstream connections opened (TCP connected and, for TLS, handshaken), by the protocol
     * they speak: {@code http/1.1} or {@code h2} (ALPN). Each supplier is a monotonically growing count.
     */
    public void upstreamConnections(LongSupplier http1, LongSupplier h2) {
        upstreamConnectionCounter("http/1.1", http1);
        upstreamConnectionCounter("h2", h2);
    }

    private void upstreamConnectionCounter(String protocol, LongSupplier count) {
        functionCounter(UPSTREAM_CONNECTIONS, "protocol", protocol, count,
                "Upstream connections opened, by protocol (h2 streams share one)");
    }

    private void certificateCounter(String result, LongSupplier count) {
        functionCounter(CERTIFICATES, "result", result, count,
                "Leaf certificates for intercepted tunnels: cache hits, mints, failures");
    }

    /** A counter that reports what {@code count} returns, under {@code name} with the one tag {@code key=value}. */
    private void functionCounter(String name, String key, String value, LongSupplier count, String description) {
        Objects.requireNonNull(count, value);
        // A function counter holds its object weakly: a method reference held by nobody else would be collected
        // at the next GC, and the counter would stop reporting. This instance keeps it.
        retained.add(count);
        FunctionCounter.builder(name, count, c -> c.getAsLong()).tag(key, value).description(description)
                .register(registry);
    }

    /** Registers the audit queue depth gauge. */
    public void auditQueueDepth(LongSupplier depth) {
        Objects.requireNonNull(depth, "depth");
        Gauge.builder(AUDIT_QUEUE_DEPTH, () -> depth.getAsLong())
                .description("Audit records waiting for the writer").register(registry);
    }

    /** The counters of the audit export sink {@code sink}. */
    public ExportMetrics auditExport(String sink) {
        Objects.requireNonNull(sink, "sink");
        Counter sent = exportRecords(sink, "sent");
        Counter blocked = exportRecords(sink, "blocked");
        Counter refused = exportRecords(sink, "refused");
        Counter unsent = exportRecords(sink, "unsent");
        Counter errors = Counter.builder(AUDIT_EXPORT_ERRORS).tag("sink", sink)
                .description("Failed sends or connects of an audit export sink (retried with backoff)")
                .register(registry);
        return new ExportMetrics() {
            @Override
            public void sent(int lines) {
                sent.increment(lines);
            }

            @Override
            public void blocked() {
                blocked.increment();
            }

            @Override
            public void refused() {
                refused.increment();
            }

            @Override
            public void unsent(int lines) {
                unsent.increment(lines);
            }

            @Override
            public void sendFailed() {
                errors.increment();
            }
        };
    }

    private Counter exportRecords(String sink, String outcome) {
        return Counter.builder(AUDIT_EXPORT_RECORDS).tag("sink", sink).tag("outcome", outcome)
                .description("Audit lines of an export sink by outcome").register(registry);
    }

    /** Registers the gauges of the audit export sink {@code sink}: queue depth and connection state. */
    public void auditExportGauges(String sink, LongSupplier depth, BooleanSupplier connected) {
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(connected, "connected");
        retained.add(depth);
        retained.add(connected);
        Gauge.builder(AUDIT_EXPORT_QUEUE_DEPTH, () -> depth.getAsLong()).tag("sink", sink)
                .description("Audit lines waiting for an export sink's thread").register(registry);
        Gauge.builder(AUDIT_EXPORT_CONNECTED, () -> connected.getAsBoolean() ? 1 : 0).tag("sink", sink)
                .description("1 while an audit export sink's connection is up").register(registry);
    }

    /** Registers the kill-switch gauge: 1 while {@code engaged} is true. */
    public void killSwitch(BooleanSupplier engaged) {
        Objects.requireNonNull(engaged, "engaged");
        Gauge.builder(KILLSWITCH_ACTIVE, () -> engaged.getAsBoolean() ? 1 : 0)
                .description("1 while the kill switch is engaged for any scope").register(registry);
    }

    /** Time-to-detect buckets from 100 ms to 1 h: detections fire on the event that crosses a threshold. */
    private static final Duration[] DETECT_BUCKETS = {
        Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1),
        Duration.ofMinutes(10), Duration.ofHours(1)};

    /** One behaviour alert: {@code kind} and {@code severity} from closed sets; its time to detect. */
    public void alert(String kind, String severity, long timeToDetectMillis) {
        counter(ALERTS + '\0' + kind + '\0' + severity, () -> Counter.builder(ALERTS).tag("kind", kind)
                .tag("severity", severity).description("Behaviour alerts").register(registry)).increment();
        Timer.builder(ALERT_TIME_TO_DETECT).tag("kind", kind).serviceLevelObjectives(DETECT_BUCKETS)
                .description("Time from an alert's first evidence to the alert").register(registry)
                .record(timeToDetectMillis, TimeUnit.MILLISECONDS);
    }

    /** A decision the behaviour detector did not see because its queue was full. */
    public void alertEventDropped() {
        counter(ALERT_EVENTS_DROPPED, () -> Counter.builder(ALERT_EVENTS_DROPPED)
                .description("Decisions the behaviour detections skipped because their queue was full")
                .register(registry)).increment();
    }

    /** The audit log's counters, backed by these meters. */
    public AuditMetrics auditMetrics() {
        return auditMetrics;
    }

    /** Registers the queue depth gauge of the audit webhook {@code webhook}. */
    public void webhookQueueDepth(String webhook, LongSupplier depth) {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(depth, "depth");
        Gauge.builder(AUDIT_WEBHOOK_QUEUE_DEPTH, () -> depth.getAsLong()).tag("webhook", webhook)
                .description("Deliveries waiting for the audit webhook's sender").register(registry);
    }

    /**
     * The counters of the audit webhook {@code webhook} (a configured name, so a bounded label); all exist from the
     * start, at zero.
     */
    public WebhookMetrics webhookMetrics(String webhook) {
        Objects.requireNonNull(webhook, "webhook");
        Counter delivered = webhookDeliveries(webhook, "delivered");
        Counter rejected = webhookDeliveries(webhook, "rejected");
        Counter failed = webhookDeliveries(webhook, "failed");
        Counter retries = Counter.builder(AUDIT_WEBHOOK_RETRIES).tag("webhook", webhook)
                .description("Audit webhook attempts that failed and were retried").register(registry);
        Counter queueFull = Counter.builder(AUDIT_WEBHOOK_QUEUE_FULL).tag("webhook", webhook)
                .description("Audit lines that found the webhook's queue full (then blocked or failed closed)")
                .register(registry);
        return new WebhookMetrics() {
            @Override
            public void delivered() {
                delivered.increment();
            }

            @Override
            public void rejected() {
                rejected.increment();
            }

            @Override
            public void failed() {
                failed.increment();
            }

            @Override
            public void retried() {
                retries.increment();
            }

            @Override
            public void queueFull() {
                queueFull.increment();
            }
        };
    }

    private Counter webhookDeliveries(String webhook, String outcome) {
        return Counter.builder(AUDIT_WEBHOOK_DELIVERIES).tag("webhook", webhook).tag("outcome", outcome)
                .description("Audit lines POSTed to a webhook, by outcome: delivered (2xx), rejected (other 4xx, not"
                        + " retried), failed (given up after the last attempt)").register(registry);
    }

    /** The Prometheus text exposition (format 0.0.4) of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** The underlying registry, for meters beyond this class; prefer the methods above. */
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    /** Adapts {@link AuditMetrics} callbacks to counters. */
    private static final class MeteredAuditMetrics implements AuditMetrics {
        private final Counter records;
        private final Counter blocked;
        private final Counter dropped;
        private final Counter refused;
        private final Counter rotations;
        private final Counter anchors;
        private final Counter failures;

        MeteredAuditMetrics(MeterRegistry registry, Counter blocked) {
            this.records = counter(registry, AUDIT_RECORDS, "Audit records (seals included) written to every sink");
            this.blocked = blocked;
            this.dropped = counter(registry, AUDIT_DROPPED, "Audit records discarded because the queue was full");
            this.refused = counter(registry, AUDIT_REFUSED, "Requests refused because the audit queue was full");
            this.rotations = counter(registry, AUDIT_ROTATIONS, "Audit files sealed and rotated");
            this.anchors = counter(registry, AUDIT_ANCHORS, "Signed seals and chain heads written to the anchor file");
            this.failures = counter(registry, AUDIT_FAILURES, "Audit write failures (the log then refuses records)");
        }

        private static Counter counter(MeterRegistry registry, String name, String description) {
            return Counter.builder(name).description(description).register(registry);
        }

        @Override
        public void written(int count) {
            records.increment(count);
        }

        @Override
        public void blocked() {
            blocked.increment();
        }

        @Override
        public void dropped() {
            dropped.increment();
        }

        @Override
        public void refused() {
            refused.increment();
        }

        @Override
        public void rotated() {
            rotations.increment();
        }

        @Override
        public void anchored() {
            anchors.increment();
        }

        @Override
        public void failed() {
            failures.increment();
        }
    }
}
