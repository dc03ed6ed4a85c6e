package dev.sieve.dlp.validate;

import java.util.Arrays;

/**
 * Bitcoin's base58 (alphabet without 0, O, I and l; each leading {@code 1} a leading zero byte), without a checksum:
 * the arithmetic {@link Base58Check} checks the checksum of, and the decoding graph's {@code base58} step reads and
 * writes back. Quadratic in the length, so callers bound it ({@code maxChars}).
 */
public final class Base58 {

    /** The 58 characters, by value. */
    public static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int[] INDEX = new int[128];

    static {
        Arrays.fill(INDEX, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            INDEX[ALPHABET.charAt(i)] = i;
        }
    }

    private Base58() {
    }

    /** The value of base58 character {@code c}, or -1. */
    public static int value(int c) {
        return c >= 0 && c < 128 ? INDEX[c] : -1;
    }

    /** The bytes of base58 string {@code s} of at most {@code maxChars} characters, or null (empty, too long, not base58). */
    public static byte[] decode(CharSequence s, int maxChars) {
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
            int carry = value(s.charAt(i));
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
        return full;
    }

    /** {@code bytes} in base58 (a leading {@code 1} per leading zero byte). */
    public static String encode(byte[] bytes) {
        int zeros = 0;
        while (zeros < bytes.length && bytes[zeros] == 0) {
            zeros++;
        }
        byte[] b58 = new byte[bytes.length * 138 / 100 + 1]; // log(256) / log(58)
        int length = 0;
        for (int i = zeros; i < bytes.length; i++) {
            int carry = bytes[i] & 0xff;
            int k = 0;
            for (int j = b58.length - 1; (carry != 0 || k < length) && j >= 0; j--, k++) {
                carry += 256 * b58[j];
                b58[j] = (byte) (carry % 58);
                carry /= 58;
            }
            length = k;
        }
        StringBuilder out = new StringBuilder(zeros + length);
        out.append("1".repeat(zeros));
        for (int j = b58.length - length; j < b58.length; j++) {
            out.append(ALPHABET.charAt(b58[j]));
        }
        return out.toString();
    }
}
