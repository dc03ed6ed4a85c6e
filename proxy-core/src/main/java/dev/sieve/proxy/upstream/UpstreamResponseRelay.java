package dev.sieve.proxy.upstream;

import dev.sieve.proxy.pipeline.PipelineNames;
import dev.sieve.proxy.upstream.UpstreamPool;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;

/**
 * Relays one upstream response to the agent, for one attempt of one {@link UpstreamCall}, to which it reports
 * everything (response head, bytes, end, failures) by plain calls. It sits on the
 * upstream channel as {@link PipelineNames#RESPONSE} from the moment the request is sent until
 * {@link #detach()}; once detached it passes nothing on.
 *
 * <p>Informational (1xx) responses end here. The final head loses its hop-by-hop fields, is sent
 * as HTTP/1.1, gets {@code Connection: close} when the agent will not keep the connection, and a
 * close-delimited body is re-framed as chunked (that upstream connection is then never reused).
 * Backpressure is write-driven: the upstream is read again only while the agent channel is
 * writable (on an h2 stream, an unread stream's window closes, and only that stream pauses). Every message it
 * receives is either written to the agent or released, exactly once. On an h2 stream, a reset by the upstream or a
 * GOAWAY that excludes the stream ends the attempt; a refused stream (REFUSED_STREAM, or beyond GOAWAY's last
 * stream) was not processed, which the call may retry.
 * It runs on the event loop the agent and upstream channels share, so nothing is synchronized.
 */
final class UpstreamResponseRelay extends ChannelInboundHandlerAdapter {

    private final ChannelHandlerContext agent;
    /** The call this relay reports to (its only listener; same event loop). */
    private final UpstreamCall call;
    private final UpstreamPool pool;
    private final boolean headRequest;
    private final boolean agentKeepAlive;
    private Channel upstream;
    /**
     * What arrived while the call held the response back (a streamed request before its verdict): one read's
     * worth at most, as nothing more is read until {@link #startReading()}.
     */
    private final java.util.ArrayDeque<HttpObject> early = new java.util.ArrayDeque<>();
    private boolean reusable = true;
    private boolean skipInformational;
    private boolean readPending;
    /** Response bytes written to the agent and not yet flushed: flushed once per upstream read batch. */
    private boolean unflushed;
    /**
     * Why writing the request failed, while the held response is read on after it ({@link #readAfterFailedWrite});
     * {@code null} otherwise.
     */
    private Throwable failedWrite;

    /**
     * @param agent          the exchange handler's context on the agent channel
     * @param upstream       the pooled upstream channel this relay will be added to
     * @param headRequest    whether the request was HEAD (the response then has no body)
     * @param agentKeepAlive whether the agent keeps the connection after this exchange
     */
    UpstreamResponseRelay(ChannelHandlerContext agent, Channel upstream, UpstreamCall call, UpstreamPool pool,
            boolean headRequest, boolean agentKeepAlive) {
        this.agent = agent;
        this.upstream = upstream;
        this.call = call;
        this.pool = pool;
        this.headRequest = headRequest;
        this.agentKeepAlive = agentKeepAlive;
    }

