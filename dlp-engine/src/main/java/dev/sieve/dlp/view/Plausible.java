package dev.sieve.dlp.view;

/**
 * Whether bytes a decoder produced are worth a layer: text (strict UTF-8 with few control characters) or a file
 * whose magic {@link Payloads#decode} or the graph knows (PDF, images, gzip, zlib, zip, tar, xz, lzma, bzip2, 7z).
 * Random bytes, which is what a hash or an id decodes to, are neither.
 */
final class Plausible {

    private static final byte[] GZIP = {0x1f, (byte) 0x8b, 8};
    private static final byte[] ZIP = {'P', 'K', 3, 4};

    private Plausible() {
    }

    static boolean layer(byte[] b) {
        if (b.length == 0) {
            return false;
        }
        if (Sniff.isPdf(b) || Sniff.isImage(b) || compression(b) != null || Sniff.startsWith(b, 0, ZIP)
                || TarReader.sniff(b) || Sniff.packed(b) != null) {
            return true;
        }
        return text(b);
    }

    /** Valid UTF-8 with at most one control character (other than tab, line breaks, form feed) in 32 bytes. */
    static boolean text(byte[] b) {
        int controls = 0;
        for (byte x : b) {
            if ((x >= 0 && x < 0x20 && x != '\t' && x != '\n' && x != '\r' && x != '\f') || x == 0x7f) {
                controls++;
            }
        }
        return controls * 32 <= b.length && Utf8.firstInvalid(b, 0, b.length) < 0;
    }

    /** gzip (with deflate method) or zlib by their headers, else null. */
    static ContentCodings.Coding compression(byte[] b) {
        if (Sniff.startsWith(b, 0, GZIP)) {
            return ContentCodings.Coding.GZIP;
        }
        if (b.length >= 8 && ContentCodings.looksLikeZlib(b) && (b[1] & 0x20) == 0) {
            return ContentCodings.Coding.DEFLATE_ZLIB;
        }
        return null;
    }
}
