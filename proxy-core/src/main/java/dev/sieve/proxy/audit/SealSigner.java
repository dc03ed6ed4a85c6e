package dev.sieve.proxy.audit;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The Ed25519 key that signs seals and chain heads ({@link AuditFormat}), so that whoever holds only the public key
 * can verify the audit trail. {@code dev.sieve.proxy.auth.AuditSigningKeys} loads or creates it from its key file.
 * The private key never appears in logs or exception messages. Not thread-safe: the audit writer thread owns it.
 */
public final class SealSigner {
    /** Characters of a {@link #keyId(PublicKey)} (8 bytes, base64url). */
    static final int KEY_ID_CHARS = 11;
    /** Characters of a base64url Ed25519 signature without padding (64 bytes). */
    static final int SIG_CHARS = 86;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Signature signature;
    private final PublicKey publicKey;
    private final String keyId;

    private SealSigner(PrivateKey key, PublicKey publicKey) {
        this.publicKey = publicKey;
        this.keyId = keyId(publicKey);
        try {
            signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing key rejected (expected: an Ed25519 private key)", e);
        }
    }

    /** A signer for {@code key}, an Ed25519 private key whose public half is {@code publicKey}. */
    public static SealSigner of(PrivateKey key, PublicKey publicKey) {
        return new SealSigner(Objects.requireNonNull(key, "key"), Objects.requireNonNull(publicKey, "publicKey"));
    }

    /**
     * A public key's id, written as {@code sigKeyId}: the first 8 bytes of SHA-256 over its X.509 encoding, base64url
     * (11 characters). The same id as {@code dev.sieve.proxy.auth.Ed25519Keys#keyId} gives token keys; computed here
     * so the audit package depends on no other package of the proxy.
     */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return B64.encodeToString(Arrays.copyOf(digest, 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
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
