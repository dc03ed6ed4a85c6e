package dev.sieve.proxy.config;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A host and port to listen on, written {@code host:port} or {@code [ipv6]:port}.
 *
 * @param host an IP literal (IPv6 without brackets) or a host name such as {@code localhost}
 * @param port 0-65535; 0 picks a free port
 */
public record ListenAddress(String host, int port) {

    public ListenAddress {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
        }
    }

    /** A socket address to bind; resolves {@code host} if it is a name. */
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    /** Whether this binds every local address ({@code 0.0.0.0}, {@code ::}). */
    public boolean wildcard() {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }

    /** Where a client on this machine reaches it: the loopback address for a wildcard, else itself. */
    public ListenAddress connectable() {
        return wildcard() ? new ListenAddress("127.0.0.1", port) : this;
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
