package dev.sieve.proxy.audit;

import dev.sieve.dlp.Finding;
import java.util.Locale;
import java.util.Objects;

/**
 * One rule's findings in an audited request, as written to the audit log.
 *
 * <p>{@code masked} must be a masked sample (as produced by {@link dev.sieve.dlp.Masking#mask}), never a raw
 * value: callers build findings with {@link #of(Finding)}, which copies the engine's masked sample. As a
 * last guard against a raw value slipping in, samples longer than {@value #MAX_MASKED_CHARS} characters are
 * rejected.
 *
 * @param ruleId   the rule that matched
 * @param category rule category in its YAML spelling ({@code pii}, {@code credential}, ...)
 * @param action   the rule's effective action ({@code block}, {@code redact}, {@code log})
 * @param count    number of distinct values the rule found in the request (>= 1)
 * @param viewPath where in the request the match was (view path such as {@code json:$.messages[0].content|base64}),
 *                 with names that look like data masked ({@link PathMasking#maskViewPath})
 * @param masked   masked sample of one match
 * @param location the match's place in the request document ({@code $.messages[4].content[1].content} for the
 *                 JSON body, {@code query:token}, ...; see {@link Finding#where()}), names that look like data
 *                 masked like the view path; empty when the view has no structured place
 * @param offset   code-point offset of the match within the string at {@code location}; -1 without a location
 * @param history  the match lies in conversation history an earlier turn already sent
 * @param repeat   the same value was already reported for this rule in this conversation
 * @param firstRequestId for a repeat, the request id of its first sighting; empty otherwise
 */
public record AuditFinding(String ruleId, String category, String action, int count, String viewPath, String masked,
        String location, long offset, boolean history, boolean repeat, String firstRequestId) {

    /** Longest masked sample accepted; the engine's samples stay well below. */
    public static final int MAX_MASKED_CHARS = 64;

    public AuditFinding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(viewPath, "viewPath");
        Objects.requireNonNull(masked, "masked");
        viewPath = PathMasking.maskViewPath(viewPath);
        Objects.requireNonNull(location, "location");
        location = PathMasking.maskViewPath(location);
        Objects.requireNonNull(firstRequestId, "firstRequestId");
        if (repeat == firstRequestId.isEmpty()) {
            throw new IllegalArgumentException("firstRequestId: '" + firstRequestId + "' for repeat=" + repeat
                    + " (expected: present exactly for a repeat)");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        if (masked.length() > MAX_MASKED_CHARS) {
            // Never echo the value itself: it may be the raw secret this check exists to stop.
            throw new IllegalArgumentException("masked: " + masked.length() + " characters (expected: <= "
                    + MAX_MASKED_CHARS + ", a masked sample from Masking.mask)");
        }
    }

    /** A finding without location, history or repeat (tests, records made outside inspection). */
    public AuditFinding(String ruleId, String category, String action, int count, String viewPath, String masked) {
        this(ruleId, category, action, count, viewPath, masked, "", -1, false, false, "");
    }

    /**
     * The audit form of an engine finding; {@code action} is the action enforcement applied to it, a repeat
     * ({@link Finding#repeat()}) names its first sighting.
     */
    public static AuditFinding of(Finding finding) {
        Objects.requireNonNull(finding, "finding");
        return new AuditFinding(finding.ruleId(), finding.category().yamlName(),
                finding.action().name().toLowerCase(Locale.ROOT), finding.count(), finding.viewPath(),
                finding.masked(), finding.location().map(Finding.Location::where).orElse(""),
                finding.location().map(Finding.Location::offset).orElse(-1L), finding.history(), finding.repeat(),
                finding.firstRequestId());
    }
}
