package dev.sieve.proxy.handler;

import dev.sieve.proxy.inspect.InspectionLanes;
import dev.sieve.proxy.config.Units;
import dev.sieve.proxy.credentials.CredentialInjector;
import dev.sieve.proxy.error.ErrorResponses;
import dev.sieve.proxy.error.JsonRpcErrors;
import dev.sieve.proxy.error.JsonRpcReply;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.inspect.ExchangeFacts;
import dev.sieve.proxy.inspect.Verdict;
import dev.sieve.proxy.route.RequestTarget;
import dev.sieve.proxy.route.Router;
import dev.sieve.proxy.route.Target;
import dev.sieve.proxy.upstream.UpstreamCall;
import dev.sieve.proxy.upstream.UpstreamRequests;
import dev.sieve.proxy.websocket.Handshake;
import dev.sieve.proxy.websocket.WebSocketBridge;
import dev.sieve.proxy.websocket.WebSocketServices;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs HTTP exchanges on an agent connection (inside an intercepted tunnel, or plain http://):
 * request head -> route -> body reserved in the {@link BodyBudget}, held and inspected by a
 * {@link HeldBody} -> verdict -> sent upstream and its response relayed by an {@link UpstreamCall}
 * -> decision recorded by a {@link DecisionLog}. Every refusal goes through {@link #respondRefusal},
 * which records it. The state of the exchange in progress is one {@link Exchange} object; this handler runs the
 * state machine over it.
 *
 * <p>Where each step happens:
 * <ul>
 *   <li>the request head is admitted (audit, kill switch, upgrade checks; then routing): {@link #onRequestHead};</li>
 *   <li>the body is reserved, read and held: {@link #onRouted}, {@link #startBody}, {@link #onRequestContent};</li>
 *   <li>the body is inspected and the verdict applied: {@link #onBodyComplete}, {@link #onInspected},
 *       {@link #onVerdict};</li>
 *   <li>the upstream request is built: {@link #upstreamRequest}, and sent by an {@link UpstreamCall} in
 *       {@link #forward};</li>
 *   <li>the response is relayed: the {@link UpstreamCall.Listener} callbacks ({@code CallEvents}), then
 *       {@link #onResponseEnd}.</li>
 * </ul>
 *
 * <p>States: {@code IDLE} (between requests) -> {@code ROUTING} -> {@code BODY} -> {@code INSPECTING} ->
 * {@code FORWARDING} -> {@code RESPONDING} -> {@code IDLE} again on a kept-alive connection; any state -> {@code CLOSED}.
 * No state is without a timer: the idle timeout ({@code proxy.idleTimeout}) runs in all of them, and besides
 * <ul>
 *   <li>{@code IDLE}: the {@link HeaderDeadline} from the next request's first byte to the end of its head (408);</li>
 *   <li>{@code BODY}: the {@link BodyWatch} on the body's data rate (408) while it is read, and the bounded wait
 *       of the {@link BodyReservation} (503) while it waits for room in the budget;</li>
 *   <li>{@code INSPECTING}: the wait for room in a saturated {@link InspectionLanes} lane ({@code inspection.queueWait},
 *       503); the inspection itself is bounded by its decode limits. Nothing is read meanwhile.</li>
 *   <li>{@code FORWARDING}: the upstream response timeout of the {@link UpstreamCall} (504).</li>
 * </ul>
 *
 * <p>A large body is streamed: from {@link HeldBody#FEED_FROM} bytes on, it is shown to inspection as it arrives
 * ({@link #feedIfWanted}, one job at a time, reading paused while more than {@link #MAX_FEED_LAG} bytes wait), and
 * once inspection proves {@link #STREAM_FROM} leading bytes clean its {@link UpstreamCall} starts in {@code BODY} or
 * {@code INSPECTING} ({@link #streamIfClean}) and sends the clean prefix as it grows; the verdict then ends or aborts
 * that request ({@link #onStreamedVerdict}). The rest of the exchange is as for a held body.
 *
 * <p>The agent channel has auto-read off and a {@code FlowControlHandler} in front, so each
 * {@code read()} yields one message: this handler reads a request only when it is ready for it,
 * which also holds back pipelined requests. Both channels share one event loop (the pool is per
 * event loop), so no state here needs synchronization.
 */
public final class ExchangeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ExchangeHandler.class);

    /** Decides where each request goes. */
    public interface TargetSelector {
        /**
         * Completes on the channel's event loop.
         *
         * @param target {@code request}'s target, parsed once by the exchange
         */
        Future<Router.Routed> select(ChannelHandlerContext ctx, HttpRequest request, RequestTarget target,
                String requestId);

        /**
         * What this request's credentials grant (agent id, token scope, budget, mode, token id); asked once per
         * request head, before {@link #select} for the same head.
         */
        dev.sieve.proxy.auth.Grant grant(HttpRequest request);
    }

    private enum State { IDLE, ROUTING, BODY, INSPECTING, FORWARDING, RESPONDING, CLOSED }

    /**
     * A request starts upstream before its verdict once inspection proved this many leading bytes clean: a shorter
     * prefix saves too little to be worth an open-ended upstream request.
     */
    static final long STREAM_FROM = 64 * 1024;
    /**
     * Reading pauses while more than this many received bytes wait to be shown to inspection (backpressure): it
     * bounds how far the verdict can trail the last byte. Not less: the large lane's workers run at a low priority,
     * and with 1 MiB reading paused for them on a busy box (load harness {@code uploads}, 2026-12-05: 50 MiB
     * octet-stream uploads at 78-181 MB/s against 203-207 held whole; at 8 MiB 217 MB/s, JSON and text unchanged).
     */
    static final int MAX_FEED_LAG = 8 * 1024 * 1024;

    private final ProxyServices services;
    private final TargetSelector selector;
    private final String clientAddress;
    private final DecisionLog decisions;
    private final HeaderDeadline deadline;
    /** The budget key of an agent without credentials: its client address. */
    private final String clientKey;
    private BodyReservation reservation;
    private BodyWatch bodyWatch;
    private final CallEvents callEvents = new CallEvents();

    private ChannelHandlerContext ctx;
    private State state = State.IDLE;
    private boolean readPending;
    private HttpRequest firstRequest;
    /** The exchange in progress; {@link Exchange#none()} between exchanges. */
    private Exchange x = Exchange.none();

    /**
     * @param firstRequest a request head the previous phase already read (absolute-form http://),
     *                     or {@code null}
     * @param deadline     the connection's header-read deadline, in front of the HTTP codec
     */
    ExchangeHandler(ProxyServices services, TargetSelector selector, String clientAddress,
            HttpRequest firstRequest, HeaderDeadline deadline) {
        this.services = services;
        this.selector = selector;
        this.clientAddress = clientAddress;
        this.firstRequest = firstRequest;
        this.deadline = deadline;
        this.decisions = new DecisionLog(services.recorder(), clientAddress);
        int port = clientAddress.lastIndexOf(':');
        this.clientKey = "client:" + (port > 0 ? clientAddress.substring(0, port) : clientAddress);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ProxyServices.Limits limits = services.limits();
        this.reservation = new BodyReservation(services.budget(), ctx.executor(), limits.budgetWait());
        this.bodyWatch = new BodyWatch(ctx.executor(), limits.minBodyBytesPerSecond(),
                limits.minBodyRateGrace().toNanos(), this::onBodyTooSlow);
        HttpRequest first = firstRequest;
        firstRequest = null;
        if (first != null) {
            channelRead(ctx, first); // its body is still queued in flow-control, behind this read
        } else {
            requestRead();
        }
    }

    /**
     * Asks for the next message: the read-gating guard. A read is asked for only while the exchange takes a message
     * (a request head between exchanges, body content while the body is read) and only when none is outstanding, so
     * the {@code FlowControlHandler} in front (one message per read) never hands over a message the exchange is not
     * ready for, even when several parties ask (this handler being added, the TLS handshake's end, the next
     * exchange); what arrives meanwhile waits in flow-control, in order. {@code FlowControlHandler} counts a read as
     * satisfied by a message or by the end of a read cycle, so a read that only brought part of a message is renewed
     * in {@link #channelReadComplete}.
     */
    private void requestRead() {
        if (readPending || !takesMessages()) {
            return;
        }
        readPending = true;
        ctx.read();
    }

    /** Whether the exchange takes a message now: a request head between exchanges, body content while reading it. */
    private boolean takesMessages() {
        return state == State.IDLE || state == State.BODY;
    }

    /** A request head is taken between exchanges, body content while the body is read. */
    private boolean acceptable(HttpObject msg) {
        return msg instanceof HttpRequest ? state == State.IDLE : state == State.BODY;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (readPending && takesMessages()) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        readPending = false;
        if (state == State.CLOSED || !(msg instanceof HttpObject)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        HttpObject obj = (HttpObject) msg;
        if (!acceptable(obj)) {
            // Content of a request refused before its body was read arrives only while closing (CLOSED, above);
            // anything else here was never asked for (see requestRead): end the connection rather than guess.
            ReferenceCountUtil.release(msg);
            log.warn("agent connection {}: an HTTP message arrived unasked in state {}", clientAddress, state);
            close();
            return;
        }
        dispatch(obj);
    }

    private void dispatch(HttpObject msg) {
        if (msg.decoderResult().isFailure()) {
            deadline.headReceived();
            // Its turn has come (a malformed pipelined request waits until the one before is answered).
            Refusal refusal = Refusals.ofDecoderFailure(msg);
            String detail = Refusals.decoderFailureDetail(msg);
            ReferenceCountUtil.release(msg);
            refuseAndClose(refusal, detail);
            return;
        }
        if (msg instanceof HttpRequest head) {
            deadline.headReceived();
            onRequestHead(head);
        }
        if (msg instanceof HttpContent content) {
            onRequestContent(content); // releases
        }
    }

    private void onRequestHead(HttpRequest head) {
        String upgrade = head.headers().get(HttpHeaderNames.UPGRADE);
        boolean handshake = upgrade != null && Handshake.isUpgrade(head);
        dev.sieve.proxy.auth.Grant grant = selector.grant(head);
        x = new Exchange(RequestIds.next(), head, grant.agentId(), HttpUtil.isKeepAlive(head), handshake);
        x.hiddenTarget = hiddenTargetRefusal(x.requestTarget);
        x.holdWhole = x.hiddenTarget != null; // refused after inspection: nothing of it may go before
        if (HttpMethod.CONNECT.equals(head.method())) {
            refuseAndClose(Refusal.METHOD_NOT_ALLOWED, "CONNECT inside a tunnel or after plain http");
            return;
        }
        if (upgrade != null && !handshake && !upgrade.toLowerCase(Locale.ROOT).contains("h2c")) {
            refuseAndClose(Refusal.UNSUPPORTED_UPGRADE, null);
            return;
        }
        if (!services.recorder().admit()) {
            refuseAndClose(Refusal.AUDIT_UNAVAILABLE, null);
            return;
        }
        if (services.killSwitched().test(x.agentId)) {
            refuseAndClose(Refusal.KILL_SWITCH, null);
            return;
        }
        state = State.ROUTING;
        x.tokenBudget = grant.budget();
        x.tokenScopeName = grant.scopeName();
        x.tokenEnforces = grant.mode().orElse(null) == dev.sieve.proxy.config.EnforcementMode.ENFORCE;
        BudgetGate.afterRoute(services, ctx.executor(), selector.select(ctx, head, x.requestTarget, x.requestId),
                x.agentId, x.tokenBudget, head)
                .addListener((Future<Router.Routed> f) -> onRouted(f.getNow()));
    }

    private void onRouted(Router.Routed routed) {
        if (state != State.ROUTING) {
            return;
        }
        x.sievePhaseEnded();
        if (routed instanceof Router.Routed.Refused refused) {
            refuseAndClose(refused);
            return;
        }
        x.target = ((Router.Routed.Route) routed).target();
        x.maxBody = services.maxBodyBytes().applyAsLong(x.target.host());
        x.declared = HttpUtil.getContentLength(x.request, -1L);
        x.chunked = x.declared < 0 && HttpUtil.isTransferEncodingChunked(x.request);
        if (x.webSocket && !webSocketAllowed(((Router.Routed.Route) routed).rule())) {
            return;
        }
        if (x.declared > x.maxBody) {
            refuseAndClose(Refusal.BODY_TOO_LARGE, "limit " + x.maxBody + " bytes for " + x.target.host());
            return;
        }
        state = State.BODY;
        if (x.declared <= 0 && !x.chunked) {
            startBody();
            return;
        }
        // A declared body reserves its whole length before any of it is read (its buffer is allocated at that
        // size); a chunked one reserves as it arrives (readBody).
        reservation.open(ProxyRequestHandler.ANONYMOUS.equals(x.agentId) ? clientKey : "agent:" + x.agentId);
        if (x.chunked || reservation.reserve(x.declared, this::startBody, this::onNoBudget)) {
            startBody();
        }
    }

    /** Refuses a WebSocket handshake unless its allow entry permits WebSocket and the handshake is well formed. */
    private boolean webSocketAllowed(dev.sieve.proxy.policy.AllowRule rule) {
        if (rule == null || !rule.websocket()) {
            refuseAndClose(Refusal.UNSUPPORTED_UPGRADE, "WebSocket to " + x.target.host()
                    + " needs websocket: true on its allow entry");
            return false;
        }
        Optional<String> invalid = Handshake.invalidRequest(x.request);
        if (invalid.isEmpty() && (x.declared > 0 || x.chunked)) {
            invalid = Optional.of("a WebSocket handshake has no body");
        }
        invalid.ifPresent(why -> refuseAndClose(Refusal.BAD_REQUEST, why));
        return invalid.isEmpty();
    }

    private void startBody() {
        if (state != State.BODY) {
            return;
        }
        ExchangeFacts facts = new ExchangeFacts(x.requestId, x.agentId, clientAddress, x.target.host(), x.target.port(),
                x.target.tls(), x.tokenEnforces);
        x.body = new HeldBody(services.inspector().open(facts, x.request, x.requestTarget), x.requestId, x.maxBody,
                x.declared);
        if (x.declared > 0 || x.chunked) {
            bodyWatch.start();
        }
        if (HttpUtil.is100ContinueExpected(x.request)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
            x.request.headers().remove(HttpHeaderNames.EXPECT);
        }
        readBody();
    }

    /**
     * Reads the next piece of the body, once inspection keeps up with it and a chunked body has room in the budget
     * for it.
     */
    private void readBody() {
        if (x.body.unfed() > MAX_FEED_LAG && x.body.feeding()) {
            x.feedPaused = true;
            bodyWatch.pause(); // Sieve holds the body back now, not the agent
            return;
        }
        if (x.chunked && !reservation.reserveAhead(x.body.readableBytes(), x.maxBody,
                FrontendInitializer.MAX_CHUNK_BYTES, this::onRoomForMore, this::onNoBudget)) {
            bodyWatch.pause(); // Sieve holds the body back now, not the agent
            return;
        }
        requestRead();
    }

    private void onRoomForMore() {
        bodyWatch.resume();
        requestRead();
    }

    private void onNoBudget(String detail) {
        refuseAndClose(Refusal.BODY_BUDGET_EXHAUSTED, detail);
    }

    private void onBodyTooSlow() {
        services.metrics().clientTimeout("body");
        ProxyServices.Limits limits = services.limits();
        refuseAndClose(Refusal.REQUEST_BODY_TIMEOUT, "below proxy.minBodyBytesPerSecond "
                + Units.formatSize(limits.minBodyBytesPerSecond()) + " over proxy.minBodyRateGrace "
                + Units.formatDuration(limits.minBodyRateGrace()));
    }

    private void onRequestContent(HttpContent content) {
        if (state != State.BODY) {
            // Content of a request refused before its body was read; the connection is closing.
            content.release();
            return;
        }
        if (!x.body.add(content.content())) {
            content.release();
            refuseAndClose(Refusal.BODY_TOO_LARGE, "limit " + x.body.maxBytes() + " bytes for " + x.target.host());
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (last) {
            // Trailer fields (after a chunked body's last chunk, or an h2 HEADERS frame after DATA) are scanned like
            // headers and never forwarded (see HeldBody#trailers).
            x.body.trailers(fields(((LastHttpContent) content).trailingHeaders()));
        }
        bodyWatch.received(content.content().readableBytes());
        content.release();
        if (last) {
            bodyWatch.stop();
            onBodyComplete();
        } else {
            feedIfWanted();
            readBody();
        }
    }

    /** A header block as name/value pairs, in order. */
    private static List<Map.Entry<String, String>> fields(HttpHeaders headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> out = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> h : headers) {
            out.add(Map.entry(h.getKey(), h.getValue()));
        }
        return out;
    }

    /**
     * The refusal of a target with a part HTTP never sends, or {@code null}. A userinfo ({@code user:password@}) or a
     * fragment ({@code #...}) is a place a raw client can hide a value in: the request is routed and inspected like
     * any other (both parts are scanned: {@code target:userinfo}, {@code target:fragment}), so what it holds is found
     * and audited, and then refused, never forwarded: RFC 9110 section 4.2.4 tells a recipient to treat a userinfo as
     * an error, and a fragment is never part of a request (section 7.1). Refusing rather than stripping is the
     * fail-closed reading: a client that sends either is not an ordinary HTTP client, and a stripped request would
     * reach the upstream as something the agent did not send. A DLP block on the part answers instead of this.
     */
    static Refusal hiddenTargetRefusal(RequestTarget target) {
        return target.userinfo() != null ? Refusal.TARGET_USERINFO
                : target.fragment() != null ? Refusal.TARGET_FRAGMENT : null;
    }

    /** Shows inspection the bytes received since the last feed (a large body, while no feed job runs). */
    private void feedIfWanted() {
        if (x.body.wantsFeed()) {
            HeldBody body = x.body;
            body.feed(services.inspectionPool().forBody(Math.max(x.declared, body.readableBytes())), ctx.executor(),
                    () -> onFed(body));
        }
    }

    /**
     * A feed job ended: the clean prefix may have grown (start or advance the streamed upstream request), reading
     * may resume, and a complete body's inspection goes on.
     */
    private void onFed(HeldBody body) {
        if (x.body != body) {
            return; // the exchange is over: the body released itself
        }
        if (x.call != null) {
            x.call.streamTo(body.cleanThrough());
        } else {
            streamIfClean();
        }
        if (state == State.BODY) {
            feedIfWanted();
            if (x.feedPaused) {
                x.feedPaused = false;
                bodyWatch.resume();
                readBody();
            }
        } else if (state == State.INSPECTING && x.awaitingFeed) {
            x.awaitingFeed = false;
            inspectRest();
        }
    }

    /**
     * Starts the upstream request before the verdict once inspection proved {@link #STREAM_FROM} bytes clean: its
     * head, then the clean prefix as it grows ({@link UpstreamCall#streamed}). Never for a WebSocket handshake (no
     * body) nor a request whose credential injection refuses it (refused at the verdict, as before).
     */
    private void streamIfClean() {
        if (x.holdWhole || x.webSocket || x.body.cleanThrough() < STREAM_FROM
                || (state != State.BODY && state != State.INSPECTING)) {
            return;
        }
        var credential = services.credentials().prepare(x.agentId, x.tokenScopeName, x.target.host(),
                x.target.port(), x.target.tls(), x.request);
        if (!(credential instanceof CredentialInjector.Send send)) {
            x.holdWhole = true;
            return;
        }
        log.debug("{} streams its body upstream before the verdict", x.requestId);
        x.call = UpstreamCall.streamed(ctx, services.upstream(), services.limits().responseTimeout(), callEvents,
                x.requestId, x.target, UpstreamRequests.forStreamedUpstream(send.request(), x.target), x.body.bytes(),
                x.body.cleanThrough(), x.clientKeepAlive);
        x.call.start();
    }

    /**
     * Hands the complete body's inspection to its {@link InspectionLanes} lane; its verdict comes back on this loop
     * ({@link #onInspected}). Nothing is read meanwhile: a saturated pool holds the exchange (backpressure) for at
     * most {@code inspection.queueWait}.
     */
    private void onBodyComplete() {
        services.budgets().chargeUpload(x.agentId, x.target.host(), x.tokenBudget, x.body.readableBytes());
        state = State.INSPECTING;
        x.phaseStarted();
        if (x.body.feeding()) {
            x.awaitingFeed = true; // onFed goes on
            return;
        }
        inspectRest();
    }

    /** Inspects what no feed job showed inspection, and finishes it (or takes a failed feed's verdict). */
    private void inspectRest() {
        Optional<Verdict.Block> failed = x.body.feedFailure();
        if (failed.isPresent()) {
            onInspected(failed.get());
            return;
        }
        x.inspection = x.body.inspect(services.inspectionPool().forBody(x.body.readableBytes()), ctx.executor(),
                this::onInspected);
        if (x.inspection.waiting()) {
            x.inspectionWait = ctx.executor().schedule(this::onInspectionWaitOver,
                    services.inspectionWait().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private void onInspectionWaitOver() {
        x.inspectionWait = null;
        if (state != State.INSPECTING || x.inspection == null || !x.inspection.withdrawIfWaiting()) {
            return; // queued for a worker meanwhile: the verdict comes
        }
        x.inspection = null;
        services.metrics().inspectionWaitTimedOut();
        x.sievePhaseEnded();
        releaseBody();
        respondRefusal(Refusal.INSPECTION_BUSY, "no inspection worker within inspection.queueWait "
                + Units.formatDuration(services.inspectionWait()), List.of(), !x.clientKeepAlive);
    }

    private void onInspected(Verdict verdict) {
        x.inspection = null;
        cancelInspectionWait();
        if (state != State.INSPECTING) {
            releaseBody(); // closed while a worker read the body: released now that it is done
            return;
        }
        services.metrics().inspected(x.sievePhaseEnded());
        onVerdict(verdict);
    }

    private void cancelInspectionWait() {
        if (x.inspectionWait != null) {
            x.inspectionWait.cancel(false);
            x.inspectionWait = null;
        }
    }

    private void onVerdict(Verdict verdict) {
        x.report = verdict.report();
        x.bytesIn = x.body.readableBytes();
        if (x.hiddenTarget != null && !(verdict instanceof Verdict.Block)) {
            // Inspected (what the userinfo or fragment held is in the report), then refused: never forwarded.
            releaseBody();
            respondRefusal(x.hiddenTarget, null, List.of(), !x.clientKeepAlive);
            return;
        }
        if (x.call != null) {
            onStreamedVerdict(verdict);
            return;
        }
        if (verdict instanceof Verdict.Block block) {
            releaseBody();
            respondRefusal(block.refusal(), block.detail(), block.ruleIds(), block.locations(), !x.clientKeepAlive,
                    block.jsonRpc());
            return;
        }
        if (verdict instanceof Verdict.Replace replace) {
            x.body.replace(replace, x.request); // its budget reservation now covers the rewritten body
        }
        x.amendment = ResponseAmendment.forVerdict(verdict, x.body.restore(), x.request);
        forward();
    }

    /**
     * The verdict on a request already streaming upstream: a block aborts it before its end ({@link #respondRefusal}
     * cancels the call); an allow sends the rest; a redaction sends the rest of the redacted body, provided it
     * starts with every byte the call may have sent and changes nothing else that already went (the head): the
     * inspection contract says so, and where it does not hold the request is blocked (fail closed).
     */
    private void onStreamedVerdict(Verdict verdict) {
        if (verdict instanceof Verdict.Block block) {
            log.info("{} upstream request aborted before its end: blocked after up to {} bytes went upstream",
                    x.requestId, x.call.mayHaveSent());
            services.metrics().streamedUpload("aborted", x.call.mayHaveSent());
            releaseBody();
            respondRefusal(block.refusal(), block.detail(), block.ruleIds(), block.locations(), !x.clientKeepAlive,
                    block.jsonRpc());
            return;
        }
        if (verdict instanceof Verdict.Replace replace) {
            Optional<String> unsound = unsoundStreamedRedaction(replace);
            if (unsound.isPresent()) {
                log.error("{} redaction of a streamed body refused: {}", x.requestId, unsound.get());
                services.metrics().streamedUpload("aborted", x.call.mayHaveSent());
                releaseBody();
                respondRefusal(Refusal.INSPECTION_FAILED, "internal inspection error", List.of(), !x.clientKeepAlive);
                return;
            }
            x.body.replace(replace, x.request);
        }
        services.metrics().streamedUpload("forwarded", x.call.mayHaveSent());
        x.amendment = ResponseAmendment.forVerdict(verdict, x.body.restore(), x.request);
        state = State.FORWARDING;
        x.phaseStarted();
        x.call.finish(x.body.bytes(), x.amendment);
    }

    /**
     * Why a redaction cannot be applied to a request whose head and first bytes already went upstream, if it
     * cannot: it changes those bytes, the request target, or a header other than {@code Content-Length} (the
     * streamed request has no length). Names sizes and header names, never content.
     */
    private Optional<String> unsoundStreamedRedaction(Verdict.Replace replace) {
        long sent = x.call.mayHaveSent();
        byte[] redacted = replace.body();
        ByteBuf held = x.body.bytes();
        if (redacted.length < sent || !ByteBufUtil.equals(held, held.readerIndex(),
                Unpooled.wrappedBuffer(redacted), 0, (int) sent)) {
            return Optional.of("the redacted body does not start with the " + sent + " bytes already streamed");
        }
        if (replace.pathAndQuery().isPresent()) {
            return Optional.of("the redaction changes the request target");
        }
        for (var h : replace.headers()) {
            if (!HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(h.getKey())) {
                return Optional.of("the redaction changes header " + h.getKey());
            }
        }
        return Optional.empty();
    }

    private void forward() {
        // Credential injection (credentials:), after inspection: the real value is only in the head sent upstream.
        var credential = services.credentials().prepare(x.agentId, x.tokenScopeName, x.target.host(), x.target.port(), x.target.tls(),
                x.request);
        if (credential instanceof CredentialInjector.Refuse refuse) {
            releaseBody();
            respondRefusal(Refusal.CREDENTIAL_NOT_INJECTED, refuse.detail(), List.of(), !x.clientKeepAlive);
            return;
        }
        HttpRequest agentHead = ((CredentialInjector.Send) credential).request();
        state = State.FORWARDING;
        x.phaseStarted();
        x.call = new UpstreamCall(ctx, services.upstream(), services.limits().responseTimeout(), callEvents,
                x.requestId, x.target, upstreamRequest(agentHead), x.body.bytes(), x.clientKeepAlive, x.amendment,
                x.webSocket);
        x.call.start();
    }

    /**
     * Builds the request head that goes upstream: the agent's head after any rewrite by inspection and credential
     * injection, in origin-form, without hop-by-hop fields, with the held body's length; a WebSocket handshake keeps
     * its upgrade fields.
     */
    private HttpRequest upstreamRequest(HttpRequest agentHead) {
        HttpRequest head = UpstreamRequests.forUpstream(agentHead, x.target, x.body.readableBytes());
        if (x.webSocket) {
            Handshake.forUpstream(head.headers());
        }
        return head;
    }

    private void onResponseEnd(LastHttpContent last) {
        recordDecision(x.reportOrNone(), List.of());
        ctx.writeAndFlush(last).addListener(f -> {
            if (!f.isSuccess()) {
                close();
            } else if (x.clientKeepAlive && state == State.RESPONDING) {
                resetExchange();
                requestRead();
            } else {
                close();
            }
        });
    }

    /**
     * The upstream answered the WebSocket handshake with 101: a valid one hands this connection over to a
     * {@link WebSocketBridge} (this handler leaves the pipeline); an invalid one is a bad response (502), so that
     * Sieve never relays bytes it cannot read.
     */
    private void onWebSocketAccepted(HttpResponse response, Channel upstream) {
        releaseBody();
        x.call = null;
        Optional<String> invalid = Handshake.invalidResponse(response, x.request);
        if (invalid.isPresent()) {
            upstream.close();
            log.info("{} upstream {} answered the WebSocket handshake badly: {}", x.requestId, x.target.authority(),
                    invalid.get());
            respondRefusal(Refusal.UPSTREAM_BAD_RESPONSE, x.target.authority() + ": " + invalid.get(), List.of(), true);
            return;
        }
        recordDecision(x.reportOrNone(), List.of("websocket_upgrade"));
        state = State.CLOSED; // no more HTTP on this connection
        WebSocketBridge.open(ctx, upstream, new WebSocketServices(services.webSockets(), services.inspector(),
                services.recorder(), services.metrics(), services.inspectionPool(), services.inspectionWait()),
                new ExchangeFacts(x.requestId, x.agentId, clientAddress, x.target.host(), x.target.port(),
                        x.target.tls(), x.tokenEnforces), x.request, response);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (x.call != null) {
            x.call.onAgentWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void recordDecision(Verdict.Report r, List<String> extraReasons) {
        decisions.record(x.requestId, x.agentId, x.request, x.target, r, extraReasons, x.bytesIn, x.bytesOut,
                x.startNanos, x.sieveNanos());
    }

    private void respondRefusal(Refusal refusal, String detail, List<String> rules, boolean closeAfter) {
        respondRefusal(refusal, detail, rules, List.of(), closeAfter, Optional.empty());
    }

    /**
     * @param locations where the findings that caused the refusal are (JSON paths, parameter names; never values)
     * @param jsonRpc   present when the request was JSON-RPC to an MCP server: the refusal is JSON-RPC errors
     */
    private void respondRefusal(Refusal refusal, String detail, List<String> rules, List<String> locations,
            boolean closeAfter, Optional<JsonRpcReply> jsonRpc) {
        respondRefusal(refusal, detail, rules, locations, closeAfter, jsonRpc, refusal.retryAfterSeconds());
    }

    private void respondRefusal(Refusal refusal, String detail, List<String> rules, List<String> locations,
            boolean closeAfter, Optional<JsonRpcReply> jsonRpc, long retryAfterSeconds) {
        if (x.call != null && !x.call.responseStarted()) {
            // A request streaming upstream is refused: abort it before its end (no-op for a call that failed).
            x.call.cancel();
            x.call = null;
        }
        recordDecision(DecisionLog.refusalReport(refusal, x.report), List.of());
        log.info("{} refused: {}{}", x.requestId, refusal.code(), detail == null ? "" : " (" + detail + ")");
        FullHttpResponse response = jsonRpc.isPresent()
                ? JsonRpcErrors.render(ctx.alloc(), refusal, detail, x.requestId, rules, locations, jsonRpc.get())
                : ErrorResponses.render(ctx.alloc(), refusal, detail, x.requestId, rules, locations,
                        retryAfterSeconds);
        if (closeAfter) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            state = State.CLOSED;
            LingeringClose.after(ctx.writeAndFlush(response));
            return;
        }
        state = State.RESPONDING;
        ctx.writeAndFlush(response).addListener(f -> {
            if (f.isSuccess() && state == State.RESPONDING) {
                resetExchange();
                requestRead();
            } else {
                close();
            }
        });
    }

    /** Refuses before the body was read: the rest of the request is unread, so the connection closes. */
    private void refuseAndClose(Refusal refusal, String detail) {
        refuseAndClose(new Router.Routed.Refused(refusal, detail));
    }

    private void refuseAndClose(Router.Routed.Refused refused) {
        if (state == State.CLOSED) {
            return;
        }
        releaseBody();
        if (x.requestId == null) {
            x = Exchange.withoutRequest(RequestIds.next());
        }
        respondRefusal(refused.refusal(), refused.detail(), List.of(), List.of(), true, Optional.empty(),
                refused.retryAfterSeconds());
    }

    private void resetExchange() {
        state = State.IDLE;
        deadline.awaitHead();
        x = Exchange.none();
    }

    /**
     * Releases the held body (aborting an unfinished inspection), its budget reservation and its rate watch; while a
     * worker reads the body, nothing: {@link #onInspected} releases it when the worker is done.
     */
    private void releaseBody() {
        if (x.inspection != null) {
            if (!x.inspection.cancel() && x.inspection.running()) {
                return;
            }
            x.inspection = null;
            cancelInspectionWait();
        }
        if (x.body != null) {
            x.body.release();
            x.body = null;
        }
        if (reservation != null) {
            reservation.release();
            bodyWatch.stop();
        }
    }

    private void close() {
        if (state == State.CLOSED && !ctx.channel().isActive()) {
            return;
        }
        state = State.CLOSED;
        ctx.channel().close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent handshake) {
            // Auto-read is off: after the agent's handshake, ask for its first request.
            if (handshake.isSuccess()) {
                requestRead();
            } else {
                close();
            }
            return;
        }
        if (evt == HeaderDeadline.EXPIRED) {
            if (state == State.IDLE) {
                refuseAndClose(Refusal.REQUEST_HEADER_TIMEOUT, "no complete request head within proxy.headerTimeout "
                        + Units.formatDuration(services.limits().headerTimeout()));
            }
            return;
        }
        if (evt instanceof IdleStateEvent) {
            onIdle();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** Nothing moved on the agent connection for the idle timeout, whatever the state. */
    private void onIdle() {
        String idle = "proxy.idleTimeout " + Units.formatDuration(services.limits().idleTimeout());
        switch (state) {
            case ROUTING -> refuseAndClose(Refusal.DNS_TIMEOUT, "no answer within " + idle);
            case BODY -> {
                if (reservation.waiting()) {
                    refuseAndClose(Refusal.BODY_BUDGET_EXHAUSTED, "no room within " + idle);
                } else {
                    services.metrics().clientTimeout("body");
                    refuseAndClose(Refusal.REQUEST_BODY_TIMEOUT, "no data for " + idle);
                }
            }
            case FORWARDING -> {
                // The upstream call's response timeout is in charge until the response head.
            }
            case INSPECTING -> {
                // inspection.queueWait bounds the wait for a worker, the decode limits the inspection.
            }
            case RESPONDING -> {
                if (x.call != null && x.call.responseStarted()) {
                    log.info("{} upstream {} stalled mid-response for the idle timeout", x.requestId,
                            x.target.authority());
                }
                close(); // or the agent does not read its answer
            }
            default -> close(); // IDLE: between requests; CLOSED: still lingering
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cleanup();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cleanup();
    }

    private void cleanup() {
        state = State.CLOSED;
        if (x.call != null) {
            x.call.cancel();
        }
        releaseBody();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("agent connection {} failed: {}", clientAddress, cause.toString());
        close();
    }

    /** The exchange's side of the {@link UpstreamCall} contract. */
    private final class CallEvents implements UpstreamCall.Listener {
        @Override
        public boolean waiting() {
            return state == State.FORWARDING || state == State.RESPONDING
                    || (x.call != null && (state == State.BODY || state == State.INSPECTING));
        }

        @Override
        public void onResponseHead(HttpHeaders headers) {
            state = State.RESPONDING;
            services.metrics().upstreamAnswered(x.phaseElapsed());
            releaseBody();
            // Every response that passed through inspection names its request: the id of its audit record. It
            // replaces any the upstream sent, which would name another record.
            headers.set(ErrorResponses.REQUEST_ID_HEADER, x.requestId);
        }

        @Override
        public void onSwitchingProtocols(HttpResponse response, Channel upstream) {
            onWebSocketAccepted(response, upstream);
        }

        @Override
        public void onResponseBytes(int bytes) {
            x.bytesOut += bytes;
        }

        @Override
        public void onResponseEnd(LastHttpContent last) {
            ExchangeHandler.this.onResponseEnd(last);
        }

        @Override
        public void onFailed(Refusal refusal, boolean closeAfter) {
            releaseBody();
            respondRefusal(refusal, x.target.authority(), List.of(), closeAfter);
        }

        @Override
        public void onFailedMidResponse() {
            // The agent already has part of the response: all we can do is end the connection.
            recordDecision(x.reportOrNone(), List.of("upstream_closed_mid_response"));
            close();
        }

        @Override
        public void onAgentWriteFailure() {
            close();
        }
    }
}
