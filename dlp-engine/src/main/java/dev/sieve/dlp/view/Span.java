package dev.sieve.dlp.view;

import java.util.Objects;

/**
 * A byte range {@code [start, end)} of a view's content to be replaced by {@code replacement}
 * (UTF-8 encoded when written). Spans of one view may overlap; overlapping spans are merged and
 * keep the first span's replacement.
 */
public record Span(long start, long end, String replacement) {

    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException(
                    "span: [" + start + ", " + end + ") (expected: 0 <= start <= end)");
        }
        Objects.requireNonNull(replacement, "replacement");
    }
}
