package dev.sieve.proxy.upstream;

import dev.sieve.proxy.pipeline.H2ConnectionErrors;
import dev.sieve.proxy.pipeline.PipelineNames;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of one event loop to one TLS destination that is offered h2 ({@code upstream.http2: true}), and
 * the requests waiting for one. A request gets a new stream ({@link Http2StreamChannel}) on a connection that has a
 * free slot: fewer open streams than the upstream's {@code SETTINGS_MAX_CONCURRENT_STREAMS} and {@link #MAX_STREAMS}.
 * When every connection is full, another one is opened, and the requests arriving meanwhile wait for it instead of
 * each opening its own. Whether a connection speaks h2 is known once its TLS handshake chose (ALPN): one on which the
 * upstream chose HTTP/1.1 is handed out as it is and pooled as any HTTP/1.1 connection, and while a destination last
 * chose HTTP/1.1, requests do not wait for each other.
 *
 * <p>A stream's pipeline converts h2 frames to and from HttpObjects ({@code http-codec}, {@code h2-split}, then
 * {@code upstream-tail}), so the exchange speaks HTTP/1.1 objects over either protocol. A stream is never pooled: it
 * closes when its exchange ends. A connection that received GOAWAY takes no new streams (its open ones finish) and
 * closes after its last; a connection without streams for {@code upstream.pool.idleTimeout} closes. Each stream has
 * its own flow-control window, and the connection's is as large as all of them together, so a stream whose agent
 * reads slowly holds back only itself. Everything runs on the event loop of these connections, so nothing is
 * synchronized.
 */
final class H2Connections {
    private static final Logger log = LoggerFactory.getLogger(H2Connections.class);
    /** Open streams per connection at most, whatever the upstream allows: a sane local cap. */
    static final int MAX_STREAMS = 100;
    /**
     * Each stream's receive window: the response bytes buffered for an agent that reads slowly. Larger than the h2
     * default (64 KiB) so that one stream still moves megabytes per second over a long round trip.
     */
    static final int STREAM_WINDOW = 128 * 1024;
    private static final int MAX_HEADER_LIST_BYTES = 65_536;

    private final Supplier<Future<Channel>> connect;
    private final long idleTimeoutMillis;
    private final long settingsTimeoutMillis;
    private final List<Connection> connections = new ArrayList<>();
    /** Requests waiting for the connection being opened (its protocol not known yet). */
    private final List<Promise<Channel>> waiting = new ArrayList<>();
    private boolean opening;
    private boolean lastChoseHttp1;

    /**
     * @param connect         a connection out of the HTTP/1.1 pool (an idle one or a new one), its TLS handshake done
     * @param idleTimeout     a connection without streams this long is closed (milliseconds)
     * @param settingsTimeout the longest wait for the upstream's first SETTINGS frame (milliseconds)
     */
    H2Connections(Supplier<Future<Channel>> connect, long idleTimeout, long settingsTimeout) {
        this.connect = connect;
        this.idleTimeoutMillis = idleTimeout;
        this.settingsTimeoutMillis = settingsTimeout;
    }

    /** Completes {@code ready} with a stream, or with an HTTP/1.1 connection where the upstream chose that. */
    void acquire(Promise<Channel> ready) {
        for (Connection c : connections) {
            if (c.hasFreeStream()) {
                c.openStream(ready);
                return;
            }
        }
        if (opening) {
            waiting.add(ready);
            return;
        }
        boolean shared = !lastChoseHttp1;
        opening = shared;
        connect.get().addListener((Future<Channel> f) -> onConnected(f, ready, shared));
    }

    void close() {
        for (Connection c : List.copyOf(connections)) {
            c.ch.close();
        }
    }

    private void onConnected(Future<Channel> f, Promise<Channel> ready, boolean shared) {
        if (!f.isSuccess()) {
            ready.tryFailure(f.cause());
            if (shared) {
                failWaiting(f.cause());
            }
            return;
        }
        Channel ch = f.getNow();
        SslHandler tls = ch.pipeline().get(SslHandler.class);
        if (tls == null || !ApplicationProtocolNames.HTTP_2.equals(tls.applicationProtocol())) {
            lastChoseHttp1 = true;
            ready.trySuccess(ch);
            if (shared) {
                serveWaiting();
            }
            return;
        }
        lastChoseHttp1 = false;
        connections.add(new Connection(ch, ready, shared));
    }

    /** The connection being opened is usable (or HTTP/1.1): the waiting requests try again, in their order. */
    private void serveWaiting() {
        opening = false;
        List<Promise<Channel>> again = List.copyOf(waiting);
        waiting.clear();
        again.forEach(this::acquire);
    }

    private void failWaiting(Throwable cause) {
        opening = false;
        List<Promise<Channel>> failed = List.copyOf(waiting);
        waiting.clear();
        failed.forEach(p -> p.tryFailure(cause));
    }

