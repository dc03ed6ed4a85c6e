package dev.sieve.proxy.route;

import java.net.InetAddress;

/**
 * A checked destination: the policy allowed {@code host:port} and the address was resolved and
 * checked. The proxy connects to exactly {@code address}; nothing resolves the name again.
 */
public record Target(String host, int port, InetAddress address, boolean tls) {
    public String authority() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
