package dev.sieve.proxy.handler;

import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.upstream.UpstreamConnector;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one inspected request upstream and relays its response, for one exchange: a pooled
 * connection, the request head and held body, a response timeout until the response head, and the
 * response through an {@link UpstreamResponseRelay}. When a reused pooled connection fails before
 * any response arrived, an idempotent request (RFC 9110 9.2.2) is retried once on a fresh one;
 * never after a TLS error or a response that is not valid HTTP.
 *
 * <p>It reports exactly one outcome to its {@link Listener}: a response end, a failure before the
 * response head (as a {@link Refusal}), or a failure mid-response. The upstream channel it holds is
 * returned to the pool after a complete response and discarded otherwise. It never releases the
 * held body: the exchange does, on {@link Listener#onResponseHead} or a failure. It runs on the
 * event loop the agent and upstream channels share, so nothing is synchronized.
 */
final class UpstreamCall {
    private static final Logger log = LoggerFactory.getLogger(UpstreamCall.class);
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

    /** The exchange's side; all calls come on the shared event loop. */
    interface Listener {
        /** Whether the exchange still waits for this call; upstream messages are released unread otherwise. */
        boolean waiting();

        /**
         * The final response head arrived and is about to be written: the request can no longer be refused. Sieve's
         * own headers go into {@code headers} (the upstream's, hop-by-hop fields removed).
         */
        void onResponseHead(HttpHeaders headers);

        /**
         * The upstream accepted a WebSocket handshake ({@code 101}): the call is over, and {@code upstream} (out of
         * the pool now) belongs to the listener, which checks the response and closes the channel when done.
         */
        void onSwitchingProtocols(HttpResponse response, Channel upstream);

        /** Response body bytes about to be written to the agent. */
        void onResponseBytes(int bytes);

        /** The response is complete (the upstream connection is already back in the pool); write {@code last}. */
        void onResponseEnd(LastHttpContent last);

        /** The call failed before any response reached the agent; refuse with {@code refusal}. */
        void onFailed(Refusal refusal, boolean closeAfter);

        /** The upstream failed after part of the response reached the agent: only closing is left. */
        void onFailedMidResponse();

        /** A write of response content to the agent failed. */
        void onAgentWriteFailure();
    }

    private final ChannelHandlerContext agent;
    private final UpstreamConnector pool;
    private final long responseTimeoutMillis;
    private final Listener listener;
    private final String requestId;
    private final HttpRequest request;
    private final Target target;
    private final HeldBody body;
    private final boolean agentKeepAlive;
    private final ResponseAmendment amendment;
    /** The request is a WebSocket handshake: its Upgrade goes upstream, and a 101 ends the call. */
    private final boolean webSocket;
    private final RelayEvents relayEvents = new RelayEvents();
    private UpstreamResponseRelay relay;
    private ScheduledFuture<?> responseTimeout;
    private boolean retried;
    private boolean responseStarted;
    /** Set once the outcome was reported or the call was cancelled: later events are ignored. */
    private boolean ended;

    /**
     * @param agent   the exchange handler's context on the agent channel
     * @param request the agent's request head, after any rewrite by inspection
     * @param body    the held, inspected body; it must stay held until the response head or a failure
     * @param amendment what Sieve changes in the response
     */
    UpstreamCall(ChannelHandlerContext agent, ProxyServices services, Listener listener, String requestId,
            HttpRequest request, Target target, HeldBody body, boolean agentKeepAlive, ResponseAmendment amendment,
            boolean webSocket) {
        this.amendment = amendment;
        this.webSocket = webSocket;
        this.agent = agent;
        this.pool = services.upstream();
        this.responseTimeoutMillis = services.limits().responseTimeout().toMillis();
        this.listener = listener;
        this.requestId = requestId;
        this.request = request;
        this.target = target;
        this.body = body;
        this.agentKeepAlive = agentKeepAlive;
    }

    /** Whether the response head reached the agent (the request can then no longer be refused). */
    boolean responseStarted() {
        return responseStarted;
    }

    /** Acquires a pooled upstream connection and sends the request on it. */
    void start() {
        pool.acquire(agent.channel().eventLoop(), target).addListener((Future<Channel> f) -> {
            if (!live() || responseStarted) {
                if (f.isSuccess()) {
                    pool.release(f.getNow());
                }
                return;
            }
            if (!f.isSuccess()) {
                log.info("{} upstream {} failed: {}", requestId, target.authority(), f.cause().toString());
                ended = true;
                listener.onFailed(Refusals.ofUpstreamFailure(f.cause()), !agentKeepAlive);
                return;
            }
            send(f.getNow());
        });
    }

    /** Called when the agent channel's writability changed: resumes a read held back for it. */
    void onAgentWritabilityChanged() {
        if (relay != null) {
            relay.onAgentWritabilityChanged();
        }
    }

    /** Ends the call without an outcome (the exchange is over): cancels the timeout, discards the upstream. */
    void cancel() {
        ended = true;
        cancelResponseTimeout();
        discard(detachUpstream());
    }

    private void send(Channel ch) {
        relay = new UpstreamResponseRelay(agent, ch, relayEvents, pool, HttpMethod.HEAD.equals(request.method()),
                agentKeepAlive, amendment);
        ch.pipeline().addBefore(PipelineNames.UPSTREAM_TAIL, PipelineNames.RESPONSE, relay);
        HttpRequest head = UpstreamRequests.forUpstream(request, target, body.readableBytes());
        if (webSocket) {
            dev.sieve.proxy.websocket.Handshake.forUpstream(head.headers());
        }
        ch.write(head);
        ch.writeAndFlush(new DefaultLastHttpContent(body.retainedDuplicate())).addListener(f -> {
            if (!f.isSuccess()) {
                onUpstreamFailure(f.cause(), false);
            }
        });
        responseTimeout = agent.executor().schedule(this::onResponseTimeout, responseTimeoutMillis,
                TimeUnit.MILLISECONDS);
        ch.read();
    }

    private void onResponseTimeout() {
        if (live() && !responseStarted) {
            ended = true;
            discard(detachUpstream());
            listener.onFailed(Refusal.UPSTREAM_RESPONSE_TIMEOUT, true);
        }
    }

    private void onUpstreamFailure(Throwable cause, boolean badResponse) {
        if (!live()) {
            return;
        }
        Channel ch = detachUpstream();
        boolean wasReused = ch != null && UpstreamConnector.wasReused(ch);
        discard(ch);
        if (responseStarted) {
            ended = true;
            log.info("{} upstream {} failed mid-response: {}", requestId, target.authority(), String.valueOf(cause));
            listener.onFailedMidResponse();
            return;
        }
        cancelResponseTimeout();
        if (wasReused && !retried && !badResponse && IDEMPOTENT.contains(request.method().name())
                && !(cause instanceof SSLException)) {
            // A pooled connection the upstream had closed: retry once on a fresh one. Only for
            // idempotent methods: a proxy must not repeat a POST the upstream may have processed.
            retried = true;
            start();
            return;
        }
        ended = true;
        Refusal refusal = badResponse ? Refusal.UPSTREAM_BAD_RESPONSE
                : cause == null ? Refusal.UPSTREAM_CLOSED : Refusals.ofUpstreamFailure(cause);
        listener.onFailed(refusal, !agentKeepAlive);
    }

    /** Whether this call still has an outcome to report to an exchange that waits for it. */
    private boolean live() {
        return !ended && listener.waiting();
    }

    private Channel detachUpstream() {
        UpstreamResponseRelay r = relay;
        relay = null;
        return r == null ? null : r.detach();
    }

    private void discard(Channel ch) {
        if (ch != null) {
            pool.discard(ch);
        }
    }

    private void cancelResponseTimeout() {
        if (responseTimeout != null) {
            responseTimeout.cancel(false);
            responseTimeout = null;
        }
    }

    /** This call's side of the {@link UpstreamResponseRelay} contract. */
    private final class RelayEvents implements UpstreamResponseRelay.Exchange {
        @Override
        public boolean relaying() {
            return live();
        }

        @Override
        public void onResponseHead(HttpHeaders headers) {
            cancelResponseTimeout();
            responseStarted = true;
            listener.onResponseHead(headers);
        }

        @Override
        public boolean onSwitchingProtocols(HttpResponse response) {
            if (!webSocket) {
                return false;
            }
            cancelResponseTimeout();
            responseStarted = true;
            ended = true;
            Channel ch = detachUpstream();
            pool.takeOver(ch);
            listener.onSwitchingProtocols(response, ch);
            return true;
        }

        @Override
        public void onResponseBytes(int bytes) {
            listener.onResponseBytes(bytes);
        }

        @Override
        public void onResponseEnd(LastHttpContent last) {
            UpstreamResponseRelay done = relay;
            relay = null;
            if (done != null) {
                done.finish();
            }
            ended = true;
            listener.onResponseEnd(last);
        }

        @Override
        public void onUpstreamFailure(Throwable cause) {
            UpstreamCall.this.onUpstreamFailure(cause, false);
        }

        @Override
        public void onUpstreamBadResponse(Throwable cause) {
            UpstreamCall.this.onUpstreamFailure(cause, true);
        }

        @Override
        public void onAgentWriteFailure() {
            listener.onAgentWriteFailure();
        }
    }
}
