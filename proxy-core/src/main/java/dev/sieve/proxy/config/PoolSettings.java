package dev.sieve.proxy.config;

import java.time.Duration;

/**
 * The {@code upstream.pool:} section: reuse of upstream connections.
 *
 * @param maxIdlePerHost idle connections kept per destination (host:port and address), over all event-loop
 *                       threads; 0 disables pooling
 * @param idleTimeout how long an idle pooled connection is kept
 */
public record PoolSettings(int maxIdlePerHost, Duration idleTimeout) {}
