package dev.sieve.proxy.inspect;

import dev.sieve.dlp.Finding;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.conversation.ConversationShape;
import dev.sieve.proxy.config.ConversationSettings;
import dev.sieve.proxy.conversation.ConversationTracker;
import io.netty.buffer.ByteBufUtil;
import dev.sieve.dlp.inspect.Inspection;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.dlp.inspect.InspectionResult;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.proxy.config.InspectionLimits;
import dev.sieve.proxy.control.RuleStore;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.route.RequestTarget;
import dev.sieve.proxy.redaction.PlaceholderLookup;
import dev.sieve.proxy.redaction.Redaction;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    private final Function<String, InspectionLimits> limitsForHost;
    private final boolean monitor;
    private final ScanObserver observer;
    private final LongSupplier nanoTime;
    private final ConversationTracker conversations;
    private final Redaction redaction;

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
     *                      overrides, own credentials, fail-open, decode limits)
     * @param limitsForHost the decode limits in that policy with their configuration keys, to name the one a
     *                      request exceeded
     * @param monitor       true in monitor mode
     */
    public DlpInspector(RuleStore rules, Function<String, InspectionPolicy> policyForHost,
            Function<String, InspectionLimits> limitsForHost, boolean monitor, ScanObserver observer) {
        this(rules, policyForHost, limitsForHost, monitor, observer, Redaction.unkeyed(), DISABLED, System::nanoTime);
    }

    /**
     * @param redaction     the placeholders of redacted values and, with restore on, where their originals go
     * @param conversations follows agent conversations: history policy and alert deduplication
     */
    public DlpInspector(RuleStore rules, Function<String, InspectionPolicy> policyForHost,
            Function<String, InspectionLimits> limitsForHost, boolean monitor, ScanObserver observer,
            Redaction redaction, ConversationTracker conversations) {
        this(rules, policyForHost, limitsForHost, monitor, observer, redaction, conversations, System::nanoTime);
    }

    private static final ConversationTracker DISABLED = new ConversationTracker(new ConversationSettings(false,
            ConversationSettings.DEFAULTS.maxStateBytes(), ConversationSettings.DEFAULTS.idleExpiry(),
            ConversationSettings.DEFAULTS.history()));

    /** A tracker that follows no conversation: every finding is new content. */
    static ConversationTracker conversationsOff() {
        return DISABLED;
    }

    DlpInspector(RuleStore rules, Function<String, InspectionPolicy> policyForHost,
            Function<String, InspectionLimits> limitsForHost, boolean monitor, ScanObserver observer,
            Redaction redaction, ConversationTracker conversations, LongSupplier nanoTime) {
        this.redaction = Objects.requireNonNull(redaction, "redaction");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.rules = rules;
        this.policyForHost = policyForHost;
        this.limitsForHost = limitsForHost;
        this.monitor = monitor;
        this.observer = Objects.requireNonNull(observer, "observer");
        this.nanoTime = nanoTime;
    }

    /** Changes the destination's inspection policy for one request (e.g. an MCP tool's action), given the rules. */
    @FunctionalInterface
    public interface PolicyAdjustment {
        PolicyAdjustment NONE = (policy, ruleSet) -> policy;

        InspectionPolicy adjust(InspectionPolicy policy, RuleSet ruleSet);
    }

    @Override
    public Session open(ExchangeFacts facts, HttpRequest head, RequestTarget target) {
        return open(facts, head, target, PolicyAdjustment.NONE);
    }

    /**
     * {@link #open(ExchangeFacts, HttpRequest, RequestTarget)} under the destination's policy as {@code adjustment}
     * changes it.
     */
    public Session open(ExchangeFacts facts, HttpRequest head, RequestTarget target, PolicyAdjustment adjustment) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(head.headers().size());
        for (Map.Entry<String, String> h : head.headers()) {
            headers.add(Map.entry(h.getKey(), h.getValue()));
        }
        // The target as received: its fragment stays in the origin form and its userinfo is kept, so that both are
        // scanned (target:fragment, target:userinfo) although neither is ever forwarded (RequestTarget).
        RequestMeta meta = new RequestMeta(head.method().name(), target.originFormWithFragment(), headers,
                target.userinfo() == null ? "" : target.userinfo(), List.of());
        String version = rules.current().version();
        InspectionLimits limits = limitsForHost.apply(facts.host());
        InspectionPolicy policy = policyForHost.apply(facts.host());
        if (policy.limits().isEmpty()) {
            policy = policy.withLimits(limits.values());
        }
        policy = adjustment.adjust(policy, rules.current().rules());
        // Holds the rule set it started with until finish or close, whatever reloads meanwhile.
        long openStart = nanoTime.getAsLong();
        Redaction.Capture capture = redaction.capture(Redaction.scope(facts.agentId(), facts.clientAddress()));
        Inspection inspection = rules.openInspection(meta, policy, redaction.placeholders(), capture);
        long opened = nanoTime.getAsLong() - openStart;
        return new Session() {
            /** Time spent in the engine so far (URL and headers, then each chunk): waiting is not scanning. */
            private long scanNanos = opened;
            /** Set when the request goes upstream redacted and its originals are kept for restore. */
            private Optional<PlaceholderLookup> restore = Optional.empty();

            @Override
            public void onContent(ByteBuf chunk) {
                long start = nanoTime.getAsLong();
                for (java.nio.ByteBuffer b : chunk.nioBuffers()) {
                    inspection.feed(b);
                }
                scanNanos += nanoTime.getAsLong() - start;
            }

            @Override
            public long cleanThrough() {
                return inspection.cleanThrough();
            }

            @Override
            public void onTrailers(List<Map.Entry<String, String>> trailers) {
                inspection.trailers(trailers); // scanned at finish, each like a header (trailer:<name>)
            }

            @Override
            public void trackClean() {
                inspection.trackClean();
            }

            @Override
            public Verdict finish(ByteBuf body) {
                long start = nanoTime.getAsLong();
                long bytes = 0;
                try {
                    ConversationTracker.Turn turn = turn(facts, meta, body);
                    InspectionResult result = inspection.finish(body.nioBuffer(), turn.history(conversations.policy()));
                    bytes = result.bytesScanned();
                    Verdict verdict = verdict(deduplicated(result, conversations.deduplicate(turn, facts.requestId(),
                            result.findings())), limits, facts.enforced());
                    if (verdict instanceof Verdict.Replace) {
                        capture.commit();
                        restore = capture.lookup();
                    }
                    return verdict;
                } catch (RuntimeException e) {
                    log.error("inspection of {} failed: {}", facts.requestId(), e.getClass().getName());
                    return new Verdict.Block(Refusal.INSPECTION_FAILED, "internal inspection error", List.of(),
                            new Verdict.Report("blocked", List.of("internal_error"), List.of(), version, 0, false));
                } finally {
                    capture.discard();
                    inspection.close();
                    observer.scanned(bytes, scanNanos + nanoTime.getAsLong() - start);
                }
            }

            @Override
            public void abort() {
                capture.discard();
                inspection.close();
            }

            @Override
            public Optional<PlaceholderLookup> restore() {
                return restore;
            }
        };
    }

    /**
     * The request's place in its agent's conversation; none when conversations are off, the target is not a
     * conversation API, or anything goes wrong (then every finding is judged as new content: the strict reading).
     */
    private ConversationTracker.Turn turn(ExchangeFacts facts, RequestMeta meta, ByteBuf body) {
        if (!conversations.enabled() || ConversationShape.ofPath(meta.pathAndQuery()).isEmpty()) {
            return ConversationTracker.Turn.NONE;
        }
        try {
            byte[] bytes = ByteBufUtil.getBytes(body, body.readerIndex(), body.readableBytes(), false);
            return conversations.observe(Redaction.scope(facts.agentId(), facts.clientAddress()), meta.pathAndQuery(),
                    bytes);
        } catch (RuntimeException e) {
            log.warn("conversation of {} not followed: {}", facts.requestId(), e.getClass().getName());
            return ConversationTracker.Turn.NONE;
        }
    }

    private static InspectionResult deduplicated(InspectionResult r, List<Finding> findings) {
        if (findings == r.findings()) {
            return r;
        }
        return new InspectionResult(r.decision(), findings, r.failure(), r.failureDetail(), r.limit(), r.redacted(),
                r.bytesScanned(), r.ruleSetVersion());
    }

    /**
     * @param limits the limits the request was decoded within; a failure caused by one of them names its key and
     *               value (never request data) in the refusal and the audit reasons
     */
    Verdict verdict(InspectionResult result, InspectionLimits limits) {
        return verdict(result, limits, false);
    }

    /**
     * @param enforced the agent's token has {@code mode: enforce}: a block or redact stands even in monitor mode, and
     *                 the reasons say why ({@code token_mode:enforce})
     */
    Verdict verdict(InspectionResult result, InspectionLimits limits, boolean enforced) {
        List<Finding> findings = result.findings();
        List<String> reasons = new ArrayList<>();
        result.failure().ifPresent(f -> reasons.add(f.name().toLowerCase(Locale.ROOT)));
        Optional<String> exceeded = result.limit().map(l -> limits.describe(l) + " exceeded");
        exceeded.ifPresent(reasons::add);
        List<String> ruleIds = result.ruleIds();
        long scanned = result.bytesScanned();
        String ruleSet = result.ruleSetVersion();
        InspectionResult.Decision decision = result.decision();
        boolean blocksOrRedacts = decision == InspectionResult.Decision.BLOCK
                || decision == InspectionResult.Decision.REDACT;
        if (monitor && enforced && blocksOrRedacts) {
            reasons.add("token_mode:enforce");
        } else if (monitor && blocksOrRedacts) {
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
                String failure = result.failure().map(f -> f.name().toLowerCase(Locale.ROOT)).orElse("");
                String detail = !failed ? BlockMessage.detail(findings)
                        : exceeded.isPresent() ? failure + ": " + exceeded.get()
                        : failure + (result.failureDetail() == null ? "" : " (" + result.failureDetail() + ")");
                reasons.addAll(ruleIds);
                yield new Verdict.Block(failed ? Refusal.INSPECTION_FAILED : Refusal.INSPECTION_BLOCKED, detail,
                        ruleIds, new Verdict.Report("blocked", reasons, findings, ruleSet, scanned, false));
            }
        };
    }
}
