/**
 * Prometheus metrics of Sieve: {@link dev.sieve.proxy.metrics.SieveMetrics} holds every metric name and the methods
 * the proxy calls; the admin server exposes {@link dev.sieve.proxy.metrics.SieveMetrics#scrape()} at {@code /metrics}.
 */
package dev.sieve.proxy.metrics;
