package dev.sieve.proxy.audit;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Where audit lines go. Only the audit log's single writer thread calls a sink, so implementations need no
 * locking. Every sink receives every line, seals included, so each sink holds a verifiable chain.
 *
 * <p>Call order: {@link #lastLine()} once at start; then for each line {@link #rotationDue}, {@link #write};
 * {@link #flush()} after each batch; {@link #rotate()} right after a seal was written; {@link #close()} last.
 */
public interface AuditSink extends AutoCloseable {

    /**
     * The last complete line a previous run left in this sink, so the chain continues across restarts;
     * empty for sinks that keep nothing (stdout).
     */
    default Optional<byte[]> lastLine() throws IOException {
        return Optional.empty();
    }

    /** True when the current segment must be sealed before a line of {@code lineBytes} is written at {@code now}. */
    default boolean rotationDue(Instant now, int lineBytes) {
        return false;
    }

    /** Writes one complete, newline-terminated line. */
    void write(byte[] line) throws IOException;

    /** Ends a batch: hands everything written so far to the operating system. */
    void flush() throws IOException;

    /** Ends the segment whose seal was just written (durably, for files); the next write starts a new one. */
    default void rotate() throws IOException {}

    /** Flushes and releases the sink; called once, after the final seal. */
    @Override
    void close() throws IOException;
}
