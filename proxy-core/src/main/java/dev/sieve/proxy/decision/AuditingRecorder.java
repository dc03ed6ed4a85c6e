package dev.sieve.proxy.decision;

import dev.sieve.proxy.audit.AuditFinding;
import dev.sieve.proxy.audit.AuditLog;
import dev.sieve.proxy.audit.AuditRecord;
import dev.sieve.proxy.audit.HostMasking;
import dev.sieve.proxy.audit.PathMasking;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.metrics.SieveMetrics;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each decision to the tamper-evident audit log without blocking the event loop. When
 * the log's queue is full (overflow policy {@code block}), the record is still handed over with
 * {@code tryAppend} refused, and {@link #admit()} turns false so the proxy refuses new requests
 * until the writer catches up: no request goes unaudited.
 */
public final class AuditingRecorder implements DecisionRecorder {
    private static final Logger log = LoggerFactory.getLogger(AuditingRecorder.class);

    private final AuditLog audit;
    private final SieveMetrics metrics;
    private final Clock clock;
    private final boolean monitorMode;
    /** Sees every record written (behaviour detections); must not block. */
    private final Consumer<AuditRecord> observer;
    private final AtomicBoolean saturated = new AtomicBoolean();
    /** Blocking appends for records that met a full queue; bounded because admit() stops new requests. */
    private final ExecutorService overflow = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sieve-audit-overflow");
        t.setDaemon(true);
        return t;
    });

    public AuditingRecorder(AuditLog audit, Clock clock, boolean monitorMode, SieveMetrics metrics) {
        this(audit, clock, monitorMode, metrics, record -> {});
    }

    /** @param observer sees every record handed to the log, on the event loop: it must return at once */
    public AuditingRecorder(AuditLog audit, Clock clock, boolean monitorMode, SieveMetrics metrics,
            Consumer<AuditRecord> observer) {
        this.observer = observer;
        this.metrics = metrics;
        this.audit = audit;
        this.clock = clock;
        this.monitorMode = monitorMode;
    }

    @Override
    public void record(DecisionRecord r) {
        count(r);
        List<AuditFinding> findings = r.findings().stream().map(AuditFinding::of).toList();
        // Segments that held a finding are masked here, where the findings' offsets are known.
        String path = PathMasking.mask(r.path() == null ? "" : r.path(), r.findings());
        boolean exfiltration = r.reasons().contains(Refusal.SUBDOMAIN_EXFILTRATION.code());
        AuditRecord record = new AuditRecord(clock.instant(), r.requestId(), r.agentId(), r.clientAddress(),
                r.method(), exfiltration ? HostMasking.mask(r.host()) : r.host(), r.port(), path, r.decision(), r.reasons(), findings,
                r.bytesIn(), r.bytesOut(), r.ruleSetVersion(), monitorMode ? "monitor" : "enforce",
                r.latencyNanos() / 1000);
        boolean appended = audit.tryAppend(record);
        // After the append, so the evidence's own records mostly come before an alert in the chain.
        observer.accept(record);
        if (appended) {
            saturated.set(false);
            return;
        }
        // The queue is full: this one record must not be lost, so hand it to a blocking append off
        // the event loop, and refuse new requests until the writer has caught up.
        if (saturated.compareAndSet(false, true)) {
            log.warn("audit queue is full: refusing new requests until it drains");
        }
        overflow.execute(() -> {
            try {
                audit.append(record);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("audit record {} could not be written: {}", r.requestId(), e.getMessage());
            }
        });
    }

    /** Metrics carry closed label sets only: decision, reason code, rule id, category, action, error type. */
    private void count(DecisionRecord r) {
        // MCP reasons name the agent's methods and tools, not a closed set: they stay out of the label.
        String reason = r.reasons().stream().filter(c -> !c.startsWith("mcp:")).findFirst().orElse("none");
        metrics.request(r.decision(), reasonLabel(reason), r.addedNanos());
        for (var f : r.findings()) {
            if (f.repeat()) {
                metrics.detectionRepeat(f.ruleId(), f.category().yamlName());
            } else {
                metrics.detection(f.ruleId(), f.category().yamlName(),
                        f.action().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (r.bytesIn() > 0) {
            metrics.requestBody(r.bytesIn());
        }
        for (String code : r.reasons()) {
            Refusal refusal = UPSTREAM.get(code);
            if (refusal != null) {
                metrics.upstreamError(refusal.proxyStatusError());
            }
        }
    }

    /** Reason labels: refusal codes and failure reasons are closed sets; rule ids become "rules". */
    private static String reasonLabel(String reason) {
        return reason.indexOf('.') >= 0 ? "rules" : reason;
    }

    private static final java.util.Map<String, Refusal> UPSTREAM = java.util.stream.Stream.of(Refusal.DNS_FAILED,
            Refusal.CONNECTION_REFUSED, Refusal.CONNECTION_TIMEOUT, Refusal.UPSTREAM_TLS_CERTIFICATE,
            Refusal.UPSTREAM_TLS_PROTOCOL, Refusal.UPSTREAM_RESPONSE_TIMEOUT, Refusal.UPSTREAM_CLOSED,
            Refusal.UPSTREAM_BAD_RESPONSE).collect(java.util.stream.Collectors.toMap(Refusal::code, x -> x));

    @Override
    public boolean admit() {
        if (saturated.get() && audit.queueDepth() == 0) {
            saturated.set(false);
        }
        return !saturated.get() && audit.healthy();
    }

    /** Stops the overflow writer after handing it what it holds. */
    public void close() {
        overflow.shutdown();
    }
}
