package dev.sieve.proxy.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/** Lines to a stream (standard output for a log shipper). Closing flushes but leaves the stream open. */
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
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
