package dev.sieve.dlp.validate;

import java.util.Arrays;

/**
 * Membership in the BIP-39 English word list, for code outside the validators that must tell a seed phrase from
 * other words cheaply (the decoding graph's seed-word layer). The list itself is {@link Bip39}'s; here each word is
 * packed into a long (eight letters at most, one byte each), so a lookup allocates nothing.
 */
public final class Bip39Words {

    private static final long[] PACKED = Bip39.WORDS.stream().mapToLong(w -> {
        byte[] b = w.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return pack(b, 0, b.length);
    }).sorted().toArray();

    private Bip39Words() {
    }

    /** True if {@code t[from, to)}, ASCII letters compared in lower case, is a word of the list. */
    public static boolean contains(byte[] t, int from, int to) {
        if (to - from < 3 || to - from > 8) {
            return false; // every word of the list has 3 to 8 letters
        }
        long key = pack(t, from, to);
        return key >= 0 && Arrays.binarySearch(PACKED, key) >= 0;
    }

    /** The letters in lower case, one byte each, the first highest; -1 if any byte is not an ASCII letter. */
    private static long pack(byte[] t, int from, int to) {
        long key = 0;
        for (int i = from; i < to; i++) {
            int c = t[i] | 0x20;
            if (c < 'a' || c > 'z') {
                return -1;
            }
            key = key << 8 | c;
        }
        return key;
    }
}
