package dev.sieve.proxy.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The anchor file ({@code audit.anchors.file}): receives only signed seals and chain heads (the chain writer's
 * anchor sinks), appends each and fsyncs it before the writer goes on, so an anchor is on disk once written. Meant
 * for another volume or an append-only mount: {@code sieve audit verify --anchors} then detects deleted or truncated
 * audit files up to the last anchor. The file is created with mode 0600 and never truncated.
 */
final class AnchorFileSink implements AuditSink {
    private final Path file;
    private FileChannel channel;

    AnchorFileSink(Path file) throws IOException {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException("audit.anchors.file " + file + ": its directory does not exist (expected: an"
                    + " existing directory, ideally on another volume)");
        }
        // The mode applies only when CREATE makes the file.
        channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE), RotatingFileSink.posix(file, "rw-------"));
    }

    @Override
    public void write(byte[] line) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
    }

    @Override
    public void flush() {
        // every write is already on disk
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    @Override
    public String toString() {
        return "anchor file " + file;
    }
}
