package dev.sieve.proxy.websocket;

import dev.sieve.proxy.decision.DecisionRecord;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.inspect.InspectionPool;
import dev.sieve.proxy.inspect.WholeBodyInspection;
import dev.sieve.proxy.inspect.ExchangeFacts;
import dev.sieve.proxy.inspect.RequestInspector;
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
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * <p>Inspection runs off the event loop, in the {@link dev.sieve.proxy.inspect.InspectionLanes} lane for the
 * message's size, one message at a time: while a message is inspected nothing more is read from the agent (its
 * frames wait, still compressed, in the flow-control handler behind the frame decoder, and then in the socket), so
 * messages stay in order and backpressure holds; the verdict is applied on the agent's event loop. A message that
 * finds its lane saturated waits at most {@code inspection.queueWait}; then the agent gets close 1013 (try again
 * later), as an HTTP request would get 503 {@code inspection_busy}.
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
    private final MessageInspection messageInspection;
    private final MessageAssembler assembler;
    private final long startNanos = System.nanoTime();
    private long messages;
    private long blocked;
    private long redacted;
    private long serverFrames;
    /** The agent sent its close frame (it is forwarded upstream). */
    private boolean agentClosed;
    /** The payload of the upstream's last ping (at most 125 bytes): the agent's pong may carry it back. */
    private byte[] upstreamPing;
    /** The upstream sent its close frame (it is forwarded to the agent). */
    private boolean upstreamClosed;
    /** Sieve is ending the connection: nothing more is read or forwarded. */
    private boolean ending;
    private String endedBy;
    private boolean agentReadPending;
    private boolean upstreamReadPending;
    private boolean summarized;
    /** The message being inspected (its own reference), or {@code null}. Nothing is read from the agent meanwhile. */
    private ByteBuf inspected;
    private InspectionPool.Pending inspection;
    private ScheduledFuture<?> inspectionWait;
    /** {@link #readAgent} runs its read loop: a read asked for from inside it is taken by the loop. */
    private boolean readingAgent;
    private boolean readAgentAgain;

    WebSocketConnection(Channel agent, Channel upstream, WebSocketServices services, ExchangeFacts facts,
            MessageInspection inspection) {
        this.agent = agent;
        this.upstream = upstream;
        this.services = services;
        this.facts = facts;
        this.messageInspection = inspection;
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
            dropInspection();
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
            dropInspection();
            summarize();
        });
        readAgent();
        upstream.read();
    }

    // Agent -> upstream.

    private void fromAgent(WebSocketFrame frame) {
        // Control frames carry up to 125 bytes of the agent's choosing and are not inspected, so none of those bytes
        // goes upstream: Sieve answers the agent's ping itself, a pong goes on with the upstream's own ping payload
        // or empty, and a close keeps its status code but not its reason.
        if (frame instanceof CloseWebSocketFrame close) {
            agentClosed = true;
            int code = close.statusCode();
            close.release();
            forwardClose(WebSocketCloseStatus.isValidStatusCode(code) ? new CloseWebSocketFrame(code, "")
                    : new CloseWebSocketFrame(), upstream, upstreamClosed);
        } else if (frame instanceof PingWebSocketFrame) {
            agent.writeAndFlush(new PongWebSocketFrame(frame.content()))
                    .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        } else if (frame instanceof PongWebSocketFrame) {
            boolean answersUpstream = upstreamPing != null
                    && frame.content().equals(Unpooled.wrappedBuffer(upstreamPing));
            frame.release();
            upstream.writeAndFlush(answersUpstream ? new PongWebSocketFrame(Unpooled.wrappedBuffer(upstreamPing))
                    : new PongWebSocketFrame()).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
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
        boolean text = complete.text();
        RequestInspector.Session session;
        try {
            session = messageInspection.open(id, text);
        } catch (RuntimeException e) {
            log.error("inspection failed for {}: {}", id, e.getClass().getName());
            apply(id, text, message, MessageInspection.failed(), start);
            return;
        }
        inspected = message;
        inspection = WholeBodyInspection.submit(services.inspectionPool().forBody(bytes), agent.eventLoop(), session,
                message.retainedDuplicate(), id, verdict -> onInspected(id, text, verdict, start));
        if (inspection.waiting()) {
            inspectionWait = agent.eventLoop().schedule(() -> onInspectionWaitOver(id, start),
                    services.inspectionWait().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** On the agent's loop: the verdict on the message being inspected. */
    private void onInspected(String id, boolean text, Verdict verdict, long start) {
        ByteBuf message = inspected;
        inspected = null;
        inspection = null;
        cancelInspectionWait();
        if (message == null) {
            return; // the connection ended meanwhile: dropInspection released it
        }
        if (ending) {
            message.release();
            return;
        }
        if (verdict instanceof Verdict.Block b && b.refusal() == Refusal.STOPPING) {
            refuseUninspected(id, message, b.report(), "Sieve is stopping, try again later", start);
            return;
        }
        apply(id, text, message, MessageInspection.outcome(verdict, text), start);
        readAgent();
    }

    /**
     * Drops {@code message} (owned here), which was not inspected for a reason of Sieve's own, records it and ends
     * the connection with 1013 (try again later): nothing of it goes upstream.
     */
    private void refuseUninspected(String id, ByteBuf message, Verdict.Report report, String reason, long start) {
        int bytes = message.readableBytes();
        message.release();
        services.metrics().webSocketMessage("blocked");
        blocked++;
        record(id, report, bytes, start);
        log.info("{} WebSocket message not inspected: {}", id, reason);
        end(WebSocketCloseStatus.TRY_AGAIN_LATER, CloseReasons.other(reason, id));
    }

    /** The message waited {@code inspection.queueWait} for a worker: it is dropped and the agent told to retry. */
    private void onInspectionWaitOver(String id, long start) {
        inspectionWait = null;
        if (inspection == null || !inspection.withdrawIfWaiting()) {
            return; // a worker has it meanwhile: the verdict comes
        }
        inspection = null;
        ByteBuf message = inspected;
        inspected = null;
        services.metrics().inspectionWaitTimedOut();
        refuseUninspected(id, message, new Verdict.Report("denied", List.of(Refusal.INSPECTION_BUSY.code()),
                List.of(), "", 0, false), "inspection busy, try again later", start);
    }

    /** Forwards, rewrites or blocks {@code message} (owned here) as {@code outcome} says, and records it. */
    private void apply(String id, boolean text, ByteBuf message, MessageInspection.Outcome outcome, long start) {
        int bytes = message.readableBytes();
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
            WebSocketFrame whole = text ? new TextWebSocketFrame(message) : new BinaryWebSocketFrame(message);
            upstream.writeAndFlush(whole).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    private void cancelInspectionWait() {
        if (inspectionWait != null) {
            inspectionWait.cancel(false);
            inspectionWait = null;
        }
    }

    /** The connection ends: a message still queued for inspection is withdrawn, and its bytes released. */
    private void dropInspection() {
        cancelInspectionWait();
        if (inspection != null) {
            inspection.cancel(); // a running job finishes on its own reference; its verdict finds nothing to do
            inspection = null;
        }
        if (inspected != null) {
            inspected.release();
            inspected = null;
        }
    }

    /**
     * Asks for the agent's next frame, unless a message is being inspected, Sieve is ending the connection, or the
     * upstream cannot take more (then its writability brings the read). The flow-control handler hands over one
     * frame per read, often at once from its queue: those reads run in a loop here, not nested one frame deeper each.
     */
    private void readAgent() {
        if (ending || inspected != null) {
            return;
        }
        if (!upstream.isWritable()) {
            agentReadPending = true;
            return;
        }
        if (readingAgent) {
            readAgentAgain = true;
            return;
        }
        readingAgent = true;
        try {
            do {
                readAgentAgain = false;
                agent.read();
            } while (readAgentAgain && !ending && inspected == null);
        } finally {
            readingAgent = false;
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
                MessageInspection.METHOD, facts.host(), facts.port(), messageInspection.path(), report.decision(),
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
        if (frame instanceof PingWebSocketFrame) {
            upstreamPing = io.netty.buffer.ByteBufUtil.getBytes(frame.content());
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
        dropInspection();
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
            readAgent();
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            readAgent(); // the read brought no whole frame (or the last of those queued was taken)
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
                readAgent();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            onUpstreamFailure(cause);
        }
    }
}