    /** Server push is refused in the settings; a pushed stream that still arrives is closed. */
    @ChannelHandler.Sharable
    private static final class RefusePush extends ChannelInboundHandlerAdapter {
        static final RefusePush INSTANCE = new RefusePush();

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.close();
        }
    }

    /**
     * A stream's pipeline: HttpObjects to and from h2 frames, responses as the HTTP/1.1 codec gives them, then the
     * tail every upstream connection ends with.
     */
    /** Stateless ({@code @Sharable}): one for every stream. */
    private static final Http2StreamFrameToHttpObjectCodec CLIENT_CODEC = new Http2StreamFrameToHttpObjectCodec(false);

    private static final ChannelInitializer<Http2StreamChannel> STREAM = new ChannelInitializer<>() {
        @Override
        protected void initChannel(Http2StreamChannel ch) {
            ch.pipeline().addLast(PipelineNames.HTTP_CODEC, CLIENT_CODEC);
            ch.pipeline().addLast(PipelineNames.H2_SPLIT, H2ResponseSplitter.INSTANCE);
            ch.pipeline().addLast(PipelineNames.UPSTREAM_TAIL, UpstreamConnector.Tail.INSTANCE);
        }
    };

    /**
     * One h2 connection: {@code [tls] -> h2-codec -> h2-multiplex -> pool-idle -> h2-upstream}, this being the last.
     * It is usable once the upstream's first SETTINGS frame arrived (which says how many streams it takes).
     */
    private final class Connection extends ChannelInboundHandlerAdapter {
        final Channel ch;
        private final Http2StreamChannelBootstrap streams;
        private Promise<Channel> first;
        private final boolean shared;
        private long maxStreams = MAX_STREAMS;
        private int open;
        private boolean served;
        private boolean settled;
        private boolean goingAway;
        /** Why the connection failed, for the requests waiting for it; null: it merely closed. */
        private Throwable failure;

        Connection(Channel ch, Promise<Channel> first, boolean shared) {
            this.ch = ch;
            this.streams = new Http2StreamChannelBootstrap(ch).option(ChannelOption.AUTO_READ, false).handler(STREAM);
            this.first = first;
            this.shared = shared;
            // Never back into the HTTP/1.1 idle pool: the streams share it, and it closes itself.
            ch.attr(UpstreamConnector.POOL).set(null);
            var p = ch.pipeline();
            p.remove(PipelineNames.HTTP_CODEC);
            p.remove(PipelineNames.UPSTREAM_TAIL);
            p.addLast(PipelineNames.H2_CODEC, Http2FrameCodecBuilder.forClient()
                    .initialSettings(Http2Settings.defaultSettings()
                            .pushEnabled(false)
                            .initialWindowSize(STREAM_WINDOW)
                            .maxHeaderListSize(MAX_HEADER_LIST_BYTES))
                    .validateHeaders(true)
                    .build());
            p.addLast(PipelineNames.H2_MULTIPLEX, new Http2MultiplexHandler(RefusePush.INSTANCE));
            p.addLast(PipelineNames.POOL_IDLE, new IdleStateHandler(0, 0, idleTimeoutMillis, TimeUnit.MILLISECONDS));
            p.addLast(PipelineNames.H2_UPSTREAM, this);
            // The connection window covers every stream's, so that a stream paused for a slow agent stalls no other.
            ch.writeAndFlush(new DefaultHttp2WindowUpdateFrame(
                    MAX_STREAMS * STREAM_WINDOW - Http2CodecUtil.DEFAULT_WINDOW_SIZE));
            ch.closeFuture().addListener(f -> onClosed());
            ch.eventLoop().schedule(() -> {
                if (!settled) {
                    failure = new ConnectTimeoutException(
                            "upstream sent no h2 SETTINGS within " + settingsTimeoutMillis + " ms");
                    ch.close();
                }
            }, settingsTimeoutMillis, TimeUnit.MILLISECONDS);
            // Streams are paced by their windows; the connection itself always reads.
            ch.config().setAutoRead(true);
        }

        boolean hasFreeStream() {
            return settled && !goingAway && ch.isActive() && open < maxStreams;
        }

        void openStream(Promise<Channel> ready) {
            open++;
            boolean reused = served;
            served = true;
            streams.open()
                    .addListener((Future<Http2StreamChannel> f) -> {
                        if (!f.isSuccess()) {
                            streamEnded();
                            ready.tryFailure(f.cause());
                            return;
                        }
                        Http2StreamChannel stream = f.getNow();
                        stream.attr(UpstreamConnector.REUSED).set(reused);
                        stream.closeFuture().addListener(c -> streamEnded());
                        if (!ready.trySuccess(stream)) {
                            stream.close();
                        }
                    });
        }

        private void streamEnded() {
            open--;
            if (goingAway && open == 0) {
                ch.close();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2SettingsFrame settings) {
                    Long peerMax = settings.settings().maxConcurrentStreams();
                    if (peerMax != null) { // absent: unchanged (unlimited until the peer names a limit)
                        // At least one: an upstream that allows none would otherwise make every request open
                        // another connection; its codec refuses the stream instead, and the request gets a 502.
                        maxStreams = Math.max(1, Math.min(MAX_STREAMS, peerMax));
                    }
                    if (!settled) {
                        settled = true;
                        Promise<Channel> request = first;
                        first = null;
                        acquire(request);
                        if (shared) {
                            serveWaiting();
                        }
                    }
                } else if (msg instanceof Http2GoAwayFrame goAway) {
                    log.debug("upstream {} sent GOAWAY ({}): no new streams on this connection", ch.remoteAddress(),
                            goAway.errorCode());
                    goingAway = true;
                    if (open == 0) {
                        ctx.close();
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                if (open == 0) {
                    ctx.close();
                }
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("upstream {} h2 connection failed: {}", ch.remoteAddress(), cause.toString());
            if (failure == null) {
                failure = cause;
            }
            H2ConnectionErrors.closeUnlessCodecAnswers(ctx, cause);
        }

        private void onClosed() {
            connections.remove(this);
            if (!settled) {
                Throwable closed = failure != null ? failure : new ClosedChannelException();
                if (first != null) {
                    first.tryFailure(closed);
                    first = null;
                }
                if (shared) {
                    failWaiting(closed);
                }
            }
        }
    }
}
