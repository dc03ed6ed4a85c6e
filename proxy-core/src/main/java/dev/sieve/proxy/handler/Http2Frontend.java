package dev.sieve.proxy.handler;

import dev.sieve.proxy.pipeline.H2ConnectionErrors;
import dev.sieve.proxy.pipeline.PipelineNames;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An intercepted tunnel whose agent negotiated h2 (ALPN): Netty's frame codec and multiplexer on the connection,
 * and on every stream (a child channel) the handlers an HTTP/1.1 tunnel has, so that each stream is one exchange
 * with the same inspection, verdicts, refusals and audit:
 *
 * <pre>
 * connection: ... tls -> header-deadline -> h2-header-deadline -> h2-codec -> h2-multiplex -> h2-connection
 * stream:     idle -> header-deadline -> h2-stream-guard -> http-codec (frames to HTTP/1 objects)
 *             -> h2-split -> flow-control -> exchange
 * </pre>
 *
 * <p>Flow control is per stream: a stream's channel reads only when its exchange asks for the next message (auto-read
 * off), and the codec opens the stream's window only for what was read, so an agent can send at most one window
 * ahead on a stream that waits (for budget, inspection or an upstream). The connection reads continuously. The
 * connection's window is sized for every stream's window at once, so a waiting stream never holds up the others.
 *
 * <p>Defences (the h2 attack classes): at most {@code proxy.http2MaxConcurrentStreams} open streams (more are
 * refused with RST_STREAM), header blocks limited to {@code proxy.maxHeaderBytes} decoded (HPACK bombs, header-size
 * bombs; CONTINUATION frames are counted against it, and runs of small ones are cut off), a 4 KiB HPACK table,
 * rapid reset (CVE-2023-44487) capped at {@link #MAX_RESETS_PER_WINDOW} resets per {@link #RESET_WINDOW_SECONDS}
 * (then GOAWAY), headers validated (connection-specific fields, {@code te}, names and values, pseudo-header fields,
 * {@code content-length} against the DATA length) by Netty and by {@link H2RequestCheck}, and every header block
 * within {@code proxy.headerTimeout} ({@link H2HeaderDeadline}; the tunnel's deadline covers the handshake up to the
 * first stream). A slow body is its stream's own: the exchange's body rate ends it with 408 as over HTTP/1.1 (frames
 * without body bytes are no progress), and more than two empty DATA frames in a row (the empty frames flood) are a
 * connection error of the codec (GOAWAY ENHANCE_YOUR_CALM, Netty's default limit).
 */
final class Http2Frontend {
    /** Stateless ({@code @Sharable}): one for every agent stream. */
    private static final Http2StreamFrameToHttpObjectCodec SERVER_CODEC = new Http2StreamFrameToHttpObjectCodec(true);

    private static final Logger log = LoggerFactory.getLogger(Http2Frontend.class);

    /** RST_STREAM frames an agent may send per window before its connection is ended (Netty's server default). */
    static final int MAX_RESETS_PER_WINDOW = 200;
    static final int RESET_WINDOW_SECONDS = 30;
    /** The HPACK dynamic table an agent may use (the RFC default). */
    static final long HEADER_TABLE_BYTES = 4096;

    private Http2Frontend() {}

    /**
     * Sets up the h2 handlers after {@code after} on the tunnel's connection.
     *
     * @param deadline the tunnel's header deadline (started with the TLS handshake): stopped by the first stream
     */
    static void configure(ChannelPipeline p, String after, ProxyServices services, String sniMismatch,
            HeaderDeadline deadline, InterceptSniHandler.Inside inside) {
        ProxyServices.Limits limits = services.limits();
        int maxStreams = limits.http2MaxConcurrentStreams();
        Http2FrameCodec codec = Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(maxStreams)
                        .maxHeaderListSize(limits.maxHeaderBytes())
                        .headerTableSize(HEADER_TABLE_BYTES)
                        .initialWindowSize(Http2CodecUtil.DEFAULT_WINDOW_SIZE))
                .validateHeaders(true)
                .validateRequiredPseudoHeaders(true)
                .decoderEnforceMaxRstFramesPerWindow(MAX_RESETS_PER_WINDOW, RESET_WINDOW_SECONDS)
                .frameLogger(new H2ResetCounter(services.metrics()))
                .build();
        p.addAfter(after, PipelineNames.H2_HEADER_DEADLINE,
                new H2HeaderDeadline(limits.headerTimeout().toNanos(), services.metrics()));
        p.addAfter(PipelineNames.H2_HEADER_DEADLINE, PipelineNames.H2_CODEC, codec);
        p.addAfter(PipelineNames.H2_CODEC, PipelineNames.H2_MULTIPLEX, new Http2MultiplexHandler(
                new StreamInitializer(services, sniMismatch, deadline, inside)));
        p.addAfter(PipelineNames.H2_MULTIPLEX, PipelineNames.H2_CONNECTION, new ConnectionEnd(codec, maxStreams));
        // Streams are paced by their windows; the connection itself always reads.
        p.channel().config().setAutoRead(true);
    }

    /** Sets up each stream's channel as an exchange. */
    private static final class StreamInitializer extends ChannelInitializer<Http2StreamChannel> {
        private final ProxyServices services;
        private final String sniMismatch;
        private final HeaderDeadline connectionDeadline;
        private final InterceptSniHandler.Inside inside;

        StreamInitializer(ProxyServices services, String sniMismatch, HeaderDeadline connectionDeadline,
                InterceptSniHandler.Inside inside) {
            this.services = services;
            this.sniMismatch = sniMismatch;
            this.connectionDeadline = connectionDeadline;
            this.inside = inside;
        }

        @Override
        protected void initChannel(Http2StreamChannel ch) {
            connectionDeadline.headReceived(); // a stream's header block arrived whole
            ch.config().setAutoRead(false);
            // The stream's head is already decoded when its channel starts: this deadline only mirrors the HTTP/1.1
            // pipeline for the exchange handler, which stops it at once.
            HeaderDeadline deadline = FrontendInitializer.newHeaderDeadline(services);
            ch.pipeline()
                    .addLast(PipelineNames.IDLE, new IdleStateHandler(0, 0,
                            services.limits().idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                    .addLast(PipelineNames.HEADER_DEADLINE, deadline)
                    .addLast(PipelineNames.H2_STREAM_GUARD, new H2StreamGuard())
                    .addLast(PipelineNames.HTTP_CODEC, SERVER_CODEC)
                    .addLast(PipelineNames.H2_SPLIT, H2RequestSplitter.INSTANCE)
                    .addLast(PipelineNames.FLOW_CONTROL, new FlowControlHandler())
                    .addLast(PipelineNames.EXCHANGE, inside.handler(sniMismatch, deadline));
        }
    }

    /**
     * Last on the connection: opens the connection's window for all streams, and ends the connection when the
     * tunnel's header deadline expires before a first stream, or when it was idle with no stream open (an open
     * stream's own idle timer is in charge of it).
     */
    private static final class ConnectionEnd extends ChannelInboundHandlerAdapter {
        private final Http2FrameCodec codec;
        private final int maxStreams;

        ConnectionEnd(Http2FrameCodec codec, int maxStreams) {
            this.codec = codec;
            this.maxStreams = maxStreams;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            int increment = (int) Math.min(Integer.MAX_VALUE - Http2CodecUtil.DEFAULT_WINDOW_SIZE,
                    (long) (maxStreams - 1) * Http2CodecUtil.DEFAULT_WINDOW_SIZE);
            if (increment > 0) {
                ctx.writeAndFlush(new DefaultHttp2WindowUpdateFrame(increment));
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == HeaderDeadline.EXPIRED) {
                ctx.close();
            } else if (evt instanceof IdleStateEvent) {
                if (codec.connection().numActiveStreams() == 0) {
                    ctx.close();
                }
            } else if (!(evt instanceof SslHandshakeCompletionEvent)) {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            io.netty.util.ReferenceCountUtil.release(msg); // connection-level frames the codec handled already
        }

        /** A connection error the codec found is left to the codec (GOAWAY with e.g. ENHANCE_YOUR_CALM). */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("h2 connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            H2ConnectionErrors.closeUnlessCodecAnswers(ctx, cause);
        }
    }
}
