package dev.sieve.proxy.handler;

import dev.sieve.proxy.upstream.UpstreamConnector;
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
import io.netty.util.ReferenceCountUtil;

/**
 * Relays one upstream response to the agent, for one attempt of one exchange. It sits on the
 * upstream channel as {@link PipelineNames#RESPONSE} from the moment the request is sent until
 * {@link #detach()}; once detached it passes nothing on.
 *
 * <p>Informational (1xx) responses end here. The final head loses its hop-by-hop fields, is sent
 * as HTTP/1.1, gets {@code Connection: close} when the agent will not keep the connection, and a
 * close-delimited body is re-framed as chunked (that upstream connection is then never reused).
 * Backpressure is write-driven: the upstream is read again only while the agent channel is
 * writable. Every message it receives is either written to the agent or released, exactly once.
 * It runs on the event loop the agent and upstream channels share, so nothing is synchronized.
 */
final class UpstreamResponseRelay extends ChannelInboundHandlerAdapter {

    /** What the relay reports to the exchange it serves; all calls come on the shared event loop. */
    interface Exchange {
        /** Whether the exchange still takes upstream messages; others are released unread. */
        boolean relaying();

        /**
         * The final response head arrived and is about to be written: it can no longer be refused. {@code headers}
         * are its headers, hop-by-hop fields already removed, to which the exchange adds Sieve's own.
         */
        void onResponseHead(HttpHeaders headers);

        /**
         * A {@code 101 Switching Protocols} arrived: returns whether the exchange took it (a WebSocket handshake; it
         * then owns the upstream channel, which this relay has left). Otherwise it is skipped like any 1xx.
         */
        boolean onSwitchingProtocols(HttpResponse response);

        /** Response body bytes about to be written to the agent. */
        void onResponseBytes(int bytes);

        /** The last content arrived; the exchange detaches (see {@link #finish()}) and writes it. */
        void onResponseEnd(LastHttpContent last);

        /** The upstream failed, or closed when {@code cause} is {@code null}, while this relay was attached. */
        void onUpstreamFailure(Throwable cause);

        /** The upstream sent a response that is not valid HTTP. */
        void onUpstreamBadResponse(Throwable cause);

        /** A write of response content to the agent failed. */
        void onAgentWriteFailure();
    }

    private final ChannelHandlerContext agent;
    private final Exchange exchange;
    private final UpstreamConnector pool;
    private final boolean headRequest;
    private final boolean agentKeepAlive;
    private final ResponseAmendment amendment;
    private Channel upstream;
    private boolean reusable = true;
    private boolean skipInformational;
    private boolean readPending;
    /** Response bytes written to the agent and not yet flushed: flushed once per upstream read batch. */
    private boolean unflushed;

    /**
     * @param agent          the exchange handler's context on the agent channel
     * @param upstream       the pooled upstream channel this relay will be added to
     * @param headRequest    whether the request was HEAD (the response then has no body)
     * @param agentKeepAlive whether the agent keeps the connection after this exchange
     * @param amendment      what Sieve changes in the response (redaction header, restored placeholders)
     */
    UpstreamResponseRelay(ChannelHandlerContext agent, Channel upstream, Exchange exchange, UpstreamConnector pool,
            boolean headRequest, boolean agentKeepAlive, ResponseAmendment amendment) {
        this.amendment = amendment;
        this.agent = agent;
        this.upstream = upstream;
        this.exchange = exchange;
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
            exchange.onUpstreamFailure(null);
        }
        uctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext uctx, Throwable cause) {
        if (uctx.channel() == upstream) {
            flushToAgent();
            exchange.onUpstreamFailure(cause);
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

    /** Leaves the upstream channel; returns it (for the caller to release or discard), or {@code null} if already detached. */
    Channel detach() {
        Channel ch = upstream;
        upstream = null;
        readPending = false;
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
        if (!exchange.relaying()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            exchange.onUpstreamBadResponse(msg.decoderResult().cause());
            return;
        }
        if (msg instanceof HttpResponse response) {
            int code = response.status().code();
            if (code == 101 && exchange.onSwitchingProtocols(response)) {
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
        exchange.onResponseHead(h); // after the strip: a Connection token must not remove Sieve's own headers
        boolean bodyless = headRequest || response.status().code() == 204 || response.status().code() == 304;
        if (!bodyless && !HttpUtil.isContentLengthSet(response) && !HttpUtil.isTransferEncodingChunked(response)) {
            // Close-delimited upstream body: re-frame as chunked for the agent, and never reuse the upstream.
            HttpUtil.setTransferEncodingChunked(response, true);
            reusable = false;
        }
        if (!agentKeepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        amendment.onHead(response, bodyless);
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        agent.write(response);
        unflushed = true;
        readWhenWritable();
    }

    private void onResponseContent(HttpContent received) {
        exchange.onResponseBytes(received.content().readableBytes());
        HttpContent content = amendment.onContent(received);
        if (content instanceof LastHttpContent last) {
            exchange.onResponseEnd(last);
            return;
        }
        agent.write(content).addListener(f -> {
            if (!f.isSuccess()) {
                exchange.onAgentWriteFailure();
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
