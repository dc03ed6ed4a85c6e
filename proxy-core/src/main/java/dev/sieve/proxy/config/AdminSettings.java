package dev.sieve.proxy.config;

/**
 * The {@code admin:} section: health, readiness, metrics and control endpoints.
 *
 * @param listen where the admin HTTP server listens
 */
public record AdminSettings(ListenAddress listen) {}
