package dev.sieve.proxy.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The chain MAC: {@code mac(n) = HMAC-SHA256(key, mac(n-1) || body(n))}, where {@code body} is the record's
 * exact JSON bytes without its {@code mac} field. The first record of a chain uses {@link #genesis()}. Not
 * thread-safe: one instance per thread.
 */
final class ChainMac {
    static final int MAC_BYTES = 32;
    /** Hex digits of a {@link #keyId()}: 64 bits, enough to tell keys apart, far too few to matter for the key. */
    static final int KEY_ID_HEX = 16;
    private static final byte[] GENESIS_LABEL = "sieve-audit-genesis-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_ID_LABEL = "sieve-audit-key-id-v1".getBytes(StandardCharsets.US_ASCII);

    private final Mac mac;
    private final byte[] genesis;
    private final String keyId;

    ChainMac(byte[] key) {
        if (key == null || key.length < AuditKeys.MIN_KEY_BYTES) {
            throw new IllegalArgumentException("hmacKey: " + (key == null ? "null" : key.length + " bytes")
                    + " (expected: at least " + AuditKeys.MIN_KEY_BYTES + " bytes)");
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
        genesis = mac.doFinal(GENESIS_LABEL);
        keyId = HexFormat.of().formatHex(mac.doFinal(KEY_ID_LABEL), 0, KEY_ID_HEX / 2);
    }

    /**
     * Names the key without revealing it: the first {@value #KEY_ID_HEX} hex digits of
     * {@code HMAC-SHA256(key, "sieve-audit-key-id-v1")}. Records carry it so that a verifier tells a wrong key
     * from tampering.
     */
    String keyId() {
        return keyId;
    }

    /** The {@code prev} of a chain's first record. */
    byte[] genesis() {
        return genesis.clone();
    }

    byte[] mac(byte[] prev, byte[] body) {
        mac.update(prev);
        return mac.doFinal(body);
    }

    /** Constant-time check that {@code expected} is the MAC of {@code body} after {@code prev}. */
    boolean verifies(byte[] prev, byte[] body, byte[] expected) {
        return MessageDigest.isEqual(mac(prev, body), expected);
    }

}
