package dev.sieve.dlp.view;

import java.util.List;

/**
 * A gzip or zlib stream found by magic inside a payload or a raw body (a {@code .gz} file uploaded as
 * {@code application/octet-stream}, a gzip file as a multipart part): decompressed with the limits of
 * {@code Content-Encoding} and decoded again by what it holds. Rewriting recompresses with the same format.
 */
final class Compressed implements Node {

    private final ContentCodings.Coding coding;
    private final Node child;

    private Compressed(ContentCodings.Coding coding, Node child) {
        this.coding = coding;
        this.child = child;
    }

    /** A stream already decompressed (the decoding graph's gzip/zlib inside a layer): rewriting recompresses. */
    static Node of(ContentCodings.Coding coding, Node child) {
        return new Compressed(coding, child);
    }

    /**
     * Decodes {@code data} as {@code coding} into {@code <path>|gzip} or {@code <path>|zlib}.
     *
     * @param strongMagic false when the magic is weak (zlib's two header bytes can begin text): then data that
     *                    does not decompress is not this format, and null is returned so it is scanned as what
     *                    it is; limits still fail
     */
    static Node decode(ContentCodings.Coding coding, byte[] data, String path, DecodeContext ctx, int depth,
            boolean strongMagic) throws DecodeException {
        String here = path + (coding == ContentCodings.Coding.GZIP ? "|gzip" : "|zlib");
        byte[] plain;
        try {
            plain = ContentCodings.inflate(coding, data, ctx, here);
        } catch (DecodeException e) {
            if (!strongMagic && e.reason() == FailReason.CORRUPT_ENCODING) {
                return null;
            }
            throw e;
        }
        ctx.checkDepth(depth + 1, here);
        return new Compressed(coding, Payloads.decode(plain, here, null, ctx, depth + 1));
    }

    @Override
    public void emit(ViewVisitor visitor) {
        child.emit(visitor);
    }

    @Override
    public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
        byte[] rewritten = child.rewrite(plan);
        return rewritten == null ? null : ContentCodings.encode(List.of(coding), rewritten);
    }
}
