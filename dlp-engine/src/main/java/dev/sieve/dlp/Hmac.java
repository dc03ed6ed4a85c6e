package dev.sieve.dlp;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, with one initialised {@link Mac} per thread. {@code Mac.getInstance} plus
 * {@code init} costs more than hashing a short matched value, and these hashes are taken per finding on the
 * inspection path, so each thread keeps its own instance; {@code doFinal} resets it for the next use. The key
 * stays inside the {@link SecretKeySpec}s (which copy it).
 */
public final class Hmac {

    private static final String ALGORITHM = "HmacSHA256";

    private final ThreadLocal<Mac> macs;

    /** @param key the key bytes (copied) */
    public Hmac(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(Objects.requireNonNull(key, "key"), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> newMac(spec));
    }

    /**
     * This thread's {@link Mac}, reset and ready for {@code update}. Finish with it ({@code doFinal}) before the
     * same thread asks this object again.
     */
    public Mac mac() {
        Mac mac = macs.get();
        mac.reset();
        return mac;
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e); // every Java runtime has it
        }
    }
}
