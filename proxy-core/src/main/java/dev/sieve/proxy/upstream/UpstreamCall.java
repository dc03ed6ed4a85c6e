package dev.sieve.proxy.upstream;

import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.pipeline.PipelineNames;
import dev.sieve.proxy.route.Target;
import dev.sieve.proxy.upstream.ResponseEdit;
import dev.sieve.proxy.upstream.UpstreamFailures;
import dev.sieve.proxy.upstream.UpstreamPool;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2NoMoreStreamIdsException;
import io.netty.handler.codec.http2.Http2StreamChannel;
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
 * returned to the pool after a complete response and discarded otherwise. It holds a reference of its own to the
 * request body until no attempt can need it any more. It runs on the event loop the agent and upstream channels
 * share, so nothing is synchronized.
 *
 * <h2>Streamed requests</h2>
 * A {@linkplain #streamed streamed} call starts before its exchange has a verdict: its head goes upstream framed so
 * that the body's length stays open (HTTP/1.1 {@code Transfer-Encoding: chunked}; on h2 no {@code content-length}),
 * and it writes only the bytes the exchange allows ({@link #streamTo}, the prefix inspection proved clean). The
 * request's end is written only by {@link #finish}, the verdict to forward; {@link #cancel} (the verdict to block)
 * closes the HTTP/1.1 connection before the terminating chunk, or resets the h2 stream (CANCEL), so that no
 * upstream ever receives a complete blocked request. Until {@link #finish} no response reaches the exchange: what the
 * upstream answers early waits (one read's worth in the relay, the rest unread), and a failure waits too, to be
 * reported by {@link #finish} (a block then answers the agent as any block). An upstream that answered whole and
 * then closed the connection or reset the stream (to stop reading the request) has not failed: its answer waits. A
 * connection that fails before the request's end was written may be retried on a fresh one whatever the method: the
 * upstream never received a complete request, so it cannot have processed it.
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
    /** This call's own reference to the request body; {@code null} once no attempt can need it. */
    private ByteBuf body;
    /** How many bytes of {@link #body} may go upstream. */
    private long sendable;
    /** The body is final (the verdict was given): once {@link #sendable} bytes are written, the request ends. */
    private boolean complete;
    private final boolean agentKeepAlive;
    private ResponseEdit edit;
    /** The request is a WebSocket handshake: a 101 ends the call. */
    private final boolean webSocket;
    private UpstreamResponseRelay relay;
    private ScheduledFuture<?> responseTimeout;
    private boolean retried;
    /**
     * The upstream answered a streamed request whole before its end, then closed or reset: the answer waits for the
     * verdict in the relay, and nothing more goes upstream.
     */
    private boolean answered;
    /** Part of the request body is not yet written upstream: the connection cannot go back to the pool. */
    private boolean bodyUnsent;
    /** Body bytes handed to the current attempt's channel. */
    private int written;
    /** A body write of the current attempt is in flight (the next one goes when it completed). */
    private boolean writing;
    /** The current attempt wrote the request's end. */
    private boolean requestEnded;
    /** A streamed call failed before its verdict: what {@link #finish} reports. */
    private Refusal pendingFailure;
    private boolean pendingFailureCloses;
    private boolean responseStarted;
    /** Set once the outcome was reported or the call was cancelled: later events are ignored. */
    private boolean ended;

    /**
     * @param agent           the exchange handler's context on the agent channel
     * @param responseTimeout the longest wait for the response head ({@code proxy.responseTimeout})
     * @param head            the request head to send upstream (see {@link UpstreamRequests#forUpstream})
     * @param body            the inspected request body; the call takes a reference of its own (a retry sends it
     *                        again), the caller keeps its own
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
        this.body = body.retain();
        this.sendable = body.readableBytes();
        this.complete = true;
        this.agentKeepAlive = agentKeepAlive;
        this.edit = edit;
        this.webSocket = webSocket;
    }

    /**
     * A call that starts before the verdict ({@link UpstreamCall see "Streamed requests"}): it may send the first
     * {@code cleanThrough} bytes of {@code body} at once, more after {@link #streamTo}, and ends the request only on
     * {@link #finish}. {@code head} must frame the body open-ended ({@link UpstreamRequests#forStreamedUpstream}).
     * The call takes a reference of its own to {@code body}, whose readable bytes may grow meanwhile (the exchange
     * keeps receiving into it).
     */
    public static UpstreamCall streamed(ChannelHandlerContext agent, UpstreamPool pool, Duration responseTimeout,
            Listener listener, String requestId, Target target, HttpRequest head, ByteBuf body, long cleanThrough,
            boolean agentKeepAlive) {
        UpstreamCall call = new UpstreamCall(agent, pool, responseTimeout, listener, requestId, target, head, body,
                agentKeepAlive, NO_EDIT, false);
        call.complete = false;
        call.sendable = cleanThrough;
        return call;
    }

    private static final ResponseEdit NO_EDIT = new ResponseEdit() {
        @Override
        public void onHead(HttpResponse response, boolean bodyless) {}

        @Override
        public HttpContent onContent(HttpContent content) {
            return content;
        }
    };

    /** What Sieve changes in the response (set by the verdict of a streamed call). */
    ResponseEdit edit() {
        return edit;
    }

    /** Whether the request still waits for its verdict: the response is held back until then. */
    boolean holdsResponse() {
        return !complete;
    }

    /**
     * A streamed call may send the body's first {@code cleanThrough} bytes now (more are proven clean); ignored once
     * the call ended or its body is final.
     */
    public void streamTo(long cleanThrough) {
        if (complete || ended || cleanThrough <= sendable) {
            return;
        }
        sendable = Math.min(cleanThrough, body.writerIndex() - body.readerIndex());
        if (relay != null) {
            writeMore(relay.channel(), relay);
        }
    }

    /**
     * The verdict lets a streamed call's request go: {@code finalBody} is the whole body to send (the received one,
     * or a redaction that starts with every byte this call may already have sent; the caller checked that), and
     * {@code edit} what Sieve changes in the response. Writes the rest and the request's end, then relays the
     * response; a failure the call met while it waited for the verdict is reported now.
     */
    public void finish(ByteBuf finalBody, ResponseEdit edit) {
        if (complete) {
            throw new IllegalStateException("streamed call: finished (expected: waiting for its verdict)");
        }
        complete = true;
        this.edit = edit;
        if (pendingFailure != null) {
            listener.onFailed(pendingFailure, pendingFailureCloses);
            return;
        }
        if (ended) {
            return; // cancelled meanwhile
        }
        ByteBuf old = body;
        body = finalBody.retain();
        old.release();
        sendable = finalBody.readableBytes();
        if (relay != null) {
            UpstreamResponseRelay attempt = relay;
            writeMore(attempt.channel(), attempt);
            if (relay == attempt) {
                awaitResponse(attempt);
            }
        }
    }

    /** How many body bytes the call was allowed to send so far: more may have reached the upstream than the verdict. */
    public long mayHaveSent() {
        return sendable;
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
                failed(UpstreamFailures.refusal(f.cause()), !agentKeepAlive);
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
        end();
        cancelResponseTimeout();
        discard(detachUpstream());
    }

    /** The call is over: later events are ignored, and no attempt needs the body any more. */
    private void end() {
        ended = true;
        releaseBody();
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }

    /** Reports a failure before the response head; a streamed call without its verdict keeps it for {@link #finish}. */
    private void failed(Refusal refusal, boolean closeAfter) {
        end();
        if (!complete) {
            pendingFailure = refusal;
            pendingFailureCloses = closeAfter;
            return;
        }
        listener.onFailed(refusal, closeAfter);
    }

    private void send(Channel ch) {
        UpstreamResponseRelay attempt = new UpstreamResponseRelay(agent, ch, this, pool,
                HttpMethod.HEAD.equals(head.method()), agentKeepAlive);
        relay = attempt;
        ch.pipeline().addBefore(PipelineNames.UPSTREAM_TAIL, PipelineNames.RESPONSE, attempt);
        // A write that fails after this attempt was given up (refused and sent again) is not the call's failure.
        ch.write(head).addListener(f -> {
            if (!f.isSuccess() && relay == attempt) {
                if (neverSent(f.cause())) {
                    onUpstreamRefused();
                } else if (!(ch instanceof Http2StreamChannel)) {
                    onWriteFailure(ch, attempt, f.cause()); // HTTP/1.1 connections do not close on a failed write
                }
            }
        });
        if (relay != attempt) {
            return; // refused at once: the call has gone on without this stream
        }
        bodyUnsent = true;
        written = 0;
        writing = false;
        requestEnded = false;
        writeMore(ch, attempt);
        if (complete && relay == attempt) {
            awaitResponse(attempt);
        }
    }

    /** The request is complete (or its end is on its way): the response timeout runs, the response is read. */
    private void awaitResponse(UpstreamResponseRelay attempt) {
        cancelResponseTimeout();
        responseTimeout = agent.executor().schedule(this::onResponseTimeout, responseTimeoutMillis,
                TimeUnit.MILLISECONDS);
        attempt.startReading();
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
     * Writes the body bytes the current attempt may send and has not sent, at most {@link #BODY_SLICE} bytes at a
     * time: the next slice goes once the previous one was written to the socket, as a new task on the loop. The event
     * loop then never encrypts a whole large body in one flush (20 MiB is tens of milliseconds of AES on a busy CPU)
     * while the other connections on the loop, small requests among them, wait for it. Once the body is final and
     * all of it written, the request's end goes with the last slice. Stops once {@code sending} is no longer this
     * call's relay (the call failed, was retried on another connection, or ended).
     */
    private void writeMore(Channel ch, UpstreamResponseRelay sending) {
        if (relay != sending || writing || requestEnded || answered) {
            return;
        }
        int n = (int) Math.min(BODY_SLICE, sendable - written);
        boolean last = complete && written + n == sendable;
        if (n == 0 && !last) {
            return; // the rest is not proven clean yet: streamTo or finish calls again
        }
        ByteBuf slice = n == 0 ? Unpooled.EMPTY_BUFFER
                : body.retainedSlice(body.readerIndex() + written, n);
        written += n;
        if (last) {
            requestEnded = true;
            bodyUnsent = false;
            if (responseStarted) {
                releaseBody(); // no retry after a response head: nothing needs the body any more
            }
            ch.writeAndFlush(new DefaultLastHttpContent(slice)).addListener(f -> {
                if (!f.isSuccess() && relay == sending) {
                    onWriteFailure(ch, sending, f.cause());
                }
            });
            return;
        }
        writing = true;
        ch.writeAndFlush(new DefaultHttpContent(slice)).addListener(f -> {
            if (relay != sending) {
                return;
            }
            writing = false;
            if (f.isSuccess()) {
                // a task, not a call: a write the socket took at once completes inside the flush, and calling on
                // from here would encrypt the whole body in one go again
                ch.eventLoop().execute(() -> writeMore(ch, sending));
            } else {
                onWriteFailure(ch, sending, f.cause());
            }
        });
    }

    /**
     * A request write failed. A streamed request without its verdict, on an HTTP/1.1 connection still open for
     * reading, may have been answered before the failure (an upstream that answers early and resets the connection):
     * the relay reads on and reports the failure once the answer is whole or the connection ends
     * ({@link UpstreamResponseRelay#readAfterFailedWrite}). Anything else fails now.
     */
    private void onWriteFailure(Channel ch, UpstreamResponseRelay sending, Throwable cause) {
        if (!complete && !(ch instanceof Http2StreamChannel) && ch.isOpen()) {
            sending.readAfterFailedWrite(cause);
            return;
        }
        onUpstreamFailure(cause, false);
    }

    private void onResponseTimeout() {
        if (live() && !responseStarted) {
            end();
            discard(detachUpstream());
            listener.onFailed(Refusal.UPSTREAM_RESPONSE_TIMEOUT, true);
        }
    }

    private void onUpstreamFailure(Throwable cause, boolean badResponse) {
        onUpstreamFailure(cause, badResponse, false);
    }

    private void onUpstreamFailure(Throwable cause, boolean badResponse, boolean refused) {
        if (!live() || answered) {
            return;
        }
        if (!complete && relay != null && relay.takeWholeAnswer()) {
            // A streamed request the upstream answered early, whole, and then stopped reading (it closed the
            // connection or reset the stream): nothing more is written, and the verdict decides whether the answer
            // reaches the agent, as for any early answer.
            answered = true;
            return;
        }
        Channel ch = detachUpstream();
        boolean wasReused = ch != null && pool.wasReused(ch);
        discard(ch);
        if (responseStarted) {
            end();
            log.info("{} upstream {} failed mid-response: {}", requestId, target.authority(), String.valueOf(cause));
            listener.onFailedMidResponse();
            return;
        }
        cancelResponseTimeout();
        boolean stale = wasReused && !badResponse && (IDEMPOTENT.contains(head.method().name()) || !requestEnded)
                && !(cause instanceof SSLException);
        if (!retried && (refused || stale)) {
            // A pooled connection the upstream had closed: retry once on a fresh one. Only for idempotent methods
            // or a request whose end was not written: a proxy must not repeat a POST the upstream may have
            // processed, and an upstream cannot process a request it never received whole. A refused stream was
            // not processed: any method may go again.
            retried = true;
            if (refused) {
                // A GOAWAY reaches the streams it refuses before the connection's own handler marks the connection
                // as going away (and before the codec records it): a stream opened now would land on the same
                // connection and be closed with it. Start again once the GOAWAY is handled, in a later task.
                agent.executor().execute(this::start);
            } else {
                start();
            }
            return;
        }
        Refusal refusal = badResponse ? Refusal.UPSTREAM_BAD_RESPONSE
                : cause == null ? Refusal.UPSTREAM_CLOSED : UpstreamFailures.refusal(cause);
        failed(refusal, !agentKeepAlive);
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
        if (requestEnded) {
            releaseBody(); // no retry after a response head: nothing needs the body any more
        }
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
        end();
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
        end();
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
