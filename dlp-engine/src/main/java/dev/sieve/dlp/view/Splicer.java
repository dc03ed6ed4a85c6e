package dev.sieve.dlp.view;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Replaces non-overlapping ranges of a byte array. */
final class Splicer {

    private record Edit(int start, int end, byte[] bytes) {
    }

    private final List<Edit> edits = new ArrayList<>();

    void replace(int start, int end, byte[] bytes) {
        edits.add(new Edit(start, end, bytes));
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

    /** Applies merged, sorted spans (offsets into {@code content}) and returns the new content. */
    static byte[] applySpans(byte[] content, List<Span> spans) {
        Splicer s = new Splicer();
        for (Span span : spans) {
            s.replace((int) span.start(), (int) span.end(), span.replacement().getBytes(StandardCharsets.UTF_8));
        }
        return s.apply(content);
    }
}
