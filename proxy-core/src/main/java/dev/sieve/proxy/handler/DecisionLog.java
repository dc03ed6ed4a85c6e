package dev.sieve.proxy.handler;

import dev.sieve.proxy.decision.DecisionRecord;
import dev.sieve.proxy.decision.DecisionRecorder;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.inspect.Verdict;
import dev.sieve.proxy.route.Authority;
import dev.sieve.proxy.route.Target;
import dev.sieve.proxy.upstream.UpstreamRequests;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the outcome of one exchange on one agent connection into one {@link DecisionRecord} for
 * the recorder (audit log, metrics). The exchange calls {@link #record} once per request.
 */
final class DecisionLog {
    private final DecisionRecorder recorder;
    private final String clientAddress;

    DecisionLog(DecisionRecorder recorder, String clientAddress) {
        this.recorder = recorder;
        this.clientAddress = clientAddress;
    }

    /**
     * Records one decision; does nothing before a request head was read ({@code requestId} or
     * {@code request} {@code null}).
     *
     * @param agentId      the agent the request came from (its selector's answer for this request)
     * @param target       the routed destination, or {@code null} before routing (the Host header then names it)
     * @param extraReasons reason codes appended to the report's
     * @param startNanos   {@link System#nanoTime()} when the request head arrived
     * @param addedNanos   how long of that Sieve itself held the request (routing, inspection)
     */
    void record(String requestId, String agentId, HttpRequest request, Target target, Verdict.Report report,
            List<String> extraReasons, long bytesIn, long bytesOut, long startNanos, long addedNanos) {
        if (requestId == null || request == null) {
            return;
        }
        List<String> reasons = report.reasons();
        if (!extraReasons.isEmpty()) {
            reasons = new ArrayList<>(reasons);
            reasons.addAll(extraReasons);
        }
        String host = target != null ? target.host() : authorityHost(request);
        int port = target != null ? target.port() : 0;
        recorder.record(new DecisionRecord(requestId, agentId, clientAddress,
                request.method().name(), host, port, UpstreamRequests.originForm(request.uri()), report.decision(),
                reasons, report.findings(), bytesIn, bytesOut, report.ruleSetVersion(), report.monitored(),
                System.nanoTime() - startNanos, addedNanos));
    }

    /**
     * The report for a refused request: {@code blocked} with the inspection's reasons and findings
     * after the refusal code when inspection refused it (or an MCP body could not be read), {@code denied} with them
     * for an MCP tool-policy refusal and for a target with a userinfo or a fragment, else {@code denied} with the refusal code only.
     *
     * @param inspection the inspection's report, or {@code null} when the body was not inspected
     */
    static Verdict.Report refusalReport(Refusal refusal, Verdict.Report inspection) {
        boolean inspected = refusal == Refusal.INSPECTION_BLOCKED || refusal == Refusal.INSPECTION_FAILED
                || refusal == Refusal.MCP_INVALID_MESSAGE;
        // A tool-policy refusal is a denial, with the inspection's reasons (the MCP call) and findings kept; so is the
        // refusal of a target with a userinfo or a fragment, inspected first (what it held is audited as findings).
        boolean withReport = inspected || refusal == Refusal.MCP_TOOL_DENIED || refusal == Refusal.TARGET_USERINFO
                || refusal == Refusal.TARGET_FRAGMENT;
        Verdict.Report base = withReport && inspection != null ? inspection : Verdict.Report.NONE;
        List<String> reasons = new ArrayList<>();
        reasons.add(refusal.code());
        reasons.addAll(base.reasons());
        return new Verdict.Report(inspected ? "blocked" : "denied", List.copyOf(reasons), base.findings(),
                base.ruleSetVersion(), base.bytesScanned(), base.monitored());
    }

    /** The normalized host of the Host header, or {@code ""} when absent or invalid. */
    static String authorityHost(HttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        Authority a = host == null ? null : Authority.parse(host, 443);
        return a == null ? "" : a.host();
    }
}
