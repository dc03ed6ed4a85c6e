package dev.sieve.dlp.inspect;

import dev.sieve.dlp.Finding;
import dev.sieve.dlp.view.FailReason;
import dev.sieve.dlp.view.ViewLimits;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one request.
 *
 * <p>{@code findings} are those that count under the policy (rules that apply, own credentials in auth headers
 * left out), each carrying its <em>effective</em> action (after overrides), in scan order: header views, then
 * the URL path, then the query, then the body's views. {@code failure} is set when the body could not be decoded or scanned within
 * limits, or an internal error occurred. {@code failureDetail} says why the decision is stricter (or, when
 * failing open, weaker) than the findings alone: a failure, a scan limit, a redaction escalated to block; it is
 * empty otherwise. It may name view paths (which can contain agent-chosen JSON keys) but never matched values
 * or body bytes. {@code limit} names the configured decode limit that caused the failure, when one did (the
 * proxy turns it into the configuration key and value). {@code redacted} is present exactly when the decision is
 * {@link Decision#REDACT}.
 * {@link #toString()} shows rule ids and counts, never values.
 */
public record InspectionResult(Decision decision, List<Finding> findings, Optional<FailReason> failure,
                               String failureDetail, Optional<ViewLimits.Limit> limit,
                               Optional<RedactedBody> redacted, long bytesScanned, String ruleSetVersion) {

    /** What the proxy does with the request, weakest first. */
    public enum Decision {
        /** Forward unchanged; nothing found. */
        ALLOW,
        /** Forward unchanged, record the findings (or the failure, when failing open). */
        LOG,
        /** Forward {@link #redacted()} instead. */
        REDACT,
        /** Refuse; nothing goes upstream. */
        BLOCK
    }

    public InspectionResult {
        Objects.requireNonNull(decision, "decision");
        findings = List.copyOf(findings);
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(failureDetail, "failureDetail");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(redacted, "redacted");
        if (limit.isPresent() && failure.isEmpty()) {
            throw new IllegalArgumentException("limit: " + limit.get() + " without a failure (expected: a limit only"
                    + " with the failure it caused)");
        }
        Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
        if (redacted.isPresent() != (decision == Decision.REDACT)) {
            throw new IllegalArgumentException("redacted: " + redacted.isPresent() + " for decision " + decision
                    + " (expected: present exactly for REDACT)");
        }
    }

    /** A result no configured limit caused. */
    public InspectionResult(Decision decision, List<Finding> findings, Optional<FailReason> failure,
                            String failureDetail, Optional<RedactedBody> redacted, long bytesScanned,
                            String ruleSetVersion) {
        this(decision, findings, failure, failureDetail, Optional.empty(), redacted, bytesScanned, ruleSetVersion);
    }

    /** Distinct rule ids of {@link #findings()}, in first-seen order. */
    public List<String> ruleIds() {
        return findings.stream().map(Finding::ruleId).distinct().toList();
    }

    @Override
    public String toString() {
        return "InspectionResult[" + decision + " rules=" + ruleIds() + " findings=" + findings.size()
                + failure.map(f -> " failure=" + f).orElse("") + limit.map(l -> " limit=" + l.key()).orElse("")
                + (failureDetail.isEmpty() ? "" : " detail='" + failureDetail + "'")
                + redacted.map(r -> " " + r).orElse("") + " scanned=" + bytesScanned + " rules@" + ruleSetVersion + "]";
    }
}
