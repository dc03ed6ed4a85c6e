package dev.sieve.proxy.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code admin:} section: health, readiness, metrics and control endpoints.
 *
 * <p>The loader guarantees that a listener off loopback has a token file.
 *
 * @param listen where the admin HTTP server listens
 * @param tokenFile file holding the bearer token for the admin API (read at start, never logged)
 */
public record AdminSettings(ListenAddress listen, Optional<Path> tokenFile) {

    public AdminSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(tokenFile, "tokenFile");
    }

    /** A loopback listener without a token file; for tests and embedding. */
    public static AdminSettings loopback(int port) {
        return new AdminSettings(new ListenAddress("127.0.0.1", port), Optional.empty());
    }

    /** True if every endpoint except the probes needs the bearer token: off loopback, or whenever a token file is set. */
    public boolean requiresToken() {
        return tokenFile.isPresent() || !isLoopback(listen.host());
    }

    /** True for {@code localhost} and loopback IP literals; any other name counts as reachable from outside. */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!dev.sieve.certs.HostNames.isIpLiteral(host)) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
