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
 * The one exception is {@link #stopWaiting()}, which the thread closing the log calls, at any point of that order.
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

    /**
     * The audit log is closing: from now on a sink whose queue is full must not hold the writer waiting for room (a
     * receiver that is down would keep Sieve from writing its final records and seal, and from stopping); a line that
     * finds no room is counted as unsent and logged instead. Called by the closing thread while the writer may be
     * inside {@link #write}, so implementations must be thread-safe. Does nothing for sinks that never wait.
     */
    default void stopWaiting() {}

    /** Flushes and releases the sink; called once, after the final seal. */
    @Override
    void close() throws IOException;
}
