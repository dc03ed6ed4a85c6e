package dev.sieve.dlp.view;

import dev.sieve.dlp.validate.Bip39Words;
import java.io.ByteArrayOutputStream;

/**
 * A text that is nothing but a BIP-39 seed phrase: 12 to 24 words of the English list and nothing else (blanks or
 * line breaks between them, each optionally numbered {@code 1.} / {@code 1)} / {@code 1:}, the whole optionally
 * quoted, a capital letter allowed), as an agent sends a wallet's backup file or pastes the phrase as a message.
 * {@link #normalise} writes it as lower-case words one blank apart: the layer {@code |seed-words}, which the pack's
 * {@code credential.bip39-mnemonic-bare} rule matches whole and checks with the BIP-39 checksum.
 *
 * <p>Why here and not as a pattern over every view: a phrase needs no keyword only where it stands alone, and
 * "alone" in a JSON view is a value between two separators. Patterns anchored at every line start cost the scan of
 * agent JSON 25 % or more (no literal for Hyperscan to find them by); this test costs one length comparison per
 * text and a few byte comparisons for the texts of a phrase's length, and makes a layer only when every word is a
 * list word. A phrase inside a longer text (a line of a tool's output) is found by {@code credential.bip39-mnemonic}
 * near a wallet word.
 */
final class SeedWords {

    /** Twelve words of three letters, one blank apart. */
    static final int MIN_TEXT = 12 * 3 + 11;
    /** 24 numbered words of eight letters on lines of their own, with some white space to spare. */
    static final int MAX_TEXT = 512;
    private static final int MIN_WORDS = 12;
    private static final int MAX_WORDS = 24;

    private SeedWords() {
    }

    /**
     * True if {@code t[from, to)} may be a seed phrase alone by its length; the cheap test before {@link #normalise}.
     */
    static boolean mayBe(int from, int to) {
        int n = to - from;
        return n >= MIN_TEXT && n <= MAX_TEXT;
    }

    /** True if {@code t[from, to)} is only 12 to 24 words of the BIP-39 list; allocates nothing. */
    static boolean isPhrase(byte[] t, int from, int to) {
        return mayBe(from, to) && words(t, from, to, null) >= MIN_WORDS;
    }

    /**
     * The words of {@code t[from, to)} in lower case, one blank apart, if the text is only 12 to 24 words of the
     * BIP-39 list (see the class comment); otherwise null.
     */
    static byte[] normalise(byte[] t, int from, int to) {
        if (!isPhrase(t, from, to)) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_WORDS * 9);
        words(t, from, to, out);
        return out.toByteArray();
    }

    /**
     * How many list words {@code t[from, to)} is, or -1 when it holds anything else or more than {@value #MAX_WORDS}
     * words; the words go to {@code out} (lower case, one blank apart) when it is not null. Allocates nothing: most
     * texts of a phrase's length fail at their first word or separator.
     */
    private static int words(byte[] t, int from, int to, ByteArrayOutputStream out) {
        int i = blanks(t, from, to);
        if (i < to && (t[i] == '"' || t[i] == '\'')) {
            i++;
        }
        int words = 0;
        while (i < to && (letter(t[i]) || digit(t[i]))) {
            if (digit(t[i])) {
                int n = i;
                while (n < to && n - i < 3 && digit(t[n])) {
                    n++;
                }
                if (n - i > 2 || n >= to || (t[n] != '.' && t[n] != ')' && t[n] != ':')) {
                    return -1;
                }
                i = n + 1;
                int w = i;
                while (i < to && (t[i] == ' ' || t[i] == '\t')) {
                    i++;
                }
                if (i == w) {
                    return -1;
                }
            }
            int start = i;
            while (i < to && letter(t[i])) {
                i++;
            }
            if (words == MAX_WORDS || !Bip39Words.contains(t, start, i)) {
                return -1;
            }
            if (out != null) {
                if (words > 0) {
                    out.write(' ');
                }
                for (int k = start; k < i; k++) {
                    out.write(t[k] | 0x20);
                }
            }
            words++;
            int separator = i;
            i = blanks(t, i, to);
            if (i == separator) {
                break; // the last word: what follows must be the end
            }
        }
        if (i < to && (t[i] == '"' || t[i] == '\'')) {
            i = blanks(t, i + 1, to);
        }
        return i == to ? words : -1;
    }

    private static int blanks(byte[] t, int i, int to) {
        while (i < to && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static boolean letter(byte b) {
        int c = b | 0x20;
        return c >= 'a' && c <= 'z';
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }
}
