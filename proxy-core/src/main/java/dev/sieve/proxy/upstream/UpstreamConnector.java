package dev.sieve.proxy.upstream;

import dev.sieve.proxy.pipeline.PipelineNames;
import dev.sieve.proxy.route.Target;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.ChannelPoolHandler;
import io.netty.channel.pool.SimpleChannelPool;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Upstream connections, pooled per event loop and per checked {@code host:port:address}, so that
 * an agent connection and its upstream run on the same thread and a pooled connection is only
 * ever reused for the address the policy checked. At most {@code maxIdlePerHost} idle connections
 * are kept per {@code host:port:address}, counted across all event loops. Acquire completes once
 * TCP is connected and, for TLS, the verified handshake has finished.
 *
 * <p>With {@code upstream.http2}, TLS destinations are offered h2 as well (ALPN), except for a request that needs
 * HTTP/1.1 (a WebSocket handshake). Where the upstream chooses h2, acquire hands out a stream on a shared
 * connection instead ({@link H2Connections}); a stream has the same {@code http-codec} and {@code upstream-tail},
 * and release or discard closes it. Plain-HTTP destinations always get HTTP/1.1 (no h2c).
 */
public final class UpstreamConnector implements UpstreamPool {
    static final AttributeKey<Pool> POOL = AttributeKey.valueOf("sieve.pool");
    static final AttributeKey<Boolean> REUSED = AttributeKey.valueOf("sieve.reused");

    private final SslContext tls;
    /** Offers h2 and HTTP/1.1; {@code null} when {@code upstream.http2} is off. */
    private final SslContext h2Tls;
    private final Class<? extends SocketChannel> channelClass;
    private final int connectTimeoutMillis;
    private final long idleTimeoutMillis;
    private final int maxIdlePerHost;
    private final Map<PoolKey, Pool> pools = new ConcurrentHashMap<>();
    /** Idle connections per destination over every loop's pool: the cap is per destination, not per thread. */
    private final Map<Target, AtomicInteger> idleByTarget = new ConcurrentHashMap<>();
    private final LongAdder http1Opened = new LongAdder();
    private final LongAdder h2Opened = new LongAdder();

    /**
     * @param tls   the TLS client context offering HTTP/1.1 only
     * @param h2Tls the TLS client context offering h2 and HTTP/1.1, or {@code null} to speak HTTP/1.1 only
     */
    public UpstreamConnector(SslContext tls, SslContext h2Tls, Class<? extends SocketChannel> channelClass,
            Duration connectTimeout, Duration idleTimeout, int maxIdlePerHost) {
        this.tls = tls;
        this.h2Tls = h2Tls;
        this.channelClass = channelClass;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        this.idleTimeoutMillis = idleTimeout.toMillis();
        this.maxIdlePerHost = maxIdlePerHost;
    }

    @Override
    public Future<Channel> acquire(EventLoop loop, Target target, boolean http1Only) {
        boolean offerH2 = h2Tls != null && target.tls() && !http1Only;
        Pool pool = pools.computeIfAbsent(new PoolKey(loop, target, offerH2), this::newPool);
        if (!offerH2) {
            return connected(pool);
        }
        Promise<Channel> ready = loop.newPromise();
        if (loop.inEventLoop()) {
            pool.h2.acquire(ready);
        } else {
            loop.execute(() -> pool.h2.acquire(ready));
        }
        return ready;
    }

