package dev.sieve.proxy.handler;

import dev.sieve.proxy.inspect.InspectionPool;
import dev.sieve.proxy.inspect.Verdict;
import dev.sieve.proxy.route.RequestTarget;
import dev.sieve.proxy.route.Target;
import dev.sieve.proxy.upstream.UpstreamCall;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The state of one exchange, from its request head to the end of its response: what was asked (request, agent),
 * where it goes (target, body limit), its held body and that body's inspection, the verdict, the upstream call,
 * the bytes each way and the timestamps of its phases. The {@link ExchangeHandler} runs the state machine over it;
 * a new exchange is a new object, so nothing of one exchange survives into the next. Not thread-safe: used on the
 * connection's event loop only.
 */
final class Exchange {

    final String requestId;
    /** The agent's request head (inspection may rewrite it); {@code null} for a refusal before any head. */
    final HttpRequest request;
    /**
     * The request's target as the agent sent it, parsed once here for routing (its authority), the hidden-part check
     * (userinfo, fragment) and inspection; {@code null} without a request. The head sent upstream is built from the
     * request after inspection and credential injection, which may have rewritten its target.
     */
    final RequestTarget requestTarget;
    /** The agent of the request, from the selector once per request (plain HTTP authenticates it). */
    final String agentId;
    final boolean clientKeepAlive;
    /** The request is a WebSocket handshake (allowed once routed to an entry with {@code websocket: true}). */
    final boolean webSocket;
    final long startNanos = System.nanoTime();
    /** The budget claim of the agent's signed token ({@code BudgetLimits.NONE} without one), set once routed. */
    dev.sieve.proxy.config.BudgetLimits tokenBudget = dev.sieve.proxy.config.BudgetLimits.NONE;
    /** The named scope of the agent's signed token (credential entries select by it); empty without one. */
    java.util.Optional<String> tokenScopeName = java.util.Optional.empty();
    /** The agent's signed token has {@code mode: enforce}: enforced even when Sieve runs in monitor mode. */
    boolean tokenEnforces;

    // Routed:
    Target target;
    long maxBody;
    /** Content-Length, or -1. */
    long declared;
    /** A body of unknown length (chunked): it reserves budget as it arrives. */
    boolean chunked;

    // Held and inspected:
    HeldBody body;
    /** The body's inspection while it is queued or running on the {@link InspectionPool}. */
    InspectionPool.Pending inspection;
    ScheduledFuture<?> inspectionWait;
    /** Reading paused because inspection fell behind the arriving body ({@code ExchangeHandler.MAX_FEED_LAG}). */
    boolean feedPaused;
    /** The body is complete while a feed job still runs: the rest is inspected when it ends. */
    boolean awaitingFeed;
    /**
     * This request is never streamed upstream before its verdict (credential injection refused it early, or its target
     * has a part that is refused after inspection).
     */
    boolean holdWhole;
    /**
     * The refusal a target with a userinfo or a fragment gets once inspected ({@code target_userinfo},
     * {@code target_fragment}), unless a DLP block answers instead; {@code null} for an ordinary target.
     */
    dev.sieve.proxy.error.Refusal hiddenTarget;
    Verdict.Report report;
    ResponseAmendment amendment = ResponseAmendment.NONE;

    // Forwarded (a streamed request's call starts while the body is still read or inspected):
    UpstreamCall call;
    long bytesIn;
    long bytesOut;

    /** When the current phase (routing, inspection, the upstream's answer) began. */
    private long phaseNanos = startNanos;
    /** Time Sieve itself held this request so far: routing and inspection (sieve_request_duration_seconds). */
    private long sieveNanos;

    Exchange(String requestId, HttpRequest request, String agentId, boolean clientKeepAlive, boolean webSocket) {
        this.requestId = requestId;
        this.request = request;
        this.requestTarget = request == null ? null : RequestTarget.parse(request.uri());
        this.agentId = agentId;
        this.clientKeepAlive = clientKeepAlive;
        this.webSocket = webSocket;
    }

    /** No exchange: between requests. */
    static Exchange none() {
        return new Exchange(null, null, null, false, false);
    }

    /** A refusal before any request head arrived (a malformed head, the header timeout): an id, nothing else. */
    static Exchange withoutRequest(String requestId) {
        return new Exchange(requestId, null, null, false, false);
    }

    /** A phase begins now. */
    void phaseStarted() {
        phaseNanos = System.nanoTime();
    }

    /** Ends a phase Sieve itself spends (routing, inspection): returns its length, which counts as Sieve's time. */
    long sievePhaseEnded() {
        long elapsed = System.nanoTime() - phaseNanos;
        sieveNanos += elapsed;
        return elapsed;
    }

    /** How long the current phase has run (the upstream's answer). */
    long phaseElapsed() {
        return System.nanoTime() - phaseNanos;
    }

    /** Sieve's own time so far: routing and inspection. */
    long sieveNanos() {
        return sieveNanos;
    }

    Verdict.Report reportOrNone() {
        return report == null ? Verdict.Report.NONE : report;
    }
}
