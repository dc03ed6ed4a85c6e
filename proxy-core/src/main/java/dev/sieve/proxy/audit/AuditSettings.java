package dev.sieve.proxy.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the audit log is written. At least one sink (a directory, stdout, or both) is required:
 * Sieve does not run without an audit trail.
 *
 * @param directory     directory of rotating {@code audit-*.jsonl} files (created with mode 0700)
 * @param stdout        also write every line to standard output, for a log shipper
 * @param maxFileBytes  a file is sealed before a record and its seal would take it past this size (only a
 *                      single record larger than the limit makes a bigger file, holding just that record)
 * @param maxFileAge    a file is sealed once it is this old (checked on each record and about every second
 *                      while idle)
 * @param queueCapacity records waiting for the writer before {@code overflow} applies
 * @param overflow      what a full queue does to {@link AuditLog#append}
 * @param hmacKeyFile   the HMAC key; empty means {@code <dataDir>/audit.key}, created on first use (see
 *                      {@link #keyFile(Path)} and {@link AuditKeys#loadOrCreate})
 * @param signing       signed seals, chain heads and the anchor file
 */
public record AuditSettings(
        Optional<Path> directory,
        boolean stdout,
        long maxFileBytes,
        Duration maxFileAge,
        int queueCapacity,
        OverflowPolicy overflow,
        Optional<Path> hmacKeyFile,
        AuditSigning signing) {

    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_MAX_FILE_AGE = Duration.ofHours(24);
    public static final int DEFAULT_QUEUE_CAPACITY = 8192;
    static final long MIN_FILE_BYTES = 4096;
    static final int MAX_QUEUE_CAPACITY = 1 << 20;

    public AuditSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(maxFileAge, "maxFileAge");
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(hmacKeyFile, "hmacKeyFile");
        Objects.requireNonNull(signing, "signing");
        if (directory.isEmpty() && !stdout) {
            throw new IllegalArgumentException("audit sinks: none (expected: a directory, stdout, or both)");
        }
        if (maxFileBytes < MIN_FILE_BYTES) {
            throw new IllegalArgumentException("maxFileBytes: " + maxFileBytes + " (expected: >= " + MIN_FILE_BYTES + ")");
        }
        if (maxFileAge.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("maxFileAge: " + maxFileAge + " (expected: >= PT1S)");
        }
        if (queueCapacity < 1 || queueCapacity > MAX_QUEUE_CAPACITY) {
            throw new IllegalArgumentException("queueCapacity: " + queueCapacity + " (expected: 1.." + MAX_QUEUE_CAPACITY + ")");
        }
    }

    /** Settings with the default {@link AuditSigning}. */
    public AuditSettings(Optional<Path> directory, boolean stdout, long maxFileBytes, Duration maxFileAge,
            int queueCapacity, OverflowPolicy overflow, Optional<Path> hmacKeyFile) {
        this(directory, stdout, maxFileBytes, maxFileAge, queueCapacity, overflow, hmacKeyFile, AuditSigning.DEFAULTS);
    }

    /** Files under {@code <dataDir>/audit}, no stdout, default limits, {@link OverflowPolicy#BLOCK}. */
    public static AuditSettings defaults(Path dataDir) {
        return new AuditSettings(Optional.of(dataDir.resolve("audit")), false, DEFAULT_MAX_FILE_BYTES,
                DEFAULT_MAX_FILE_AGE, DEFAULT_QUEUE_CAPACITY, OverflowPolicy.BLOCK, Optional.empty());
    }

    /** The configured key file, else {@code <dataDir>/audit.key} (outside the log directory on purpose). */
    public Path keyFile(Path dataDir) {
        return hmacKeyFile.orElseGet(() -> dataDir.resolve("audit.key"));
    }
}
