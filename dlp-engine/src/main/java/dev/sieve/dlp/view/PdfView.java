package dev.sieve.dlp.view;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Text extracted from a PDF, and the values the decoding graph found in it: scannable, never rewritable (redact
 * escalates to block; rewriting does not even extract the text, so spans for the layers are left over).
 */
final class PdfView implements Node {

    private final String path;
    private final byte[] text;
    private final List<Layer> layers;

    PdfView(String path, byte[] text) {
        this(path, text, List.of());
    }

    PdfView(String path, byte[] text, List<Layer> layers) {
        this.path = path;
        this.text = text;
        this.layers = layers;
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
        if (plan.has(path)) {
            throw new CannotRewriteException(path, "text extracted from a PDF cannot be written back into the PDF");
        }
        return null;
    }
}
