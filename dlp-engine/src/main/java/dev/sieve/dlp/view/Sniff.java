package dev.sieve.dlp.view;

import java.nio.charset.StandardCharsets;

/** Content recognition by magic bytes; declared types are hints only and never skip scanning. */
final class Sniff {

    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] GIF87 = {'G', 'I', 'F', '8', '7', 'a'};
    private static final byte[] GIF89 = {'G', 'I', 'F', '8', '9', 'a'};
    private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
    private static final byte[] WEBP = {'W', 'E', 'B', 'P'};

    private Sniff() {
    }

    /**
     * Starts with {@code %PDF-}. Readers also accept junk before the header, but sniffing that far
     * would turn text that merely mentions a PDF header into an unreadable "PDF" and block it.
     */
    static boolean isPdf(byte[] b) {
        return startsWith(b, 0, PDF);
    }

    /** PNG, JPEG, GIF or WebP: not scanned (no OCR). */
    static boolean isImage(byte[] b) {
        return startsWith(b, 0, PNG) || startsWith(b, 0, JPEG) || startsWith(b, 0, GIF87) || startsWith(b, 0, GIF89)
                || (startsWith(b, 0, RIFF) && startsWith(b, 8, WEBP));
    }

    /** gzip member header: ID1 ID2, CM = 8 (deflate), no reserved flag bits. */
    static boolean isGzip(byte[] b) {
        return b.length >= 10 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b && b[2] == 8 && (b[3] & 0xe0) == 0;
    }

    /** xz stream header magic (the xz file format, 2.1.1.1). */
    private static final byte[] XZ = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
    /** 7z signature header. */
    private static final byte[] SEVEN_Z = {'7', 'z', (byte) 0xbc, (byte) 0xaf, 0x27, 0x1c};
    /** bzip2: {@code BZh} and a block size digit, then the first block's magic (pi's digits in BCD). */
    private static final byte[] BZH = {'B', 'Z', 'h'};
    private static final byte[] BZIP2_BLOCK = {0x31, 0x41, 0x59, 0x26, 0x53, 0x59};
    /** An lz4 frame (the LZ4 frame format's magic number 0x184D2204, little-endian). */
    private static final byte[] LZ4 = {0x04, 0x22, 0x4d, 0x18};
    /** An SQLite database file's header string, with its terminating zero. */
    private static final byte[] SQLITE = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    /**
     * The compressed formats read through Commons Compress ({@link Packed}, {@link SevenZ}), lz4 frames and SQLite
     * databases ({@link SqliteText}) by their magic, else null. A few byte compares, made only where gzip's magic is
     * already tested.
     */
    static Packed.Format packed(byte[] b) {
        if (b.length < 6) {
            return null;
        }
        if (startsWith(b, 0, XZ)) {
            return Packed.Format.XZ;
        }
        if (startsWith(b, 0, SEVEN_Z)) {
            return Packed.Format.SEVEN_Z;
        }
        if (startsWith(b, 0, BZH) && b[3] >= '1' && b[3] <= '9' && startsWith(b, 4, BZIP2_BLOCK)) {
            return Packed.Format.BZIP2;
        }
        if (startsWith(b, 0, LZ4)) {
            return Packed.Format.LZ4;
        }
        if (startsWith(b, 0, SQLITE)) {
            return Packed.Format.SQLITE;
        }
        return isLzmaAlone(b) ? Packed.Format.LZMA : null;
    }

    /**
     * The 13-byte LZMA_Alone header ({@code .lzma}) as xz-utils checks it: a properties byte below 225
     * ((pb * 5 + lp) * 9 + lc), a dictionary size of 2^n or 2^n + 2^(n-1) bytes, and an uncompressed size that is
     * unknown (all ones) or below 256 GiB. No magic of its own, but the dictionary size needs zero bytes and the
     * size's top bytes are zero or 0xff, so text never matches and random bytes almost never do.
     */
    static boolean isLzmaAlone(byte[] b) {
        if (b.length < 13 || (b[0] & 0xff) >= 225) {
            return false;
        }
        long dict = (b[1] & 0xffL) | (b[2] & 0xffL) << 8 | (b[3] & 0xffL) << 16 | (b[4] & 0xffL) << 24;
        long d = dict - 1; // rounded up to 2^n or 2^n + 2^(n-1) it must stay itself (xz-utils' alone_decoder)
        d |= d >>> 2;
        d |= d >>> 3;
        d |= d >>> 4;
        d |= d >>> 8;
        d |= d >>> 16;
        if (dict < 4096 || d + 1 != dict) {
            return false;
        }
        boolean unknown = true;
        for (int i = 5; i < 13; i++) {
            unknown &= b[i] == (byte) 0xff;
        }
        return unknown || (b[10] == 0 && b[11] == 0 && b[12] == 0 && (b[9] & 0xc0) == 0);
    }

    /** A zip local file header ({@code PK\3\4}) at the start: zip, jar, OOXML, ODF, EPUB... */
    static boolean isZip(byte[] b) {
        return startsWith(b, 0, new byte[] {'P', 'K', 3, 4});
    }

    /** First non-whitespace byte (after an optional UTF-8 BOM) opens an object or array. */
    static boolean looksLikeJson(byte[] b) {
        int i = startsWith(b, 0, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}) ? 3 : 0;
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        return i < b.length && (b[i] == '{' || b[i] == '[');
    }

    static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] b, byte[] needle, int from, int to) {
        int last = to - needle.length;
        byte first = needle[0];
        for (int i = from; i <= last; i++) {
            if (b[i] == first && startsWith(b, i, needle)) {
                return i;
            }
        }
        return -1;
    }
}
