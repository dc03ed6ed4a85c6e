package dev.sieve.proxy.upstream;

import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.pipeline.PipelineNames;
import dev.sieve.proxy.route.Target;
import dev.sieve.proxy.upstream.ResponseEdit;
import dev.sieve.proxy.upstream.UpstreamFailures;
import dev.sieve.proxy.upstream.UpstreamPool;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2NoMoreStreamIdsException;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
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
 * never after a TLS error or a response that is not valid HTTP. An h2 stream the upstream refused
 * (RFC 9113 8.7: it did not process the request) is retried once whatever the method.
 *
 * <p>{@link Listener} is the upstream side's one callback interface: the relay reports to this call by plain
 * calls, and this call reports to the exchange exactly one outcome: a response end, a failure before the
 * response head (as a {@link Refusal}), or a failure mid-response. The upstream channel it holds is
 * returned to the pool after a complete response and discarded otherwise. It never releases the
 * request body: the exchange does, on {@link Listener#onResponseHead} or a failure. It runs on the
 * event loop the agent and upstream channels share, so nothing is synchronized.
 */
public final class UpstreamCall {
    private static final Logger log = LoggerFactory.getLogger(UpstreamCall.class);
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");
    /** The most request body bytes handed to the upstream channel in one write (see {@link #writeBody}). */
    public static final int BODY_SLICE = 256 * 1024;

    /** The exchange's side; all calls come on the shared event loop. */
    public interface Listener {
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
    private final UpstreamPool pool;
    private final long responseTimeoutMillis;
    private final Listener listener;
    private final String requestId;
    /** The request head as it goes upstream (built by the exchange); written again on a retry. */
    private final HttpRequest head;
    private final Target target;
    private final ByteBuf body;
    private final boolean agentKeepAlive;
    private final ResponseEdit edit;
    /** The request is a WebSocket handshake: a 101 ends the call. */
    private final boolean webSocket;
    private UpstreamResponseRelay relay;
    private ScheduledFuture<?> responseTimeout;
    private boolean retried;
    /** Part of the request body is not yet written upstream: the connection cannot go back to the pool. */
    private boolean bodyUnsent;
    private boolean responseStarted;
    /** Set once the outcome was reported or the call was cancelled: later events are ignored. */
    private boolean ended;

    /**
     * @param agent           the exchange handler's context on the agent channel
     * @param responseTimeout the longest wait for the response head ({@code proxy.responseTimeout})
     * @param head            the request head to send upstream (see {@link UpstreamRequests#forUpstream})
     * @param body            the inspected request body; the caller keeps its reference, and holds it until the
     *                        response head or a failure (a retry sends it again)
     * @param edit            what Sieve changes in the response
     * @param webSocket       the request is a WebSocket handshake: a {@code 101} hands the upstream over
     */
    public UpstreamCall(ChannelHandlerContext agent, UpstreamPool pool, Duration responseTimeout, Listener listener,
            String requestId, Target target, HttpRequest head, ByteBuf body, boolean agentKeepAlive,
            ResponseEdit edit, boolean webSocket) {
        this.agent = agent;
        this.pool = pool;
        this.responseTimeoutMillis = responseTimeout.toMillis();
        this.listener = listener;
        this.requestId = requestId;
        this.target = target;
        this.head = head;
        this.body = body;
        this.agentKeepAlive = agentKeepAlive;
        this.edit = edit;
        this.webSocket = webSocket;
    }

    /** Whether the response head reached the agent (the request can then no longer be refused). */
    public boolean responseStarted() {
        return responseStarted;
    }

    /** Acquires a pooled upstream connection and sends the request on it. */
    public void start() {
        pool.acquire(agent.channel().eventLoop(), target, webSocket).addListener((Future<Channel> f) -> {
            if (!live() || responseStarted) {
                if (f.isSuccess()) {
                    pool.release(f.getNow());
                }
                return;
            }
            if (!f.isSuccess()) {
                log.info("{} upstream {} failed: {}", requestId, target.authority(), f.cause().toString());
                ended = true;
                listener.onFailed(UpstreamFailures.refusal(f.cause()), !agentKeepAlive);
                return;
            }
            send(f.getNow());
        });
    }

    /** Called when the agent channel's writability changed: resumes a read held back for it. */
    public void onAgentWritabilityChanged() {
        if (relay != null) {
            relay.onAgentWritabilityChanged();
        }
    }

    /** Ends the call without an outcome (the exchange is over): cancels the timeout, discards the upstream. */
    public void cancel() {
        ended = true;
        cancelResponseTimeout();
        discard(detachUpstream());
    }

    private void send(Channel ch) {
        UpstreamResponseRelay attempt = new UpstreamResponseRelay(agent, ch, this, pool,
                HttpMethod.HEAD.equals(head.method()), agentKeepAlive, edit);
        relay = attempt;
        ch.pipeline().addBefore(PipelineNames.UPSTREAM_TAIL, PipelineNames.RESPONSE, attempt);
        // A write that fails after this attempt was given up (refused and sent again) is not the call's failure.
        ch.write(head).addListener(f -> {
            if (!f.isSuccess() && relay == attempt && neverSent(f.cause())) {
                onUpstreamRefused();
            }
        });
        if (relay != attempt) {
            return; // refused at once: the call has gone on without this stream
        }
        bodyUnsent = true;
        writeBody(ch, attempt, body.retainedDuplicate());
        responseTimeout = agent.executor().schedule(this::onResponseTimeout, responseTimeoutMillis,
                TimeUnit.MILLISECONDS);
        ch.read();
    }

    /**
     * The h2 stream could not even be opened, so the upstream never saw the request: a GOAWAY the connection received
     * after the pool handed the stream out (REFUSED_STREAM from the codec: "Cannot create stream greater than
     * Last-Stream-ID"), or no stream ids left. RFC 9113 section 8.7 lets any method go again then.
     */
    private static boolean neverSent(Throwable cause) {
        return cause instanceof Http2NoMoreStreamIdsException
                || (cause instanceof Http2Exception e && e.error() == Http2Error.REFUSED_STREAM);
    }

    /**
     * Writes {@code rest} (owned here) to {@code ch}, at most {@link #BODY_SLICE} bytes at a time: the next slice goes
     * once the previous one was written to the socket, as a new task on the loop. The event loop then never encrypts a
     * whole large body in one flush (20 MiB is tens of milliseconds of AES on a busy CPU) while the other connections
     * on the loop, small requests among them, wait for it. Stops, releasing the rest, once {@code sending} is no longer
     * this call's relay (the call failed, was retried on another connection, or ended).
     */
    private void writeBody(Channel ch, UpstreamResponseRelay sending, ByteBuf rest) {
        if (relay != sending) {
            rest.release();
            return;
        }
        if (rest.readableBytes() <= BODY_SLICE) {
            bodyUnsent = false;
            ch.writeAndFlush(new DefaultLastHttpContent(rest)).addListener(f -> {
                if (!f.isSuccess() && relay == sending) {
                    onUpstreamFailure(f.cause(), false);
                }
            });
            return;
        }
        ch.writeAndFlush(new DefaultHttpContent(rest.readRetainedSlice(BODY_SLICE))).addListener(f -> {
            if (f.isSuccess()) {
                // a task, not a call: a write the socket took at once completes inside the flush, and calling on
                // from here would encrypt the whole body in one go again
                ch.eventLoop().execute(() -> writeBody(ch, sending, rest));
            } else {
                rest.release();
                if (relay == sending) {
                    onUpstreamFailure(f.cause(), false);
                }
            }
        });
    }

    private void onResponseTimeout() {
        if (live() && !responseStarted) {
            ended = true;
            discard(detachUpstream());
            listener.onFailed(Refusal.UPSTREAM_RESPONSE_TIMEOUT, true);
        }
    }

    private void onUpstreamFailure(Throwable cause, boolean badResponse) {
        onUpstreamFailure(cause, badResponse, false);
    }

    private void onUpstreamFailure(Throwable cause, boolean badResponse, boolean refused) {
        if (!live()) {
            return;
        }
        Channel ch = detachUpstream();
        boolean wasReused = ch != null && pool.wasReused(ch);
        discard(ch);
        if (responseStarted) {
            ended = true;
            log.info("{} upstream {} failed mid-response: {}", requestId, target.authority(), String.valueOf(cause));
            listener.onFailedMidResponse();
            return;
        }
        cancelResponseTimeout();
        boolean stale = wasReused && !badResponse && IDEMPOTENT.contains(head.method().name())
                && !(cause instanceof SSLException);
        if (!retried && (refused || stale)) {
            // A pooled connection the upstream had closed: retry once on a fresh one. Only for
            // idempotent methods: a proxy must not repeat a POST the upstream may have processed.
            // A refused stream was not processed: any method may go again.
            retried = true;
            start();
            return;
        }
        ended = true;
        Refusal refusal = badResponse ? Refusal.UPSTREAM_BAD_RESPONSE
                : cause == null ? Refusal.UPSTREAM_CLOSED : UpstreamFailures.refusal(cause);
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

    // What the UpstreamResponseRelay reports (plain calls on the shared event loop).

    /** Whether the exchange still takes upstream messages; others are released unread. */
    boolean relaying() {
        return live();
    }

    /**
     * The final response head arrived and is about to be written: it can no longer be refused. {@code headers}
     * are its headers, hop-by-hop fields already removed, to which the exchange adds Sieve's own.
     */
    void onResponseHead(HttpHeaders headers) {
        cancelResponseTimeout();
        responseStarted = true;
        listener.onResponseHead(headers);
    }

    /**
     * A {@code 101 Switching Protocols} arrived: returns whether the exchange took it (a WebSocket handshake; it
     * then owns the upstream channel, which the relay has left). Otherwise it is skipped like any 1xx.
     */
    boolean onSwitchingProtocols(HttpResponse response) {
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

    /** Response body bytes about to be written to the agent. */
    void onResponseBytes(int bytes) {
        listener.onResponseBytes(bytes);
    }

    /** The last content arrived: the relay leaves the upstream (back to the pool), then the exchange writes it. */
    void onResponseEnd(LastHttpContent last) {
        UpstreamResponseRelay done = relay;
        relay = null;
        if (done != null && bodyUnsent) {
            discard(done.detach()); // the upstream answered before the whole request went out
        } else if (done != null) {
            done.finish();
        }
        ended = true;
        listener.onResponseEnd(last);
    }

    /** The upstream failed, or closed when {@code cause} is {@code null}, while the relay was attached. */
    void onUpstreamFailure(Throwable cause) {
        onUpstreamFailure(cause, false);
    }

    /** The upstream refused the h2 stream before processing it (REFUSED_STREAM, or beyond a GOAWAY). */
    void onUpstreamRefused() {
        onUpstreamFailure(null, false, true);
    }

    /** The upstream sent a response that is not valid HTTP. */
    void onUpstreamBadResponse(Throwable cause) {
        onUpstreamFailure(cause, true);
    }

    /** A write of response content to the agent failed. */
    void onAgentWriteFailure() {
        listener.onAgentWriteFailure();
    }
}
