package dev.sieve.proxy;

import dev.sieve.certs.CertificateAuthority;
import dev.sieve.certs.LeafCache;
import dev.sieve.certs.LeafMinter;
import dev.sieve.proxy.conversation.ConversationTracker;
import dev.sieve.proxy.conversation.SharedConversations;
import dev.sieve.proxy.config.ListenException;
import dev.sieve.proxy.budget.Budgets;
import dev.sieve.proxy.config.SieveConfig;
import com.sun.management.UnixOperatingSystemMXBean;
import dev.sieve.proxy.handler.BodyBudget;
import dev.sieve.proxy.handler.ConnectionLimiter;
import dev.sieve.proxy.handler.FrontendInitializer;
import dev.sieve.proxy.inspect.InspectionLanes;
import dev.sieve.proxy.handler.ProxyServices;
import dev.sieve.proxy.route.Router;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.auth.AgentAuthenticator;
import dev.sieve.proxy.policy.HostLookup;
import dev.sieve.proxy.policy.UpstreamResolver;
import dev.sieve.proxy.tls.ServerTls;
import dev.sieve.proxy.tls.UpstreamTrust;
import dev.sieve.proxy.upstream.UpstreamConnector;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.OpenSsl;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Sieve proxy: the listener, its event loops and the shared services. */
public final class SieveServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SieveServer.class);

    private Budgets budgets;
    private final SieveConfig config;
    private final CertificateAuthority ca;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService blocking;
    private final UpstreamConnector upstream;
    private final Channel listener;
    private final Transport transport;
    private final Enforcement enforcement;
    private final BodyBudget budget;
    private final InspectionLanes inspectionPool;
    private final dev.sieve.proxy.credentials.Credentials credentials;

    private SieveServer(dev.sieve.proxy.credentials.Credentials credentials, SieveConfig config, CertificateAuthority ca, EventLoopGroup boss, EventLoopGroup workers,
            ExecutorService blocking, UpstreamConnector upstream, Channel listener, Transport transport,
            Enforcement enforcement, BodyBudget budget, InspectionLanes inspectionPool) {
        this.inspectionPool = inspectionPool;
        this.credentials = credentials;
        this.enforcement = enforcement;
        this.budget = budget;
        this.config = config;
        this.ca = ca;
        this.boss = boss;
        this.workers = workers;
        this.blocking = blocking;
        this.upstream = upstream;
        this.listener = listener;
        this.transport = transport;
    }

    /** Starts Sieve as configured: the default rule pack enforced on every intercepted request. */
    public static SieveServer start(SieveConfig config, Optional<Path> configFile) throws Exception {
        return start(config, configFile, null);
    }

    /**
     * Starts the proxy listener described by {@code config}, with its admin listener, audit log
     * and rule store.
     *
     * @param configFile        where {@code config} came from (watched for allowlist changes), if a file
     * @param inspectorOverride replaces DLP enforcement (tests of the bare proxy), or {@code null}
     */
    public static SieveServer start(SieveConfig config, Optional<Path> configFile, RequestInspector inspectorOverride)
            throws Exception {
        return start(config, configFile, inspectorOverride, HostLookup.system());
    }

    /** As {@link #start(SieveConfig, Optional, RequestInspector)}, resolving upstream names with {@code lookup}. */
    public static SieveServer start(SieveConfig config, Optional<Path> configFile, RequestInspector inspectorOverride,
            HostLookup lookup) throws Exception {
        Components.checkListeners(config); // before the CA and the rules, which take seconds
        CertificateAuthority ca = Components.certificateAuthority(config, Clock.systemUTC());
        Transport transport = Transport.best();
        ExecutorService blocking = Executors.newFixedThreadPool(8, daemonThreads("sieve-blocking"));
        EventLoopGroup boss = transport.newGroup(1, "sieve-accept");
        EventLoopGroup workers = transport.newGroup(config.proxy().workerThreads(), "sieve-io");
        UpstreamConnector upstream = null;
        Enforcement enforcement = null;
        Budgets budgets = null;
        var pool = config.inspection().workers();
        InspectionLanes inspectionPool = InspectionLanes.start(pool.threads(), pool.queue());
        dev.sieve.proxy.credentials.Credentials credentials = null;
        try {
            credentials = dev.sieve.proxy.credentials.Credentials.start(config.credentials(), System::getenv);
            enforcement = Enforcement.start(config, configFile, Clock.systemUTC());
            Operations ops = enforcement.operations();
            credentials.onRotation(dev.sieve.proxy.admin.FileChangeAudit.credentialRotations(ops.adminAudit(),
                    Clock.systemUTC()));
            RequestInspector inspector = inspectorOverride != null ? inspectorOverride : enforcement.inspector();
            var proxy = config.proxy();
            LeafMinter minter = new LeafMinter(ca, Clock.systemUTC(), config.ca().leafValidity(),
                    Components.leafKeyType(config));
            LeafCache leaves = new LeafCache(minter, blocking, config.ca().cacheSize(),
                    config.ca().leafValidity().dividedBy(2), com.github.benmanes.caffeine.cache.Ticker.systemTicker());
            ServerTls serverTls = new ServerTls(leaves, config.ca().cacheSize(), config.ca().leafValidity().dividedBy(2),
                    proxy.http2());
            var upstreamTrust = UpstreamTrust.trustManagerFactory(config.upstream().extraCaFiles());
            upstream = new UpstreamConnector(UpstreamTrust.clientContext(upstreamTrust),
                    config.upstream().http2() ? UpstreamTrust.http2ClientContext(upstreamTrust) : null,
                    transport.channel(), proxy.connectTimeout(), config.upstream().pool().idleTimeout(),
                    config.upstream().pool().maxIdlePerHost());
            ops.metrics().certificates(serverTls::hits, serverTls::mints, serverTls::failures);
            ops.metrics().upstreamConnections(upstream::http1ConnectionsOpened, upstream::h2ConnectionsOpened);
            BodyBudget budget = new BodyBudget(config.inspection().maxBodyBytesInFlight(),
                    config.inspection().maxBodyBytesInFlightPerAgent());
            ops.metrics().bodyBytesInFlight(budget::reserved);
            ops.metrics().inspectionPool(inspectionPool::queued, inspectionPool::busy, inspectionPool::waiting);
            for (var override : config.upstream().resolve().entrySet()) {
                log.info("upstream.resolve: {} -> {} (trusted config override)", override.getKey(),
                        override.getValue().getHostAddress());
            }
            UpstreamResolver resolver = new UpstreamResolver(config.upstream().resolve(), lookup);
            AgentAuthenticator authenticator = Components.authenticator(config, ops.tokenVerifier(), ops.revocations(),
                    ops.killSwitch()::isTokenBlocked);
            budgets = Budgets.start(config.budgets(), config.state(), ops.metrics().registry());
            ops.readiness().detail("budgets", budgets::degraded);
            budgets.fleet().ifPresent(fleet -> ops.readiness().detail("revocations and kill switch",
                    dev.sieve.proxy.fleet.FleetSync.start(fleet, ops.revocations(), ops.killSwitch())::degraded));
            if (budgets.fleet().isPresent()) {
                shareConversations(config, enforcement.conversations(), budgets.fleet().get(), ops);
            }
            ProxyServices services = new ProxyServices(
                    new ProxyServices.Limits(proxy.maxInitialLineBytes(), proxy.maxHeaderBytes(),
                            proxy.connectTimeout(), proxy.idleTimeout(), proxy.responseTimeout(), proxy.headerTimeout(),
                            proxy.minBodyBytesPerSecond(), proxy.minBodyRateGrace(),
                            config.inspection().budgetWait(), proxy.http2MaxConcurrentStreams()),
                    new Router(enforcement.policy(), resolver, blocking), authenticator, serverTls, upstream,
                    transport.channel(), inspector, enforcement.recorder(), budget,
                    enforcement.destinations()::maxBodyBytes, ops.killSwitch()::isBlocked, ops.connections(),
                    ops.metrics(), blocking,
                    new ConnectionLimiter(proxy.maxConnections(), proxy.maxConnectionsPerClient()),
                    config.refusals().explainInTunnel(), config.inspection().websocket(), inspectionPool,
                    pool.queueWait(), credentials.injector(), budgets);
            warnIfTooFewFileDescriptors(proxy.maxConnections());
            InetSocketAddress bindTo = proxy.listen().toSocketAddress();
            Channel listener;
            try {
                listener = new ServerBootstrap()
                        .group(boss, workers)
                        .channel(transport.serverChannel())
                        .option(ChannelOption.SO_BACKLOG, 1024)
                        .childOption(ChannelOption.AUTO_READ, false)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(new FrontendInitializer(services))
                        .bind(bindTo).sync().channel();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) { // sync() rethrows the bind error as it is (a checked exception)
                throw ListenException.of("proxy.listen", proxy.listen(), e);
            }
            log.info("Sieve proxy listening on {} ({} transport, TLS by {}, {} allowlist entries)",
                    listener.localAddress(), transport.name(), OpenSsl.isAvailable() ? "BoringSSL" : "JDK",
                    enforcement.policy().get().allowlist().size());
            ops.readiness().ready(Operations.PROXY);
            SieveServer server = new SieveServer(credentials, config, ca, boss, workers, blocking, upstream, listener,
                    transport, enforcement, budget, inspectionPool);
            server.budgets = budgets;
            return server;
        } catch (Exception | Error e) {
            if (budgets != null) {
                budgets.close();
            }
            if (upstream != null) {
                upstream.close();
            }
            if (enforcement != null) {
                enforcement.close();
            }
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            blocking.shutdownNow();
            inspectionPool.close();
            if (credentials != null) {
                credentials.close();
            }
            throw e;
        }
    }

    public InetSocketAddress proxyAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    public CertificateAuthority ca() {
        return ca;
    }

    public SieveConfig config() {
        return config;
    }

    /** Blocks until the listener closes. */
    public void awaitClose() throws InterruptedException {
        listener.closeFuture().sync();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        // Before the event loops: running inspections finish and hand their verdicts to live loops, queued ones
        // are abandoned (their buffers released), so the loops' channels release their bodies as they close.
        inspectionPool.close();
        upstream.close();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        blocking.shutdownNow();
        credentials.close();
        budgets.close();
        enforcement.close();
    }

    /** The agents' budgets ({@code budgets:}, {@code state.redis}). */
    public Budgets budgets() {
        return budgets;
    }

    /** The executor that runs request inspections off the event loops. */
    public InspectionLanes inspectionPool() {
        return inspectionPool;
    }

    /** The process-wide budget for held request bodies. */
    public BodyBudget bodyBudget() {
        return budget;
    }

    public Enforcement enforcement() {
        return enforcement;
    }

    /**
     * Shares the conversation state through the fleet's Redis when conversations are followed: hashed under keys
     * derived from {@code redaction.keyFile} (the key every replica shares; without it replicas cannot recognise
     * each other's hashes, and each keeps its own state). Adds the {@code conversations} readiness detail and the
     * fallback counter.
     */
    private static void shareConversations(SieveConfig config, ConversationTracker conversations,
            dev.sieve.proxy.fleet.FleetConnection fleet, Operations ops) throws java.io.IOException {
        if (!conversations.enabled()) {
            return;
        }
        if (config.redaction().keyFile().isEmpty()) {
            log.warn("fleet state: conversations stay per replica: set redaction.keyFile (the same key on every"
                    + " replica) to share them in Redis {}", fleet.display());
            return;
        }
        byte[] key = dev.sieve.proxy.audit.AuditKeys.load(config.redaction().keyFile().get(), "redaction.keyFile");
        SharedConversations shared = new SharedConversations(fleet, config.conversations().idleExpiry(),
                config.state().redis().orElseThrow().timeout());
        try {
            conversations.share(shared, key);
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
        ops.readiness().detail("conversations", shared::degraded);
        io.micrometer.core.instrument.FunctionCounter.builder(CONVERSATION_FALLBACKS, shared,
                SharedConversations::fallbacks)
                .description("conversation turns and findings placed on this replica's own state because the"
                        + " fleet's Redis did not answer")
                .register(ops.metrics().registry());
        log.info("fleet state: conversation state shared in Redis {}", fleet.display());
    }

    /** {@code sieve_conversation_state_fallbacks_total}. */
    static final String CONVERSATION_FALLBACKS = "sieve.conversation.state.fallbacks";

    /**
     * Every proxied connection takes two file descriptors (agent and upstream): warns when the process may open
     * fewer than proxy.maxConnections needs, as accepting then fails before the cap is reached.
     */
    private static void warnIfTooFewFileDescriptors(int maxConnections) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            long limit = unix.getMaxFileDescriptorCount();
            long needed = 2L * maxConnections + 256;
            if (limit < needed) {
                log.warn("proxy.maxConnections {} needs about {} file descriptors, but the process may open {}:"
                        + " raise the limit (ulimit -n) or lower proxy.maxConnections", maxConnections, needed, limit);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

}
