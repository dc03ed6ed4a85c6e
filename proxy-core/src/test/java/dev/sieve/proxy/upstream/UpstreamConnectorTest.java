package dev.sieve.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.certs.CertificateAuthority;
import dev.sieve.certs.LeafCertificate;
import dev.sieve.certs.LeafMinter;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.pipeline.PipelineNames;
import dev.sieve.proxy.route.Target;
import dev.sieve.proxy.testing.H2Upstream;
import dev.sieve.proxy.testing.H2Wire;
import dev.sieve.proxy.testing.TestTls;
import dev.sieve.proxy.tls.UpstreamTrust;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pooling over real sockets on 127.0.0.1 and two event loops; h2 against a real h2 upstream with TLS. */
class UpstreamConnectorTest {

    private EventLoopGroup group;
    private ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();
    private Thread acceptor;
    private Target target;

    @BeforeEach
    void start() throws IOException {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket s = server.accept();
                    synchronized (accepted) {
                        accepted.add(s);
                    }
                }
            } catch (IOException e) {
                // server closed: the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        target = new Target("upstream.test", server.getLocalPort(), InetAddress.getLoopbackAddress(), false);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        synchronized (accepted) {
            for (Socket s : accepted) {
                s.close();
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private UpstreamConnector connector(int maxIdlePerHost) {
        return new UpstreamConnector(null, null, NioSocketChannel.class, Duration.ofSeconds(5), Duration.ofMinutes(1),
                maxIdlePerHost);
    }

    private Channel acquire(UpstreamConnector connector, EventLoop loop) throws Exception {
        return connector.acquire(loop, target, false).get(5, TimeUnit.SECONDS);
    }

    private static void onLoop(Channel ch, Runnable action) throws Exception {
        ch.eventLoop().submit(action).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aReleasedConnectionIsReusedOnItsLoop() throws Exception {
        try (UpstreamConnector connector = connector(4)) {
            EventLoop loop = group.next();
            Channel first = acquire(connector, loop);
            assertThat(connector.wasReused(first)).isFalse();
            onLoop(first, () -> connector.release(first));
            assertThat(connector.idleConnections()).isEqualTo(1);

            Channel second = acquire(connector, loop);

            assertThat(second).isSameAs(first);
            assertThat(connector.wasReused(second)).isTrue();
            assertThat(connector.idleConnections()).isZero();
            onLoop(second, () -> connector.discard(second));
        }
    }

    @Test
    void theIdleCapCountsEveryLoopsPoolForOneDestination() throws Exception {
        try (UpstreamConnector connector = connector(1)) {
            EventLoop a = group.next();
            EventLoop b = group.next();
            assertThat(a).isNotSameAs(b);
            Channel onA = acquire(connector, a);
            Channel onB = acquire(connector, b);

            onLoop(onA, () -> connector.release(onA));
            onLoop(onB, () -> connector.release(onB));

            assertThat(connector.idleConnections()).isEqualTo(1);
            assertThat(onA.isOpen()).isTrue();
            assertThat(onB.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(onB.isOpen()).as("over the cap: closed, not pooled").isFalse();
        }
    }

    @Test
    void whereTheUpstreamPicksH2RequestsGetStreamsOfOneConnectionAndHttp1OnlyGetsAnHttp11One(@TempDir Path dir)
            throws Exception {
        CertificateAuthority ca = TestTls.newCa(dir);
        var trust = UpstreamTrust.trustManagerFactory(List.of(ca.certificateFile().orElseThrow()));
        try (H2Upstream h2 = new H2Upstream(ca, "h2.sieve.test", 1000);
                UpstreamConnector connector = new UpstreamConnector(UpstreamTrust.clientContext(trust),
                        UpstreamTrust.http2ClientContext(trust), NioSocketChannel.class, Duration.ofSeconds(5),
                        Duration.ofMinutes(1), 4)) {
            Target tls = new Target("h2.sieve.test", h2.port(), InetAddress.getLoopbackAddress(), true);
            EventLoop loop = group.next();
            Channel first = connector.acquire(loop, tls, false).get(5, TimeUnit.SECONDS);
            Channel second = connector.acquire(loop, tls, false).get(5, TimeUnit.SECONDS);

            assertThat(first).isInstanceOf(Http2StreamChannel.class);
            assertThat(second).isInstanceOf(Http2StreamChannel.class);
            assertThat(second.parent()).isSameAs(first.parent());
            assertThat(first.pipeline().get(PipelineNames.HTTP_CODEC)).isInstanceOf(Http2StreamFrameToHttpObjectCodec.class);
            assertThat(first.pipeline().get(PipelineNames.UPSTREAM_TAIL)).isNotNull();
            assertThat(connector.wasReused(first)).isFalse();
            assertThat(connector.wasReused(second)).as("its connection served a stream before").isTrue();

            onLoop(first, () -> connector.release(first));
            assertThat(first.closeFuture().await(5, TimeUnit.SECONDS)).as("a stream is closed, never pooled").isTrue();
            assertThat(connector.idleConnections()).isZero();
            assertThat(second.parent().isOpen()).isTrue();

            Channel http1 = connector.acquire(loop, tls, true).get(5, TimeUnit.SECONDS);
            assertThat(http1).isNotInstanceOf(Http2StreamChannel.class);
            assertThat(http1.pipeline().get(PipelineNames.HTTP_CODEC)).isInstanceOf(HttpClientCodec.class);
            assertThat(h2.connections()).isEqualTo(2);
            assertThat(connector.h2ConnectionsOpened()).isEqualTo(1);
            assertThat(connector.http1ConnectionsOpened()).isEqualTo(1);
            onLoop(http1, () -> connector.discard(http1));
            onLoop(second, () -> connector.discard(second));
        }
    }

    @Test
    void anH2UpstreamThatSendsNoSettingsFailsTheRequestWithAConnectTimeout(@TempDir Path dir) throws Exception {
        CertificateAuthority ca = TestTls.newCa(dir);
        var trust = UpstreamTrust.trustManagerFactory(List.of(ca.certificateFile().orElseThrow()));
        // Chooses h2 in the TLS handshake, then says nothing: no SETTINGS ever.
        Channel silent = h2Server(ca, ChannelInboundHandlerAdapter::new);
        try (UpstreamConnector connector = new UpstreamConnector(UpstreamTrust.clientContext(trust),
                UpstreamTrust.http2ClientContext(trust), NioSocketChannel.class, Duration.ofSeconds(1),
                Duration.ofMinutes(1), 4)) {
            Target tls = new Target("h2.sieve.test", ((InetSocketAddress) silent.localAddress()).getPort(),
                    InetAddress.getLoopbackAddress(), true);
            Future<Channel> request = connector.acquire(group.next(), tls, false);

            assertThat(request.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(request.cause()).isInstanceOf(ConnectTimeoutException.class)
                    .hasMessage("upstream sent no h2 SETTINGS within 1000 ms");
            assertThat(UpstreamFailures.refusal(request.cause())).isEqualTo(Refusal.CONNECTION_TIMEOUT);
        } finally {
            silent.close().sync();
        }
    }

    @Test
    void anH2ErrorTheCodecFindsReachesTheUpstreamAsItsGoAwayCode(@TempDir Path dir) throws Exception {
        CertificateAuthority ca = TestTls.newCa(dir);
        var trust = UpstreamTrust.trustManagerFactory(List.of(ca.certificateFile().orElseThrow()));
        CompletableFuture<Long> goAwayCode = new CompletableFuture<>();
        // Sends SETTINGS, then a PING of 7 bytes (it must be 8: FRAME_SIZE_ERROR), and reads the client's GOAWAY.
        Channel broken = h2Server(ca, () -> new ChannelInboundHandlerAdapter() {
            private final ByteBuf in = Unpooled.buffer();

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
                    ctx.write(Unpooled.wrappedBuffer(H2Wire.encode(H2Wire.SETTINGS, 0, 0, new byte[0])));
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(H2Wire.encode(H2Wire.PING, 0, 0, new byte[7])));
                }
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                in.writeBytes((ByteBuf) msg);
                ((ByteBuf) msg).release();
                int pos = 24; // after the client preface
                while (in.writerIndex() >= pos + 9 && in.writerIndex() >= pos + 9 + in.getUnsignedMedium(pos)) {
                    if (in.getByte(pos + 3) == H2Wire.GOAWAY) {
                        goAwayCode.complete(in.getUnsignedInt(pos + 9 + 4));
                    }
                    pos += 9 + in.getUnsignedMedium(pos);
                }
            }

            @Override
            public void handlerRemoved(ChannelHandlerContext ctx) {
                in.release();
            }
        });
        try (UpstreamConnector connector = new UpstreamConnector(UpstreamTrust.clientContext(trust),
                UpstreamTrust.http2ClientContext(trust), NioSocketChannel.class, Duration.ofSeconds(5),
                Duration.ofMinutes(1), 4)) {
            Target tls = new Target("h2.sieve.test", ((InetSocketAddress) broken.localAddress()).getPort(),
                    InetAddress.getLoopbackAddress(), true);
            connector.acquire(group.next(), tls, false);

            assertThat(goAwayCode.get(10, TimeUnit.SECONDS)).isEqualTo(Http2Error.FRAME_SIZE_ERROR.code());
        } finally {
            broken.close().sync();
        }
    }

    /** A TLS server on 127.0.0.1 for h2.sieve.test that chooses h2 (ALPN), then hands the bytes to a new {@code h2}. */
    private Channel h2Server(CertificateAuthority ca, Supplier<ChannelHandler> h2) throws Exception {
        LeafCertificate leaf = new LeafMinter(ca, Clock.systemUTC(), Duration.ofDays(1), LeafMinter.KeyType.EC_P256)
                .mint("h2.sieve.test");
        SslContext serverTls = SslContextBuilder.forServer(leaf.key(), leaf.chain())
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2))
                .build();
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(serverTls.newHandler(ch.alloc()), h2.get());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    @Test
    void zeroDisablesPooling() throws Exception {
        try (UpstreamConnector connector = connector(0)) {
            Channel ch = acquire(connector, group.next());
            onLoop(ch, () -> connector.release(ch));
            assertThat(ch.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(connector.idleConnections()).isZero();
        }
    }
}
