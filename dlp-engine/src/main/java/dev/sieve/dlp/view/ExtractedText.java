package dev.sieve.dlp.view;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Text extracted from a document or an image (PDF, OOXML and ODF text, image metadata): scannable, never
 * rewritable. A span in it makes redaction escalate to block. The values the decoding graph finds in the text
 * (base64, hex, escapes) are views too; a span in one of them blocks as well.
 */
final class ExtractedText implements Node {

    private final String path;
    private final byte[] text;
    private final String source;
    private final List<Layer> layers;

    private ExtractedText(String path, byte[] text, String source, DecodeContext ctx) throws DecodeException {
        this.path = path;
        this.text = text;
        this.source = source;
        this.layers = ctx.forRewrite() ? List.of() : DecodeGraph.expand(text, 0, text.length, () -> path, ctx);
    }

    /**
     * A view of {@code text} at {@code path}, or {@link Node#NONE} when there is no text.
     *
     * @param source what the text came from, for the refusal to rewrite: {@code a DOCX document}
     */
    static Node of(String path, byte[] text, String source, DecodeContext ctx) throws DecodeException {
        if (text.length == 0) {
            return Node.NONE;
        }
        return new ExtractedText(ctx.claimView(path), text, source, ctx);
    }

    /** A view of {@code text} at a path already claimed (PDF text: a view even when empty). */
    static Node claimed(String uniquePath, byte[] text, String source, DecodeContext ctx) throws DecodeException {
        return new ExtractedText(uniquePath, text, source, ctx);
    }

    @Override
    public void emit(ViewVisitor visitor) {
        visitor.view(path, ByteBuffer.wrap(text).asReadOnlyBuffer());
        for (Layer layer : layers) {
            layer.emit(visitor);
        }
    }

    @Override
    public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
        if (plan.hasWithin(path)) { // its decoded layers too: rewriting does not even build them
            throw new CannotRewriteException(path, "text extracted from " + source + " cannot be written back into it");
        }
        return null;
    }
}
