package dev.sieve.proxy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code redaction:} section: the key of the stable placeholders and the optional restore of placeholders in
 * responses.
 *
 * @param keyFile            file with the placeholder key (at least 32 raw bytes), shared by every replica; empty:
 *                           a random key of this process (placeholders then differ across replicas and restarts,
 *                           and Sieve says so at start)
 * @param restoreInResponses replace placeholders that come back in a response by the original value, for the agent
 *                           that sent it
 * @param restoreMaxBytes    the most memory the encrypted originals take, all agents together
 * @param restoreTtl         how long an original is kept after the last request that redacted it
 */
public record RedactionSettings(Optional<Path> keyFile, boolean restoreInResponses, long restoreMaxBytes,
        Duration restoreTtl) {

    public static final RedactionSettings DEFAULTS = new RedactionSettings(Optional.empty(), false, 16L << 20,
            Duration.ofHours(1));

    public RedactionSettings {
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(restoreTtl, "restoreTtl");
    }
}
