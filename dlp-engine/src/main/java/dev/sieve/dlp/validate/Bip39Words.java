package dev.sieve.dlp.validate;

/**
 * Membership in the BIP-39 English word list, for code outside the validators that must tell a seed phrase from
 * other words cheaply (the decoding graph's seed-word layer). The list itself is {@link Bip39}'s.
 */
public final class Bip39Words {

    private Bip39Words() {
    }

    /** True if {@code t[from, to)}, ASCII letters compared in lower case, is a word of the list. */
    public static boolean contains(byte[] t, int from, int to) {
        if (to - from < 3 || to - from > 8) {
            return false; // every word of the list has 3 to 8 letters
        }
        char[] word = new char[to - from];
        for (int i = from; i < to; i++) {
            int c = t[i] | 0x20;
            if (c < 'a' || c > 'z') {
                return false;
            }
            word[i - from] = (char) c;
        }
        return Bip39.INDEX.containsKey(new String(word));
    }
}
