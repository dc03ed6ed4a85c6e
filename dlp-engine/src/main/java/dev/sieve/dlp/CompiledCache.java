package dev.sieve.dlp;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled Hyperscan databases kept in a directory between runs, so that a start or reload with rules compiled
 * before skips the compile (seconds for the full pack) and reads the database instead (milliseconds).
 *
 * <p>An entry is one file, {@code <key>.hsdb}, named by the SHA-256 of everything the compile consumed (see
 * {@link HyperscanEngine}): the expressions with their ids and flags, Hyperscan's version, the CPU features and
 * Sieve's engine layout. Its content ({@link CacheFile}) repeats the key and ends with a SHA-256 checksum; a file
 * that is truncated, corrupt, of another format or stored under another key is ignored (logged at WARN, naming the
 * file and what is wrong, never any pattern) and replaced by the next compile. Files are written to a temporary
 * file and moved into place atomically, readable and writable by their owner only, in a directory only the owner
 * can enter when Sieve creates it. After each write the directory keeps the {@code maxEntries} most recently used
 * entries and deletes the others (a hit marks its entry used).
 *
 * <p>A directory that cannot be created or written costs nothing but the compile: the rules still load, and the
 * first failure is logged once at WARN.
 *
 * <p>Trust: an entry decides what the proxy detects, so the directory must be as private as the rest of Sieve's
 * data directory (the CA key lives there too). The checksum detects damage, not a writer who can also fix the
 * checksum.
 */
public final class CompiledCache {

    /** Entries kept by {@link #in(Path)}: the rules in force plus a few recent ones (e.g. to switch back). */
    public static final int DEFAULT_MAX_ENTRIES = 4;
    static final String SUFFIX = ".hsdb";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int ENTRY_NAME_LENGTH = CacheFile.KEY_BYTES * 2 + SUFFIX.length();
    /** Far above any rule set's database (the full pack's is a few MiB); a larger file is not read. */
    private static final long MAX_FILE_BYTES = 256L * 1024 * 1024;
    /** A temporary file older than this was left by a process that died while writing it. */
    private static final Duration STALE_TEMP = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(CompiledCache.class);
    private static final CompiledCache NONE = new CompiledCache(null, 0);

    private final Path directory;
    private final int maxEntries;
    private final AtomicBoolean warnedUnwritable = new AtomicBoolean();

    private CompiledCache(Path directory, int maxEntries) {
        this.directory = directory;
        this.maxEntries = maxEntries;
    }

    /** No cache: every rule set is compiled. */
    public static CompiledCache none() {
        return NONE;
    }

    /** A cache in {@code directory} (created on first write) keeping {@link #DEFAULT_MAX_ENTRIES} entries. */
    public static CompiledCache in(Path directory) {
        return in(directory, DEFAULT_MAX_ENTRIES);
    }

