package dev.sieve.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.route.Target;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pooling over real sockets on 127.0.0.1 and two event loops. */
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
    void zeroDisablesPooling() throws Exception {
        try (UpstreamConnector connector = connector(0)) {
            Channel ch = acquire(connector, group.next());
            onLoop(ch, () -> connector.release(ch));
            assertThat(ch.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(connector.idleConnections()).isZero();
        }
    }
}
