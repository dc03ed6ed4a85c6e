package dev.sieve.proxy.audit;

import dev.sieve.dlp.Finding;
import dev.sieve.dlp.view.PathView;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Masks the path of a request target before it is audited or logged, so that no raw value placed in a path
 * segment reaches the audit, detected or not; the query is masked by {@link QueryMasking}.
 *
 * <p>A segment becomes {@code {len=N}} (N: its decoded length in bytes) when a finding of the {@code path} view
 * touches it, whatever it looks like (for a finding in the joined segments, {@code path|joined}, each segment of
 * the runs it touches; decoded from them, every segment), or when it looks like data rather than a route: percent-encoded text, more
 * than {@value #MAX_ROUTE_CHARS} characters, a character outside {@code [A-Za-z0-9._~:-]} (but for Vertex AI's
 * {@code model@YYYYMMDD}), more digits than
 * letters (with at least 4 digits: an SSN, a card, a date), or a word (between {@code . _ ~ : -}) that is not
 * route-shaped. Route-shaped words are: up to 4 characters; lower-case letters (up to 24); camelCase or PascalCase
 * ({@code generateContent}); letters then one run of digits then letters ({@code v1beta}, {@code central1}); digits
 * with up to two letters ({@code 20241022}, {@code 70b}); a short upper-case acronym. Random tokens (keys, hashes,
 * ids) mix cases and digits in other ways and are masked. So {@code /v1/messages},
 * {@code /v1beta/models/gemini-1.5-pro:generateContent} and
 * {@code /model/anthropic.claude-3-5-sonnet-20241022-v2:0/invoke} stay readable, while
 * {@code /v1/files/export%20GITHUB_TOKEN%3D...} becomes {@code /v1/files/{len=42}}.
 *
 * <p>Pure and stable: masking a masked target returns it unchanged ({@code {len=N}} is kept as it is).
 */
public final class PathMasking {

    static final int MAX_ROUTE_CHARS = 64;
    private static final Pattern MASKED = Pattern.compile("\\{len=[0-9]{1,10}}");
    /** Vertex AI's {@code model@version} ({@code claude-3-5-sonnet-v2@20241022:rawPredict}): a date after '@'. */
    private static final Pattern MODEL_AT_VERSION = Pattern.compile("([A-Za-z0-9._~:-]*[A-Za-z][A-Za-z0-9._~-]*)"
            + "@([0-9]{8}(?::[A-Za-z]+)?)");
    private static final Pattern ROUTE_WORD = Pattern.compile(
            "[a-z]{1,24}"                              // messages, completions, anthropic
            + "|[A-Z]?[a-z]+(?:[A-Z][a-z]+)+"          // generateContent, CountTokens
            + "|[a-z]+[0-9]+[a-z]*"                    // v1, v1beta, central1, gpt4o
            + "|[0-9]{1,8}[a-z]{0,2}"                  // 20241022, 70b, 4o
            + "|[A-Z]{1,5}[0-9]{0,2}");                // API, V2

    private PathMasking() {}

    /**
     * The target with data-like segments, and every segment a {@code path} finding touches, masked, and its
     * query masked by {@link QueryMasking}; null stays null.
     *
     * @param findings the request's findings; those of the {@code path} view locate the segments that held them
     */
    public static String mask(String pathAndQuery, List<Finding> findings) {
        if (pathAndQuery == null) {
            return null;
        }
        PathView path = PathView.of(pathAndQuery);
        StringBuilder out = new StringBuilder(pathAndQuery.length());
        int copied = 0;
        for (PathView.Segment segment : path.segments()) {
            String raw = pathAndQuery.substring(segment.from(), segment.to());
            if (masked(raw) || !(hasFinding(path, segment, findings) || looksLikeData(raw))) {
                continue;
            }
            out.append(pathAndQuery, copied, segment.from()).append("{len=")
                    .append(segment.end() - segment.start()).append('}');
            copied = segment.to();
        }
        out.append(pathAndQuery, copied, pathAndQuery.length());
        return QueryMasking.maskQuery(out.toString());
    }

