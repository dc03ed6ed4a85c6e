package dev.sieve.dlp.view;

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
