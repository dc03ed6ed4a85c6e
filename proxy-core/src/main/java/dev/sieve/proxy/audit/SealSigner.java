package dev.sieve.proxy.audit;

import dev.sieve.proxy.auth.Ed25519Keys;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;

/**
 * The Ed25519 key that signs seals and chain heads ({@link AuditFormat}), so that whoever holds only the public key
 * can verify the audit trail. The key file is a PKCS#8 PEM private key, the format {@code sieve token keygen} and
 * {@code openssl genpkey -algorithm ed25519} write ({@link Ed25519Keys} reads it). A created key file has mode 0600.
 * The private key never appears in logs or exception messages. Not thread-safe: the audit writer thread owns it.
 */
public final class SealSigner {
    /** Characters of a {@link Ed25519Keys#keyId} (8 bytes, base64url). */
    static final int KEY_ID_CHARS = 11;
    /** Characters of a base64url Ed25519 signature without padding (64 bytes). */
    static final int SIG_CHARS = 86;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Signature signature;
    private final PublicKey publicKey;
    private final String keyId;

    private SealSigner(PrivateKey key) {
        this.publicKey = Ed25519Keys.publicKey(key);
        this.keyId = Ed25519Keys.keyId(publicKey);
        try {
            signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every JDK 15+", e);
        }
    }

    /** A signer for {@code key} (an Ed25519 private key). */
    public static SealSigner of(PrivateKey key) {
        return new SealSigner(Objects.requireNonNull(key, "key"));
    }

    /**
     * Reads the key in {@code file}.
     *
     * @throws IllegalArgumentException {@code audit.signing.keyFile <file>: ... (expected: ...)}, never the content
     */
    public static SealSigner load(Path file) throws IOException {
        try {
            return of(Ed25519Keys.readPrivate(file));
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
            KeyPair pair = Ed25519Keys.generate();
            try {
                Ed25519Keys.writePrivate(file, pair.getPrivate());
            } catch (FileAlreadyExistsException raced) {
                // Another process created it first: use theirs.
            }
        }
        return load(file);
    }

    /** The public key verifiers need ({@code sieve audit pubkey} prints it). */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The key's id, written as {@code sigKeyId}. */
    public String keyId() {
        return keyId;
    }

    /** The signature of {@code message}, base64url without padding. */
    String sign(byte[] message) {
        try {
            signature.update(message);
            return B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** True when {@code sig} (base64url) is {@code publicKey}'s signature of {@code message}. */
    static boolean verifies(PublicKey publicKey, byte[] message, String sig) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey);
            s.update(message);
            return s.verify(raw);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every JDK 15+", e);
        }
    }
}
