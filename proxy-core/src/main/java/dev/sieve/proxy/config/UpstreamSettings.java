package dev.sieve.proxy.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code upstream:} section: how Sieve reaches allowed destinations.
 *
 * @param extraCaFiles PEM files trusted in addition to the system trust store; each existed at load
 * @param resolve normalized host to the address to use instead of DNS; the address carries the host name
 * @param pool connection reuse
 * @param http2 whether TLS upstreams are offered h2 (ALPN) besides HTTP/1.1; plain-HTTP upstreams always get HTTP/1.1
 */
public record UpstreamSettings(List<Path> extraCaFiles, Map<String, InetAddress> resolve, PoolSettings pool,
        boolean http2) {
    public UpstreamSettings {
        extraCaFiles = List.copyOf(extraCaFiles);
        resolve = Map.copyOf(resolve);
    }
}