    @Override
    public void channelRead(ChannelHandlerContext uctx, Object msg) {
        if (uctx.channel() != upstream || !(msg instanceof HttpObject)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        onUpstreamMessage((HttpObject) msg);
    }

    /**
     * One flush per batch of upstream reads: a response that arrives in one read (head, body and end) leaves in one
     * TLS record and one write instead of one per part; a stream still leaves as fast as it arrives.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext uctx) {
        flushToAgent();
        if (failedWrite != null && uctx.channel() == upstream && !holdsWholeAnswer()) {
            upstream.read(); // on to the answer's end, or to the reset or close that follows it
        }
        uctx.fireChannelReadComplete();
    }

    /** What arrived before a failure still reaches the agent, as it did when every part was flushed. */
    private void flushToAgent() {
        if (unflushed) {
            unflushed = false;
            agent.flush();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext uctx) {
        if (uctx.channel() == upstream) {
            flushToAgent();
            call.onUpstreamFailure(null);
        }
        uctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext uctx, Object evt) {
        if (uctx.channel() == upstream) {
            if (evt instanceof Http2ResetFrame reset) {
                flushToAgent();
                if (reset.errorCode() == Http2Error.REFUSED_STREAM.code()) {
                    call.onUpstreamRefused();
                } else {
                    call.onUpstreamFailure(new IOException("upstream reset the stream: "
                            + errorName(reset.errorCode())));
                }
            } else if (evt instanceof Http2GoAwayFrame) {
                // Only streams above GOAWAY's last stream id get this: the upstream never processed them.
                flushToAgent();
                call.onUpstreamRefused();
            }
        }
        uctx.fireUserEventTriggered(evt);
    }

    private static String errorName(long code) {
        Http2Error error = Http2Error.valueOf(code);
        return error == null ? "error " + code : error.name();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext uctx, Throwable cause) {
        if (uctx.channel() == upstream) {
            flushToAgent();
            call.onUpstreamFailure(cause);
        } else {
            uctx.close();
        }
    }

    /** Called when the agent channel's writability changed: resumes a read held back for it. */
    void onAgentWritabilityChanged() {
        if (agent.channel().isWritable() && readPending && upstream != null) {
            readPending = false;
            upstream.read();
        }
    }

    /** The upstream channel, or {@code null} once detached. */
    Channel channel() {
        return upstream;
    }

    /**
     * The call takes the response now: what arrived early goes first, then the upstream is read (the call asks once
     * the request is complete, or at once for a request that was).
     */
    void startReading() {
        if (early.isEmpty()) {
            if (upstream != null) {
                upstream.read();
            }
            return;
        }
        while (!early.isEmpty() && upstream != null) {
            onUpstreamMessage(early.poll());
        }
        flushToAgent();
    }

    /**
     * Whether what arrived early is a whole final response (its head and its end): the upstream has answered, so a
     * close or reset that follows before the request's end is how it stops the upstream reading the rest, not a
     * failure (RFC 9112 section 9.6, RFC 9113 section 8.1). Frames an h2 stream still queues (its rest after the
     * first read) are taken first: a stream channel delivers them at once, until the stream's end.
     */
    boolean takeWholeAnswer() {
        while (!holdsWholeAnswer() && upstream instanceof Http2StreamChannel && upstream.isActive()) {
            int before = early.size();
            upstream.read(); // one queued frame per read, at once; the stream's flow-control window bounds them
            if (early.size() == before) {
                return false;
            }
        }
        return holdsWholeAnswer();
    }

    /**
     * Writing a held request failed (HTTP/1.1): an upstream that answered early and then reset the connection makes
     * the write fail before its answer, already received, is read (the socket reports the error and the data at once,
     * and the error is handled first). The connection stays open for reading (auto-close is off on HTTP/1.1 upstream
     * connections): read on until the answer is whole, then report it as the failure {@link #takeWholeAnswer} turns
     * into an early answer; a reset or close before that reports the failure as it is.
     */
    void readAfterFailedWrite(Throwable cause) {
        failedWrite = cause;
        if (holdsWholeAnswer()) {
            call.onUpstreamFailure(cause);
        } else if (upstream != null) {
            upstream.read();
        }
    }

    private boolean holdsWholeAnswer() {
        boolean head = false;
        for (HttpObject msg : early) {
            if (msg instanceof HttpResponse response) {
                head = response.status().code() >= 200;
            }
            if (head && msg instanceof LastHttpContent) {
                return true;
            }
        }
        return false;
    }

    /** Leaves the upstream channel; returns it (for the caller to release or discard), or {@code null} if already detached. */
    Channel detach() {
        Channel ch = upstream;
        upstream = null;
        readPending = false;
        while (!early.isEmpty()) {
            ReferenceCountUtil.release(early.poll());
        }
        if (ch != null && ch.pipeline().get(PipelineNames.RESPONSE) != null) {
            ch.pipeline().remove(PipelineNames.RESPONSE);
        }
        return ch;
    }

    /** After a complete response: detaches and returns the upstream to the pool, or discards it if not reusable. */
    void finish() {
        Channel ch = detach();
        if (ch != null) {
            if (reusable) {
                pool.release(ch);
            } else {
                pool.discard(ch);
            }
        }
    }

    private void onUpstreamMessage(HttpObject msg) {
        if (!call.relaying()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (call.holdsResponse()) {
            early.add(msg); // the verdict decides whether it reaches the agent
            if (failedWrite != null && holdsWholeAnswer()) {
                call.onUpstreamFailure(failedWrite);
            }
            return;
        }
        if (msg.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            call.onUpstreamBadResponse(msg.decoderResult().cause());
            return;
        }
        if (msg instanceof HttpResponse response) {
            int code = response.status().code();
            if (code == 101 && call.onSwitchingProtocols(response)) {
                return;
            }
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
        HttpHeaders h = response.headers();
        reusable = HttpUtil.isKeepAlive(response);
        HopByHop.strip(h);
        call.onResponseHead(h); // after the strip: a Connection token must not remove Sieve's own headers
        boolean bodyless = headRequest || response.status().code() == 204 || response.status().code() == 304;
        if (!bodyless && !HttpUtil.isContentLengthSet(response) && !HttpUtil.isTransferEncodingChunked(response)) {
            // Close-delimited upstream body: re-frame as chunked for the agent, and never reuse the upstream.
            HttpUtil.setTransferEncodingChunked(response, true);
            reusable = false;
        }
        if (!agentKeepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        call.edit().onHead(response, bodyless);
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        agent.write(response);
        unflushed = true;
        readWhenWritable();
    }

    private void onResponseContent(HttpContent received) {
        call.onResponseBytes(received.content().readableBytes());
        HttpContent content = call.edit().onContent(received);
        if (content instanceof LastHttpContent last) {
            call.onResponseEnd(last);
            return;
        }
        agent.write(content).addListener(f -> {
            if (!f.isSuccess()) {
                call.onAgentWriteFailure();
            }
        });
        unflushed = true;
        readWhenWritable();
    }

    private void readWhenWritable() {
        if (upstream == null) {
            return;
        }
        if (agent.channel().isWritable()) {
            upstream.read();
        } else {
            readPending = true;
        }
    }
}
