package dev.sieve.proxy.inspect;

import dev.sieve.dlp.Finding;
import dev.sieve.dlp.inspect.Inspection;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.dlp.inspect.InspectionResult;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.proxy.control.RuleStore;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.handler.ExchangeHandler;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforcement: runs the DLP engine ({@link Inspector}: URL query, headers, and the body through
 * all its views) on every intercepted request and turns its decision into a {@link Verdict}:
 * block (403, nothing upstream), redact (a rewritten, valid body), or log (forwarded untouched).
 * In monitor mode block and redact become log, and the report says so.
 *
 * <p>Each request leases the rule set in force when it starts, so a rule reload never changes
 * the rules under a request in flight.
 */
public final class DlpInspector implements RequestInspector {
    private static final Logger log = LoggerFactory.getLogger(DlpInspector.class);

    private final RuleStore rules;
    private final Function<String, InspectionPolicy> policyForHost;
    private final boolean monitor;
    private final ScanObserver observer;
    private final LongSupplier nanoTime;

    /** Told about every finished scan (metrics). */
    @FunctionalInterface
    public interface ScanObserver {
        /**
         * A request's scan finished: {@code bytes} scanned over all its views, {@code nanos} spent scanning (the
         * time inside the engine only, not the time spent waiting for the agent's next bytes or the upstream).
         */
        void scanned(long bytes, long nanos);
    }

    /**
     * @param policyForHost the inspection policy for a destination host (rule selection, action
     *                      overrides, own credentials, fail-open)
     * @param monitor       true in monitor mode
     */
    public DlpInspector(RuleStore rules, Function<String, InspectionPolicy> policyForHost, boolean monitor,
            ScanObserver observer) {
        this(rules, policyForHost, monitor, observer, System::nanoTime);
    }

    DlpInspector(RuleStore rules, Function<String, InspectionPolicy> policyForHost, boolean monitor,
            ScanObserver observer, LongSupplier nanoTime) {
        this.rules = rules;
        this.policyForHost = policyForHost;
        this.monitor = monitor;
        this.observer = java.util.Objects.requireNonNull(observer, "observer");
        this.nanoTime = nanoTime;
    }

    @Override
    public Session open(ExchangeFacts facts, HttpRequest head) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(head.headers().size());
        for (Map.Entry<String, String> h : head.headers()) {
            headers.add(Map.entry(h.getKey(), h.getValue()));
        }
        RequestMeta meta = new RequestMeta(head.method().name(), ExchangeHandler.originForm(head.uri()), headers);
        String version = rules.current().version();
        // Holds the rule set it started with until finish or close, whatever reloads meanwhile.
        long openStart = nanoTime.getAsLong();
        Inspection inspection = rules.openInspection(meta, policyForHost.apply(facts.host()));
        long opened = nanoTime.getAsLong() - openStart;
        return new Session() {
            /** Time spent in the engine so far (URL and headers, then each chunk): waiting is not scanning. */
            private long scanNanos = opened;

            @Override
            public void onContent(ByteBuf chunk) {
                long start = nanoTime.getAsLong();
                for (java.nio.ByteBuffer b : chunk.nioBuffers()) {
                    inspection.feed(b);
                }
                scanNanos += nanoTime.getAsLong() - start;
            }

            @Override
            public Verdict finish(ByteBuf body) {
                long start = nanoTime.getAsLong();
                long bytes = 0;
                try {
                    InspectionResult result = inspection.finish(body.nioBuffer());
                    bytes = result.bytesScanned();
                    return verdict(result);
                } catch (RuntimeException e) {
                    log.error("inspection of {} failed: {}", facts.requestId(), e.getClass().getName());
                    return new Verdict.Block(Refusal.INSPECTION_FAILED, "internal inspection error", List.of(),
                            new Verdict.Report("blocked", List.of("internal_error"), List.of(), version, 0, false));
                } finally {
                    inspection.close();
                    observer.scanned(bytes, scanNanos + nanoTime.getAsLong() - start);
                }
            }

            @Override
            public void abort() {
                inspection.close();
            }
        };
    }

    Verdict verdict(InspectionResult result) {
        List<Finding> findings = result.findings();
        List<String> reasons = new ArrayList<>();
        result.failure().ifPresent(f -> reasons.add(f.name().toLowerCase(Locale.ROOT)));
        List<String> ruleIds = result.ruleIds();
        long scanned = result.bytesScanned();
        String ruleSet = result.ruleSetVersion();
        InspectionResult.Decision decision = result.decision();
        if (monitor && (decision == InspectionResult.Decision.BLOCK || decision == InspectionResult.Decision.REDACT)) {
            reasons.add("monitor:" + decision.name().toLowerCase(Locale.ROOT));
            return new Verdict.Allow(new Verdict.Report("logged", reasons, findings, ruleSet, scanned, true));
        }
        return switch (decision) {
            case ALLOW -> new Verdict.Allow(new Verdict.Report("allowed", reasons, findings, ruleSet, scanned, false));
            case LOG -> new Verdict.Allow(new Verdict.Report("logged", reasons, findings, ruleSet, scanned, false));
            case REDACT -> {
                var redacted = result.redacted().orElseThrow();
                reasons.addAll(ruleIds);
                yield new Verdict.Replace(redacted.body(), redacted.headerChanges(), redacted.pathAndQuery(),
                        new Verdict.Report("redacted", reasons, findings, ruleSet, scanned, false));
            }
            case BLOCK -> {
                boolean failed = result.failure().isPresent() && ruleIds.isEmpty();
                String detail = failed
                        ? result.failure().get().name().toLowerCase(Locale.ROOT)
                                + (result.failureDetail() == null ? "" : " (" + result.failureDetail() + ")")
                        : "rules " + String.join(", ", ruleIds);
                reasons.addAll(ruleIds);
                yield new Verdict.Block(failed ? Refusal.INSPECTION_FAILED : Refusal.INSPECTION_BLOCKED, detail,
                        ruleIds, new Verdict.Report("blocked", reasons, findings, ruleSet, scanned, false));
            }
        };
    }
}
