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
 */
public record AuditFinding(String ruleId, String category, String action, int count, String viewPath, String masked) {

    /** Longest masked sample accepted; the engine's samples stay well below. */
    public static final int MAX_MASKED_CHARS = 64;

    public AuditFinding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(viewPath, "viewPath");
        Objects.requireNonNull(masked, "masked");
        viewPath = PathMasking.maskViewPath(viewPath);
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        if (masked.length() > MAX_MASKED_CHARS) {
            // Never echo the value itself: it may be the raw secret this check exists to stop.
            throw new IllegalArgumentException("masked: " + masked.length() + " characters (expected: <= "
                    + MAX_MASKED_CHARS + ", a masked sample from Masking.mask)");
        }
    }

    /** The audit form of an engine finding; {@code action} is the action enforcement applied to it. */
    public static AuditFinding of(Finding finding) {
        Objects.requireNonNull(finding, "finding");
        return new AuditFinding(finding.ruleId(), finding.category().yamlName(),
                finding.action().name().toLowerCase(Locale.ROOT), finding.count(), finding.viewPath(),
                finding.masked());
    }
}
