package dev.sieve.proxy.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Lines to a stream (standard output for a log shipper). Closing flushes but leaves the stream open. A
 * {@link PrintStream} (as {@code System.out} is) swallows write errors, such as a closed pipe to the log shipper;
 * {@link #flush()} asks it and fails, so that the audit log fails closed instead of losing lines silently.
 */
final class StreamSink implements AuditSink {
    private final OutputStream out;

    StreamSink(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void write(byte[] line) throws IOException {
        out.write(line);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
        if (out instanceof PrintStream print && print.checkError()) {
            throw new IOException("standard output: writing failed (closed, or a broken pipe to the log reader)");
        }
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
