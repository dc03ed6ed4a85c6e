package dev.sieve.proxy.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where state shared by a fleet of replicas lives ({@code state:}). Without {@code state.redis.url} everything stays
 * in the process.
 *
 * @param redis the Valkey/Redis server the replicas share, when set
 */
public record StateSettings(Optional<Redis> redis) {

    /** Everything in process. */
    public static final StateSettings LOCAL = new StateSettings(Optional.empty());

    public StateSettings {
        Objects.requireNonNull(redis, "redis");
    }

    /**
     * A Valkey/Redis server.
     *
     * @param url          {@code redis://host:port[/db]} or {@code rediss://} (TLS); a user name may be given, a
     *                     password never (it would reach logs): it comes from {@code passwordFile}
     * @param passwordFile a file holding the password (a Kubernetes Secret mounted as a file)
     * @param caFile       PEM CA certificates to trust for the server's certificate ({@code rediss://}) instead of the
     *                     system trust
     * @param timeout      the longest one command may take before the budgets fall back to per-replica limits
     * @param leaseTtl     how long a replica's connection lease lives unless renewed: a dead replica's connections
     *                     stop counting after this
     */
    public record Redis(URI url, Optional<Path> passwordFile, Optional<Path> caFile, Duration timeout,
            Duration leaseTtl) {
        public Redis {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(passwordFile, "passwordFile");
            Objects.requireNonNull(caFile, "caFile");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(leaseTtl, "leaseTtl");
        }

        /** The URL as logs may show it (it never holds a password). */
        public String display() {
            return url.toString();
        }
    }
}
