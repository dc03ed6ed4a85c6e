package dev.sieve.proxy.admin;

import dev.sieve.proxy.config.AdminSettings;
import dev.sieve.proxy.config.ListenException;
import dev.sieve.proxy.control.KillSwitch;
import dev.sieve.proxy.control.RuleControl;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP/1.1 server: probes, Prometheus metrics, rule status and reload, kill switch.
 *
 * <pre>
 * GET    /healthz                    200 "ok" while the process serves
 * GET    /readyz                     200 {"status":"ready"}, or 503 {"status":"not_ready","reasons":[...]}
 * GET    /metrics                    Prometheus text format
 * GET    /admin/rules                rule set version, engine, ids, last reload error and reason, where the rules come
 *                                    from, what rules.disable / rules.overrides switched off or changed
 * POST   /admin/rules/reload         reload now; 200 {"result":"reloaded"|"unchanged"} with the status, or 422 with
 *                                    the error and its reason (last good set kept)
 * GET    /admin/killswitch           kill-switch state (admin and fleet-file scopes)
 * POST   /admin/killswitch[?agent=]  engage for everything, or one agent
 * POST   /admin/killswitch?token=    engage for one signed token (by token id)
 * DELETE /admin/killswitch[?agent=]  release the global scope only, or one agent (or ?token=, one token)
 * GET    /admin/revocations          the revocation list (admin and watched-file sources)
 * POST   /admin/revocations?token=|?agent=    revoke a token (by id) or every credential of an agent
 * DELETE /admin/revocations?token=|?agent=    lift an admin revocation
 * POST   /admin/tokens               issue a token (JSON body: agent, ttl, allow, budget, mode) when
 *                                    auth.signingKeyFile is set; 404 otherwise
 * POST   /admin/audit/labels         label an audited decision (JSON body: requestId, label false-positive|confirmed,
 *                                    note); 201 with the label as written to the chain, actor admin@&lt;address&gt;
 * </pre>
 * Every action that changes state (kill switch, revocations, rule reload, token issuance) is written to the audit
 * chain as an {@link dev.sieve.proxy.audit.AdminAuditRecord} naming the caller ({@code admin@<address>}, or {@code <subject>@<address>} for a signed admin token).
 * Every endpoint but the two probes needs {@code Authorization: Bearer <token>} whenever
 * {@link AdminSettings#requiresToken()}; without it the answer is 401 with {@code WWW-Authenticate}. Errors use the
 * model-API JSON shape ({@code {"type":"error","error":{"type":"...","message":"..."}}}).
 *
 * <p>Pipeline: {@code HttpServerCodec -> HttpServerKeepAliveHandler -> HttpObjectAggregator(64KiB) -> AdminHandler};
 * the handler runs on a small executor of its own, so a slow rule reload never stalls the I/O loop or the probes
 * of other connections.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final int READ_TIMEOUT_SECONDS = 60;

    /**
     * What the endpoints serve.
     *
     * @param notReadyReasons why the proxy is not ready (CA, rules, audit); empty when ready
     * @param metrics the Prometheus text exposition
     * @param rules rule status and reload
     * @param killSwitch the kill switch
     * @param tokens revocations, token issuance and the audit of admin actions
     * @param readinessDetails what /readyz reports besides, without making the proxy unready (degraded parts, such
     *     as budgets on per-replica limits while Redis is out)
     */
    public record Endpoints(Supplier<List<String>> notReadyReasons, Supplier<String> metrics, RuleControl rules,
            KillSwitch killSwitch, TokenAdmin tokens, Supplier<List<String>> readinessDetails) {

        public Endpoints {
            Objects.requireNonNull(notReadyReasons, "notReadyReasons");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(killSwitch, "killSwitch");
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(readinessDetails, "readinessDetails");
        }

        /** Without readiness details. */
        public Endpoints(Supplier<List<String>> notReadyReasons, Supplier<String> metrics, RuleControl rules,
                KillSwitch killSwitch, TokenAdmin tokens) {
            this(notReadyReasons, metrics, rules, killSwitch, tokens, List::of);
        }

        /** Without readiness details, revocations, issuance or admin audit records (tests of the other endpoints). */
        public Endpoints(Supplier<List<String>> notReadyReasons, Supplier<String> metrics, RuleControl rules,
                KillSwitch killSwitch) {
            this(notReadyReasons, metrics, rules, killSwitch, TokenAdmin.NONE, List::of);
        }
    }

    private final EventLoopGroup group;
    private final EventExecutorGroup handlers;
    private final Channel listener;

    private AdminServer(EventLoopGroup group, EventExecutorGroup handlers, Channel listener) {
        this.group = group;
        this.handlers = handlers;
        this.listener = listener;
    }

    /**
     * Binds {@code settings.listen()} and serves {@code endpoints}.
     *
     * @param token the bearer token; required when {@code settings.requiresToken()}
     * @throws IllegalArgumentException if a token is required but absent
     * @throws InterruptedException if interrupted while binding
     * @throws ListenException if {@code admin.listen} cannot be bound (names the key, the address and why)
     */
    public static AdminServer start(AdminSettings settings, Optional<AdminToken> token, Endpoints endpoints)
            throws InterruptedException, ListenException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(endpoints, "endpoints");
        if (settings.requiresToken() && token.isEmpty()) {
            throw new IllegalArgumentException("admin.tokenFile: null (expected: a bearer token file, required because"
                    + " admin.listen \"" + settings.listen() + "\" is not a loopback address)");
        }
        Optional<AdminToken> required = settings.requiresToken() ? token : Optional.empty();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventExecutorGroup handlers = new DefaultEventExecutorGroup(2);
        Channel listener;
        try {
            listener = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                                    .addLast(new HttpServerCodec())
                                    .addLast(new HttpServerKeepAliveHandler())
                                    .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                    .addLast(handlers, new AdminHandler(endpoints, required));
                        }
                    })
                    .bind(settings.listen().toSocketAddress()).sync().channel();
        } catch (InterruptedException e) {
            shutdown(group, handlers);
            throw e;
        } catch (Exception e) { // sync() rethrows the bind error (a checked BindException) as it is
            shutdown(group, handlers);
            throw ListenException.of("admin.listen", settings.listen(), e);
        }
        log.info("Sieve admin listening on {} (bearer token {})", listener.localAddress(),
                required.isPresent() ? "required" : "not required: loopback");
        return new AdminServer(group, handlers, listener);
    }

    private static void shutdown(EventLoopGroup group, EventExecutorGroup handlers) {
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        handlers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
    }

    /** The bound address (the actual port when the configured one is 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        handlers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
