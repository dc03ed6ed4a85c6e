package dev.sieve.dlp.view;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The text an image carries besides its pixels, as one view {@code <path>|image-meta}: PNG {@code tEXt},
 * {@code zTXt} and {@code iTXt} chunks (and {@code eXIf}), JPEG {@code COM} segments, APP1 EXIF (string tags such as
 * ImageDescription, Artist, Copyright, UserComment, the Windows XP tags), APP1 XMP and APP13 IPTC, GIF comment and
 * plain-text extensions, WebP {@code EXIF} and {@code XMP } chunks. One line per field, {@code <keyword>: <text>}.
 * Pixels are not read (no OCR). An image without text gives no view.
 *
 * <p>Bytes after the image's end (after PNG {@code IEND}, JPEG {@code EOI}, the GIF trailer, the RIFF size) are
 * not part of the image and are decoded by what they are under {@code <path>|image-trailer} (text, or a zip
 * appended to a picture). JPEG scans are walked marker by marker, so comments after a scan are read too.
 *
 * <p>A structure that breaks off (truncated or damaged image) stops the walk; the text found so far is kept and the
 * whole image is also scanned as raw bytes ({@code <path>}), so a damaged image is never a blind spot.
 */
final class ImageMeta {

    private static final byte[] XMP_JPEG = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};
    private static final byte[] PHOTOSHOP = "Photoshop 3.0\0".getBytes(StandardCharsets.ISO_8859_1);

    /** Thrown inside the walkers when the structure breaks off. */
    private static final class Broken extends Exception {
        Broken() {
            super(null, null, false, false);
        }
    }

    private final DecodeContext ctx;
    private final String path;
    private final ByteSink out;
    /** Where the image ends (bytes after it are a trailer), or -1 when unknown. */
    private int end = -1;

    private ImageMeta(DecodeContext ctx, String path) {
        this.ctx = ctx;
        this.path = path;
        this.out = new ByteSink(ctx, path);
    }

    /** The metadata view of an image whose magic {@link Sniff#isImage} recognised, raw bytes too when damaged. */
    static Node decode(byte[] img, String path, DecodeContext ctx, int depth) throws DecodeException {
        return decode(img, path, ctx, depth, true);
    }

    /** @param rawWhenDamaged add the raw view {@code <path>} when the image is damaged (false: the caller has it) */
    static Node decode(byte[] img, String path, DecodeContext ctx, int depth, boolean rawWhenDamaged)
            throws DecodeException {
        ImageMeta m = new ImageMeta(ctx, path + "|image-meta");
        boolean broken = false;
        try {
            if (Sniff.startsWith(img, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G'})) {
                m.png(img);
            } else if ((img[0] & 0xff) == 0xff) {
                m.jpeg(img);
            } else if (img[0] == 'G') {
                m.gif(img);
            } else {
                m.webp(img);
            }
        } catch (Broken | IndexOutOfBoundsException e) {
            broken = true;
        }
        Node meta = ExtractedText.of(m.path, m.out.toByteArray(), "image metadata", ctx);
        if (!broken && m.end >= 0 && m.end < img.length && !zeros(img, m.end)) {
            String trailerPath = path + "|image-trailer";
            ctx.checkDepth(depth + 1, trailerPath);
            Node trailer = Payloads.decode(Arrays.copyOfRange(img, m.end, img.length), trailerPath, null, ctx, depth + 1);
            return new Archive(path, "an image", java.util.List.of(meta, trailer));
        }
        if (!broken || !rawWhenDamaged) {
            return meta;
        }
        Node raw = new RawView(ctx.claimView(path), img);
        return new Archive(path, "a damaged image", java.util.List.of(meta, raw));
    }

    private void png(byte[] b) throws Broken, DecodeException {
        int p = 8;
        while (true) {
            need(b, p, 12);
            long len = be32(b, p);
            String type = new String(b, p + 4, 4, StandardCharsets.ISO_8859_1);
            int data = p + 8;
            if (len > b.length - data - 4) {
                throw new Broken();
            }
            int end = data + (int) len;
            switch (type) {
                case "tEXt" -> {
                    int nul = nul(b, data, end);
                    field(latin1(b, data, nul), latin1(b, nul + 1, end));
                }
                case "zTXt" -> {
                    int nul = nul(b, data, end);
                    field(latin1(b, data, nul), new String(inflate(b, nul + 2, end), StandardCharsets.ISO_8859_1));
                }
                case "iTXt" -> {
                    int nul = nul(b, data, end);
                    need(b, nul, 3);
                    boolean compressed = b[nul + 1] != 0;
                    int lang = nul(b, nul + 3, end);
                    int translated = nul(b, lang + 1, end);
                    byte[] text = compressed ? inflate(b, translated + 1, end)
                            : Arrays.copyOfRange(b, translated + 1, end);
                    field(latin1(b, data, nul), new String(text, StandardCharsets.UTF_8));
                }
                case "eXIf" -> exif(b, data, end);
                case "IEND" -> {
                    this.end = end + 4;
                    return;
                }
                default -> { }
            }
            p = end + 4;
        }
    }

    private void jpeg(byte[] b) throws Broken, DecodeException {
        int p = 2;
        while (true) {
            need(b, p, 2);
            if ((b[p] & 0xff) != 0xff) {
                throw new Broken();
            }
            int marker = b[p + 1] & 0xff;
            if (marker == 0xff) {
                p++; // fill byte
                continue;
            }
            if (marker == 0xd9) {
                this.end = p + 2;
                return;
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                p += 2;
                continue;
            }
            need(b, p + 2, 2);
            int len = (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
            int data = p + 4;
            int end = p + 2 + len;
            if (len < 2 || end > b.length) {
                throw new Broken();
            }
            if (marker == 0xda) {
                p = afterScan(b, end); // entropy-coded data up to the next marker
                continue;
            }
            if (marker == 0xfe) {
                field("Comment", new String(b, data, end - data, StandardCharsets.UTF_8));
            } else if (marker == 0xe1 && Sniff.startsWith(b, data, EXIF_HEADER)) {
                exif(b, data + EXIF_HEADER.length, end);
            } else if (marker == 0xe1 && Sniff.startsWith(b, data, XMP_JPEG)) {
                if (data + XMP_JPEG.length > end) {
                    throw new Broken();
                }
                xmp(Arrays.copyOfRange(b, data + XMP_JPEG.length, end));
            } else if (marker == 0xed && Sniff.startsWith(b, data, PHOTOSHOP)) {
                photoshop(b, data + PHOTOSHOP.length, end);
            }
            p = end;
        }
    }

    /**
     * A JPEG APP13 Photoshop segment: its {@code 8BIM} image resources; resource 0x0404 holds IPTC-IIM datasets,
     * whose record-2 (application) values (caption, headline, keywords, credit, ...) are text fields
     * {@code IPTC 2:<dataset>}. A resource that breaks off ends the walk (the segment is optional metadata).
     */
    private void photoshop(byte[] b, int p, int end) throws DecodeException {
        while (p + 12 <= end && b[p] == '8' && b[p + 1] == 'B' && b[p + 2] == 'I' && b[p + 3] == 'M') {
            int id = (b[p + 4] & 0xff) << 8 | (b[p + 5] & 0xff);
            int nameLength = b[p + 6] & 0xff;
            int q = p + 6 + ((nameLength + 2) & ~1); // Pascal string, padded to an even length
            if (q + 4 > end) {
                return;
            }
            long size = (b[q] & 0xffL) << 24 | (b[q + 1] & 0xff) << 16 | (b[q + 2] & 0xff) << 8 | (b[q + 3] & 0xff);
            int data = q + 4;
            if (size > end - data) {
                return;
            }
            if (id == 0x0404) {
                iptc(b, data, data + (int) size);
            }
            p = data + (int) ((size + 1) & ~1L);
        }
    }

    private void iptc(byte[] b, int p, int end) throws DecodeException {
        while (p + 5 <= end && b[p] == 0x1c) {
            int record = b[p + 1] & 0xff;
            int dataset = b[p + 2] & 0xff;
            int length = (b[p + 3] & 0xff) << 8 | (b[p + 4] & 0xff);
            if ((length & 0x8000) != 0 || p + 5 + length > end) {
                return; // extended datasets hold binary objects, not text
            }
            if (record == 2 && dataset != 0) {
                field("IPTC 2:" + dataset, new String(b, p + 5, length, StandardCharsets.UTF_8));
            }
            p += 5 + length;
        }
    }

    private void gif(byte[] b) throws Broken, DecodeException {
        need(b, 0, 13);
        int p = 13;
        if ((b[10] & 0x80) != 0) {
            p += 3 * (1 << ((b[10] & 0x07) + 1));
        }
        while (true) {
            need(b, p, 1);
            int block = b[p] & 0xff;
            if (block == 0x3b) {
                this.end = p + 1;
                return;
            }
            if (block == 0x21) {
                need(b, p, 2);
                int label = b[p + 1] & 0xff;
                java.io.ByteArrayOutputStream sub = new java.io.ByteArrayOutputStream();
                p = subBlocks(b, p + 2, sub);
                byte[] data = sub.toByteArray();
                if (label == 0xfe) {
                    field("Comment", new String(data, StandardCharsets.UTF_8));
                } else if (label == 0x01 && data.length > 12) {
                    field("Text", new String(data, 12, data.length - 12, StandardCharsets.ISO_8859_1));
                }
            } else if (block == 0x2c) {
                need(b, p, 10);
                int flags = b[p + 9] & 0xff;
                p += 10;
                if ((flags & 0x80) != 0) {
                    p += 3 * (1 << ((flags & 0x07) + 1));
                }
                p = subBlocks(b, p + 1, null); // LZW minimum code size, then the image data
            } else {
                throw new Broken();
            }
        }
    }

    private void webp(byte[] b) throws Broken, DecodeException {
        long riff = ZipReader.u32(b, 4);
        int limit = riff + 8 <= b.length ? (int) riff + 8 : b.length;
        this.end = limit;
        int p = 12;
        while (p + 8 <= limit) {
            String type = new String(b, p, 4, StandardCharsets.ISO_8859_1);
            long len = ZipReader.u32(b, p + 4);
            int data = p + 8;
            if (len > b.length - data) {
                throw new Broken();
            }
            int end = data + (int) len;
            if (type.equals("EXIF")) {
                int at = Sniff.startsWith(b, data, EXIF_HEADER) ? data + EXIF_HEADER.length : data;
                exif(b, at, end);
            } else if (type.equals("XMP ")) {
                xmp(Arrays.copyOfRange(b, data, end));
            }
            p = end + (int) (len & 1);
        }
    }

    /** The offset of the first marker after entropy-coded data starting at {@code p} (skips FF00 and RSTn). */
    private static int afterScan(byte[] b, int p) throws Broken {
        for (int i = p; i + 1 < b.length; i++) {
            if ((b[i] & 0xff) == 0xff) {
                int next = b[i + 1] & 0xff;
                if (next != 0 && next != 0xff && (next < 0xd0 || next > 0xd7)) {
                    return i;
                }
            }
        }
        throw new Broken();
    }

    private static boolean zeros(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private void exif(byte[] b, int from, int to) throws DecodeException, Broken {
        if (from > to) {
            throw new Broken();
        }
        for (Exif.Field f : Exif.strings(Arrays.copyOfRange(b, from, to))) {
            field(f.name(), f.text());
        }
    }

    private void xmp(byte[] packet) throws DecodeException {
        try {
            XmlText.extract(packet, path, out, true, true);
        } catch (DecodeException e) {
            field("XMP", new String(packet, StandardCharsets.UTF_8)); // not well-formed: its bytes as text
        }
    }

    private int subBlocks(byte[] b, int p, java.io.ByteArrayOutputStream sink) throws Broken {
        while (true) {
            need(b, p, 1);
            int n = b[p] & 0xff;
            if (n == 0) {
                return p + 1;
            }
            need(b, p + 1, n);
            if (sink != null) {
                sink.write(b, p + 1, n);
            }
            p += 1 + n;
        }
    }

    private byte[] inflate(byte[] b, int from, int to) throws DecodeException, Broken {
        if (from > to) {
            throw new Broken();
        }
        try {
            return ContentCodings.inflate(ContentCodings.Coding.DEFLATE_ZLIB, Arrays.copyOfRange(b, from, to), ctx,
                    path);
        } catch (DecodeException e) {
            if (e.reason() == FailReason.CORRUPT_ENCODING) {
                throw new Broken();
            }
            throw e;
        }
    }

    private void field(String name, String text) throws DecodeException {
        String t = text.replace("\0", "").strip();
        if (t.isEmpty()) {
            return;
        }
        out.write(XmlText.utf8(name + ": " + t + "\n"));
    }

    private static int nul(byte[] b, int from, int to) throws Broken {
        for (int i = from; i < to; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        throw new Broken();
    }

    private static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static void need(byte[] b, int at, int n) throws Broken {
        if (at < 0 || at + n > b.length) {
            throw new Broken();
        }
    }

    private static long be32(byte[] b, int i) {
        return ((long) (b[i] & 0xff) << 24) | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }
}
