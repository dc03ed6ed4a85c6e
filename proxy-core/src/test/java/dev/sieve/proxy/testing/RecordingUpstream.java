package dev.sieve.proxy.testing;

import dev.sieve.certs.CertificateAuthority;
import dev.sieve.certs.LeafCertificate;
import dev.sieve.certs.LeafMinter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A local upstream on 127.0.0.1 (Netty, TLS with a leaf from a test CA) that speaks either HTTP/1.1 only or h2 only,
 * and records every request as its bytes arrive, without aggregating: the body bytes received, whether the request
 * ended (the terminating chunk, END_STREAM) and whether its connection or stream closed before that (an aborted
 * request). A complete request gets {@code 200} with {@code {"bytes":N}}; a request to {@code /early401} gets
 * {@code 401} as soon as its head arrives, and the upstream keeps reading its body; a request to
 * {@code /early401reset} (HTTP/1.1) stops reading, gets the same {@code 401} after 150 ms and a connection reset
 * 100 ms later;
 * {@code /early401close} gets the same {@code 401}, and then the upstream shuts its output (HTTP/1.1) or resets the
 * stream with {@code NO_ERROR} (h2).
 */
public final class RecordingUpstream implements AutoCloseable {

    /** One request as the upstream saw it so far (updated while it arrives). */
    public static final class Request {
        public final String path;
        public final Map<String, String> headers;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private volatile boolean complete;
        private volatile boolean aborted;
        private volatile boolean closed;

        Request(String path, Map<String, String> headers) {
            this.path = path;
            this.headers = headers;
        }

        public synchronized byte[] body() {
            return body.toByteArray();
        }

        synchronized void append(byte[] bytes) {
            body.writeBytes(bytes);
        }

        /** The request's end arrived. */
        public boolean complete() {
            return complete;
        }

        /** The upstream answered early and closed its side (HTTP/1.1 output shut down, h2 stream reset). */
        public boolean closed() {
            return closed;
        }

        /** The connection (HTTP/1.1) or stream (h2) closed before the request's end. */
        public boolean aborted() {
            return aborted;
        }
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** @param h2 offer only h2 (ALPN); otherwise no ALPN, so clients speak HTTP/1.1 */
    public RecordingUpstream(CertificateAuthority ca, String host, boolean h2) throws Exception {
        LeafCertificate leaf = new LeafMinter(ca, Clock.systemUTC(), Duration.ofDays(1), LeafMinter.KeyType.EC_P256)
                .mint(host);
        SslContextBuilder builder = SslContextBuilder.forServer(leaf.key(), leaf.chain());
        if (h2) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    ApplicationProtocolNames.HTTP_2));
        }
        SslContext tls = builder.build();
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        if (!h2) {
                            ch.pipeline().addLast(new HttpServerCodec());
                            ch.pipeline().addLast(new Recorder());
                            return;
                        }
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().build());
                        ch.pipeline().addLast(new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                            @Override
                            protected void initChannel(Http2StreamChannel stream) {
                                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                                stream.pipeline().addLast(new Recorder());
                            }
                        }));
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Every request received so far, in order of arrival. */
    /** An agent connection through {@code env}'s Sieve, inside an intercepted tunnel to this upstream as {@code host}. */
    public RawClient agentThrough(ProxyTestEnv env, String host) throws Exception {
        RawClient c = new RawClient(env.proxy());
        if (c.connect(host + ":" + port()).status() != 200) {
            throw new AssertionError("CONNECT to " + host + ":" + port() + " refused");
        }
        c.startTls(env.agentTls(), host, host, port());
        c.readTimeout(20_000);
        return c;
    }

    /** The head of a {@code text/plain} POST of {@code length} bytes to this upstream as {@code host}. */
    public String textPost(String host, String path, int length) {
        return "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port()
                + "\r\nContent-Type: text/plain\r\nContent-Length: " + length + "\r\n\r\n";
    }

    /** The request this upstream received after {@code before} others, once it arrived (within 15 s). */
    public Request awaitRequest(int before) throws InterruptedException {
        await(() -> requests.size() > before, "the upstream gets the request");
        return requests.get(before);
    }

    /** Waits until {@code condition} holds, for at most 15 s. */
    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    public List<Request> requests() {
        return requests;
    }

    /** The last request received. */
    public Request last() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Records the requests of one HTTP/1.1 connection or one h2 stream. */
    private final class Recorder extends ChannelInboundHandlerAdapter {
        private Request current;
        private boolean answered;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpRequest head) {
                    Map<String, String> headers = new TreeMap<>();
                    head.headers().forEach(e -> headers.merge(e.getKey().toLowerCase(), e.getValue(),
                            (a, b) -> a + "," + b));
                    current = new Request(head.uri(), headers);
                    answered = false;
                    requests.add(current);
                    if (head.uri().startsWith("/early401reset")) {
                        // HTTP/1.1 only: stop reading the body, answer once the agent's bytes have backed up behind
                        // it (the proxy then has a write pending), and reset the connection (SO_LINGER 0) soon after.
                        // Not at once: a reset discards what the kernel has not sent yet, so on a loaded machine the
                        // answer itself could be lost before it left (no proxy can relay that; the test would race).
                        answered = true;
                        Request request = current;
                        ctx.channel().config().setAutoRead(false);
                        ctx.executor().schedule(() -> ctx.writeAndFlush(response(HttpResponseStatus.UNAUTHORIZED,
                                "{\"error\":\"early\"}")).addListener(f -> ctx.executor().schedule(() -> {
                                    ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                                    ctx.channel().close().addListener(g -> request.closed = true);
                                }, 100, TimeUnit.MILLISECONDS)), 150, TimeUnit.MILLISECONDS);
                        return;
                    }
                    if (head.uri().startsWith("/early401")) {
                        answered = true;
                        ChannelFuture sent = ctx.writeAndFlush(
                                response(HttpResponseStatus.UNAUTHORIZED, "{\"error\":\"early\"}"));
                        if (head.uri().startsWith("/early401close")) {
                            // The answer is the upstream's last word: HTTP/1.1 closes its side of the connection as
                            // RFC 9112 9.6 says (it shuts its output and reads on, so that its close does not reset
                            // the connection under the answer); h2 resets the stream with NO_ERROR, which asks the
                            // client to stop sending (RFC 9113 8.1).
                            Request request = current;
                            sent.addListener(f -> {
                                if (ctx.channel() instanceof Http2StreamChannel) {
                                    ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR))
                                            .addListener(g -> request.closed = true);
                                } else {
                                    ((SocketChannel) ctx.channel()).shutdownOutput()
                                            .addListener(g -> request.closed = true);
                                }
                            });
                        }
                    }
                }
                if (msg instanceof HttpContent content && current != null) {
                    byte[] bytes = new byte[content.content().readableBytes()];
                    content.content().getBytes(content.content().readerIndex(), bytes);
                    current.append(bytes);
                    if (content instanceof LastHttpContent) {
                        current.complete = true;
                        if (!answered) {
                            answered = true;
                            ctx.writeAndFlush(response(HttpResponseStatus.OK,
                                    "{\"bytes\":" + current.body().length + "}"));
                        }
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private FullHttpResponse response(HttpResponseStatus status, String body) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            return r;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (current != null && !current.complete) {
                current.aborted = true;
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
