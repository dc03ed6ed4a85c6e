package dev.sieve.proxy.auth;

import dev.sieve.proxy.audit.SealSigner;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;

/**
 * The audit seal signing key file ({@code audit.signing.keyFile}): an Ed25519 private key in PKCS#8 PEM, the format
 * {@code sieve token keygen} and {@code openssl genpkey -algorithm ed25519} write, read by {@link Ed25519Keys}. A
 * created key file has mode 0600. Errors name the file, never its content.
 */
public final class AuditSigningKeys {
    private AuditSigningKeys() {}

    /** A signer for {@code key}. */
    public static SealSigner signer(PrivateKey key) {
        return SealSigner.of(key, Ed25519Keys.publicKey(key));
    }

    /**
     * Reads the key in {@code file}.
     *
     * @throws IllegalArgumentException {@code <file>: not an Ed25519 private key (expected: ...)}
     */
    public static SealSigner load(Path file) throws IOException {
        try {
            return signer(Ed25519Keys.readPrivate(file));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "audit signing key does not exist (expected: an"
                    + " Ed25519 private key in PKCS#8 PEM, e.g. openssl genpkey -algorithm ed25519)");
        }
    }

    /** Reads the key in {@code file}, first creating it (and its directory) with a new key (mode 0600) if absent. */
    public static SealSigner loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Ed25519Keys.writePrivate(file, Ed25519Keys.generate().getPrivate());
            } catch (FileAlreadyExistsException raced) {
                // Another process created it first: use theirs.
            }
        }
        return load(file);
    }
}
