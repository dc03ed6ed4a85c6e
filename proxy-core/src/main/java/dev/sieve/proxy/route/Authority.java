package dev.sieve.proxy.route;

import dev.sieve.certs.HostNames;

/**
 * A parsed {@code host[:port]} (CONNECT target, Host header, URI authority), host normalized.
 * Parsing never throws: invalid input yields {@code null}.
 */
public record Authority(String host, int port) {

    /** Parses {@code host:port}, {@code [v6]:port} or {@code host} (then {@code defaultPort}; -1 = port required). */
    public static Authority parse(String value, int defaultPort) {
        if (value == null || value.isEmpty() || value.length() > 300) {
            return null;
        }
        String host;
        String portText = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return null;
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = value.lastIndexOf(':');
            if (colon >= 0 && value.indexOf(':') != colon) {
                return null; // bare IPv6 without brackets is ambiguous
            }
            host = colon >= 0 ? value.substring(0, colon) : value;
            portText = colon >= 0 ? value.substring(colon + 1) : null;
        }
        int port = defaultPort;
        if (portText != null) {
            port = parsePort(portText);
        }
        if (port < 1 || port > 65535) {
            return null;
        }
        try {
            return new Authority(HostNames.normalize(host), port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int parsePort(String text) {
        if (text.isEmpty() || text.length() > 5) {
            return -1;
        }
        int port = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return port;
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
