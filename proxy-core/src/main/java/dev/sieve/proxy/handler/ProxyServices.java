package dev.sieve.proxy.handler;

import dev.sieve.proxy.decision.DecisionRecorder;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.policy.AgentAuthenticator;
import dev.sieve.proxy.tls.ServerTls;
import dev.sieve.proxy.upstream.UpstreamConnector;
import io.netty.channel.socket.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Everything the handlers share, built once at start-up: immutable settings and thread-safe
 * collaborators. Handlers receive it as a constructor argument.
 *
 * @param blocking executor for blocking work (DNS); never an event loop
 */
public record ProxyServices(
        Limits limits,
        Router router,
        AgentAuthenticator authenticator,
        ServerTls serverTls,
        UpstreamConnector upstream,
        Class<? extends SocketChannel> channelClass,
        RequestInspector inspector,
        DecisionRecorder recorder,
        BodyBudget budget,
        Executor blocking) {

    /** Per-connection and per-request limits. */
    public record Limits(int maxInitialLineBytes, int maxHeaderBytes, long maxBodyBytes, Duration connectTimeout,
            Duration idleTimeout, Duration responseTimeout) {}
}
