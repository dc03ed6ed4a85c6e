package dev.sieve.proxy.handler;

import dev.sieve.proxy.error.ErrorResponses;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.inspect.ExchangeFacts;
import dev.sieve.proxy.inspect.Verdict;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs HTTP exchanges on an agent connection (inside an intercepted tunnel, or plain http://):
 * request head -> route -> body reserved in the {@link BodyBudget}, held and inspected by a
 * {@link HeldBody} -> verdict -> sent upstream and its response relayed by an {@link UpstreamCall}
 * -> decision recorded by a {@link DecisionLog}. Every refusal goes through {@link #respondRefusal},
 * which records it.
 *
 * <p>States: {@code IDLE} (between requests) -> {@code ROUTING} -> {@code BODY} -> {@code FORWARDING}
 * -> {@code RESPONDING} -> {@code IDLE} again on a kept-alive connection; any state -> {@code CLOSED}.
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

    private enum State { IDLE, ROUTING, BODY, FORWARDING, RESPONDING, CLOSED }

    private final ProxyServices services;
    private final TargetSelector selector;
    private final String clientAddress;
    private final DecisionLog decisions;
    private final BodyReservation reservation;
    private final CallEvents callEvents = new CallEvents();
    /** Messages that arrived before the exchange was ready for them (see {@link #channelRead}). */
    private final ArrayDeque<HttpObject> early = new ArrayDeque<>(2);

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
    private UpstreamCall call;
    private Verdict.Report report;
    private long bytesIn;
    private long bytesOut;
    private long startNanos;

    /**
     * @param firstRequest a request head the previous phase already read (absolute-form http://),
     *                     or {@code null}
     */
    public ExchangeHandler(ProxyServices services, TargetSelector selector, String clientAddress,
            HttpRequest firstRequest) {
        this.services = services;
        this.selector = selector;
        this.clientAddress = clientAddress;
        this.firstRequest = firstRequest;
        this.decisions = new DecisionLog(services.recorder(), clientAddress);
        this.reservation = new BodyReservation(services.budget());
    }

    /** Same as {@link UpstreamRequests#originForm}; kept for existing callers. */
    public static String originForm(String uri) {
        return UpstreamRequests.originForm(uri);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        HttpRequest first = firstRequest;
        firstRequest = null;
        if (first != null) {
            channelRead(ctx, first); // its body is still queued in flow-control, behind this read
        } else {
            requestRead();
        }
    }

    /**
     * Asks for the next message. {@code FlowControlHandler} counts a read as satisfied by a message
     * or by the end of a read cycle, so a read that only brought part of a message is renewed in
     * {@link #channelReadComplete}.
     */
    private void requestRead() {
        if (!early.isEmpty()) {
            // A message that arrived before this handler was ready for it goes first, in order.
            ctx.executor().execute(this::dispatchEarly);
            return;
        }
        readPending = true;
        ctx.read();
    }

    private void dispatchEarly() {
        HttpObject next = early.peek();
        if (next != null && state != State.CLOSED && acceptable(next)) {
            early.poll();
            dispatch(next);
        }
    }

    /** A request head is taken between exchanges, body content while the body is read. */
    private boolean acceptable(HttpObject msg) {
        return msg instanceof HttpRequest ? state == State.IDLE : state == State.BODY;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (readPending && (state == State.IDLE || state == State.BODY)) {
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
        if (!early.isEmpty() || !acceptable(obj)) {
            // More than one read was outstanding (e.g. around the TLS handshake) and this message
            // came before the exchange was ready for it: hold it, in order, like flow-control would.
            early.add(obj);
            return;
        }
        dispatch(obj);
    }

    private void dispatch(HttpObject msg) {
        if (msg.decoderResult().isFailure()) {
            // Its turn has come (a malformed pipelined request waits until the one before is answered).
            Refusal refusal = Refusals.ofDecoderFailure(msg);
            String detail = Refusals.decoderFailureDetail(msg);
            ReferenceCountUtil.release(msg);
            refuseAndClose(refusal, detail);
            return;
        }
        if (msg instanceof HttpRequest head) {
            onRequestHead(head);
        }
        if (msg instanceof HttpContent content) {
            onRequestContent(content); // releases
        }
    }

    private void onRequestHead(HttpRequest head) {
        requestId = RequestIds.next();
        startNanos = System.nanoTime();
        report = null;
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
        if (upgrade != null && !upgrade.toLowerCase(Locale.ROOT).contains("h2c")) {
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
        if (routed instanceof Router.Routed.Refused refused) {
            refuseAndClose(refused.refusal(), refused.detail());
            return;
        }
        target = ((Router.Routed.Route) routed).target();
        long maxBody = services.maxBodyBytes().applyAsLong(target.host());
        long declared = HttpUtil.getContentLength(request, -1L);
        if (declared > maxBody) {
            refuseAndClose(Refusal.BODY_TOO_LARGE, "limit " + maxBody + " bytes for " + target.host());
            return;
        }
        if (declared <= 0 && !HttpUtil.isTransferEncodingChunked(request)) {
            startBody(maxBody, declared);
            return;
        }
        // Reserve the whole body in the process-wide budget before reading any of it.
        reservation.reserve(declared > 0 ? declared : maxBody, ctx.executor(), () -> state == State.ROUTING,
                () -> startBody(maxBody, declared));
    }

    /** @param declared the request's Content-Length, or -1 */
    private void startBody(long maxBody, long declared) {
        ExchangeFacts facts = new ExchangeFacts(requestId, agentId, clientAddress, target.host(), target.port(),
                target.tls());
        body = new HeldBody(services.inspector().open(facts, request), requestId, maxBody, declared);
        state = State.BODY;
        if (HttpUtil.is100ContinueExpected(request)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
            request.headers().remove(HttpHeaderNames.EXPECT);
        }
        requestRead();
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
        content.release();
        if (last) {
            onBodyComplete();
        } else {
            requestRead();
        }
    }

    private void onBodyComplete() {
        Verdict verdict = body.finish();
        report = verdict.report();
        bytesIn = body.readableBytes();
        if (verdict instanceof Verdict.Block block) {
            releaseBody();
            respondRefusal(block.refusal(), block.detail(), block.ruleIds(), !clientKeepAlive);
            return;
        }
        if (verdict instanceof Verdict.Replace replace) {
            body.replace(replace, request); // its budget reservation now covers the rewritten body
        }
        forward();
    }

    private void forward() {
        state = State.FORWARDING;
        call = new UpstreamCall(ctx, services, callEvents, requestId, request, target, body, clientKeepAlive);
        call.start();
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

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (call != null) {
            call.onAgentWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void recordDecision(Verdict.Report r, List<String> extraReasons) {
        decisions.record(requestId, agentId, request, target, r, extraReasons, bytesIn, bytesOut, startNanos);
    }

    private void respondRefusal(Refusal refusal, String detail, List<String> rules, boolean closeAfter) {
        recordDecision(DecisionLog.refusalReport(refusal, report), List.of());
        log.info("{} refused: {}{}", requestId, refusal.code(), detail == null ? "" : " (" + detail + ")");
        FullHttpResponse response = ErrorResponses.render(ctx.alloc(), refusal, detail, requestId, rules);
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
        request = null;
        target = null;
        requestId = null;
        call = null;
    }

    /**
     * Releases the held body (aborting an unfinished inspection) and its budget reservation (a
     * queued reservation returns when granted).
     */
    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
        reservation.releaseUnlessWaiting();
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
        if (evt instanceof IdleStateEvent && closesOnIdle()) {
            // Nothing moved for idleTimeout: between requests, an agent that stopped sending its body
            // (it holds a budget reservation), a request still waiting for one, or an upstream that
            // stalled mid-response. Forwarding has the response timeout instead.
            if (state == State.BODY || state == State.ROUTING) {
                log.info("{} agent stalled before its request was complete; closing after the idle timeout", requestId);
            } else if (state == State.RESPONDING) {
                log.info("{} upstream {} stalled mid-response for the idle timeout", requestId, target.authority());
            }
            close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    private boolean closesOnIdle() {
        return switch (state) {
            case IDLE, ROUTING, BODY -> true;
            case RESPONDING -> call != null && call.responseStarted();
            case FORWARDING, CLOSED -> false;
        };
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
        for (HttpObject msg; (msg = early.poll()) != null; ) {
            ReferenceCountUtil.release(msg);
        }
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
        public void onResponseHead() {
            state = State.RESPONDING;
            releaseBody();
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
