package dev.sieve.proxy.handler;

import dev.sieve.proxy.inspect.InspectionLanes;
import dev.sieve.proxy.decision.DecisionRecorder;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.auth.AgentAuthenticator;
import dev.sieve.proxy.route.Router;
import dev.sieve.proxy.tls.ServerTls;
import dev.sieve.proxy.upstream.UpstreamPool;
import io.netty.channel.socket.SocketChannel;
import java.time.Duration;
import dev.sieve.proxy.control.ConnectionRegistry;
import dev.sieve.proxy.metrics.SieveMetrics;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Everything the handlers share, built once at start-up: immutable settings and thread-safe
 * collaborators. Handlers receive it as a constructor argument.
 *
 * @param maxBodyBytes  the body limit for a destination host
 * @param killSwitched  whether the kill switch stops an agent id
 * @param connections   open agent connections by agent id (the kill switch closes them)
 * @param blocking      executor for blocking work (DNS); never an event loop
 * @param connectionLimiter the caps on open agent connections, in all and per client address
 * @param explainInTunnel   {@code refusals.explainInTunnel}: CONNECT refusals that {@link TunnelExplanation} allows
 *                          are answered inside the tunnel
 * @param webSockets    limits on inspected WebSocket messages ({@code inspection.websocket})
 * @param inspectionPool    runs request inspections off the event loops, in a lane by body size
 * @param inspectionWait    {@code inspection.queueWait}: the longest a request waits for room in a saturated
 *                          {@code inspectionPool} before 503
 * @param credentials   puts real credentials into intercepted requests in place of the agent's placeholder
 * @param budgets       the agents' budgets ({@code budgets:}): requests per minute, upload bytes, open connections
 */
public record ProxyServices(
        Limits limits,
        Router router,
        AgentAuthenticator authenticator,
        ServerTls serverTls,
        UpstreamPool upstream,
        Class<? extends SocketChannel> channelClass,
        RequestInspector inspector,
        DecisionRecorder recorder,
        BodyBudget budget,
        ToLongFunction<String> maxBodyBytes,
        Predicate<String> killSwitched,
        ConnectionRegistry connections,
        SieveMetrics metrics,
        Executor blocking,
        ConnectionLimiter connectionLimiter,
        boolean explainInTunnel,
        dev.sieve.proxy.config.WebSocketSettings webSockets,
        InspectionLanes inspectionPool,
        Duration inspectionWait,
        dev.sieve.proxy.credentials.CredentialInjector credentials,
        dev.sieve.proxy.budget.Budgets budgets) {

    /** Services without credential injection or budgets. */
    public ProxyServices(Limits limits, Router router, AgentAuthenticator authenticator, ServerTls serverTls,
            UpstreamPool upstream, Class<? extends SocketChannel> channelClass, RequestInspector inspector,
            DecisionRecorder recorder, BodyBudget budget, ToLongFunction<String> maxBodyBytes,
            Predicate<String> killSwitched, ConnectionRegistry connections, SieveMetrics metrics, Executor blocking,
            ConnectionLimiter connectionLimiter, boolean explainInTunnel,
            dev.sieve.proxy.config.WebSocketSettings webSockets, InspectionLanes inspectionPool,
            Duration inspectionWait) {
        this(limits, router, authenticator, serverTls, upstream, channelClass, inspector, recorder, budget,
                maxBodyBytes, killSwitched, connections, metrics, blocking, connectionLimiter, explainInTunnel,
                webSockets, inspectionPool, inspectionWait, dev.sieve.proxy.credentials.CredentialInjector.NONE,
                dev.sieve.proxy.budget.Budgets.off());
    }

    /**
     * Per-connection and per-request limits.
     *
     * @param headerTimeout         the longest a request head may take ({@link HeaderDeadline})
     * @param minBodyBytesPerSecond the slowest a request body may arrive ({@link BodyRate})...
     * @param minBodyRateGrace      ...averaged over this long
     * @param budgetWait            the longest a request waits for room in the {@link BodyBudget}
     * @param http2MaxConcurrentStreams the open streams an h2 agent connection may have ({@link Http2Frontend})
     */
    public record Limits(int maxInitialLineBytes, int maxHeaderBytes, Duration connectTimeout,
            Duration idleTimeout, Duration responseTimeout, Duration headerTimeout, long minBodyBytesPerSecond,
            Duration minBodyRateGrace, Duration budgetWait, int http2MaxConcurrentStreams) {

        /** Limits with the default {@code proxy.http2MaxConcurrentStreams}. */
        public Limits(int maxInitialLineBytes, int maxHeaderBytes, Duration connectTimeout,
                Duration idleTimeout, Duration responseTimeout, Duration headerTimeout, long minBodyBytesPerSecond,
                Duration minBodyRateGrace, Duration budgetWait) {
            this(maxInitialLineBytes, maxHeaderBytes, connectTimeout, idleTimeout, responseTimeout, headerTimeout,
                    minBodyBytesPerSecond, minBodyRateGrace, budgetWait, DEFAULT_HTTP2_MAX_CONCURRENT_STREAMS);
        }
    }

    /** The default of {@code proxy.http2MaxConcurrentStreams}. */
    public static final int DEFAULT_HTTP2_MAX_CONCURRENT_STREAMS = 100;
}
