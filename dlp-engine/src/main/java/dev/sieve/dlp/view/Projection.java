package dev.sieve.dlp.view;

import dev.sieve.dlp.Finding;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A structured text layer (JSON, form, query) seen as one view: its decoded names and values,
 * each followed by {@code '\n'}, in document order. Keeping names next to their values lets
 * context keywords ({@code "ssn"}) sit within a rule's window of the value, and one view per
 * document keeps the per-view scan cost independent of the number of fields.
 *
 * <p>Each name or value is a <em>segment</em> that remembers where its encoded form lies in the
 * source; rewriting re-encodes only the segments a span touches and leaves every other source byte
 * as it was. Payloads decoded from a value (base64 files) are child nodes, not segments.
 */
final class Projection implements Node {

    /** Encodes a segment's new decoded content into its source syntax (a JSON string literal, ...). */
    @FunctionalInterface
    interface SegmentEncoder {
        byte[] encode(byte[] decoded);
    }

    /** Names the value whose encoded form starts at a source offset (a JSON path, a parameter name). */
    @FunctionalInterface
    interface Relocator {
        String locator(int srcStart);
    }

    /** Wraps a child's rewritten bytes into the source syntax that held it. */
    @FunctionalInterface
    interface ChildEncoder {
        byte[] encode(byte[] childBytes) throws CannotRewriteException;
    }

    /** A document decoded from pieces of several values, placed at the source offset {@code place}. */
    private record JoinedDocument(String viewPath, int place, Node node) {
    }

    private record Child(int srcStart, int srcEnd, Node node, ChildEncoder encoder) {
    }

    /** A value the decoding graph found in segment {@code segment} (offsets into the segment's decoded bytes). */
    private record SegmentLayer(int segment, Layer layer) {
    }

    private static final byte SEPARATOR = '\n';

    private final String path;
    private final byte[] source;
    private final SegmentEncoder encoder;
    private final ByteSink content;
    private final boolean recordSegments;
    private final Relocator relocator;
    /** Per segment: srcStart, srcEnd, contentStart, contentEnd. Only kept for rewriting. */
    private int[] segments = new int[0];
    private int segmentCount;
    /**
     * Per segment: srcStart, contentStart; always kept (two ints a segment), so that a finding can be placed
     * ({@link #locate}) without keeping a path per value: the path is worked out from the source when asked.
     */
    private int[] starts = new int[32];
    private final List<Child> children = new ArrayList<>();
    private final List<SegmentLayer> layers = new ArrayList<>(0);
    /** The values read without their line-number gutter ({@link LineNumbers}), by segment; null when none. */
    private Map<Integer, LineNumbers.Numbered> numbered;
    /** Joined boundaries ({@link Boundaries}), by their view path. */
    private final Map<String, Boundaries> joined = new java.util.LinkedHashMap<>(0);
    /** Documents joined from pieces (a streamed tool call's arguments), by the view path they were decoded under. */
    private final List<JoinedDocument> joinedDocuments = new ArrayList<>(0);
    private final DecodeContext ctx;
    private int segmentsSeen;
    /** The frozen content is {@code finished[0, finishedLength)}: the sink's array, not a trimmed copy. */
    private byte[] finished;
    private int finishedLength;

    Projection(String path, byte[] source, SegmentEncoder encoder, Relocator relocator, DecodeContext ctx)
            throws DecodeException {
        this.path = ctx.claimView(path);
        this.source = source;
        this.encoder = encoder;
        this.relocator = relocator;
        // Names and values of a layer are about as long as the layer: sized once, no growth copies.
        this.content = new ByteSink(ctx, this.path, source.length + 1);
        this.recordSegments = ctx.forRewrite();
        this.ctx = ctx;
        if (recordSegments) {
            segments = new int[64];
        }
    }

    String path() {
        return path;
    }

    /**
     * Appends a decoded name or value whose encoded form is {@code source[srcStart, srcEnd)}, and decodes the
     * values the decoding graph finds in it, under {@code <path>:<locator>|<step>}.
     *
     * @param locator names the value in the path of a layer; asked for only when the graph finds one
     */
    void segment(int srcStart, int srcEnd, byte[] decoded, Supplier<String> locator) throws DecodeException {
        segment(srcStart, srcEnd, decoded, null, locator);
    }

    void segment(int srcStart, int srcEnd, String decoded, Supplier<String> locator) throws DecodeException {
        byte[] bytes = decoded.getBytes(StandardCharsets.UTF_8);
        // An ASCII string has one char per byte: the graph's search for escapes uses it as it is.
        segment(srcStart, srcEnd, bytes, bytes.length == decoded.length() ? decoded : null, locator);
    }

