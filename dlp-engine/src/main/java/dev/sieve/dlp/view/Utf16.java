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
 * mark kept). Declared UTF-16 JSON stays refused ({@link RequestDecoder}: JSON must be UTF-8).
 *
 * <p>The test is strict and cheap, so that binary files with many zero bytes stay bytes: a byte order mark
 * ({@code FF FE} little-endian, {@code FE FF} big-endian), or none and ASCII text's pattern in the first
 * {@value #SAMPLE} bytes: at least 90 % of the bytes at odd offsets (little-endian) or even ones (big-endian) zero
 * and at least 90 % of the others printable ASCII; then the whole must decode strictly and be text
 * ({@link TextCodecs#utf16Text}, which the decoding graph's {@code base64|utf-16le} shares).
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

    private Utf16(Charset charset, boolean bom, Node child) {
        this.charset = charset;
        this.bom = bom;
        this.child = child;
    }

    /**
     * The byte order of {@code b} when it is UTF-16 by the test above, or null. {@code declared}: the charset a
     * header names ({@code utf-16}, {@code utf-16le}, {@code utf-16be}), which picks the byte order when the bytes
     * do not (no byte order mark and no zero pattern: {@code utf-16} is big-endian, RFC 2781); null when none.
     */
    static Charset detect(byte[] b, String declared) {
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
        Charset cs = detect(data, declaredCharset);
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
        return new Utf16(cs, bom, RawView.of(here, utf8, ctx));
    }

    @Override
    public void emit(ViewVisitor visitor) {
        child.emit(visitor);
    }

    @Override
    public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
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