    private static boolean hasFinding(PathView path, PathView.Segment segment, List<Finding> findings) {
        for (Finding f : findings) {
            String view = f.viewPath();
            if (PathView.VIEW.equals(view) && segment.overlaps(f.start(), f.end())) {
                return true;
            }
            if (PathView.JOINED_VIEW.equals(view) && path.joinedSegments(f.start(), f.end()).contains(segment)) {
                return true; // a value split over segments: each of them holds a piece
            }
            if (view.startsWith(JOINED_DERIVED)) {
                return true; // decoded from joined segments: offsets of the decoded text, so every segment
            }
        }
        return false;
    }

    /**
     * Views decoded from the joined segments. A value decoded from one segment ({@code path|percent},
     * {@code path|base64}, {@code path|normalized}) comes from a segment that is percent-encoded or an encoding's
     * run of 16 or more characters, which {@link #looksLikeData} masks already.
     */
    private static final String JOINED_DERIVED = PathView.JOINED_VIEW + "|";

    /**
     * A finding's view path with every name in it that looks like data masked as {@code {len=N}}: a view path
     * holds names the agent chose (multipart file names, archive entry names, cookie and header names, JSON keys
     * of decoded payloads), and a value hidden there must not reach the audit through the path of a finding. Names
     * are split at {@code | / : [ ] $ .} and judged like URL path words ({@link #looksLikeData}), so
     * {@code json:$.messages[0].content|base64} and {@code multipart:file/notes.txt|gzip} stay as they are.
     */
    public static String maskViewPath(String viewPath) {
        StringBuilder out = new StringBuilder(viewPath.length());
        int start = 0;
        for (int i = 0; i <= viewPath.length(); i++) {
            if (i == viewPath.length() || VIEW_DELIMITERS.indexOf(viewPath.charAt(i)) >= 0) {
                String name = viewPath.substring(start, i);
                if (!name.isEmpty() && !masked(name) && looksLikeData(name)) {
                    out.append("{len=").append(name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                            .append('}');
                } else {
                    out.append(name);
                }
                if (i < viewPath.length()) {
                    out.append(viewPath.charAt(i));
                }
                start = i + 1;
            }
        }
        return out.toString();
    }

    private static final String VIEW_DELIMITERS = "|/:[]$.";

    /**
     * True when a raw (still percent-encoded) segment does not look like part of an API route.
     *
     * <p>Runs on the event loop for every audited request (twice per path segment), so the common cases are
     * decided with character loops: the regular expressions above cost about 3 % of Sieve's CPU on small requests
     * (profile of 2026-12-05, bench/README.md). They still decide the rare shapes (a {@code model@version}
     * segment, a word that is not all lower case), and PathMaskingTest checks the loops against them.
     */
    static boolean looksLikeData(String segment) {
        String raw = segment;
        if (segment.indexOf('@') >= 0) {
            java.util.regex.Matcher versioned = MODEL_AT_VERSION.matcher(segment);
            if (versioned.matches()) {
                raw = versioned.group(1) + "-" + versioned.group(2);
            }
        }
        if (raw.isEmpty() || raw.length() > MAX_ROUTE_CHARS) {
            return true;
        }
        int digits = 0;
        int letters = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                letters++;
            } else if (!isWordSeparator(c)) {
                return true; // not in [A-Za-z0-9._~:-], so every percent-encoded segment: '%' is not a route character
            }
        }
        if (digits >= 4 && digits > letters) {
            return true;
        }
        int start = 0;
        for (int i = 0; i <= raw.length(); i++) {
            if (i == raw.length() || isWordSeparator(raw.charAt(i))) {
                if (i - start > 4 && !routeWord(raw, start, i)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /** Whether {@code s} is a mask this class wrote ({@code {len=N}}); the regex only runs on what starts like one. */
    private static boolean masked(String s) {
        return s.startsWith("{len=") && MASKED.matcher(s).matches();
    }

    private static boolean isWordSeparator(char c) {
        return c == '.' || c == '_' || c == '~' || c == ':' || c == '-';
    }

    /** {@link #ROUTE_WORD}, with its first alternative (lower-case letters, up to 24) as a loop. */
    private static boolean routeWord(String raw, int from, int to) {
        if (to - from <= 24) {
            int i = from;
            while (i < to && raw.charAt(i) >= 'a' && raw.charAt(i) <= 'z') {
                i++;
            }
            if (i == to) {
                return true;
            }
        }
        return ROUTE_WORD.matcher(raw.subSequence(from, to)).matches();
    }
}
