package dev.sieve.dlp;

import java.util.Objects;

/**
 * One detected occurrence of a rule in one scanned view.
 *
 * <p>Offsets are byte offsets into the view, {@code start} inclusive, {@code end} exclusive. {@code masked} is
 * the only representation of the matched value: it is produced by {@link Masking#mask} and never holds more
 * than four real characters of a credential, or more than the last four of a PII/financial value. {@code count}
 * is the number of distinct values this rule found in the same session. No field holds the raw value, and
 * {@link #toString()} prints only the masked sample. {@code example}: the value is one of the rule's published example
 * values (documentation keys, test cards) under {@code ignore_examples: true}; such a finding has action
 * {@link Action#LOG} and is a record for the SOC, not a detection.
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
        boolean example) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(viewPath, "viewPath");
        Objects.requireNonNull(masked, "masked");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("span: " + start + ".." + end + " (expected: 0 <= start < end)");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
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

    @Override
    public String toString() {
        return "Finding[" + ruleId + " " + severity + " " + action + " " + viewPath + "@" + start + ".." + end
                + " '" + masked + "' distinct=" + count + (example ? " example" : "") + "]";
    }
}
