package dev.sieve.dlp.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The spans still to apply, by view path; each node takes the spans of its own views. */
final class SpanPlan {

    private final Map<String, List<Span>> remaining;

    SpanPlan(Map<String, List<Span>> spans) {
        this.remaining = new HashMap<>();
        spans.forEach((path, list) -> {
            if (list != null && !list.isEmpty()) {
                remaining.put(path, list);
            }
        });
    }

    /**
     * Removes and returns the spans of {@code path}, sorted and with overlaps merged (a merged span
     * keeps the first span's replacement); checked against the view's length.
     */
    List<Span> take(String path, long contentLength) throws CannotRewriteException {
        List<Span> spans = remaining.remove(path);
        if (spans == null) {
            return List.of();
        }
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingLong(Span::start).thenComparingLong(Span::end));
        List<Span> merged = new ArrayList<>();
        for (Span s : sorted) {
            if (s.end() > contentLength) {
                throw new CannotRewriteException(path, "span: [" + s.start() + ", " + s.end()
                        + ") (expected: within the view's " + contentLength + " bytes)");
            }
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && s.start() < last.end()) {
                merged.set(merged.size() - 1, new Span(last.start(), Math.max(last.end(), s.end()), last.replacement()));
            } else {
                merged.add(s);
            }
        }
        return merged;
    }

    /** True when spans are addressed to {@code path}. */
    boolean has(String path) {
        return remaining.containsKey(path);
    }

    /** True when spans are addressed to {@code path} or to a view decoded from it ({@code <path>|...}). */
    boolean hasWithin(String path) {
        if (remaining.containsKey(path)) {
            return true;
        }
        String below = path + "|";
        for (String p : remaining.keySet()) {
            if (p.startsWith(below)) {
                return true;
            }
        }
        return false;
    }

    /** A path that spans were given for but that no node of this request produced. */
    Optional<String> leftover() {
        return remaining.keySet().stream().sorted().findFirst();
    }
}
