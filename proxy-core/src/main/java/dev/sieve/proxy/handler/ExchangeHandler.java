package dev.sieve.proxy.handler;

import dev.sieve.proxy.config.Units;
import dev.sieve.proxy.error.ErrorResponses;
import dev.sieve.proxy.error.JsonRpcErrors;
import dev.sieve.proxy.error.JsonRpcReply;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.inspect.ExchangeFacts;
import dev.sieve.proxy.inspect.Verdict;
import dev.sieve.proxy.route.Router;
import dev.sieve.proxy.route.Target;
import dev.sieve.proxy.upstream.UpstreamCall;
import dev.sieve.proxy.upstream.UpstreamRequests;
import dev.sieve.proxy.websocket.Handshake;
import dev.sieve.proxy.websocket.WebSocketBridge;
import dev.sieve.proxy.websocket.WebSocketServices;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs HTTP exchanges on an agent connection (inside an intercepted tunnel, or plain http://):
 * request head -> route -> body reserved in the {@link BodyBudget}, held and inspected by a
 * {@link HeldBody} -> verdict -> sent upstream and its response relayed by an {@link UpstreamCall}
 * -> decision recorded by a {@link DecisionLog}. Every refusal goes through {@link #respondRefusal},
 * which records it.
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
 * <p>The agent channel has auto-read off and a {@code FlowControlHandler} in front, so each
 * {@code read()} yields one message: this handler reads a request only when it is ready for it,
 * which also holds back pipelined requests. Both channels share one event loop (the pool is per
 * event loop), so no state here needs synchronization.
 */
public final class ExchangeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ExchangeHandler.class);

    /** Decides where each request goes. */
    public interface TargetSelector {
        /** Completes on the channel's event loop. */
        Future<Router.Routed> select(ChannelHandlerContext ctx, HttpRequest request, String requestId);

        /** The agent id for this request; {@code null} when the request was refused for credentials. */
        String agentId(HttpRequest request);
    }

    private enum State { IDLE, ROUTING, BODY, INSPECTING, FORWARDING, RESPONDING, CLOSED }

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
    // Per exchange:
    private String requestId;
    private HttpRequest request;
    /** The agent of the current request, from the selector once per request (plain HTTP authenticates it). */
    private String agentId;
    private boolean clientKeepAlive;
    private Target target;
    private HeldBody body;
    private long maxBody;
    /** Content-Length, or -1. */
    private long declared;
    /** A body of unknown length (chunked): it reserves budget as it arrives. */
    private boolean chunked;
    private UpstreamCall call;
    private Verdict.Report report;
    private ResponseAmendment amendment = ResponseAmendment.NONE;
    private long bytesIn;
    private long bytesOut;
    private long startNanos;
    /** The request is a WebSocket handshake (allowed once routed to an entry with {@code websocket: true}). */
    private boolean webSocket;
    /** Time Sieve itself held this request so far: routing and inspection (sieve_request_duration_seconds). */
    private long sieveNanos;
    /** When the current phase (routing, inspection, the upstream's answer) began. */
    private long phaseNanos;
    /** The body's inspection while it is queued or running on the {@link InspectionPool}. */
    private InspectionPool.Pending inspection;
    private io.netty.util.concurrent.ScheduledFuture<?> inspectionWait;

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
        requestId = RequestIds.next();
        startNanos = System.nanoTime();
        phaseNanos = startNanos;
        sieveNanos = 0;
        report = null;
        amendment = ResponseAmendment.NONE;
        bytesIn = 0;
        bytesOut = 0;
        request = head;
        agentId = selector.agentId(head);
        clientKeepAlive = HttpUtil.isKeepAlive(head);
        call = null;
        if (HttpMethod.CONNECT.equals(head.method())) {
            refuseAndClose(Refusal.METHOD_NOT_ALLOWED, "CONNECT inside a tunnel or after plain http");
            return;
        }
        String upgrade = head.headers().get(HttpHeaderNames.UPGRADE);
        webSocket = upgrade != null && Handshake.isUpgrade(head);
        if (upgrade != null && !webSocket && !upgrade.toLowerCase(Locale.ROOT).contains("h2c")) {
            refuseAndClose(Refusal.UNSUPPORTED_UPGRADE, null);
            return;
        }
        if (!services.recorder().admit()) {
            refuseAndClose(Refusal.AUDIT_UNAVAILABLE, null);
            return;
        }
        if (services.killSwitched().test(agentId)) {
            refuseAndClose(Refusal.KILL_SWITCH, null);
            return;
        }
        state = State.ROUTING;
        selector.select(ctx, head, requestId).addListener((Future<Router.Routed> f) -> onRouted(f.getNow()));
    }

    private void onRouted(Router.Routed routed) {
        if (state != State.ROUTING) {
            return;
        }
        sieveNanos += System.nanoTime() - phaseNanos;
        if (routed instanceof Router.Routed.Refused refused) {
            refuseAndClose(refused.refusal(), refused.detail());
            return;
        }
        target = ((Router.Routed.Route) routed).target();
        maxBody = services.maxBodyBytes().applyAsLong(target.host());
        declared = HttpUtil.getContentLength(request, -1L);
        chunked = declared < 0 && HttpUtil.isTransferEncodingChunked(request);
        if (webSocket && !webSocketAllowed(((Router.Routed.Route) routed).rule())) {
            return;
        }
        if (declared > maxBody) {
            refuseAndClose(Refusal.BODY_TOO_LARGE, "limit " + maxBody + " bytes for " + target.host());
            return;
        }
        state = State.BODY;
        if (declared <= 0 && !chunked) {
            startBody();
            return;
        }
        // A declared body reserves its whole length before any of it is read (its buffer is allocated at that
        // size); a chunked one reserves as it arrives (readBody).
        reservation.open(ProxyRequestHandler.ANONYMOUS.equals(agentId) ? clientKey : "agent:" + agentId);
        if (chunked || reservation.reserve(declared, this::startBody, this::onNoBudget)) {
            startBody();
        }
    }

    /** Refuses a WebSocket handshake unless its allow entry permits WebSocket and the handshake is well formed. */
    private boolean webSocketAllowed(dev.sieve.proxy.policy.AllowRule rule) {
        if (rule == null || !rule.websocket()) {
            refuseAndClose(Refusal.UNSUPPORTED_UPGRADE, "WebSocket to " + target.host()
                    + " needs websocket: true on its allow entry");
            return false;
        }
        Optional<String> invalid = Handshake.invalidRequest(request);
        if (invalid.isEmpty() && (declared > 0 || chunked)) {
            invalid = Optional.of("a WebSocket handshake has no body");
        }
        invalid.ifPresent(why -> refuseAndClose(Refusal.BAD_REQUEST, why));
        return invalid.isEmpty();
    }

    private void startBody() {
        if (state != State.BODY) {
            return;
        }
        ExchangeFacts facts = new ExchangeFacts(requestId, agentId, clientAddress, target.host(), target.port(),
                target.tls());
        body = new HeldBody(services.inspector().open(facts, request), requestId, maxBody, declared);
        if (declared > 0 || chunked) {
            bodyWatch.start();
        }
        if (HttpUtil.is100ContinueExpected(request)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
            request.headers().remove(HttpHeaderNames.EXPECT);
        }
        readBody();
    }

    /** Reads the next piece of the body, once a chunked body has room in the budget for it. */
    private void readBody() {
        if (chunked && !reservation.reserveAhead(body.readableBytes(), maxBody, FrontendInitializer.MAX_CHUNK_BYTES,
                this::onRoomForMore, this::onNoBudget)) {
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
        if (!body.add(content.content())) {
            content.release();
            refuseAndClose(Refusal.BODY_TOO_LARGE, "limit " + body.maxBytes() + " bytes for " + target.host());
            return;
        }
        boolean last = content instanceof LastHttpContent;
        bodyWatch.received(content.content().readableBytes());
        content.release();
        if (last) {
            bodyWatch.stop();
            onBodyComplete();
        } else {
            readBody();
        }
    }

    /**
     * Hands the complete body's inspection to its {@link InspectionLanes} lane; its verdict comes back on this loop
     * ({@link #onInspected}). Nothing is read meanwhile: a saturated pool holds the exchange (backpressure) for at
     * most {@code inspection.queueWait}.
     */
    private void onBodyComplete() {
        state = State.INSPECTING;
        phaseNanos = System.nanoTime();
        inspection = body.inspect(services.inspectionPool().forBody(body.readableBytes()), ctx.executor(),
                this::onInspected);
        if (inspection.waiting()) {
            inspectionWait = ctx.executor().schedule(this::onInspectionWaitOver,
                    services.inspectionWait().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private void onInspectionWaitOver() {
        inspectionWait = null;
        if (state != State.INSPECTING || inspection == null || !inspection.withdrawIfWaiting()) {
            return; // queued for a worker meanwhile: the verdict comes
        }
        inspection = null;
        services.metrics().inspectionWaitTimedOut();
        sieveNanos += System.nanoTime() - phaseNanos;
        releaseBody();
        respondRefusal(Refusal.INSPECTION_BUSY, "no inspection worker within inspection.queueWait "
                + Units.formatDuration(services.inspectionWait()), List.of(), !clientKeepAlive);
    }

    private void onInspected(Verdict verdict) {
        inspection = null;
        cancelInspectionWait();
        if (state != State.INSPECTING) {
            releaseBody(); // closed while a worker read the body: released now that it is done
            return;
        }
        long inspected = System.nanoTime() - phaseNanos;
        sieveNanos += inspected;
        services.metrics().inspected(inspected);
        onVerdict(verdict);
    }

    private void cancelInspectionWait() {
        if (inspectionWait != null) {
            inspectionWait.cancel(false);
            inspectionWait = null;
        }
    }

    private void onVerdict(Verdict verdict) {
        report = verdict.report();
        bytesIn = body.readableBytes();
        if (verdict instanceof Verdict.Block block) {
            releaseBody();
            respondRefusal(block.refusal(), block.detail(), block.ruleIds(), block.locations(), !clientKeepAlive,
                    block.jsonRpc());
            return;
        }
        if (verdict instanceof Verdict.Replace replace) {
            body.replace(replace, request); // its budget reservation now covers the rewritten body
        }
        amendment = ResponseAmendment.forVerdict(verdict, body.restore(), request);
        forward();
    }

    private void forward() {
        state = State.FORWARDING;
        phaseNanos = System.nanoTime();
        call = new UpstreamCall(ctx, services.upstream(), services.limits().responseTimeout(), callEvents, requestId,
                target, upstreamRequest(), body.bytes(), clientKeepAlive, amendment, webSocket);
        call.start();
    }

    /**
     * Builds the request head that goes upstream: the agent's head after any rewrite by inspection, in origin-form,
     * without hop-by-hop fields, with the held body's length; a WebSocket handshake keeps its upgrade fields.
     */
    private HttpRequest upstreamRequest() {
        HttpRequest head = UpstreamRequests.forUpstream(request, target, body.readableBytes());
        if (webSocket) {
            Handshake.forUpstream(head.headers());
        }
        return head;
    }

    private void onResponseEnd(LastHttpContent last) {
        recordDecision(report == null ? Verdict.Report.NONE : report, List.of());
        ctx.writeAndFlush(last).addListener(f -> {
            if (!f.isSuccess()) {
                close();
            } else if (clientKeepAlive && state == State.RESPONDING) {
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
        call = null;
        Optional<String> invalid = Handshake.invalidResponse(response, request);
        if (invalid.isPresent()) {
            upstream.close();
            log.info("{} upstream {} answered the WebSocket handshake badly: {}", requestId, target.authority(),
                    invalid.get());
            respondRefusal(Refusal.UPSTREAM_BAD_RESPONSE, target.authority() + ": " + invalid.get(), List.of(), true);
            return;
        }
        recordDecision(report == null ? Verdict.Report.NONE : report, List.of("websocket_upgrade"));
        state = State.CLOSED; // no more HTTP on this connection
        WebSocketBridge.open(ctx, upstream, new WebSocketServices(services.webSockets(), services.inspector(),
                services.recorder(), services.metrics()), new ExchangeFacts(requestId, agentId, clientAddress,
                target.host(), target.port(), target.tls()), request, response);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (call != null) {
            call.onAgentWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void recordDecision(Verdict.Report r, List<String> extraReasons) {
        decisions.record(requestId, agentId, request, target, r, extraReasons, bytesIn, bytesOut, startNanos,
                sieveNanos);
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
        recordDecision(DecisionLog.refusalReport(refusal, report), List.of());
        log.info("{} refused: {}{}", requestId, refusal.code(), detail == null ? "" : " (" + detail + ")");
        FullHttpResponse response = jsonRpc.isPresent()
                ? JsonRpcErrors.render(ctx.alloc(), refusal, detail, requestId, rules, locations, jsonRpc.get())
                : ErrorResponses.render(ctx.alloc(), refusal, detail, requestId, rules, locations);
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
        if (state == State.CLOSED) {
            return;
        }
        releaseBody();
        if (requestId == null) {
            requestId = RequestIds.next();
        }
        respondRefusal(refusal, detail, List.of(), true);
    }

    private void resetExchange() {
        state = State.IDLE;
        deadline.awaitHead();
        request = null;
        target = null;
        requestId = null;
        call = null;
    }

    /**
     * Releases the held body (aborting an unfinished inspection), its budget reservation and its rate watch; while a
     * worker reads the body, nothing: {@link #onInspected} releases it when the worker is done.
     */
    private void releaseBody() {
        if (inspection != null) {
            if (!inspection.cancel() && inspection.running()) {
                return;
            }
            inspection = null;
            cancelInspectionWait();
        }
        if (body != null) {
            body.release();
            body = null;
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
            case ROUTING -> refuseAndClose(Refusal.DNS_FAILED, "no answer within " + idle);
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
                if (call != null && call.responseStarted()) {
                    log.info("{} upstream {} stalled mid-response for the idle timeout", requestId,
                            target.authority());
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
        if (call != null) {
            call.cancel();
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
            return state == State.FORWARDING || state == State.RESPONDING;
        }

        @Override
        public void onResponseHead(HttpHeaders headers) {
            state = State.RESPONDING;
            services.metrics().upstreamAnswered(System.nanoTime() - phaseNanos);
            releaseBody();
            // Every response that passed through inspection names its request: the id of its audit record. It
            // replaces any the upstream sent, which would name another record.
            headers.set(ErrorResponses.REQUEST_ID_HEADER, requestId);
        }

        @Override
        public void onSwitchingProtocols(HttpResponse response, Channel upstream) {
            onWebSocketAccepted(response, upstream);
        }

        @Override
        public void onResponseBytes(int bytes) {
            bytesOut += bytes;
        }

        @Override
        public void onResponseEnd(LastHttpContent last) {
            ExchangeHandler.this.onResponseEnd(last);
        }

        @Override
        public void onFailed(Refusal refusal, boolean closeAfter) {
            releaseBody();
            respondRefusal(refusal, target.authority(), List.of(), closeAfter);
        }

        @Override
        public void onFailedMidResponse() {
            // The agent already has part of the response: all we can do is end the connection.
            recordDecision(report == null ? Verdict.Report.NONE : report, List.of("upstream_closed_mid_response"));
            close();
        }

        @Override
        public void onAgentWriteFailure() {
            close();
        }
    }
}
