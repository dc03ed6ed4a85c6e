package dev.sieve.dlp.view;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A view whose content is its own encoding: text or bytes scanned and rewritten as they are. Its
 * bytes are not charged to the decode budget again (the layer that produced them was).
 */
final class RawView implements Node {

    private final String path;
    private final byte[] content;

    RawView(String path, byte[] content) {
        this.path = path;
        this.content = content;
    }

    @Override
    public void emit(ViewVisitor visitor) {
        visitor.view(path, ByteBuffer.wrap(content).asReadOnlyBuffer());
    }

    @Override
    public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
        List<Span> spans = plan.take(path, content.length);
        return spans.isEmpty() ? null : Splicer.applySpans(content, spans);
    }
}
