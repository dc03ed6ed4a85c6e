package dev.sieve.dlp;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;

/**
 * A keyed hash of a matched value (HMAC-SHA256 under a key drawn from {@link SecureRandom} once per process,
 * first 16 bytes as hex): equal values give equal fingerprints within the process, and the fingerprint says
 * nothing about the value to anyone without the key, which never leaves memory. Used to recognise a value re-sent
 * on a later turn of a conversation (alert deduplication) without keeping the value.
 */
public final class ValueFingerprint {

    private static final HexFormat HEX = HexFormat.of();
    private static final Hmac HMAC = newKey();

    private static Hmac newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Hmac hmac = new Hmac(key);
        Arrays.fill(key, (byte) 0);
        return hmac;
    }

    private ValueFingerprint() {
    }

    /** The fingerprint of {@code value[from, to)}. */
    public static String of(byte[] value, int from, int to) {
        Mac mac = HMAC.mac();
        mac.update(value, from, to - from);
        return HEX.formatHex(mac.doFinal(), 0, 16);
    }
}
