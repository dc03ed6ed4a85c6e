package dev.sieve.dlp.view;

import java.io.ByteArrayOutputStream;

/**
 * Text hidden under a one-byte XOR key inside a hex or base64 value ({@code xor: key=0x19 data=6a7246...}): view step
 * {@code |xor} after the value's own ({@code |hex|xor}, {@code |base64|xor}), never rewritten (a redaction there
 * escalates to block).
 *
 * <p>Two ways in:
 * <ul>
 *   <li>{@link #anyKey}: a value whose bytes are not text (what the graph dropped before) is tried with the 255 keys;
 *       a key is kept when it turns every byte into printable ASCII or white space. Bytes whose top bits differ are
 *       no ASCII under any key and are refused at once (a hash, within two bytes on average); else each key stops at
 *       its first byte that is not printable, and random bytes of {@value #MIN_BYTES} or more pass for one key about
 *       once in 20,000 values (0.38^16 a key). When several keys pass (a key and the key with a low bit flipped both
 *       keep text printable), the texts of the {@value #MAX_KEYS} whose text has the most lower-case letters, digits
 *       and spaces ({@link #score}) are the layer, a line each, best first: a score alone cannot always tell the right
 *       key from a close one. XOR of text does not look like text's hex or base64, so the candidate pass lets such a
 *       run through when its bytes share a top bit ({@link #hexMayBe}, {@link #base64MayBe}: a digest fails that
 *       within two bytes on average).</li>
 *   <li>{@link #keyBefore}: XOR with a key below 0x20 keeps printable text printable, so such a value decodes to text
 *       and is kept as text; when {@code key=0xNN} or {@code xor ... 0xNN} is written just before it, it is read once
 *       more with that key.</li>
 * </ul>
 * Repeating keys of several bytes are not tried (their key cannot be told from the value alone).
 */
final class Xor {

    /** Fewest bytes tried with every key. */
    static final int MIN_BYTES = 16;
    /** The most keys whose texts one value's layer holds. */
    static final int MAX_KEYS = 4;
    /** How far before a value its key may be written. */
    static final int KEY_REACH = 40;

    private Xor() {
    }

