package dev.sieve.proxy.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** The built-in sinks. */
public final class AuditSinks {
    private AuditSinks() {}

    /**
     * Rotating files in {@code directory} (created with mode 0700 if absent; must be writable). A file is sealed
     * before a line would take it past {@code maxFileBytes}, or once it is {@code maxFileAge} old.
     */
    public static AuditSink rotatingFiles(Path directory, long maxFileBytes, Duration maxFileAge, Clock clock)
            throws IOException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(maxFileAge, "maxFileAge");
        Objects.requireNonNull(clock, "clock");
        return new RotatingFileSink(directory, maxFileBytes, maxFileAge, clock);
    }

    /**
     * An anchor file: appends and fsyncs every line it gets (the chain writer gives anchor sinks only signed seals
     * and chain heads); created with mode 0600 if absent, never truncated. Its directory must exist.
     */
    public static AuditSink anchorFile(Path file) throws IOException {
        return new AnchorFileSink(Objects.requireNonNull(file, "file"));
    }

    /** Every line to {@code out} (e.g. {@code System.out} for a log shipper); close flushes, never closes it. */
    public static AuditSink stream(OutputStream out) {
        return new StreamSink(out);
    }
}