    /**
     * A cache in {@code directory} (created on first write) keeping the {@code maxEntries} most recently used entries.
     *
     * @throws IllegalArgumentException if {@code maxEntries} is below 1
     */
    public static CompiledCache in(Path directory, int maxEntries) {
        Objects.requireNonNull(directory, "directory");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: at least 1)");
        }
        return new CompiledCache(directory.toAbsolutePath().normalize(), maxEntries);
    }

    /** The directory, or empty for {@link #none()}. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** The file of the entry stored under {@code key} (for {@link #none()}: unused). */
    Path file(byte[] key) {
        return directory.resolve(HexFormat.of().formatHex(key) + SUFFIX);
    }

    /**
     * The verified payload stored under {@code key}, or empty: no cache, no entry, or an entry that is unreadable or
     * fails verification (logged; the caller compiles and {@link #store}s over it).
     */
    Optional<byte[]> load(byte[] key) {
        if (directory == null || !Files.isDirectory(directory)) {
            return Optional.empty(); // nothing stored yet; if it cannot be created, store says so once
        }
        Path file = file(key);
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                LOG.warn("compiled cache: ignoring {}: {} bytes (expected: at most {}); compiling and replacing it",
                        file, size, MAX_FILE_BYTES);
                return Optional.empty();
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            LOG.warn("compiled cache: cannot read {} ({}); compiling", file, e.getClass().getSimpleName());
            return Optional.empty();
        }
        try {
            byte[] payload = CacheFile.decode(bytes, key);
            markUsed(file);
            return Optional.of(payload);
        } catch (CacheFile.Invalid e) {
            LOG.warn("compiled cache: ignoring {}: {}; compiling and replacing it", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** An entry passed verification but its payload could not be used ({@code reason}: a fixed text, no content). */
    void unusable(byte[] key, String reason) {
        LOG.warn("compiled cache: ignoring {}: {}; compiling and replacing it", file(key), reason);
    }

    /**
     * Stores {@code payload} under {@code key}, atomically, then bounds the directory. Never throws: a failure to
     * write is logged once (at WARN) per cache.
     */
    void store(byte[] key, byte[] payload) {
        if (directory == null) {
            return;
        }
        Path file = file(key);
        try {
            createDirectory();
            Path temp = Files.createTempFile(directory, "." + file.getFileName(), TEMP_SUFFIX, ownerOnly(false));
            try {
                Files.write(temp, CacheFile.encode(key, payload));
                // No fsync: a file cut short by a crash fails its checksum and is compiled again.
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            if (warnedUnwritable.compareAndSet(false, true)) {
                LOG.warn("compiled cache: cannot write to {} ({}: {}); rules are compiled at every start until it is"
                        + " writable, or set rules.compiledCache.enabled: false", directory,
                        e.getClass().getSimpleName(), e.getMessage());
            }
            return;
        }
        prune(file);
    }

    private void createDirectory() throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, ownerOnly(true));
        }
    }

    /** rwx------ for a directory, rw------- for a file, where the file system has POSIX permissions. */
    private static FileAttribute<?>[] ownerOnly(boolean dir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(dir ? "rwx------" : "rw-------"))};
    }

    private static void markUsed(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException | SecurityException e) {
            // A read-only cache still serves hits; it only cannot say which entry was used last.
        }
    }

    /**
     * Keeps {@code kept} and the most recently used other entries up to {@link #maxEntries}; deletes the rest, and
     * temporary files left by a writer that died. Only files this class names are touched.
     */
    private void prune(Path kept) {
        List<Path> entries = new ArrayList<>();
        Instant staleBefore = Instant.now().minus(STALE_TEMP);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (isEntryName(name) && !f.equals(kept)) {
                    entries.add(f);
                } else if (isTempName(name) && modified(f).toInstant().isBefore(staleBefore)) {
                    Files.deleteIfExists(f);
                }
            }
            entries.sort((a, b) -> modified(b).compareTo(modified(a)));
            for (int k = maxEntries - 1; k < entries.size(); k++) {
                Files.deleteIfExists(entries.get(k));
            }
        } catch (IOException | SecurityException e) {
            LOG.debug("compiled cache: could not prune {} ({})", directory, e.getClass().getSimpleName());
        }
    }

    /** {@code .<entry name><random>.tmp}, as {@link #store} names its temporary files. */
    private static boolean isTempName(String name) {
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX) && name.length() > ENTRY_NAME_LENGTH + 1
                && isEntryName(name.substring(1, 1 + ENTRY_NAME_LENGTH));
    }

    private static boolean isEntryName(String name) {
        if (!name.endsWith(SUFFIX) || name.length() != ENTRY_NAME_LENGTH) {
            return false;
        }
        for (int k = 0; k < CacheFile.KEY_BYTES * 2; k++) {
            if (Character.digit(name.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException | SecurityException e) {
            return FileTime.fromMillis(0);
        }
    }

    @Override
    public String toString() {
        return directory == null ? "none" : directory.toString();
    }
}
