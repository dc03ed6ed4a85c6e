package dev.sieve.proxy.testing;

import dev.sieve.certs.CertificateAuthority;
import dev.sieve.certs.LeafCertificate;
import dev.sieve.certs.LeafMinter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local h2-only upstream on 127.0.0.1 (Netty, TLS with ALPN {@code h2} and nothing else, certificate from a test
 * CA) that counts the TCP connections it accepted and the streams it served, and records every request. Paths:
 * <ul>
 *   <li>{@code /echo}: 200 with the request body;</li>
 *   <li>{@code /bytes?n=N}: N bytes, written only while the stream's flow-control window is open, counted in
 *       {@link #bytesSent()};</li>
 *   <li>{@code /sse}: an event stream: the first event, then the rest once {@link #releaseStream()} was called;</li>
 *   <li>{@code /hold}: 200 once {@link #releaseHeld()} was called (keeps the stream open until then);</li>
 *   <li>{@code /reset}: a response head and part of its body, then RST_STREAM (INTERNAL_ERROR);</li>
 *   <li>{@code /goaway}: 200, then GOAWAY naming this stream as the last;</li>
 *   <li>{@code /refuse-once}: the first request is refused (RST_STREAM REFUSED_STREAM, nothing processed), later ones
 *       get 200 with their body;</li>
 *   <li>{@code /drop}: closes the TCP connection, with whatever streams it carries.</li>
 * </ul>
 * A client that does not choose h2 in ALPN gets a TLS session and then silence.
 */
public final class H2Upstream implements AutoCloseable {
    /** A request as the upstream saw it (h2 pseudo-headers included, names lower case). */
    public record Received(String method, String path, Map<String, String> headers, String body) {}

    public static final String SSE_FIRST = "event: message_start\ndata: {\"type\":\"message_start\"}\n\n";
    public static final String SSE_REST = "event: content_block_delta\ndata: {\"text\":\"hi\"}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger streams = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Runnable> held = new CopyOnWriteArrayList<>();
    private final List<Runnable> streamsWaiting = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();

    /**
     * @param maxConcurrentStreams the SETTINGS_MAX_CONCURRENT_STREAMS this upstream announces
     */
    public H2Upstream(CertificateAuthority ca, String host, long maxConcurrentStreams) throws Exception {
        LeafCertificate leaf = new LeafMinter(ca, Clock.systemUTC(), Duration.ofDays(1), LeafMinter.KeyType.EC_P256)
                .mint(host);
        SslContext tls = SslContextBuilder.forServer(leaf.key(), leaf.chain())
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2))
                .build();
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        // The h2 codec goes in only once ALPN chose h2: its SETTINGS would reach a client that asked
                        // for HTTP/1.1 only as a stray response, and that client closes the connection at some
                        // moment of its own. Such a client gets silence instead.
                        ch.pipeline().addLast(new ApplicationProtocolNegotiationHandler("none") {
                            @Override
                            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                                if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                                    addH2(ctx.pipeline(), maxConcurrentStreams);
                                }
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    private void addH2(ChannelPipeline pipeline, long maxConcurrentStreams) {
        pipeline.addLast(Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(maxConcurrentStreams))
                .build());
        pipeline.addLast(new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                streams.incrementAndGet();
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                stream.pipeline().addLast(new HttpObjectAggregator(1 << 20));
                stream.pipeline().addLast(new Answer());
            }
        }));
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** TCP connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Streams (requests) opened so far. */
    public int streams() {
        return streams.get();
    }

    /** Response body bytes of {@code /bytes} written so far. */
    public long bytesSent() {
        return bytesSent.get();
    }

    public List<Received> received() {
        return received;
    }

    /** Lets every waiting {@code /sse} stream send its remaining events. */
    public void releaseStream() {
        streamsWaiting.forEach(Runnable::run);
        streamsWaiting.clear();
    }

    /** Answers every held {@code /hold} request. */
    public void releaseHeld() {
        held.forEach(Runnable::run);
        held.clear();
    }

    /** How many {@code /refuse-once} requests were refused. */
    public int refusedCount() {
        return refused.get();
    }

    /** How many {@code /hold} requests wait. */
    public int heldCount() {
        return held.size();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            Map<String, String> headers = new TreeMap<>();
            request.headers().forEach(e -> headers.merge(e.getKey().toLowerCase(), e.getValue(), (a, b) -> a + "," + b));
            String body = request.content().toString(StandardCharsets.UTF_8);
            received.add(new Received(request.method().name(), request.uri(), headers, body));
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            Channel ch = ctx.channel();
            switch (uri.path()) {
                case "/echo" -> ch.writeAndFlush(full(HttpResponseStatus.OK, "application/json", body));
                case "/bytes" -> {
                    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
                    ch.writeAndFlush(head);
                    sendBytes(ch, Long.parseLong(uri.parameters().get("n").get(0)));
                }
                case "/sse" -> {
                    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
                    ch.write(head);
                    ch.writeAndFlush(new DefaultHttpContent(utf8(SSE_FIRST)));
                    streamsWaiting.add(() -> ch.eventLoop().execute(() ->
                            ch.writeAndFlush(new DefaultLastHttpContent(utf8(SSE_REST)))));
                }
                case "/hold" -> held.add(() -> ch.eventLoop().execute(() ->
                        ch.writeAndFlush(full(HttpResponseStatus.OK, "text/plain", "released"))));
                case "/reset" -> {
                    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
                    ch.write(head);
                    ch.writeAndFlush(new DefaultHttpContent(utf8("partial ")));
                    ch.eventLoop().schedule(() -> ch.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.INTERNAL_ERROR)),
                            100, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
                case "/goaway" -> ch.writeAndFlush(full(HttpResponseStatus.OK, "text/plain", "bye"))
                        .addListener(f -> ch.parent().writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR)));
                case "/refuse-once" -> {
                    if (refused.getAndIncrement() == 0) {
                        ch.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.REFUSED_STREAM));
                    } else {
                        ch.writeAndFlush(full(HttpResponseStatus.OK, "application/json", body));
                    }
                }
                case "/drop" -> ch.parent().close();
                default -> ch.writeAndFlush(full(HttpResponseStatus.NOT_FOUND, "text/plain", "no such path"));
            }
        }

        /** Writes {@code remaining} bytes in 16 KiB pieces, each once the stream is writable (its window open). */
        private void sendBytes(Channel ch, long remaining) {
            while (remaining > 0 && ch.isActive() && ch.isWritable()) {
                int n = (int) Math.min(16 * 1024, remaining);
                remaining -= n;
                bytesSent.addAndGet(n);
                ByteBuf piece = Unpooled.wrappedBuffer(new byte[n]);
                if (remaining == 0) {
                    ch.writeAndFlush(new DefaultLastHttpContent(piece));
                    return;
                }
                ch.writeAndFlush(new DefaultHttpContent(piece));
            }
            if (remaining > 0 && ch.isActive()) {
                long left = remaining;
                ch.eventLoop().schedule(() -> sendBytes(ch, left), 10, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }

        private FullHttpResponse full(HttpResponseStatus status, String type, String body) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, utf8(body));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            return r;
        }

        private ByteBuf utf8(String s) {
            return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