    /**
     * {@code d} (bytes of a hex or base64 {@code kind} candidate that are not text) under the one-byte key that makes
     * it printable text, step {@code <step>|xor}; null when no key does.
     */
    static TextCodecs.Decoded anyKey(TextCodecs.Decoded d, Candidates.Kind kind) {
        if (kind != Candidates.Kind.HEX && kind != Candidates.Kind.HEX_DELIMITED && kind != Candidates.Kind.BASE64) {
            return null;
        }
        byte[] b = d.bytes();
        if (b.length < MIN_BYTES || !sameTopBit(b) || !varied(b)) {
            return null;
        }
        int[] scores = new int[256];
        int passed = 0;
        for (int key = 1; key < 256; key++) {
            scores[key] = score(b, key);
            passed += scores[key] >= b.length ? 1 : 0; // text is mostly letters, digits and spaces
        }
        if (passed == 0) {
            return null;
        }
        // The best keys' texts, best first, a line each: which of the close ones is right a score cannot always say
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(passed, MAX_KEYS) * (b.length + 1));
        for (int k = 0; k < Math.min(passed, MAX_KEYS); k++) {
            int best = 1;
            for (int key = 2; key < 256; key++) {
                best = scores[key] > scores[best] ? key : best;
            }
            scores[best] = -1;
            if (k > 0) {
                out.write('\n');
            }
            for (byte x : b) {
                out.write(x ^ best);
            }
        }
        return new TextCodecs.Decoded(d.step() + "|xor", d.start(), d.end(), out.toByteArray(),
                TextCodecs.NOT_REWRITTEN);
    }

    /**
     * Every byte's top bit alike: ASCII text's is 0, so under one key every byte's is the key's. Random bytes (what a
     * hash or an id decodes to) differ there within two bytes on average, so most values cost this test only.
     */
    private static boolean sameTopBit(byte[] b) {
        int top = b[0] & 0x80;
        for (byte x : b) {
            if ((x & 0x80) != top) {
                return false;
            }
        }
        return true;
    }

    /** Fewest different byte values of text under a key: zeros ({@code 0000...}, a null hash) or padding are none. */
    static final int MIN_DISTINCT = 4;

    /** At least {@value #MIN_DISTINCT} different byte values in {@code b}. */
    private static boolean varied(byte[] b) {
        long[] seen = new long[4];
        int distinct = 0;
        for (byte x : b) {
            int v = x & 0xff;
            if ((seen[v >> 6] & 1L << v) == 0) {
                seen[v >> 6] |= 1L << v;
                if (++distinct >= MIN_DISTINCT) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code d} under {@code key}, step {@code <step>|xor}, or null when that is not printable text. */
    static TextCodecs.Decoded withKey(TextCodecs.Decoded d, int key) {
        return score(d.bytes(), key) < 0 ? null : xored(d, key);
    }

    private static TextCodecs.Decoded xored(TextCodecs.Decoded d, int key) {
        byte[] b = d.bytes();
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) (b[i] ^ key);
        }
        return new TextCodecs.Decoded(d.step() + "|xor", d.start(), d.end(), out, TextCodecs.NOT_REWRITTEN);
    }

    /**
     * How much {@code b} under {@code key} looks like text, or -1 at its first byte that is not printable: two points
     * for a lower-case letter, a digit, a space, {@code _} or {@code -}, one for a capital letter (a wrong key that
     * differs from the right one in a low bit turns digits into capitals: {@code 00-YCWPWNZ} for
     * {@code SSN: 536-22-8}), none for other punctuation.
     */
    private static int score(byte[] b, int key) {
        int score = 0;
        for (byte x : b) {
            int c = (x ^ key) & 0xff;
            if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c >= 0x7f) {
                return -1;
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c == '_' || c == '-') {
                score += 2;
            } else if (c >= 'A' && c <= 'Z') {
                score++;
            }
        }
        return score;
    }

    /**
     * Whether the hex run {@code t[from, to)} (which does not look like text's hex) may be text under a one-byte key:
     * {@value #MIN_BYTES} bytes or more whose top bits are all alike (ASCII's top bit is 0, so under a key every
     * byte's is the key's). A digest's bytes differ there within two bytes on average: the test stops at once.
     */
    static boolean hexMayBe(byte[] t, int from, int to) {
        if (to - from < 2 * MIN_BYTES) {
            return false;
        }
        boolean high = t[from] >= '8';
        for (int i = from + 2; i < to; i += 2) {
            if ((t[i] >= '8') != high) {
                return false;
            }
        }
        return true;
    }

    /** Like {@link #hexMayBe} for a base64 run: the top bit of every byte it decodes to is alike. */
    static boolean base64MayBe(byte[] t, int from, int to) {
        if ((to - from) * 3 / 4 < MIN_BYTES) {
            return false;
        }
        int top = -1;
        int q = 0;
        int prev = 0;
        for (int i = from; i < to; i++) {
            int v = Candidates.base64Value(t[i]);
            if (v < 0) {
                if (t[i] == '=') {
                    break; // padding
                }
                continue; // a line break of a wrapped run
            }
            // a byte's top bit: bit 5 of a quad's first character, bit 3 of its second, bit 1 of its third (each
            // counted once the character after it exists, which completes the byte)
            int bit = switch (q) {
                case 1 -> prev >> 5 & 1;
                case 2 -> prev >> 3 & 1;
                case 3 -> prev >> 1 & 1;
                default -> -1;
            };
            if (bit >= 0) {
                if (top < 0) {
                    top = bit;
                } else if (bit != top) {
                    return false;
                }
            }
            prev = v;
            q = (q + 1) & 3;
        }
        return true;
    }

    /**
     * The one-byte key written within {@value #KEY_REACH} bytes before {@code t[at]} (and after {@code from}): the last
     * {@code 0x} and two hex digits there that {@code key} or {@code xor} (any case) comes at most 12 bytes before;
     * else -1. A few byte compares, made only for a value that decoded.
     */
    static int keyBefore(byte[] t, int from, int at) {
        int lo = Math.max(from, at - KEY_REACH);
        for (int i = at - 4; i >= lo; i--) {
            if (t[i] == '0' && (t[i + 1] == 'x' || t[i + 1] == 'X') && UrlEncoded.hex(t[i + 2]) >= 0
                    && UrlEncoded.hex(t[i + 3]) >= 0 && (i + 4 >= at || UrlEncoded.hex(t[i + 4]) < 0)) {
                return named(t, Math.max(lo, i - 12), i) ? UrlEncoded.hex(t[i + 2]) << 4 | UrlEncoded.hex(t[i + 3])
                        : -1;
            }
        }
        return -1;
    }

    /** {@code key} or {@code xor}, any case, in {@code t[from, to)}. */
    private static boolean named(byte[] t, int from, int to) {
        for (int i = from; i + 2 < to; i++) {
            int a = t[i] | 0x20;
            int b = t[i + 1] | 0x20;
            int c = t[i + 2] | 0x20;
            if ((a == 'k' && b == 'e' && c == 'y') || (a == 'x' && b == 'o' && c == 'r')) {
                return true;
            }
        }
        return false;
    }
}
