package dev.sieve.dlp.view;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A view whose content is its own encoding: text or bytes scanned and rewritten as they are. Its
 * bytes are not charged to the decode budget again (the layer that produced them was). Values the decoding
 * graph finds in it ({@link DecodeGraph}) are its layers, emitted after it and written back into it.
 */
final class RawView implements Node {

    private final String path;
    private final byte[] content;
    private final List<Layer> layers;

    RawView(String path, byte[] content) {
        this(path, content, List.of());
    }

    private RawView(String path, byte[] content, List<Layer> layers) {
        this.path = path;
        this.content = content;
        this.layers = layers;
    }

    /** Claims {@code path} and decodes the layers the graph finds in {@code content}. */
    static RawView of(String path, byte[] content, DecodeContext ctx) throws DecodeException {
        String claimed = ctx.claimView(path);
        return new RawView(claimed, content, DecodeGraph.expand(content, 0, content.length, () -> claimed, ctx));
    }

    /** Claims {@code path} for {@code content} without looking for layers in it (a layer that is already plain words). */
    static RawView leaf(String path, byte[] content, DecodeContext ctx) throws DecodeException {
        return new RawView(ctx.claimView(path), content);
    }

    @Override
    public void emit(ViewVisitor visitor) {
        visitor.view(path, ByteBuffer.wrap(content).asReadOnlyBuffer());
        for (Layer layer : layers) {
            layer.emit(visitor);
        }
    }

    @Override
    public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
        List<Span> spans = plan.take(path, content.length);
        if (layers.isEmpty()) {
            return spans.isEmpty() ? null : Splicer.applySpans(content, spans);
        }
        Splicer splicer = new Splicer();
        Splicer.addSpans(splicer, spans);
        boolean layerChanged = false;
        for (Layer layer : layers) {
            byte[] rewritten = layer.rewrite(plan);
            if (rewritten != null) {
                splicer.replace(layer.start(), layer.end(), rewritten);
                layerChanged = true;
            }
        }
        return spans.isEmpty() && !layerChanged ? null : splicer.applyNested(content, path);
    }
}
