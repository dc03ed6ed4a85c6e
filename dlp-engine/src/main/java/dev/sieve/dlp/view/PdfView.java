package dev.sieve.dlp.view;

import java.nio.ByteBuffer;

/** Text extracted from a PDF: scannable, never rewritable (redact escalates to block). */
final class PdfView implements Node {

    private final String path;
    private final byte[] text;

    PdfView(String path, byte[] text) {
        this.path = path;
        this.text = text;
    }

    @Override
    public void emit(ViewVisitor visitor) {
        visitor.view(path, ByteBuffer.wrap(text).asReadOnlyBuffer());
    }

    @Override
    public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
        if (plan.has(path)) {
            throw new CannotRewriteException(path, "text extracted from a PDF cannot be written back into the PDF");
        }
        return null;
    }
}
