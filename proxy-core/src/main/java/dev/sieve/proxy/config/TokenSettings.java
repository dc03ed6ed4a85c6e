package dev.sieve.proxy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The signed-token keys of the {@code auth:} section.
 *
 * @param verificationKeys {@code auth.verificationKeys}: Ed25519 public key PEM files; every one is active
 * @param verificationKeyDir {@code auth.verificationKeyDir}: a directory whose {@code *.pem} / {@code *.pub} files are
 *     active keys too (a mounted Kubernetes Secret)
 * @param clockSkew {@code auth.tokenClockSkew}: how far ahead of Sieve an issuer's clock may be
 * @param maxTtl {@code auth.maxTokenTtl}: the longest token lifetime accepted
 * @param revocationFile {@code auth.revocationFile}: a watched file of {@code token:<id>} / {@code agent:<id>} lines
 * @param revocationStateFile {@code auth.revocationStateFile}: where admin-API revocations persist
 * @param signingKeyFile {@code auth.signingKeyFile}: the private key {@code POST /admin/tokens} issues with
 */
public record TokenSettings(List<Path> verificationKeys, Optional<Path> verificationKeyDir, Duration clockSkew,
        Duration maxTtl, Optional<Path> revocationFile, Path revocationStateFile, Optional<Path> signingKeyFile) {

    public TokenSettings {
        verificationKeys = List.copyOf(verificationKeys);
        Objects.requireNonNull(verificationKeyDir, "verificationKeyDir");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(maxTtl, "maxTtl");
        Objects.requireNonNull(revocationFile, "revocationFile");
        Objects.requireNonNull(revocationStateFile, "revocationStateFile");
        Objects.requireNonNull(signingKeyFile, "signingKeyFile");
    }

    /** The defaults: no keys (signed tokens refused), 30s skew, 24h lifetime, state under {@code dataDir}. */
    public static TokenSettings defaults(Path dataDir) {
        return new TokenSettings(List.of(), Optional.empty(), Duration.ofSeconds(30), Duration.ofHours(24),
                Optional.empty(), dataDir.resolve("revocations.json"), Optional.empty());
    }

    /** True if signed tokens can be verified. */
    public boolean enabled() {
        return !verificationKeys.isEmpty() || verificationKeyDir.isPresent();
    }
}
