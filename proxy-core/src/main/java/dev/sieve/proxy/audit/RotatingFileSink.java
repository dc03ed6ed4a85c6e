package dev.sieve.proxy.audit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Files {@code audit-YYYYMMDD-HHMMSS-NNNNNN.jsonl} (UTC creation time, then a counter that keeps growing
 * across restarts) in one directory, mode 0600 in a 0700 directory. A file is created on its first line, so
 * rotation and idle periods leave no empty files; every run starts a new file and never appends to an old one.
 * Flush hands a batch to the OS; rotation and close fsync the file, so a sealed file is on disk.
 *
 * <p>One writer per directory: the sink holds an exclusive lock on {@code <directory>/.lock} from construction to
 * {@link #close()}, so a second process (an offline {@code sieve audit label} while Sieve runs, a second replica on the
 * same volume) fails to open instead of forking the chain.
 */
final class RotatingFileSink implements AuditSink {
    /** The lock file in the audit directory (not an audit file: readers skip it). */
    static final String LOCK_FILE = ".lock";
    static final Pattern NAME = Pattern.compile("audit-\\d{8}-\\d{6}-(\\d{6,})\\.jsonl");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int BUFFER = 64 * 1024;

    private final Path directory;
    private final long maxBytes;
    private final Duration maxAge;
    private final Clock clock;
    private long counter;
    private FileChannel channel;
    private OutputStream out;
    private long size;
    private Instant openedAt;
    private final FileChannel lockChannel;

    RotatingFileSink(Path directory, long maxBytes, Duration maxAge, Clock clock) throws IOException {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
        this.clock = clock;
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, posix(directory, "rwx------"));
        }
        if (!Files.isWritable(directory)) {
            throw new IOException("audit directory " + directory + ": not writable (expected: a directory Sieve can write)");
        }
        this.lockChannel = FileChannel.open(directory.resolve(LOCK_FILE), Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE), posix(directory.resolve(LOCK_FILE), "rw-------"));
        try {
            // The lock is held for as long as lockChannel stays open.
            FileLock held;
            try {
                held = lockChannel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                held = null;
            }
            if (held == null) {
                throw new IOException("audit directory " + directory + ": in use by another writer (" + LOCK_FILE
                        + " is locked; expected: one writer per directory; while Sieve runs, label through its admin"
                        + " API)");
            }
            this.counter = newest().map(RotatingFileSink::counterOf).orElse(0L);
        } catch (IOException | RuntimeException e) {
            lockChannel.close(); // releases the lock if it was taken
            throw e;
        }
    }

    @Override
    public Optional<byte[]> lastLine() throws IOException {
        Optional<Path> newest = newest();
        return newest.isEmpty() ? Optional.empty() : lastCompleteLine(newest.get());
    }

    @Override
    public boolean rotationDue(Instant now, int lineBytes) {
        return out != null && (size + lineBytes > maxBytes || !now.isBefore(openedAt.plus(maxAge)));
    }

    @Override
    public void write(byte[] line) throws IOException {
        if (out == null) {
            open();
        }
        out.write(line);
        size += line.length;
    }

    @Override
    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    @Override
    public void rotate() throws IOException {
        if (out != null) {
            out.flush();
            channel.force(true);
            out.close();
            out = null;
            channel = null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            rotate();
        } finally {
            lockChannel.close(); // releases the lock; closing twice does nothing
        }
    }

    private void open() throws IOException {
        openedAt = clock.instant();
        counter++;
        Path file = directory.resolve(String.format("audit-%s-%06d.jsonl", STAMP.format(openedAt), counter));
        channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                posix(file, "rw-------"));
        out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
        size = 0;
    }

    private Optional<Path> newest() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .max((a, b) -> Long.compare(counterOf(a), counterOf(b)));
        }
    }

    /** The counter in a rotating file's name; -1 for any other name (0 when it does not fit a long). */
    static long counterOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException tooLong) {
            return 0;
        }
    }

    /** The last newline-terminated line (without its newline); a partial line after it is ignored. */
    static Optional<byte[]> lastCompleteLine(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long window = Math.min(length, 8192);
            while (true) {
                byte[] tail = new byte[(int) window];
                raf.seek(length - window);
                raf.readFully(tail);
                int end = lastIndexOf(tail, tail.length - 1);
                if (end < 0) {
                    if (window == length) {
                        return Optional.empty();
                    }
                } else {
                    int start = lastIndexOf(tail, end - 1);
                    if (start >= 0 || window == length) {
                        return Optional.of(Arrays.copyOfRange(tail, start + 1, end));
                    }
                }
                window = Math.min(length, window * 2);
            }
        }
    }

    private static int lastIndexOf(byte[] bytes, int from) {
        for (int i = from; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** {@code perms} as the attribute of a file created at {@code path}, where the file system has POSIX modes. */
    static FileAttribute<?>[] posix(Path path, String perms) {
        boolean posix = path.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms))}
                : new FileAttribute<?>[0];
    }
}
