package dev.sieve.dlp.view;

import java.util.Objects;

/**
 * A byte range {@code [start, end)} of a view's content to be replaced by {@code replacement}.
 * {@link #toString()} shows the offsets only, never the replacement's relation to the data.
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
