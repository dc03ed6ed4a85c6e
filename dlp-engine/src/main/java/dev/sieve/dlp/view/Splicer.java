package dev.sieve.dlp.view;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;

/** Replaces non-overlapping ranges of a byte array. */
final class Splicer {

    private record Edit(int start, int end, byte[] bytes) {
    }

    private final List<Edit> edits = new ArrayList<>();

    void replace(int start, int end, byte[] bytes) {
        edits.add(new Edit(start, end, bytes));
    }

    /**
     * These edits moved onto another text: each edit's start through {@code start}, its end through {@code end} (an
     * edit that would end before its start, an insertion at a moved place, ends where it starts).
     */
    Splicer mapped(IntUnaryOperator start, IntUnaryOperator end) {
        Splicer moved = new Splicer();
        for (Edit e : edits) {
            int s = start.applyAsInt(e.start);
            moved.replace(s, Math.max(s, end.applyAsInt(e.end)), e.bytes);
        }
        return moved;
    }

    boolean isEmpty() {
        return edits.isEmpty();
    }

    byte[] apply(byte[] source) {
        edits.sort(Comparator.comparingInt(Edit::start));
        ByteArrayOutputStream out = new ByteArrayOutputStream(source.length + 64);
        int pos = 0;
        for (Edit e : edits) {
            if (e.start < pos) {
                throw new IllegalStateException("overlapping edits at " + e.start);
            }
            out.write(source, pos, e.start - pos);
            out.write(e.bytes, 0, e.bytes.length);
            pos = e.end;
        }
        out.write(source, pos, source.length - pos);
        return out.toByteArray();
    }

    static void addSpans(Splicer splicer, List<Span> spans) {
        for (Span span : spans) {
            splicer.replace((int) span.start(), (int) span.end(), span.replacement().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Like {@link #apply}, for edits that may nest: a span found in a view and a decoded layer of the same bytes
     * can both rewrite them. An edit inside another is dropped (the outer one already replaced those bytes, and
     * the rescan verifies the result); edits that overlap only in part cannot both be applied.
     */
    byte[] applyNested(byte[] source, String viewPath) throws CannotRewriteException {
        edits.sort(Comparator.comparingInt(Edit::start).thenComparing(Comparator.comparingInt(Edit::end).reversed()));
        List<Edit> kept = new ArrayList<>(edits.size());
        for (Edit e : edits) {
            Edit last = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            if (last != null && e.start < last.end) {
                if (e.end <= last.end) {
                    continue;
                }
                throw new CannotRewriteException(viewPath,
                        "a redaction overlaps an encoded value in part; the value cannot be re-encoded");
            }
            kept.add(e);
        }
        edits.clear();
        edits.addAll(kept);
        return apply(source);
    }
}
