package dev.sieve.proxy.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Signed seals and anchoring ({@code audit.signing.*}, {@code audit.anchors.*}).
 *
 * @param keyFile        the Ed25519 signing key (PKCS#8 PEM); empty means {@code <dataDir>/audit-signing.key},
 *                       created with mode 0600 on first use ({@link #keyFile(Path)})
 * @param anchorInterval a signed chain-head record is written this long after the last seal or head, when records
 *                       were written since (none while idle)
 * @param anchorsFile    where a copy of every seal and head is appended and fsynced (another volume or an
 *                       append-only mount); empty for none
 */
public record AuditSigning(Optional<Path> keyFile, Duration anchorInterval, Optional<Path> anchorsFile) {

    public static final Duration DEFAULT_ANCHOR_INTERVAL = Duration.ofSeconds(60);
    public static final AuditSigning DEFAULTS = new AuditSigning(Optional.empty(), DEFAULT_ANCHOR_INTERVAL,
            Optional.empty());

    public AuditSigning {
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(anchorInterval, "anchorInterval");
        Objects.requireNonNull(anchorsFile, "anchorsFile");
        if (anchorInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("anchorInterval: " + anchorInterval + " (expected: >= PT1S)");
        }
    }

    /** The configured key file, else {@code <dataDir>/audit-signing.key}. */
    public Path keyFile(Path dataDir) {
        return keyFile.orElseGet(() -> dataDir.resolve("audit-signing.key"));
    }
}
