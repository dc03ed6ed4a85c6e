package dev.sieve.proxy.config;

import java.time.Duration;

/**
 * The {@code proxy:} section: the agent-facing listener and its limits.
 *
 * @param listen where agents connect ({@code HTTPS_PROXY})
 * @param maxInitialLineBytes longest request line; longer gets 414
 * @param maxHeaderBytes largest header block; larger gets 431
 * @param connectTimeout time to establish an upstream TCP connection
 * @param idleTimeout idle time after which client and upstream connections are closed
 * @param responseTimeout time from the request's last byte to the upstream response headers
 * @param workerThreads event-loop threads; 0 means Netty's default (2 x CPU cores)
 * @param headerTimeout time a request head may take: from a connection's or tunnel's start to the end of its first
 *     request head, and from the first byte of each later request head to its end; then 408 and close
 * @param minBodyBytesPerSecond the slowest a request body may arrive (averaged over {@code minBodyRateGrace})
 * @param minBodyRateGrace how long a body may fall behind {@code minBodyBytesPerSecond} (e.g. stall) before 408
 * @param maxConnections open agent connections at most; more get 503 and are closed
 * @param maxConnectionsPerClient open agent connections per client address at most; more get 503 and are closed
 * @param http2 whether agents are offered h2 (ALPN) inside intercepted tunnels, besides HTTP/1.1
 * @param http2MaxConcurrentStreams open streams an h2 agent connection may have; more are refused (RST_STREAM)
 */
public record ProxySettings(
        ListenAddress listen,
        int maxInitialLineBytes,
        int maxHeaderBytes,
        Duration connectTimeout,
        Duration idleTimeout,
        Duration responseTimeout,
        int workerThreads,
        Duration headerTimeout,
        long minBodyBytesPerSecond,
        Duration minBodyRateGrace,
        int maxConnections,
        int maxConnectionsPerClient,
        boolean http2,
        int http2MaxConcurrentStreams) {}
