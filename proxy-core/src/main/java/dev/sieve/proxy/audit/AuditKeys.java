package dev.sieve.proxy.audit;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The audit HMAC key file: raw bytes, at least {@value #MIN_KEY_BYTES} of them. A created key is 32 bytes from
 * {@link SecureRandom}, written with mode 0600 where the file system supports POSIX permissions. Keys are
 * never logged and never appear in exception messages.
 *
 * <p>Tamper evidence is only as good as the key's secrecy: whoever can read the key can forge records. Keep it
 * readable by the proxy's user only, and out of reach of whoever can write the log directory.
 */
public final class AuditKeys {

    public static final int MIN_KEY_BYTES = 32;
    static final int MAX_KEY_BYTES = 1024;

    private AuditKeys() {}

    /** Reads the key in {@code file}. */
    public static byte[] load(Path file) throws IOException {
        return load(file, "audit key file", "the key the audit log was written with");
    }

    /** Reads the key in {@code file}; {@code what} names it in errors (e.g. {@code redaction.keyFile}). */
    public static byte[] load(Path file, String what) throws IOException {
        return load(file, what, "a file of " + MIN_KEY_BYTES + ".." + MAX_KEY_BYTES + " raw bytes");
    }

    private static byte[] load(Path file, String what, String expected) throws IOException {
        byte[] key;
        try {
            if (Files.size(file) > MAX_KEY_BYTES) {
                throw new IOException(what + " " + file + ": " + Files.size(file) + " bytes (expected: "
                        + MIN_KEY_BYTES + ".." + MAX_KEY_BYTES + " raw bytes)");
            }
            key = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null,
                    what + " does not exist (expected: " + expected + ")");
        }
        if (key.length < MIN_KEY_BYTES) {
            Arrays.fill(key, (byte) 0);
            throw new IOException(what + " " + file + ": " + key.length + " bytes (expected: at least "
                    + MIN_KEY_BYTES + " raw bytes, e.g. head -c 32 /dev/urandom)");
        }
        return key;
    }

    /** Reads the key in {@code file}, first creating it (and its directory) with a fresh random key if absent. */
    public static byte[] loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                Files.write(Files.createFile(file, ownerOnly(file)), key, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException raced) {
                // Another process created it first: use theirs.
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
        return load(file);
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        boolean posix = file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }
}
