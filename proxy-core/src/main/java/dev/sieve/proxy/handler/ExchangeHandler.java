package dev.sieve.proxy.handler;

import dev.sieve.proxy.decision.DecisionRecord;
import dev.sieve.proxy.error.ErrorResponses;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.inspect.ExchangeFacts;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.inspect.Verdict;
import dev.sieve.proxy.upstream.UpstreamConnector;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
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
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs HTTP exchanges on an agent connection (inside an intercepted tunnel, or plain http://):
 * request head -> route -> body held and inspected (buffer, then forward) -> verdict -> pooled
 * upstream -> response streamed back chunk by chunk.
 *
 * <p>The agent channel has auto-read off and a {@code FlowControlHandler} in front, so each
 * {@code read()} yields one message: this handler reads a request only when it is ready for it,
 * which also holds back pipelined requests. The response relays with write-driven backpressure:
 * the upstream is read again only when the agent side is writable. Both channels share one event
 * loop (the pool is per event loop), so no state here needs synchronization.
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

    private ChannelHandlerContext ctx;
    private State state = State.IDLE;
    // Per exchange:
    private String requestId;
    private HttpRequest request;
    private boolean clientKeepAlive;
    private Target target;
    private RequestInspector.Session inspection;
    private CompositeByteBuf body;
    private Channel upstream;
    private boolean retried;
    private boolean responseStarted;
    private boolean upstreamReusable;
    private boolean skipInformational;
    private boolean upstreamReadPending;
    private boolean readPending;
    /** Messages that arrived before the exchange was ready for them (see {@link #channelRead}). */
    private final java.util.ArrayDeque<HttpObject> early = new java.util.ArrayDeque<>(2);
    private ScheduledFuture<?> responseTimeout;
    private Verdict.Report report;
    private long bytesIn;
    private long bytesOut;
    private long startNanos;
    /** Bytes this exchange holds in the body budget; {@code budgetWait} while its reservation is queued. */
    private long reservedBytes;
    private long maxBody;
    private boolean budgetWait;

    private HttpRequest firstRequest;

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
        if (obj.decoderResult().isFailure()) {
            Throwable cause = obj.decoderResult().cause();
            ReferenceCountUtil.release(msg);
            refuseAndClose(Refusals.ofDecoderFailure(cause), null);
            return;
        }
        if (!early.isEmpty() || !acceptable(obj)) {
            // More than one read was outstanding (e.g. around the TLS handshake) and this message
            // came before the exchange was ready for it: hold it, in order, like flow-control would.
            early.add(obj);
            return;
        }
        dispatch(obj);
    }

    private void dispatch(HttpObject msg) {
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
        clientKeepAlive = HttpUtil.isKeepAlive(head);
        retried = false;
        responseStarted = false;
        HttpMethod method = head.method();
        if (HttpMethod.CONNECT.equals(method)) {
            refuseAndClose(Refusal.METHOD_NOT_ALLOWED, "CONNECT inside a tunnel or after plain http");
            return;
        }
        String upgrade = head.headers().get(HttpHeaderNames.UPGRADE);
        if (upgrade != null && !upgrade.toLowerCase(java.util.Locale.ROOT).contains("h2c")) {
            refuseAndClose(Refusal.UNSUPPORTED_UPGRADE, null);
            return;
        }
        if (!services.recorder().admit()) {
            refuseAndClose(Refusal.AUDIT_UNAVAILABLE, null);
            return;
        }
        if (services.killSwitched().test(selector.agentId(head))) {
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
        maxBody = services.maxBodyBytes().applyAsLong(target.host());
        long declared = HttpUtil.getContentLength(request, -1L);
        if (declared > maxBody) {
            refuseAndClose(Refusal.BODY_TOO_LARGE, "limit " + maxBody + " bytes for " + target.host());
            return;
        }
        boolean hasBody = declared > 0 || HttpUtil.isTransferEncodingChunked(request);
        if (!hasBody) {
            startBody();
            return;
        }
        // Reserve the whole body in the process-wide budget before reading any of it.
        long need = declared > 0 ? declared : maxBody;
        budgetWait = true;
        reservedBytes = services.budget().reserve(need, () -> ctx.executor().execute(this::onBudgetGranted));
    }

    private void onBudgetGranted() {
        if (!budgetWait) {
            return;
        }
        budgetWait = false;
        if (state != State.ROUTING) {
            releaseReservation(); // the exchange ended while it waited
            return;
        }
        startBody();
    }

    private void startBody() {
        String agentId = selector.agentId(request);
        ExchangeFacts facts = new ExchangeFacts(requestId, agentId, clientAddress, target.host(), target.port(),
                target.tls());
        inspection = services.inspector().open(facts, request);
        body = ctx.alloc().compositeBuffer(1024);
        state = State.BODY;
        if (HttpUtil.is100ContinueExpected(request)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
            request.headers().remove(HttpHeaderNames.EXPECT);
        }
        requestRead();
    }

    private void releaseReservation() {
        long bytes = reservedBytes;
        reservedBytes = 0;
        services.budget().release(bytes);
    }

    private void onRequestContent(HttpContent content) {
        if (state != State.BODY) {
            // Content of a request refused before its body was read; the connection is closing.
            content.release();
            return;
        }
        ByteBuf chunk = content.content();
        if (body.readableBytes() + (long) chunk.readableBytes() > maxBody) {
            content.release();
            refuseAndClose(Refusal.BODY_TOO_LARGE, "limit " + maxBody + " bytes for " + target.host());
            return;
        }
        if (chunk.isReadable()) {
            inspection.onContent(chunk);
            body.addComponent(true, chunk.retain());
        }
        boolean last = content instanceof LastHttpContent;
        content.release();
        if (!last) {
            requestRead();
            return;
        }
        Verdict verdict;
        try {
            verdict = inspection.finish(body);
        } catch (RuntimeException e) {
            log.error("inspection failed for {}: {}", requestId, e.getClass().getName());
            verdict = new Verdict.Block(Refusal.INSPECTION_FAILED, "internal inspection error", List.of(),
                    new Verdict.Report("blocked", List.of("internal_error"), List.of(), "", 0, false));
        }
        inspection = null;
        report = verdict.report();
        bytesIn = body.readableBytes();
        if (verdict instanceof Verdict.Block block) {
            releaseBody();
            respondRefusal(block.refusal(), block.detail(), block.ruleIds(), !clientKeepAlive);
            return;
        }
        if (verdict instanceof Verdict.Replace replace) {
            body.release(); // its budget reservation now covers the rewritten body
            body = ctx.alloc().compositeBuffer(1);
            body.addComponent(true, Unpooled.wrappedBuffer(replace.body()));
            for (Map.Entry<String, String> h : replace.headers()) {
                request.headers().set(h.getKey(), h.getValue());
            }
            replace.pathAndQuery().ifPresent(request::setUri);
        }
        forward();
    }

    private void forward() {
        state = State.FORWARDING;
        services.upstream().acquire(ctx.channel().eventLoop(), target).addListener((Future<Channel> f) -> {
            if (state != State.FORWARDING) {
                if (f.isSuccess()) {
                    services.upstream().release(f.getNow());
                }
                return;
            }
            if (!f.isSuccess()) {
                releaseBody();
                Refusal refusal = Refusals.ofUpstreamFailure(f.cause());
                log.info("{} upstream {} failed: {}", requestId, target.authority(), f.cause().toString());
                respondRefusal(refusal, target.authority(), List.of(), !clientKeepAlive);
                return;
            }
            sendUpstream(f.getNow());
        });
    }

    private void sendUpstream(Channel ch) {
        upstream = ch;
        upstreamReusable = true;
        skipInformational = false;
        upstreamReadPending = false;
        ch.pipeline().addBefore(PipelineNames.UPSTREAM_TAIL, PipelineNames.RESPONSE, new UpstreamResponseHandler());
        HttpRequest out = new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), originForm(request.uri()),
                request.headers().copy());
        HttpHeaders h = out.headers();
        HopByHop.strip(h);
        h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        h.remove(HttpHeaderNames.EXPECT);
        if (body.isReadable() || request.headers().contains(HttpHeaderNames.CONTENT_LENGTH)
                || HttpUtil.isTransferEncodingChunked(request)) {
            h.set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        }
        if (!target.tls() || !h.contains(HttpHeaderNames.HOST)) {
            h.set(HttpHeaderNames.HOST, hostHeader(target));
        }
        ch.write(out);
        ch.writeAndFlush(new DefaultLastHttpContent(body.retainedDuplicate())).addListener(f -> {
            if (!f.isSuccess()) {
                onUpstreamFailure(f.cause());
            }
        });
        long timeout = services.limits().responseTimeout().toMillis();
        responseTimeout = ctx.executor().schedule(this::onResponseTimeout, timeout, TimeUnit.MILLISECONDS);
        ch.read();
    }

    /** Hands one decision to the recorder (audit log, metrics); called once per request. */
    private void recordDecision(Verdict.Report r, List<String> extraReasons) {
        if (requestId == null || request == null) {
            return;
        }
        List<String> reasons = r.reasons();
        if (!extraReasons.isEmpty()) {
            reasons = new java.util.ArrayList<>(reasons);
            reasons.addAll(extraReasons);
        }
        String host = target != null ? target.host() : authorityHost();
        int port = target != null ? target.port() : 0;
        services.recorder().record(new DecisionRecord(requestId, selector.agentId(request), clientAddress,
                request.method().name(), host, port, originForm(request.uri()), r.decision(), reasons, r.findings(),
                bytesIn, bytesOut, r.ruleSetVersion(), r.monitored(), System.nanoTime() - startNanos));
    }

    private String authorityHost() {
        String host = request.headers().get(HttpHeaderNames.HOST);
        Authority a = host == null ? null : Authority.parse(host, 443);
        return a == null ? "" : a.host();
    }

    private static String hostHeader(Target t) {
        boolean defaultPort = t.tls() ? t.port() == 443 : t.port() == 80;
        String host = t.host().indexOf(':') >= 0 ? "[" + t.host() + "]" : t.host();
        return defaultPort ? host : host + ":" + t.port();
    }

    /** {@code https://host/p?q} -> {@code /p?q}; origin-form stays; empty becomes {@code /}. */
    static String originForm(String uri) {
        if (uri.startsWith("/")) {
            return uri;
        }
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return uri.isEmpty() ? "/" : uri; // asterisk-form (OPTIONS *)
        }
        int path = uri.indexOf('/', scheme + 3);
        int query = uri.indexOf('?', scheme + 3);
        if (path < 0 || (query >= 0 && query < path)) {
            return query < 0 ? "/" : "/" + uri.substring(query);
        }
        return uri.substring(path);
    }

    private void onResponseTimeout() {
        if ((state == State.FORWARDING || state == State.RESPONDING) && !responseStarted) {
            Channel ch = detachUpstream();
            if (ch != null) {
                services.upstream().discard(ch);
            }
            releaseBody();
            respondRefusal(Refusal.UPSTREAM_RESPONSE_TIMEOUT, target.authority(), List.of(), true);
        }
    }

    private void onUpstreamResponse(HttpObject msg) {
        if (state != State.FORWARDING && state != State.RESPONDING) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            onUpstreamFailure(msg.decoderResult().cause());
            return;
        }
        if (msg instanceof HttpResponse response) {
            int code = response.status().code();
            if (code >= 100 && code < 200) {
                // Informational responses (100, 103) end here: Sieve already answered Expect itself.
                skipInformational = true;
                ReferenceCountUtil.release(msg);
                upstream.read();
                return;
            }
            skipInformational = false;
            onResponseHead(response);
        }
        if (msg instanceof HttpContent content) {
            if (skipInformational) {
                content.release();
                if (content instanceof LastHttpContent) {
                    skipInformational = false;
                }
                upstream.read();
                return;
            }
            onResponseContent(content);
        }
    }

    private void onResponseHead(HttpResponse response) {
        cancelResponseTimeout();
        responseStarted = true;
        state = State.RESPONDING;
        releaseBody();
        HttpHeaders h = response.headers();
        upstreamReusable = HttpUtil.isKeepAlive(response);
        HopByHop.strip(h);
        boolean bodyless = HttpMethod.HEAD.equals(request.method()) || response.status().code() == 204
                || response.status().code() == 304;
        if (!bodyless && !HttpUtil.isContentLengthSet(response) && !HttpUtil.isTransferEncodingChunked(response)) {
            // Close-delimited upstream body: re-frame as chunked for the agent, and never reuse the upstream.
            HttpUtil.setTransferEncodingChunked(response, true);
            upstreamReusable = false;
        }
        if (!clientKeepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        ctx.writeAndFlush(response);
        readUpstreamWhenWritable();
    }

    private void onResponseContent(HttpContent content) {
        bytesOut += content.content().readableBytes();
        boolean last = content instanceof LastHttpContent;
        if (!last) {
            ctx.writeAndFlush(content).addListener(this::onClientWriteFailure);
            readUpstreamWhenWritable();
            return;
        }
        Channel ch = detachUpstream();
        if (ch != null) {
            if (upstreamReusable) {
                services.upstream().release(ch);
            } else {
                services.upstream().discard(ch);
            }
        }
        recordDecision(report == null ? Verdict.Report.NONE : report, List.of());
        ctx.writeAndFlush(content).addListener(f -> {
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

    private void onClientWriteFailure(Future<? super Void> f) {
        if (!f.isSuccess()) {
            close();
        }
    }

    private void readUpstreamWhenWritable() {
        if (upstream == null) {
            return;
        }
        if (ctx.channel().isWritable()) {
            upstream.read();
        } else {
            upstreamReadPending = true;
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && upstreamReadPending && upstream != null) {
            upstreamReadPending = false;
            upstream.read();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void onUpstreamFailure(Throwable cause) {
        if (state != State.FORWARDING && state != State.RESPONDING) {
            return;
        }
        Channel ch = detachUpstream();
        boolean wasReused = ch != null && UpstreamConnector.wasReused(ch);
        if (ch != null) {
            services.upstream().discard(ch);
        }
        if (responseStarted) {
            // The agent already has part of the response: all we can do is end the connection.
            recordDecision(report == null ? Verdict.Report.NONE : report, List.of("upstream_closed_mid_response"));
            log.info("{} upstream {} failed mid-response: {}", requestId, target.authority(), String.valueOf(cause));
            close();
            return;
        }
        cancelResponseTimeout();
        if (wasReused && !retried && body != null) {
            // A pooled connection the upstream had closed: retry once on a fresh one.
            retried = true;
            forward();
            return;
        }
        releaseBody();
        Refusal refusal = cause == null ? Refusal.UPSTREAM_CLOSED : Refusals.ofUpstreamFailure(cause);
        if (cause != null && cause.getClass().getSimpleName().contains("Decoder")) {
            refusal = Refusal.UPSTREAM_BAD_RESPONSE;
        }
        respondRefusal(refusal, target.authority(), List.of(), !clientKeepAlive);
    }

    private Channel detachUpstream() {
        Channel ch = upstream;
        upstream = null;
        upstreamReadPending = false;
        if (ch != null && ch.pipeline().get(PipelineNames.RESPONSE) != null) {
            ch.pipeline().remove(PipelineNames.RESPONSE);
        }
        return ch;
    }

    private void cancelResponseTimeout() {
        if (responseTimeout != null) {
            responseTimeout.cancel(false);
            responseTimeout = null;
        }
    }

    private void respondRefusal(Refusal refusal, String detail, List<String> rules, boolean closeAfter) {
        cancelResponseTimeout();
        boolean inspected = refusal == Refusal.INSPECTION_BLOCKED || refusal == Refusal.INSPECTION_FAILED;
        Verdict.Report base = inspected && report != null ? report : Verdict.Report.NONE;
        List<String> reasons = new java.util.ArrayList<>();
        reasons.add(refusal.code());
        reasons.addAll(base.reasons());
        recordDecision(new Verdict.Report(inspected ? "blocked" : "denied", List.copyOf(reasons), base.findings(),
                base.ruleSetVersion(), base.bytesScanned(), base.monitored()), List.of());
        log.info("{} refused: {}{}", requestId, refusal.code(), detail == null ? "" : " (" + detail + ")");
        FullHttpResponse response = ErrorResponses.render(ctx.alloc(), refusal, detail, requestId, rules);
        if (closeAfter) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            state = State.CLOSED;
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
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
        if (inspection != null) {
            inspection.abort();
            inspection = null;
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
        responseStarted = false;
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
        if (!budgetWait) {
            releaseReservation();
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
        if (evt instanceof IdleStateEvent && state == State.IDLE) {
            close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
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
        cancelResponseTimeout();
        if (inspection != null) {
            inspection.abort();
            inspection = null;
        }
        releaseBody();
        Channel ch = detachUpstream();
        if (ch != null) {
            services.upstream().discard(ch);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("agent connection {} failed: {}", clientAddress, cause.toString());
        close();
    }

    /** Relays one upstream response into this exchange; lives on the upstream channel during it. */
    private final class UpstreamResponseHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext uctx, Object msg) {
            if (uctx.channel() != upstream || !(msg instanceof HttpObject)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            onUpstreamResponse((HttpObject) msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext uctx) {
            if (uctx.channel() == upstream) {
                onUpstreamFailure(null);
            }
            uctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext uctx, Throwable cause) {
            if (uctx.channel() == upstream) {
                onUpstreamFailure(cause);
            } else {
                uctx.close();
            }
        }
    }
}
