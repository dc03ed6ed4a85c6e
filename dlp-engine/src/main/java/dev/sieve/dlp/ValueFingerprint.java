package dev.sieve.dlp;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;

/**
 * A keyed hash of a matched value (HMAC-SHA256, first 16 bytes as hex) under a key drawn from {@link SecureRandom}
 * once per process, or the key given to {@link #useKey} (the same on every replica of a fleet, so that replicas that
 * share conversation state recognise the same value): equal values give equal fingerprints under one key, and the
 * fingerprint says nothing about the value to anyone without the key, which never leaves memory. Used to recognise a
 * value re-sent on a later turn of a conversation (alert deduplication) without keeping the value.
 */
public final class ValueFingerprint {

    private static final HexFormat HEX = HexFormat.of();
    private static volatile Hmac hmac = newKey();

    private static Hmac newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Hmac hmac = new Hmac(key);
        Arrays.fill(key, (byte) 0);
        return hmac;
    }

    private ValueFingerprint() {
    }

    /**
     * Keys every later fingerprint of this process with {@code key} (copied; at least 32 bytes) instead of the random
     * one: for a fleet whose replicas share conversation state. Call it at start, before any inspection.
     */
    public static void useKey(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("fingerprint key: " + key.length + " bytes (expected: >= 32)");
        }
        hmac = new Hmac(key);
    }

    /** The fingerprint of {@code value[from, to)}. */
    public static String of(byte[] value, int from, int to) {
        Mac mac = hmac.mac();
        mac.update(value, from, to - from);
        return HEX.formatHex(mac.doFinal(), 0, 16);
    }
}
