package dev.sieve.dlp;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed hash of a matched value (HMAC-SHA256 under a key drawn from {@link SecureRandom} once per process,
 * first 16 bytes as hex): equal values give equal fingerprints within the process, and the fingerprint says
 * nothing about the value to anyone without the key, which never leaves memory. Used to recognise a value re-sent
 * on a later turn of a conversation (alert deduplication) without keeping the value.
 */
public final class ValueFingerprint {

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] KEY = new byte[32];
    private static final HexFormat HEX = HexFormat.of();

    static {
        new SecureRandom().nextBytes(KEY);
    }

    private ValueFingerprint() {
    }

    /** The fingerprint of {@code value[from, to)}. */
    public static String of(byte[] value, int from, int to) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(KEY, ALGORITHM));
            mac.update(value, from, to - from);
            byte[] out = mac.doFinal();
            return HEX.formatHex(out, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e); // every Java runtime has it
        }
    }
}
