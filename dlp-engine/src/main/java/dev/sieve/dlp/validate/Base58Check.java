package dev.sieve.dlp.validate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Bitcoin's Base58Check: {@link Base58} of a payload followed by the first four bytes of its
 * double SHA-256. Written here rather than taken from a library: it is twenty lines, and the only Java libraries that
 * have it (bitcoinj, web3j) are large and bring their own crypto stacks for nothing else we need.
 */
final class Base58Check {

    private Base58Check() {
    }

    /** The payload (checksum removed) of a valid Base58Check string of at most {@code maxChars}, or null. */
    static byte[] decode(CharSequence s, int maxChars) {
        byte[] full = Base58.decode(s, maxChars);
        if (full == null || full.length < 5) {
            return null;
        }
        byte[] payload = Arrays.copyOf(full, full.length - 4);
        byte[] check = sha256(sha256(payload));
        for (int i = 0; i < 4; i++) {
            if (check[i] != full[payload.length + i]) {
                return null;
            }
        }
        return payload;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
