package dev.sieve.dlp.validate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Bitcoin's Base58Check: base58 (alphabet without 0, O, I, l) of a payload followed by the first four bytes of its
 * double SHA-256. Written here rather than taken from a library: it is twenty lines, and the only Java libraries that
 * have it (bitcoinj, web3j) are large and bring their own crypto stacks for nothing else we need.
 */
final class Base58Check {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int[] INDEX = new int[128];

    static {
        Arrays.fill(INDEX, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            INDEX[ALPHABET.charAt(i)] = i;
        }
    }

    private Base58Check() {
    }

    /** The payload (checksum removed) of a valid Base58Check string of at most {@code maxChars}, or null. */
    static byte[] decode(CharSequence s, int maxChars) {
        int n = s.length();
        if (n == 0 || n > maxChars) {
            return null;
        }
        int zeros = 0;
        while (zeros < n && s.charAt(zeros) == '1') {
            zeros++;
        }
        byte[] b256 = new byte[n * 733 / 1000 + 1]; // log(58) / log(256)
        int length = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int carry = c < 128 ? INDEX[c] : -1;
            if (carry < 0) {
                return null;
            }
            int k = 0;
            for (int j = b256.length - 1; (carry != 0 || k < length) && j >= 0; j--, k++) {
                carry += 58 * (b256[j] & 0xff);
                b256[j] = (byte) carry;
                carry >>>= 8;
            }
            length = k;
        }
        int start = b256.length - length;
        while (start < b256.length && b256[start] == 0) {
            start++;
        }
        byte[] full = new byte[zeros + b256.length - start];
        System.arraycopy(b256, start, full, zeros, b256.length - start);
        if (full.length < 5) {
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
