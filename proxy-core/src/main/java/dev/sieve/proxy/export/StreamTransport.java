package dev.sieve.proxy.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/** One message a line to a stream (standard output); a {@link PrintStream}'s swallowed error becomes a failure. */
final class StreamTransport implements Transport {
    private final OutputStream out;

    StreamTransport(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void send(List<ExportMessage> messages) throws IOException {
        // One write for the batch: another thread writing to the same stream (audit.stdout, logs) cannot
        // split a message.
        java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream();
        for (ExportMessage m : messages) {
            batch.writeBytes(m.json());
            batch.write('\n');
        }
        out.write(batch.toByteArray());
        out.flush();
        if (out instanceof PrintStream print && print.checkError()) {
            throw new IOException("standard output: writing failed (closed, or a broken pipe to the log reader)");
        }
    }

    @Override
    public boolean connected() {
        return true;
    }

    @Override
    public void close() {
        // standard output stays open
    }
}
