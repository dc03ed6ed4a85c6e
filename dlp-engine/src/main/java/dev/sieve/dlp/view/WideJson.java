package dev.sieve.dlp.view;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * JSON in UTF-16 or UTF-32. RFC 8259 (8.1) asks for UTF-8 between systems, but RFC 4627 allowed all five Unicode
 * encodings, and a sender that wants a secret past a UTF-8 scanner need only re-encode its body. Refusing such a body
 * keeps the secret in, but names no finding and bricks the odd client that sends it; so it is transcoded to UTF-8,
 * projected like any JSON document (same view paths, so agent-aware enforcement reads it as the body's JSON), and a
 * redaction is written back in the body's own encoding, its byte order mark kept.
 *
 * <p>The encoding is taken from the bytes only, as RFC 4627 (3) tells it: a byte order mark, or the zeros around the
 * first two characters, which in JSON are ASCII ({@code 00 00 00 xx} UTF-32BE, {@code xx 00 00 00} UTF-32LE,
 * {@code 00 xx} UTF-16BE, {@code xx 00} UTF-16LE). A declared {@code charset} that the bytes do not bear out is
 * not guessed at: the caller refuses it as before. The JDK decodes strictly, so a lone surrogate or a truncated
 * code unit fails the body as invalid, never as a silent replacement character.
 */
final class WideJson implements Node {

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    private final Charset charset;
    private final boolean bom;
    private final Node json;

    private WideJson(Charset charset, boolean bom, Node json) {
        this.charset = charset;
        this.bom = bom;
        this.json = json;
    }

    /** The UTF-16 or UTF-32 encoding {@code b} is in by its first four bytes, or null (UTF-8, or too short to say). */
    static Charset detect(byte[] b) {
        if (b.length < 4) {
            return null;
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        int b2 = b[2] & 0xff;
        int b3 = b[3] & 0xff;
        if (b0 == 0 && b1 == 0 && (b2 == 0xfe && b3 == 0xff || b2 == 0 && b3 != 0)) {
            return UTF_32BE;
        }
        if (b0 == 0xff && b1 == 0xfe && b2 == 0 && b3 == 0 || b0 != 0 && b1 == 0 && b2 == 0 && b3 == 0) {
            return UTF_32LE;
        }
        if (b0 == 0xfe && b1 == 0xff || b0 == 0 && b1 != 0) {
            return StandardCharsets.UTF_16BE;
        }
        if (b0 == 0xff && b1 == 0xfe || b0 != 0 && b1 == 0) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    /**
     * {@code src}, in {@code charset} ({@link #detect}), as the JSON projection {@code path}.
     *
     * @param depth embedded layers enclosing the document, as {@link JsonDecoder#decode}
     */
    static Node decode(byte[] src, Charset charset, String path, DecodeContext ctx, int depth)
            throws DecodeException {
        String text = Utf16.strict(src, charset);
        if (text == null) {
            throw new DecodeException(FailReason.UNSUPPORTED_ENCODING,
                    path + ": not valid " + charset.name() + " (a lone surrogate or a cut code unit)");
        }
        boolean bom = startsWithMark(src, charset);
        byte[] utf8 = (text.startsWith("\ufeff") ? text.substring(1) : text).getBytes(StandardCharsets.UTF_8);
        ctx.charge(utf8.length, path);
        return new WideJson(charset, bom, JsonDecoder.decode(utf8, path, ctx, depth));
    }

    /**
     * True when {@code b} starts with {@code cs}'s byte order mark. Told from the bytes, not the decoded text: the
     * JDK's UTF-32 decoders drop a mark where its UTF-16 ones keep it. False for a charset that has no way to write
     * U+FEFF (EBCDIC code pages).
     */
    static boolean startsWithMark(byte[] b, Charset cs) {
        if (!cs.newEncoder().canEncode('\ufeff')) {
            return false;
        }
        byte[] mark = "\ufeff".getBytes(cs);
        return Sniff.startsWith(b, 0, mark);
    }

    @Override
    public void emit(ViewVisitor visitor) {
        json.emit(visitor);
    }

    @Override
    public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
        byte[] rewritten = json.rewrite(plan);
        if (rewritten == null) {
            return null;
        }
        String text = (bom ? "\ufeff" : "") + new String(rewritten, StandardCharsets.UTF_8);
        return text.getBytes(charset);
    }
}