    private void segment(int srcStart, int srcEnd, byte[] decoded, String chars, Supplier<String> locator)
            throws DecodeException {
        int index = segmentsSeen;
        LineNumbers.Numbered lines = LineNumbers.of(decoded);
        if (lines != null) { // a file as a tool shows it: its lines are scanned without their numbers
            if (numbered == null) {
                numbered = new HashMap<>();
            }
            numbered.put(index, lines);
            decoded = lines.text();
            chars = null;
        }
        segment(srcStart, srcEnd, decoded);
        if (!DecodeGraph.worthTrying(decoded, 0, decoded.length, ctx)) {
            return;
        }
        for (Layer layer : DecodeGraph.expand(decoded, 0, decoded.length, chars, () -> path + ":" + locator.get(),
                ctx)) {
            layers.add(new SegmentLayer(index, layer));
        }
    }

    /** Appends a decoded name or value whose encoded form is {@code source[srcStart, srcEnd)}. */
    void segment(int srcStart, int srcEnd, byte[] decoded) throws DecodeException {
        int start = content.size();
        if ((segmentsSeen + 1) * 2 > starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[segmentsSeen * 2] = srcStart;
        starts[segmentsSeen * 2 + 1] = start;
        segmentsSeen++;
        content.write(decoded);
        if (recordSegments) {
            if ((segmentCount + 1) * 4 > segments.length) {
                segments = Arrays.copyOf(segments, segments.length * 2);
            }
            int i = segmentCount * 4;
            segments[i] = srcStart;
            segments[i + 1] = srcEnd;
            segments[i + 2] = start;
            segments[i + 3] = start + decoded.length;
            segmentCount++;
        }
        content.write(SEPARATOR);
    }

    void segment(int srcStart, int srcEnd, String decoded) throws DecodeException {
        segment(srcStart, srcEnd, decoded.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a payload decoded from {@code source[srcStart, srcEnd)}. */
    void child(int srcStart, int srcEnd, Node node, ChildEncoder childEncoder) {
        children.add(new Child(srcStart, srcEnd, node, childEncoder));
    }

    /**
     * Adds a view of joined boundaries, {@code <path><name>} ({@code json:$.messages[0].content|joined},
     * {@code form|joined}); each boundary's place is the source offset of the later value's token. Nothing when it has
     * no boundary.
     */
    void joined(String name, Boundaries boundaries) throws DecodeException {
        if (!boundaries.finish()) {
            return;
        }
        String viewPath = ctx.claimView(path + name);
        ctx.charge(boundaries.length(), viewPath);
        joined.put(viewPath, boundaries);
    }

    /**
     * Adds a document decoded from pieces of several values ({@code <path>:<locator>|joined-arguments|json}), placed
     * at source offset {@code place}. Never rewritten: a finding in it blocks.
     */
    void joinedDocument(String viewPath, int place, Node node) {
        joinedDocuments.add(new JoinedDocument(viewPath, place, node));
    }

    /** Freezes the view content; call once decoding of this layer is complete. */
    Projection finish() {
        finished = content.array();
        finishedLength = content.size();
        return this;
    }

    @Override
    public void emit(ViewVisitor visitor) {
        visitor.view(path, ByteBuffer.wrap(finished, 0, finishedLength).slice().asReadOnlyBuffer(), this::locate);
        for (Child c : children) {
            // A payload's views are placed at the string that held it, whatever structure they have inside.
            c.node.emit(new PinnedVisitor(visitor, offset -> Optional.of(
                    new Finding.Location(path, relocator.locator(c.srcStart), 0))));
        }
        for (SegmentLayer l : layers) {
            int contentStart = starts[l.segment * 2 + 1];
            l.layer.emit(new PinnedVisitor(visitor, offset -> Optional.of(new Finding.Location(path,
                    relocator.locator(starts[l.segment * 2]),
                    valueOffset(l.segment, contentStart, contentStart + l.layer.start())))));
        }
        for (Map.Entry<String, Boundaries> j : joined.entrySet()) {
            Boundaries b = j.getValue();
            visitor.view(j.getKey(), b.content(), b.locator(place -> Optional.of(
                    new Finding.Location(path, relocator.locator(place), 0))));
        }
        for (JoinedDocument d : joinedDocuments) {
            d.node.emit(new PinnedVisitor(visitor, offset -> Optional.of(
                    new Finding.Location(path, relocator.locator(d.place), 0))));
        }
    }

    /** The place of byte {@code offset} of this view's content: the segment that holds it, and where in it. */
    private Optional<Finding.Location> locate(long offset) {
        if (segmentsSeen == 0 || offset < 0 || offset >= finishedLength) {
            return Optional.empty();
        }
        int lo = 0;
        int hi = segmentsSeen - 1;
        while (lo < hi) { // the last segment whose content starts at or before offset
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid * 2 + 1] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int contentStart = starts[lo * 2 + 1];
        return Optional.of(new Finding.Location(path, relocator.locator(starts[lo * 2]),
                valueOffset(lo, contentStart, (int) offset)));
    }

    /** Code points from the start of segment {@code segment}'s value to byte {@code offset} of the content. */
    private int valueOffset(int segment, int contentStart, int offset) {
        LineNumbers.Numbered lines = numbered == null ? null : numbered.get(segment);
        int marks = lines == null ? 0 : lines.markCodePointsBefore(offset - contentStart);
        return codePoints(contentStart, offset) + marks;
    }

    /** Code points in {@code finished[from, to)} (UTF-8: every byte that is not a continuation byte starts one). */
    private int codePoints(int from, int to) {
        int n = 0;
        for (int i = from; i < Math.min(to, finishedLength); i++) {
            if ((finished[i] & 0xc0) != 0x80) {
                n++;
            }
        }
        return n;
    }

    /** Gives every view decoded out of one place of this projection that place. */
    private static final class PinnedVisitor implements ViewVisitor {
        private final ViewVisitor target;
        private final ViewLocator locator;

        PinnedVisitor(ViewVisitor target, ViewLocator locator) {
            this.target = target;
            this.locator = locator;
        }

        @Override
        public void view(String viewPath, ByteBuffer content) {
            target.view(viewPath, content, locator);
        }

        @Override
        public void view(String viewPath, ByteBuffer content, ViewLocator inner) {
            // placed at the pinned string, but a joined view inside keeps its boundaries (what crosses one counts)
            target.view(viewPath, content, new ViewLocator() {
                @Override
                public Optional<Finding.Location> locate(long offset) {
                    return locator.locate(offset);
                }

                @Override
                public boolean crossesJoin(long start, long end) {
                    return inner.crossesJoin(start, end);
                }
            });
        }
    }

    @Override
    public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
        for (String viewPath : joined.keySet()) {
            if (plan.has(viewPath)) {
                throw new CannotRewriteException(viewPath,
                        "a value split over several values cannot be redacted in place");
            }
        }
        for (JoinedDocument d : joinedDocuments) {
            if (plan.hasWithin(d.viewPath)) {
                throw new CannotRewriteException(d.viewPath,
                        "a document joined from pieces cannot be redacted in place");
            }
        }
        Splicer splicer = new Splicer();
        List<Span> spans = plan.take(path, finishedLength);
        Map<Integer, Splicer> local = new TreeMap<>();
        if (!spans.isEmpty()) {
            rewriteSegments(spans, local);
        }
        for (SegmentLayer l : layers) {
            byte[] rewritten = l.layer.rewrite(plan);
            if (rewritten != null) {
                local.computeIfAbsent(l.segment, k -> new Splicer()).replace(l.layer.start(), l.layer.end(), rewritten);
            }
        }
        for (Map.Entry<Integer, Splicer> e : local.entrySet()) {
            int i = e.getKey() * 4;
            LineNumbers.Numbered lines = numbered == null ? null : numbered.get(e.getKey());
            byte[] value = lines == null
                    ? e.getValue().applyNested(Arrays.copyOfRange(finished, segments[i + 2], segments[i + 3]), path)
                    : lines.mapped(e.getValue()).applyNested(lines.numbered(), path); // the numbers stay
            splicer.replace(segments[i], segments[i + 1], encoder.encode(value));
        }
        for (Child c : children) {
            byte[] rewritten = c.node.rewrite(plan);
            if (rewritten != null) {
                splicer.replace(c.srcStart, c.srcEnd, c.encoder.encode(rewritten));
            }
        }
        return splicer.isEmpty() ? null : splicer.apply(source);
    }

    /**
     * Each span is clipped to the segments it covers; its replacement goes into the first one,
     * the covered bytes of later segments are removed. Separator bytes are never rewritten.
     */
    private void rewriteSegments(List<Span> spans, Map<Integer, Splicer> local) {
        int spanIndex = 0;
        boolean placed = false;
        for (int seg = 0; seg < segmentCount && spanIndex < spans.size(); seg++) {
            int i = seg * 4;
            int from = segments[i + 2];
            int to = segments[i + 3];
            List<Span> mine = new ArrayList<>();
            while (spanIndex < spans.size()) {
                Span s = spans.get(spanIndex);
                if (s.start() > to) {
                    break;
                }
                long start = Math.max(s.start(), from);
                long end = Math.min(s.end(), to);
                if (start < end || (s.start() == s.end() && s.start() >= from)) {
                    mine.add(new Span(start - from, end - from, placed ? "" : s.replacement()));
                    placed = true;
                }
                if (s.end() > to + 1) {
                    break; // continues into the next segment
                }
                spanIndex++;
                placed = false;
            }
            if (!mine.isEmpty()) {
                Splicer.addSpans(local.computeIfAbsent(seg, k -> new Splicer()), mine);
            }
        }
    }
}
