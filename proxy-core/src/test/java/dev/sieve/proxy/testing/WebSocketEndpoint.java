package dev.sieve.proxy.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * A local WebSocket endpoint over TLS (Netty's {@link WebSocketServerProtocolHandler} on {@code /ws}), optionally
 * offering permessage-deflate. It keeps every message it receives, whole, and answers:
 * <ul>
 *   <li>text {@code stream N}: N text messages {@code part i}, then {@code done};</li>
 *   <li>text {@code fragments}: one text message {@code one-two-three} in three frames;</li>
 *   <li>any other text: {@code echo:} and the text; binary: the same bytes back.</li>
 * </ul>
 */
public final class WebSocketEndpoint implements AutoCloseable {
    /** What the endpoint received: a text message as its string, a binary one as "binary:" and its hex. */
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final List<String> extensionOffers = new CopyOnWriteArrayList<>();
    /** Control frames the endpoint received: "ping:"/"pong:" and the payload, "close:" code ":" reason. */
    private final BlockingQueue<String> control = new LinkedBlockingQueue<>();
    private final AtomicInteger handshakes = new AtomicInteger();
    private volatile boolean badAccept;
    /** Set before the first connection ({@link #tls}): the test CA may only exist once Sieve's test env does. */
    private volatile SSLContext tls;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    /** Binds now; {@link #tls} must be called before the first connection. */
    public WebSocketEndpoint(boolean deflate) throws InterruptedException {
        this(deflate, false);
    }

    /** @param plain true for a plain-HTTP ({@code ws://}) endpoint, false for TLS ({@link #tls}) */
    public WebSocketEndpoint(boolean deflate, boolean plain) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!plain) {
                            SSLEngine engine = tls.createSSLEngine();
                            engine.setUseClientMode(false);
                            ch.pipeline().addLast(new SslHandler(engine));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(),
                                new HttpObjectAggregator(65536), new Spy());
                        if (deflate) {
                            ch.pipeline().addLast(new WebSocketServerCompressionHandler(0));
                        }
                        ch.pipeline().addLast(new WebSocketServerProtocolHandler("/ws", null, true, 16 * 1024 * 1024),
                                new WebSocketFrameAggregator(16 * 1024 * 1024), new Responder());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    /** The server's TLS context (its certificate names the host agents connect to). */
    public void tls(SSLContext context) {
        this.tls = context;
    }

    public int port() {
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    /** The next message the endpoint received, or {@code null} after {@code millis}. */
    public String next(long millis) throws InterruptedException {
        return received.poll(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Every message received so far and not taken by {@link #next}. */
    /** The next control frame received within {@code millis} ("ping:", "pong:" + payload, "close:code:reason"). */
    public String nextControl(long millis) throws InterruptedException {
        return control.poll(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public List<String> pending() {
        return List.copyOf(received);
    }

    /** Upgrade requests that reached the endpoint. */
    public int handshakes() {
        return handshakes.get();
    }

    /** The Sec-WebSocket-Extensions of each handshake ("" when none). */
    public List<String> extensionOffers() {
        return List.copyOf(extensionOffers);
    }

    /** From now on, answer handshakes with a wrong Sec-WebSocket-Accept. */
    public void badAccept(boolean bad) {
        this.badAccept = bad;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Counts handshakes, and breaks their answer when told to. */
    private final class Spy extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof HttpResponse r && r.status().code() == 101 && badAccept) {
                r.headers().set(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
            }
            super.write(ctx, msg, promise);
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.pipeline().addBefore(ctx.name(), null, new io.netty.channel.ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext c, Object msg) {
                    if (msg instanceof io.netty.handler.codec.http.websocketx.PingWebSocketFrame ping) {
                        control.add("ping:" + ping.content().toString(java.nio.charset.StandardCharsets.UTF_8));
                    } else if (msg instanceof io.netty.handler.codec.http.websocketx.PongWebSocketFrame pong) {
                        control.add("pong:" + pong.content().toString(java.nio.charset.StandardCharsets.UTF_8));
                    } else if (msg instanceof io.netty.handler.codec.http.websocketx.CloseWebSocketFrame close) {
                        control.add("close:" + close.statusCode() + ":" + close.reasonText());
                    }
                    if (msg instanceof HttpRequest req && req.headers().contains(HttpHeaderNames.UPGRADE)) {
                        handshakes.incrementAndGet();
                        extensionOffers.add(req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, ""));
                    }
                    c.fireChannelRead(msg);
                }
            });
        }
    }

    private final class Responder extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                String s = text.text();
                received.add(s);
                if (s.startsWith("stream ")) {
                    int n = Integer.parseInt(s.substring(7));
                    for (int i = 0; i < n; i++) {
                        ctx.write(new TextWebSocketFrame("part " + i));
                    }
                    ctx.writeAndFlush(new TextWebSocketFrame("done"));
                } else if (s.equals("fragments")) {
                    ctx.write(new TextWebSocketFrame(false, 0, "one-"));
                    ctx.write(new ContinuationWebSocketFrame(false, 0, "two-"));
                    ctx.writeAndFlush(new ContinuationWebSocketFrame(true, 0, "three"));
                } else {
                    ctx.writeAndFlush(new TextWebSocketFrame("echo:" + s));
                }
            } else if (frame instanceof BinaryWebSocketFrame binary) {
                received.add("binary:" + ByteBufUtil.hexDump(binary.content()));
                ctx.writeAndFlush(new BinaryWebSocketFrame(binary.content().retain()));
            }
        }
    }
}