    /** A connection of {@code pool}, idle or new, once connected and, for TLS, its handshake finished. */
    private Future<Channel> connected(Pool pool) {
        Promise<Channel> ready = pool.loop.newPromise();
        pool.acquire().addListener((Future<Channel> f) -> {
            if (!f.isSuccess()) {
                ready.tryFailure(f.cause());
                return;
            }
            Channel ch = f.getNow();
            ch.attr(POOL).set(pool);
            SslHandler ssl = ch.pipeline().get(SslHandler.class);
            if (ssl == null) {
                if (!wasReused(ch)) {
                    http1Opened.increment();
                }
                keepOpenOnFailedWrite(ch);
                ready.trySuccess(ch);
                return;
            }
            ssl.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    boolean h2 = ApplicationProtocolNames.HTTP_2.equals(ssl.applicationProtocol());
                    if (!wasReused(ch)) {
                        (h2 ? h2Opened : http1Opened).increment();
                    }
                    if (!h2) {
                        keepOpenOnFailedWrite(ch);
                    }
                    ready.trySuccess(ch);
                } else {
                    discard(ch);
                    ready.tryFailure(h.cause());
                }
            });
        });
        return ready;
    }

    /**
     * An HTTP/1.1 connection whose write fails shuts its output instead of closing (Netty's auto-close off): an
     * upstream that answered early and then reset the connection has its answer read before the connection goes
     * ({@code UpstreamResponseRelay.readAfterFailedWrite}). Every failure path discards the channel itself.
     */
    private static void keepOpenOnFailedWrite(Channel ch) {
        ch.config().setAutoClose(false);
    }

    @Override
    public boolean wasReused(Channel ch) {
        return Boolean.TRUE.equals(ch.attr(REUSED).get());
    }

    @Override
    public void release(Channel ch) {
        Pool pool = ch.attr(POOL).getAndSet(null);
        if (pool != null) {
            pool.release(ch);
        } else {
            ch.close();
        }
    }

    @Override
    public void discard(Channel ch) {
        ch.close();
        release(ch);
    }

    /** A WebSocket now runs on {@code ch}: it is never returned to the pool. */
    @Override
    public void takeOver(Channel ch) {
        ch.attr(POOL).set(null);
        ch.config().setAutoClose(true); // its new owner (a WebSocket relay) relies on a failed write closing it
    }

    /** Connections opened so far that speak HTTP/1.1. */
    public long http1ConnectionsOpened() {
        return http1Opened.sum();
    }

    /** Connections opened so far on which the upstream chose h2. */
    public long h2ConnectionsOpened() {
        return h2Opened.sum();
    }

    public int idleConnections() {
        return idleByTarget.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public void close() {
        pools.values().forEach(Pool::close);
        pools.clear();
    }

    private Pool newPool(PoolKey key) {
        Bootstrap bootstrap = new Bootstrap()
                .group(key.loop)
                .channel(channelClass)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(new InetSocketAddress(key.target.address(), key.target.port()));
        return new Pool(key, bootstrap, new Handler(key.target, key.offerH2 ? h2Tls : tls),
                idleByTarget.computeIfAbsent(key.target, t -> new AtomicInteger()));
    }

    /** {@code offerH2}: the pool's TLS connections offer h2 too; its idle connections are those that chose HTTP/1.1. */
    private record PoolKey(EventLoop loop, Target target, boolean offerH2) {}

    /**
     * A LIFO pool of one loop whose idle connections count against their destination's cap, and, where h2 is
     * offered, the h2 connections.
     */
    final class Pool extends SimpleChannelPool {
        private final AtomicInteger idle;
        private final EventLoop loop;
        /** The h2 connections, or {@code null} where h2 is not offered. */
        private final H2Connections h2;

        Pool(PoolKey key, Bootstrap bootstrap, ChannelPoolHandler handler, AtomicInteger idleOfTarget) {
            super(bootstrap, handler, ChannelHealthChecker.ACTIVE, true, true);
            this.idle = idleOfTarget;
            this.loop = key.loop;
            this.h2 = key.offerH2 ? new H2Connections(() -> connected(this), idleTimeoutMillis, connectTimeoutMillis)
                    : null;
        }

        @Override
        public void close() {
            super.close();
            if (h2 != null && !loop.isShuttingDown()) {
                loop.execute(h2::close);
            }
        }

        @Override
        protected boolean offerChannel(Channel channel) {
            if (idle.incrementAndGet() > maxIdlePerHost) {
                idle.decrementAndGet();
                return false;
            }
            if (super.offerChannel(channel)) {
                return true;
            }
            idle.decrementAndGet();
            return false;
        }

        @Override
        protected Channel pollChannel() {
            Channel ch = super.pollChannel();
            if (ch != null) {
                idle.decrementAndGet();
                // Set here, not in channelAcquired: Netty calls that for new connections too.
                ch.attr(REUSED).set(true);
            }
            return ch;
        }
    }

    private final class Handler implements ChannelPoolHandler {
        private final Target target;
        private final SslContext tlsContext;

        Handler(Target target, SslContext tlsContext) {
            this.target = target;
            this.tlsContext = tlsContext;
        }

        @Override
        public void channelCreated(Channel ch) {
            ch.attr(REUSED).set(false);
            if (target.tls()) {
                // host + port: SNI and the name the certificate is verified against.
                ch.pipeline().addLast(PipelineNames.TLS, tlsContext.newHandler(ch.alloc(), target.host(),
                        target.port()));
            }
            ch.pipeline().addLast(PipelineNames.HTTP_CODEC, new HttpClientCodec(8192, 65536, 65536));
            ch.pipeline().addLast(PipelineNames.UPSTREAM_TAIL, Tail.INSTANCE);
        }

        @Override
        public void channelAcquired(Channel ch) {
            if (ch.pipeline().get(PipelineNames.POOL_IDLE) != null) {
                ch.pipeline().remove(PipelineNames.POOL_IDLE);
            }
        }

        @Override
        public void channelReleased(Channel ch) {
            if (!ch.isActive()) {
                return;
            }
            ch.pipeline().addBefore(PipelineNames.UPSTREAM_TAIL, PipelineNames.POOL_IDLE,
                    new IdleStateHandler(0, 0, idleTimeoutMillis, TimeUnit.MILLISECONDS));
            // One outstanding read while pooled: the upstream's FIN closes the channel now, not on next use.
            ch.read();
        }
    }

    /**
     * The last handler of every upstream HTTP/1.1 connection and h2 stream. While an exchange runs, its response
     * handler sits in front and consumes everything; otherwise (pooled, or failing before use) this closes the
     * connection on anything unasked: data, an idle timeout, an exception.
     */
    @ChannelHandler.Sharable
    static final class Tail extends ChannelInboundHandlerAdapter {
        static final Tail INSTANCE = new Tail();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
