package dev.sieve.proxy.websocket;

import dev.sieve.proxy.decision.DecisionRecord;
import dev.sieve.proxy.inspect.ExchangeFacts;
import dev.sieve.proxy.inspect.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection through Sieve, after the handshake: agent messages are reassembled
 * ({@link MessageAssembler}), inspected ({@link MessageInspection}) and forwarded, rewritten or blocked one by one;
 * server frames stream back to the agent as they come; ping, pong and close frames pass both ways.
 *
 * <ul>
 *   <li>block: nothing of the message goes upstream; the agent gets close 1008 with the message's id and rule ids,
 *       the upstream close 1001, and both connections end;</li>
 *   <li>a message over {@code inspection.websocket.maxMessageBytes} or {@code maxFragments}: close 1009, likewise;</li>
 *   <li>every blocked, redacted or logged message is one decision record (method {@code WEBSOCKET}, request id
 *       {@code <handshake id>/<n>}); clean messages are counted, not recorded; the connection's totals are logged
 *       when it ends.</li>
 * </ul>
 *
 * <p>Backpressure: each side is read again only while the other is writable. Both channels run on one event loop
 * (the upstream pool is per loop), so nothing here is synchronized.
 */
final class WebSocketConnection {
    private static final Logger log = LoggerFactory.getLogger(WebSocketConnection.class);

    private final Channel agent;
    private final Channel upstream;
    private final WebSocketServices services;
    private final ExchangeFacts facts;
    private final MessageInspection inspection;
    private final MessageAssembler assembler;
    private final long startNanos = System.nanoTime();
    private long messages;
    private long blocked;
    private long redacted;
    private long serverFrames;
    /** The agent sent its close frame (it is forwarded upstream). */
    private boolean agentClosed;
    /** The upstream sent its close frame (it is forwarded to the agent). */
    private boolean upstreamClosed;
    /** Sieve is ending the connection: nothing more is read or forwarded. */
    private boolean ending;
    private String endedBy;
    private boolean agentReadPending;
    private boolean upstreamReadPending;
    private boolean summarized;

    WebSocketConnection(Channel agent, Channel upstream, WebSocketServices services, ExchangeFacts facts,
            MessageInspection inspection) {
        this.agent = agent;
        this.upstream = upstream;
        this.services = services;
        this.facts = facts;
        this.inspection = inspection;
        this.assembler = new MessageAssembler(services.webSockets().maxMessageBytes(),
                services.webSockets().maxFragments());
    }

    ChannelHandler agentSide() {
        return new AgentSide();
    }

    ChannelHandler upstreamSide() {
        return new UpstreamSide();
    }

