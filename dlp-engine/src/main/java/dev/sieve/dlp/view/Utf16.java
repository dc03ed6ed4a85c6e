package dev.sieve.dlp.view;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * UTF-16 text (a body sent as {@code text/plain; charset=utf-16}, a Windows tool's output uploaded as a part or
 * zipped, a layer that is UTF-16): scanned as bytes, {@code g\0h\0p\0_\0} matches no rule. It is transcoded to UTF-8
 * as the view {@code <path>|utf16}, and rewriting transcodes the new text back (same byte order, the byte order
 * mark kept). Declared JSON in UTF-16 is {@link WideJson}'s.
 *
 * <p>The test is strict and cheap, so that binary files with many zero bytes stay bytes: a byte order mark
 * ({@code FF FE} little-endian, {@code FE FF} big-endian), or none and ASCII text's pattern in the first
 * {@value #SAMPLE} bytes: at least 90 % of the bytes at odd offsets (little-endian) or even ones (big-endian) zero
 * and at least 90 % of the others printable ASCII; then the whole must decode strictly and be text
 * ({@link TextCodecs#utf16Text}, which the decoding graph's {@code base64|utf-16le} shares). When only the declared
 * charset says UTF-16, the bytes are scanned as they are too ({@code <path>}), and a redaction in the UTF-16 view
 * blocks. UTF-16 text without a mark whose first 64 characters are not mostly ASCII, and not declared, stays bytes.
 */
final class Utf16 implements Node {

    /** Bytes sampled for the zero pattern: 64 code units. */
    static final int SAMPLE = 128;
    /** The view path step. */
    static final String STEP = "utf16";
    /** Shortest UTF-16 text read without a byte order mark (8 characters). */
    private static final int MIN_BYTES = 16;

    private final Charset charset;
    private final boolean bom;
    private final Node child;
    /**
     * The bytes as they are, when only a declared charset said UTF-16 (no byte order mark, no zero pattern): a label
     * is the sender's word, and ASCII text labelled UTF-16 would otherwise be read as CJK and its tokens missed.
     */
    private final Node raw;
    private final String path;

    private Utf16(Charset charset, boolean bom, Node child, Node raw, String path) {
        this.charset = charset;
        this.bom = bom;
        this.child = child;
        this.raw = raw;
        this.path = path;
    }

    /**
     * The byte order of {@code b} when it is UTF-16 by the test above, or null. {@code declared}: the charset a
     * header names ({@code utf-16}, {@code utf-16le}, {@code utf-16be}), which picks the byte order when the bytes
     * do not (no byte order mark and no zero pattern: {@code utf-16} is big-endian, RFC 2781); null when none.
     */
    static Charset detect(byte[] b, String declared) {
        return detect(b, byBytes(b), declared);
    }

    /** {@link #detect(byte[], String)} knowing {@code bytes}, the byte order the bytes alone tell ({@link #byBytes}). */
    private static Charset detect(byte[] b, Charset bytes, String declared) {
        return bytes != null || b.length % 2 != 0 ? bytes : byName(declared);
    }

    /** UTF-16 by a byte order mark or ASCII text's zero pattern, or null. */
    private static Charset byBytes(byte[] b) {
        if (b.length < 2 || b.length % 2 != 0) {
            return null;
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0xff && b1 == 0xfe) {
            return StandardCharsets.UTF_16LE;
        }
        if (b0 == 0xfe && b1 == 0xff) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= MIN_BYTES) {
            if (asciiPattern(b, 1)) {
                return StandardCharsets.UTF_16LE;
            }
            if (asciiPattern(b, 0)) {
                return StandardCharsets.UTF_16BE;
            }
        }
        return null;
    }

    /** The byte order a charset name says ({@code utf-16} is big-endian, RFC 2781), or null. */
    private static Charset byName(String declared) {
        if (declared == null) {
            return null;
        }
        return switch (declared.toLowerCase(Locale.ROOT)) {
            case "utf-16le" -> StandardCharsets.UTF_16LE;
            case "utf-16", "utf-16be" -> StandardCharsets.UTF_16BE;
            default -> null;
        };
    }

    /** A UTF-16 charset name a {@code Content-Type} may declare. */
    static boolean declared(MediaType type) {
        String c = type == null ? null : type.param("charset");
        return c != null && c.toLowerCase(Locale.ROOT).startsWith("utf-16");
    }

    /**
     * In the first {@value #SAMPLE} bytes, at least 90 % of those at offsets of parity {@code zeroParity} are zero
     * and at least 90 % of the others printable ASCII (tab, line breaks, space to tilde).
     */
    private static boolean asciiPattern(byte[] b, int zeroParity) {
        int n = Math.min(b.length, SAMPLE) & ~1;
        int units = n / 2;
        int zeros = 0;
        int printable = 0;
        for (int i = 0; i < n; i += 2) {
            byte z = b[i + zeroParity];
            byte c = b[i + 1 - zeroParity];
            zeros += z == 0 ? 1 : 0;
            printable += (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' || c == '\r' ? 1 : 0;
        }
        return zeros * 10 >= units * 9 && printable * 10 >= units * 9;
    }

    /**
     * {@code data} as the view {@code <path>|utf16} (and the layers the graph finds in it) when it is UTF-16 text
     * ({@link #detect}), else null: scan it as what it is.
     *
     * @param declaredCharset the charset a header names, or null
     */
    static Node decode(byte[] data, String path, String declaredCharset, DecodeContext ctx) throws DecodeException {
        Charset bytes = byBytes(data);
        Charset cs = detect(data, bytes, declaredCharset);
        if (cs == null) {
            return null;
        }
        boolean bom = data.length >= 2 && ((data[0] & 0xff) + (data[1] & 0xff)) == 0xff + 0xfe;
        byte[] utf8 = TextCodecs.utf16Text(data, cs);
        if (utf8 == null) {
            return null;
        }
        String here = path + "|" + STEP;
        ctx.charge(utf8.length, here);
        Node raw = bytes == null ? RawView.of(path, data, ctx) : null;
        return new Utf16(cs, bom, RawView.of(here, utf8, ctx), raw, here);
    }

    @Override
    public void emit(ViewVisitor visitor) {
        if (raw != null) {
            raw.emit(visitor);
        }
        child.emit(visitor);
    }

    @Override
    public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
        if (raw != null) {
            byte[] asIs = raw.rewrite(plan);
            if (child.rewrite(plan) != null) {
                throw new CannotRewriteException(path, "text read as UTF-16 by its declared charset only is not"
                        + " rewritten");
            }
            return asIs;
        }
        byte[] rewritten = child.rewrite(plan);
        if (rewritten == null) {
            return null;
        }
        String text = (bom ? "\ufeff" : "") + new String(rewritten, StandardCharsets.UTF_8);
        return text.getBytes(charset);
    }

    /** {@code b} decoded strictly as {@code cs}, or null (a lone surrogate, an odd length). */
    static String strict(byte[] b, Charset cs) {
        try {
            return cs.newDecoder().decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
