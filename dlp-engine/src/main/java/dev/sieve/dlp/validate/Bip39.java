package dev.sieve.dlp.validate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bip39}: the match holds a BIP-39 mnemonic: 12, 15, 18, 21 or 24 consecutive words of the English list
 * (letters only; numbers, punctuation and line breaks between them are ignored, so {@code 1. abandon 2. ability}
 * counts) whose last bits are the SHA-256 checksum of the entropy the words encode. A run of list words of a
 * mnemonic length is checked whole; a longer run at its start and its end (see {@link #anyWindowValid}). English
 * prose made of list words fails on the checksum (one chance in 16 to 256).
 */
final class Bip39 implements Validator {

    static final List<String> WORDS = load();
    private static final Map<String, Integer> INDEX = new HashMap<>();
    private static final int[] LENGTHS = {24, 21, 18, 15, 12};

    static {
        for (int i = 0; i < WORDS.size(); i++) {
            INDEX.put(WORDS.get(i), i);
        }
    }

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        List<Integer> run = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= match.length(); i++) {
            char c = i < match.length() ? Character.toLowerCase(match.charAt(i)) : ' ';
            if (c >= 'a' && c <= 'z') {
                word.append(c);
                continue;
            }
            if (word.length() > 0) {
                Integer index = INDEX.get(word.toString());
                word.setLength(0);
                if (index == null) {
                    if (anyWindowValid(run)) {
                        return true;
                    }
                    run.clear();
                } else {
                    run.add(index);
                }
            }
        }
        return anyWindowValid(run);
    }

    /**
     * A run whose length is a mnemonic length is checked as a whole; a longer one (a list word before or after the
     * phrase, "word list ...") is checked at its start and at its end. Never in the middle: with every window tried, a
     * corrupted 24-word phrase would often hold a valid 12-word one by chance (one in 16 per window).
     */
    private static boolean anyWindowValid(List<Integer> run) {
        int n = run.size();
        for (int length : LENGTHS) {
            if (length == n) {
                return checksumHolds(run);
            }
        }
        for (int length : LENGTHS) {
            if (length < n && (checksumHolds(run.subList(0, length)) || checksumHolds(run.subList(n - length, n)))) {
                return true;
            }
        }
        return false;
    }

    /** True if the words' last {@code n/3} bits equal the first bits of SHA-256 of the other {@code 32n/3} bits. */
    static boolean checksumHolds(List<Integer> words) {
        int totalBits = words.size() * 11;
        int checksumBits = totalBits / 33;
        int entropyBits = totalBits - checksumBits;
        byte[] bits = new byte[(totalBits + 7) / 8];
        int at = 0;
        for (int w : words) {
            for (int b = 10; b >= 0; b--, at++) {
                if ((w >> b & 1) == 1) {
                    bits[at / 8] |= (byte) (0x80 >> (at % 8));
                }
            }
        }
        byte[] entropy = java.util.Arrays.copyOf(bits, entropyBits / 8);
        byte[] hash = Base58Check.sha256(entropy);
        for (int k = 0; k < checksumBits; k++) {
            int expected = hash[k / 8] >> (7 - k % 8) & 1;
            int actual = bits[(entropyBits + k) / 8] >> (7 - (entropyBits + k) % 8) & 1;
            if (expected != actual) {
                return false;
            }
        }
        return true;
    }

    private static List<String> load() {
        try (InputStream in = Bip39.class.getResourceAsStream("bip39-english.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource dev/sieve/dlp/validate/bip39-english.txt (expected: in the jar)");
            }
            List<String> words = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .map(w -> w.trim().toLowerCase(Locale.ROOT)).filter(w -> !w.isEmpty()).toList();
            if (words.size() != 2048) {
                throw new IllegalStateException("bip39-english.txt: " + words.size() + " words (expected: 2048)");
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
