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
 */
public record ProxySettings(
        ListenAddress listen,
        int maxInitialLineBytes,
        int maxHeaderBytes,
        Duration connectTimeout,
        Duration idleTimeout,
        Duration responseTimeout,
        int workerThreads) {}
