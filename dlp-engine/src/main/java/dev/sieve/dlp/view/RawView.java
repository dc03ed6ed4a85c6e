package dev.sieve.dlp.view;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A view whose content is its own encoding: text or bytes scanned and rewritten as they are. Its
 * bytes are not charged to the decode budget again (the layer that produced them was). Values the decoding
 * graph finds in it ({@link DecodeGraph}) are its layers, emitted after it and written back into it. A file behind a
 * line-number gutter is scanned without the numbers ({@link LineNumbers}).
 */
final class RawView implements Node {

    private final String path;
    private final byte[] content;
    private final List<Layer> layers;
    /** When the text is a file behind a line-number gutter: the content is its text without it. */
    private final LineNumbers.Numbered lines;

    RawView(String path, byte[] content) {
        this(path, content, List.of(), null);
    }

    private RawView(String path, byte[] content, List<Layer> layers, LineNumbers.Numbered lines) {
        this.path = path;
        this.content = content;
        this.layers = layers;
        this.lines = lines;
    }

    /**
     * Claims {@code path} and decodes the layers the graph finds in {@code content}; a file behind a line-number
     * gutter ({@link LineNumbers}) is scanned without it, and rewritten with it.
     */
    static RawView of(String path, byte[] content, DecodeContext ctx) throws DecodeException {
        String claimed = ctx.claimView(path);
        LineNumbers.Numbered lines = LineNumbers.of(content);
        byte[] text = lines == null ? content : lines.text();
        return new RawView(claimed, text, DecodeGraph.expand(text, 0, text.length, () -> claimed, ctx), lines);
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
        if (spans.isEmpty() && !layerChanged) {
            return null;
        }
        return lines == null ? splicer.applyNested(content, path)
                : lines.mapped(splicer).applyNested(lines.numbered(), path); // the numbers stay
    }
}
