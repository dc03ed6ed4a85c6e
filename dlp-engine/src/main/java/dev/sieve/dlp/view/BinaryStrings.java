package dev.sieve.dlp.view;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The strings of a binary serialisation, read as text (view step {@code strings}): base64 or hex that decodes to
 * msgpack, CBOR, BSON, protobuf, Thrift or Avro is not text (length and type bytes sit between the strings), so no
 * rule reads {@code ssn} and {@code 123-45-6789} as a pair. As {@code strings(1)} does, the printable runs are taken;
 * a run that is a chain of length-prefixed strings whose length bytes happen to be printable (CBOR's {@code 0x60+n},
 * protobuf's and Avro's raw lengths of 32 or more) is cut at them. The text is each string on a line, then each
 * key-like string with the next one as {@code key: value}, so that the key-value rules apply.
 *
 * <p>Only for decoded bytes that are neither text nor a known file, and only when they are mostly strings
 * ({@value #MIN_COVER_PERCENT} % of the bytes or more in strings of {@value #MIN_STRING}+ characters, two or more of
 * them, with at most one character in 20 of the punctuation random bytes are full of, {@link #odd}): random bytes (a
 * hash, a key, compressed data) are printable a third of the time in short runs, and give no layer. Not rewritten: a redaction escalates to block.
 */
final class BinaryStrings {

    static final String STEP = "strings";
    /** Shortest string kept (CBOR and msgpack keys such as {@code ssn} and {@code pan} are three). */
    static final int MIN_STRING = 3;
    static final int MIN_COVER_PERCENT = 60;
    /** Fewest and most decoded bytes read. */
    static final int MIN_BYTES = 12;
    static final int MAX_BYTES = 256 * 1024;
    private static final int MAX_KEY = 64;

    private BinaryStrings() {
    }

    /** The strings of {@code d}'s bytes as text (same place and step chain, step {@code |strings}), or null. */
    static TextCodecs.Decoded of(TextCodecs.Decoded d) {
        byte[] b = d.bytes();
        if (b.length < MIN_BYTES || b.length > MAX_BYTES) {
            return null;
        }
        List<int[]> strings = new ArrayList<>();
        int covered = 0;
        int i = 0;
        while (i < b.length) {
            if (!printable(b[i])) {
                i++;
                continue;
            }
            int j = i;
            while (j < b.length && printable(b[j])) {
                j++;
            }
            if (j - i >= MIN_STRING) {
                covered += j - i;
                split(b, i, j, strings);
            }
            i = j;
        }
        if (strings.size() < 2 || covered * 100 < b.length * MIN_COVER_PERCENT || odd(b, strings) * 20 > covered) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length * 2);
        for (int[] s : strings) {
            out.write(b, s[0], s[1] - s[0]);
            out.write('\n');
        }
        for (int k = 0; k + 1 < strings.size(); k++) {
            int[] key = strings.get(k);
            if (keyLike(b, key[0], key[1])) {
                int[] value = strings.get(k + 1);
                out.write(b, key[0], key[1] - key[0]);
                out.write(':');
                out.write(' ');
                out.write(b, value[0], value[1] - value[0]);
                out.write('\n');
            }
        }
        return new TextCodecs.Decoded(d.step() + "|" + STEP, d.start(), d.end(), out.toByteArray(),
                TextCodecs.NOT_REWRITTEN);
    }

    /**
     * Adds the printable run {@code b[i, j)}: cut into length-prefixed strings when its first byte read as a CBOR text
     * header ({@code 0x60 + n}) or a raw length gives a chain of strings that ends exactly at {@code j}; else whole.
     */
    private static void split(byte[] b, int i, int j, List<int[]> out) {
        for (int mode = 0; mode < 2; mode++) {
            List<int[]> chain = chain(b, i, j, mode);
            if (chain != null) {
                out.addAll(chain);
                return;
            }
        }
        out.add(new int[] {i, j});
    }

    private static List<int[]> chain(byte[] b, int i, int j, int mode) {
        List<int[]> chain = new ArrayList<>(2);
        while (i < j) {
            int v = b[i] & 0xff;
            if (mode == 0 && i + 1 == j && (v == 0x78 || v == 0x79) && !chain.isEmpty()) {
                break; // the header of a longer CBOR string after the run (its length byte is not printable)
            }
            int header = mode == 0 && v == 0x78 && i + 1 < j ? 2 : 1; // CBOR: 0x78 then a one-byte length
            int n = header == 2 ? b[i + 1] & 0xff : mode == 0 ? (v >= 0x61 && v <= 0x77 ? v - 0x60 : -1) : v;
            if (n < 1 || i + header + n > j) {
                return null;
            }
            chain.add(new int[] {i + header, i + header + n});
            i += header + n;
        }
        return chain;
    }

    /**
     * Characters of the strings that keys and values seldom hold and random printable bytes often do (a quarter of
     * them): punctuation other than {@code space _ - . , : ; / @ + = # ~}. More than one in 20 and the bytes are no
     * serialisation of text.
     */
    private static int odd(byte[] b, List<int[]> strings) {
        int odd = 0;
        for (int[] s : strings) {
            for (int k = s[0]; k < s[1]; k++) {
                byte c = b[k];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) && " _-.,:;/@+=#~"
                        .indexOf(c) < 0) {
                    odd++;
                }
            }
        }
        return odd;
    }

    /** A key: letters, digits, {@code _ - .} and spaces, with a letter, at most {@value #MAX_KEY} characters. */
    private static boolean keyLike(byte[] b, int i, int j) {
        if (j - i > MAX_KEY) {
            return false;
        }
        boolean letter = false;
        for (int k = i; k < j; k++) {
            byte c = b[k];
            boolean isLetter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            letter |= isLetter;
            if (!isLetter && !(c >= '0' && c <= '9') && c != '_' && c != '-' && c != '.' && c != ' ') {
                return false;
            }
        }
        return letter;
    }

    private static boolean printable(byte c) {
        return c >= 0x20 && c < 0x7f;
    }
}