    /** Starts reading both sides; either side's end ends the other. */
    void start() {
        agent.closeFuture().addListener(f -> {
            if (!ending && !agentClosed) {
                endedBy = "agent disconnected";
            }
            closeAfterFlush(upstream);
            summarize();
        });
        upstream.closeFuture().addListener(f -> {
            if (!ending && !upstreamClosed && agent.isActive()) {
                // The upstream went away without a close frame: tell the agent in WebSocket terms.
                endedBy = "upstream disconnected";
                ending = true;
                agent.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE,
                        CloseReasons.other("upstream closed", facts.requestId())))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                closeAfterFlush(agent);
            }
            assembler.release();
            summarize();
        });
        agent.read();
        upstream.read();
    }

    // Agent -> upstream.

    private void fromAgent(WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame) {
            agentClosed = true;
            forwardClose(frame, upstream, upstreamClosed);
        } else if (frame instanceof PingWebSocketFrame || frame instanceof PongWebSocketFrame) {
            upstream.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        } else {
            onStep(assembler.add(frame));
        }
    }

    private void onStep(MessageAssembler.Step step) {
        if (step instanceof MessageAssembler.Step.Complete complete) {
            onMessage(complete);
        } else if (step instanceof MessageAssembler.Step.TooBig tooBig) {
            onTooBig(tooBig.what());
        } else if (step instanceof MessageAssembler.Step.OutOfOrder out) {
            end(WebSocketCloseStatus.PROTOCOL_ERROR, CloseReasons.other(out.what(), facts.requestId()));
        }
    }

    private void onMessage(MessageAssembler.Step.Complete complete) {
        String id = facts.requestId() + "/" + ++messages;
        ByteBuf message = complete.message();
        int bytes = message.readableBytes();
        if (!services.recorder().admit()) {
            message.release();
            end(WebSocketCloseStatus.TRY_AGAIN_LATER, CloseReasons.other("audit log unavailable", id));
            return;
        }
        long start = System.nanoTime();
        MessageInspection.Outcome outcome = inspection.inspect(id, complete.text(), message);
        Verdict.Report report = outcome.report();
        services.metrics().webSocketMessage(outcome instanceof MessageInspection.Outcome.Block ? "blocked"
                : report.decision());
        if (!"allowed".equals(report.decision()) || outcome instanceof MessageInspection.Outcome.Block) {
            record(id, report, bytes, start);
        }
        if (outcome instanceof MessageInspection.Outcome.Replace replace) {
            message.release();
            redacted++;
            upstream.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(replace.text())))
                    .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        } else if (outcome instanceof MessageInspection.Outcome.Block block) {
            message.release();
            blocked++;
            log.info("{} WebSocket message blocked: {}", id, String.join(",", block.ruleIds()));
            end(WebSocketCloseStatus.POLICY_VIOLATION, CloseReasons.blocked(id, block.ruleIds()));
        } else {
            WebSocketFrame whole = complete.text() ? new TextWebSocketFrame(message) : new BinaryWebSocketFrame(message);
            upstream.writeAndFlush(whole).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    /** A message over a limit: dropped unread, recorded, and the connection ends with 1009. */
    private void onTooBig(String limitKey) {
        String id = facts.requestId() + "/" + ++messages;
        blocked++;
        services.metrics().webSocketMessage("blocked");
        record(id, new Verdict.Report("blocked", List.of("message_too_big"), List.of(), "", 0, false), 0,
                System.nanoTime());
        log.info("{} WebSocket message over {}", id, limitKey);
        end(WebSocketCloseStatus.MESSAGE_TOO_BIG, CloseReasons.tooBig(limitKey, id));
    }

    private void record(String id, Verdict.Report report, long bytesIn, long start) {
        // A message is inspected as it completes, so all of its time is Sieve's own.
        long held = System.nanoTime() - start;
        services.recorder().record(new DecisionRecord(id, facts.agentId(), facts.clientAddress(),
                MessageInspection.METHOD, facts.host(), facts.port(), inspection.path(), report.decision(),
                report.reasons(), report.findings(), bytesIn, 0, report.ruleSetVersion(), report.monitored(),
                held, held));
    }

    // Upstream -> agent.

    private void fromUpstream(WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame) {
            upstreamClosed = true;
            forwardClose(frame, agent, agentClosed);
            return;
        }
        serverFrames++;
        agent.write(frame).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    /** Passes a close frame on; once both sides have sent theirs, the connection ends. */
    private void forwardClose(WebSocketFrame close, Channel to, boolean otherAlreadyClosed) {
        var written = to.writeAndFlush(close);
        if (otherAlreadyClosed) {
            endedBy = endedBy == null ? "closed" : endedBy;
            ending = true;
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Sieve ends the connection: the agent gets {@code status} and {@code reason}, the upstream 1001 (going away),
     * and both close once those are written. Nothing read afterwards is forwarded.
     */
    private void end(WebSocketCloseStatus status, String reason) {
        if (ending) {
            return;
        }
        ending = true;
        endedBy = "Sieve, " + status.code();
        assembler.release();
        if (agent.isActive() && !agentClosed) {
            agent.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
        } else {
            agent.close();
        }
        if (upstream.isActive() && !upstreamClosed) {
            upstream.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, ""))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            upstream.close();
        }
    }

    private static void closeAfterFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void summarize() {
        if (summarized || agent.isActive() || upstream.isActive()) {
            return;
        }
        summarized = true;
        log.info("{} WebSocket to {}:{} ended ({}) after {} ms: {} agent messages ({} blocked, {} redacted),"
                + " {} server frames", facts.requestId(), facts.host(), facts.port(),
                endedBy == null ? "closed" : endedBy, (System.nanoTime() - startNanos) / 1_000_000, messages, blocked,
                redacted, serverFrames);
    }

    /**
     * A failure on the agent side: a frame over the size limit or inflating past it is a message too big (1009), an
     * invalid frame a protocol error (1002, or 1007 for bad UTF-8 or compressed data), anything else ends both
     * connections (1011).
     */
    private void onAgentFailure(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof CorruptedWebSocketFrameException corrupted) {
                WebSocketCloseStatus status = corrupted.closeStatus();
                if (WebSocketCloseStatus.MESSAGE_TOO_BIG.equals(status)) {
                    onTooBig("inspection.websocket.maxMessageBytes");
                } else {
                    end(status == null ? WebSocketCloseStatus.PROTOCOL_ERROR : status,
                            CloseReasons.other("invalid frame", facts.requestId()));
                }
                return;
            }
            if (c instanceof DecompressionException) {
                // Netty's inflater stops at its maximum allocation (a frame inflating past the message limit).
                if (String.valueOf(c.getMessage()).contains("maximum")) {
                    onTooBig("inspection.websocket.maxMessageBytes");
                } else {
                    end(WebSocketCloseStatus.INVALID_PAYLOAD_DATA,
                            CloseReasons.other("invalid compressed frame", facts.requestId()));
                }
                return;
            }
        }
        log.debug("{} WebSocket agent side failed: {}", facts.requestId(), cause.toString());
        end(WebSocketCloseStatus.INTERNAL_SERVER_ERROR, CloseReasons.other("proxy error", facts.requestId()));
    }

    private void onUpstreamFailure(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof CorruptedWebSocketFrameException corrupted) {
                log.info("{} WebSocket upstream {}:{} sent an invalid frame: {}", facts.requestId(), facts.host(),
                        facts.port(), corrupted.closeStatus());
                end(WebSocketCloseStatus.MESSAGE_TOO_BIG.equals(corrupted.closeStatus())
                        ? WebSocketCloseStatus.MESSAGE_TOO_BIG : WebSocketCloseStatus.BAD_GATEWAY,
                        WebSocketCloseStatus.MESSAGE_TOO_BIG.equals(corrupted.closeStatus())
                                ? CloseReasons.tooBig("inspection.websocket.maxServerFrameBytes", facts.requestId())
                                : CloseReasons.other("invalid frame from upstream", facts.requestId()));
                return;
            }
        }
        log.debug("{} WebSocket upstream side failed: {}", facts.requestId(), cause.toString());
        end(WebSocketCloseStatus.BAD_GATEWAY, CloseReasons.other("upstream failed", facts.requestId()));
    }

    /** The last handler of the agent pipeline. */
    private final class AgentSide extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (ending || !(msg instanceof WebSocketFrame frame)) {
                ReferenceCountUtil.release(msg); // also what the HTTP phase left (an empty last content)
                return;
            }
            fromAgent(frame);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (ending) {
                return;
            }
            if (upstream.isWritable()) {
                agent.read();
            } else {
                agentReadPending = true;
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (agent.isWritable() && upstreamReadPending && !ending) {
                upstreamReadPending = false;
                upstream.read();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                end(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, CloseReasons.other("idle for proxy.idleTimeout",
                        facts.requestId()));
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            onAgentFailure(cause);
        }
    }

    /** The last handler of the upstream pipeline. */
    private final class UpstreamSide extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (ending || !(msg instanceof WebSocketFrame frame)) {
                ReferenceCountUtil.release(msg); // also the HTTP phase's empty last content after the 101
                return;
            }
            fromUpstream(frame);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            agent.flush();
            if (ending) {
                return;
            }
            if (agent.isWritable()) {
                upstream.read();
            } else {
                upstreamReadPending = true;
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (upstream.isWritable() && agentReadPending && !ending) {
                agentReadPending = false;
                agent.read();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            onUpstreamFailure(cause);
        }
    }
}
