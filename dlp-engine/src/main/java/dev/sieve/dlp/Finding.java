package dev.sieve.dlp;

import java.util.Objects;
import java.util.Optional;

/**
 * One detected occurrence of a rule in one scanned view.
 *
 * <p>Offsets are byte offsets into the view, {@code start} inclusive, {@code end} exclusive. {@code masked} is
 * the only representation of the matched value: it is produced by {@link Masking#mask} and never holds more
 * than four real characters of a credential, or more than the last four of a PII/financial value. {@code count}
 * is the number of distinct values this rule found in the same session. No field holds the raw value, and
 * {@link #toString()} prints only the masked sample. {@code example}: the value is one of the rule's published example
 * values (documentation keys, test cards), or a credential holding a published sample token
 * ({@link dev.sieve.dlp.validate.SampleTokens}), under {@code ignore_examples: true}; such a finding has action
 * {@link Action#LOG} and is a record for the SOC, not a detection.
 *
 * <p>{@code location} is the finding's place in the request document, when the view came from a structured
 * document (see {@link Location}); {@code fingerprint} is a keyed hash of the matched value (hex, empty when not
 * computed), equal for equal values within one process, so that a value re-sent on a later turn is recognised
 * without keeping it; {@code history} is true when the finding lies in conversation history that an earlier turn
 * already sent (its action is then the rule's history policy); {@code firstRequestId} is set (non-empty) by the
 * proxy's alert deduplication when the same rule already reported the same value (same fingerprint) in the same
 * conversation: it names the request of the first sighting, and this finding is a repeat.
 */
public record Finding(
        String ruleId,
        Category category,
        Severity severity,
        Action action,
        String viewPath,
        long start,
        long end,
        String masked,
        int count,
        boolean example,
        Optional<Location> location,
        String fingerprint,
        boolean history,
        String firstRequestId) {

    /**
     * Where a finding sits in a structured document.
     *
     * @param document the view path of the projection that holds the string: {@code json} for a JSON body,
     *                 {@code query}, {@code form}, {@code multipart:meta|json}, ...
     * @param path     the string's place in it: a JSON path such as {@code $.messages[4].content[1].content}, or
     *                 the parameter name of a form field or query parameter
     * @param offset   offset in Unicode code points within the decoded string; for a value decoded out of the
     *                 string (base64 in a message text, a base64 file), where its encoded form starts in it
     */
    public record Location(String document, String path, long offset) {

        public Location {
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(path, "path");
            if (offset < 0) {
                throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
            }
        }

        /** True when the place is in the request body's own JSON document (not a part, payload or query). */
        public boolean inBodyJson() {
            return document.equals("json");
        }

        /**
         * The place as shown to people: the bare JSON path for the body's JSON document
         * ({@code $.messages[4].content[1].content}), else {@code document:path} ({@code query:token},
         * {@code multipart:meta|json:$.a}).
         */
        public String where() {
            return inBodyJson() ? path : document + ":" + path;
        }

        @Override
        public String toString() {
            return where() + "@" + offset;
        }
    }

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(viewPath, "viewPath");
        Objects.requireNonNull(masked, "masked");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(firstRequestId, "firstRequestId");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("span: " + start + ".." + end + " (expected: 0 <= start < end)");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
    }

    /** A finding as the scanner makes it: no location, fingerprint or history yet. */
    public Finding(String ruleId, Category category, Severity severity, Action action, String viewPath, long start,
            long end, String masked, int count, boolean example) {
        this(ruleId, category, severity, action, viewPath, start, end, masked, count, example, Optional.empty(), "",
                false, "");
    }

    /** A finding that is not a published example. */
    public Finding(String ruleId, Category category, Severity severity, Action action, String viewPath, long start,
            long end, String masked, int count) {
        this(ruleId, category, severity, action, viewPath, start, end, masked, count, false);
    }

    /** Length of the matched value in bytes. */
    public long length() {
        return end - start;
    }

    /** Where the value is, as shown to people: the location's {@link Location#where()}, else the view path. */
    public String where() {
        return location.map(Location::where).orElse(viewPath);
    }

    /** This finding with {@code value} as its action. */
    public Finding withAction(Action value) {
        return new Finding(ruleId, category, severity, value, viewPath, start, end, masked, count, example, location,
                fingerprint, history, firstRequestId);
    }

    /** This finding placed at {@code value}, with {@code hash} as its value fingerprint. */
    public Finding withLocation(Optional<Location> value, String hash) {
        return new Finding(ruleId, category, severity, action, viewPath, start, end, masked, count, example, value,
                hash, history, firstRequestId);
    }

    /** This finding marked as in conversation history, with {@code value} as its action. */
    public Finding asHistory(Action value) {
        return new Finding(ruleId, category, severity, value, viewPath, start, end, masked, count, example, location,
                fingerprint, true, firstRequestId);
    }

    /** This finding as a repeat of the one first reported by request {@code requestId}. */
    public Finding asRepeatOf(String requestId) {
        if (requestId.isEmpty()) {
            throw new IllegalArgumentException("requestId: empty (expected: the first sighting's request id)");
        }
        return new Finding(ruleId, category, severity, action, viewPath, start, end, masked, count, example, location,
                fingerprint, history, requestId);
    }

    /** True when the same value was already reported in the same conversation ({@link #firstRequestId()}). */
    public boolean repeat() {
        return !firstRequestId.isEmpty();
    }

    @Override
    public String toString() {
        return "Finding[" + ruleId + " " + severity + " " + action + " " + viewPath + "@" + start + ".." + end
                + location.map(l -> " at " + l).orElse("") + " '" + masked + "' distinct=" + count
                + (example ? " example" : "") + (history ? " history" : "")
                + (repeat() ? " repeat of " + firstRequestId : "") + "]";
    }
}
