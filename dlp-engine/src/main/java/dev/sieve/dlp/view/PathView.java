package dev.sieve.dlp.view;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The URL path of a request target as the view {@code path}: each non-empty segment percent-decoded once (as a
 * server reads it; {@code +} stays {@code +}, a {@code %} not followed by two hex digits stays literal), followed
 * by {@code '\n'}, in order. {@code /v1/files/export%20GITHUB_TOKEN%3Dghp_x} is the content
 * {@code "v1\nfiles\nexport GITHUB_TOKEN=ghp_x\n"}. The query and fragment are not part of it (the query is its own
 * view). Segments remember where they are in the target and in the content, so a finding's offsets map back to
 * the segment that holds it (the audit masks such segments).
 */
public final class PathView {

    /** The view path of the URL path. */
    public static final String VIEW = "path";

    /**
     * One segment.
     *
     * @param from    index of its first character in the request target
     * @param to      index after its last character in the request target
     * @param start   offset of its decoded bytes in the view content
     * @param end     offset after its decoded bytes in the view content (the separator follows)
     */
    public record Segment(int from, int to, int start, int end) {
        /** True if content offsets {@code [start, end)} of a finding touch this segment. */
        public boolean overlaps(long findingStart, long findingEnd) {
            return findingStart < end && findingEnd > start
                    || findingStart == findingEnd && findingStart >= start && findingStart <= end;
        }
    }

    private final List<Segment> segments;
    private final byte[] content;

    private PathView(List<Segment> segments, byte[] content) {
        this.segments = segments;
        this.content = content;
    }

    /** The path of {@code pathAndQuery} (an origin-form request target); never throws for any text. */
    public static PathView of(String pathAndQuery) {
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        int end = pathEnd(pathAndQuery);
        List<Segment> segments = new ArrayList<>();
        ByteArrayOutputStream content = new ByteArrayOutputStream(end + 8);
        int i = 0;
        while (i < end) {
            int next = pathAndQuery.indexOf('/', i);
            int to = next < 0 || next > end ? end : next;
            if (to > i) {
                byte[] raw = pathAndQuery.substring(i, to).getBytes(StandardCharsets.UTF_8);
                byte[] decoded = UrlEncoded.percentDecode(raw, 0, raw.length, false);
                int start = content.size();
                content.write(decoded, 0, decoded.length);
                segments.add(new Segment(i, to, start, content.size()));
                content.write('\n');
            }
            i = to + 1;
        }
        return new PathView(List.copyOf(segments), content.toByteArray());
    }

    /** Index of the first {@code ?} or {@code #}, or the length: where the path ends. */
    public static int pathEnd(String pathAndQuery) {
        for (int i = 0; i < pathAndQuery.length(); i++) {
            char c = pathAndQuery.charAt(i);
            if (c == '?' || c == '#') {
                return i;
            }
        }
        return pathAndQuery.length();
    }

    /** The view path of {@link #joined()}. */
    public static final String JOINED_VIEW = "path|joined";

    /** Up to this many segments, every run of consecutive segments is joined; beyond, all of them once. */
    static final int MAX_SEGMENTS_ALL_RUNS = 24;

    /**
     * A value split over segments, joined again: each run of two or more consecutive segments concatenated without
     * separators, followed by {@code '\n'} ({@code /v1/files/token%3A%20ghp_7/0uEM...} holds
     * {@code "token: ghp_70uEM..."}). With more than {@value #MAX_SEGMENTS_ALL_RUNS} segments, all segments once
     * (so the content stays linear in the path's length). Empty when there are fewer than two segments.
     */
    public byte[] joined() {
        int n = segments.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                if (n > MAX_SEGMENTS_ALL_RUNS && (i > 0 || j < n - 1)) {
                    continue;
                }
                for (int k = i; k <= j; k++) {
                    Segment s = segments.get(k);
                    out.write(content, s.start(), s.end() - s.start());
                }
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    /**
     * The segments that bytes {@code [start, end)} of {@link #joined()} come from (a finding in the joined view
     * names the segments that hold its value).
     */
    public List<Segment> joinedSegments(long start, long end) {
        int n = segments.size();
        java.util.Set<Segment> out = new java.util.LinkedHashSet<>();
        int at = 0;
        for (int i = 0; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                if (n > MAX_SEGMENTS_ALL_RUNS && (i > 0 || j < n - 1)) {
                    continue;
                }
                for (int k = i; k <= j; k++) {
                    Segment segment = segments.get(k);
                    int from = at;
                    at += segment.end() - segment.start();
                    if (start < at && end > from) {
                        out.add(segment);
                    }
                }
                at++; // the '\n' after the run
            }
        }
        return List.copyOf(out);
    }

    /** The non-empty segments, in order. */
    public List<Segment> segments() {
        return segments;
    }

    /** The view content: decoded segments, each followed by {@code '\n'}; a copy. */
    public byte[] content() {
        return content.clone();
    }
}
