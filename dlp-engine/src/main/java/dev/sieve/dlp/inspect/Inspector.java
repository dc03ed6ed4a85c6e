package dev.sieve.dlp.inspect;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.ViewLimits;
import java.util.Objects;

/**
 * The one entry point the proxy uses to inspect a request: headers, URL query and body in, a verdict out.
 * Immutable and thread-safe; share one per rule set. It does not own {@code rules}: close the compiled rules
 * after the last inspection is closed.
 *
 * <p>What is scanned, each as its own view (view paths as in {@link dev.sieve.dlp.view}):
 * <ul>
 *   <li><b>Headers</b>: every header except those Sieve consumes: hop-by-hop fields it strips (including the
 *       proxy's own {@code Proxy-Authorization}) and the framing and routing it validates ({@code Host},
 *       {@code Content-Length}, {@code Transfer-Encoding}); see {@link HeaderViews}. Content-Type parameters and
 *       {@code Accept*} are scanned. Short values are scanned too (an SSN is 11 characters), and
 *       headers are few and small. Each header is view {@code header:<lower-case name>} ({@code ~2}, {@code ~3}
 *       for repeats) whose content is {@code name: value}, so context keywords in the name work; offsets are
 *       into that text. Each cookie of a {@code Cookie} header is view {@code cookie:<name>} whose content is
 *       {@code name=value}, the value percent-decoded.</li>
 *   <li><b>URL path</b>: view {@code path}, its segments percent-decoded ({@link dev.sieve.dlp.view.PathView}), so a
 *       secret placed in a path segment is found like one in the query. A finding there cannot be redacted (the
 *       request would go to another resource): redact escalates to block.</li>
 *   <li><b>Encoded values in headers and the path</b>: the views the decoding graph decodes out of each header
 *       and the path ({@link dev.sieve.dlp.view.Views#decodeTexts}: {@code header:x-trace|hex},
 *       {@code path|base64}), and view {@code path|joined} ({@link dev.sieve.dlp.view.PathView#joined()}), the
 *       segments joined, for a value split over segments. Findings there escalate redact to block like their
 *       places'; a decoded layer of an auth header counts as that header (Basic credentials).</li>
 *   <li><b>Query and body</b>: the views of {@link dev.sieve.dlp.view.Views#decode}. A body with a structured
 *       view (JSON, form, multipart, PDF) is scanned only through it, never also as raw bytes, so one value is
 *       reported once.</li>
 *   <li><b>Normalised text</b>: a view holding non-ASCII text is scanned again as view {@code <path>|normalized}
 *       after removing zero-width, bidi and soft-hyphen characters, NFKC and folding look-alike letters in mixed
 *       tokens ({@link TextNormalizer}); a finding there that the view itself did not give is evidence of evasion.
 *       It cannot be redacted in place: redact escalates to block.</li>
 * </ul>
 *
 * <p>Decision: the strictest effective action among the findings ({@code LOG}, {@code REDACT}, {@code BLOCK};
 * none: {@code ALLOW}). Fail closed: an undecodable body, a session that dropped candidates
 * ({@link dev.sieve.dlp.ScanSession#truncated()}), an engine error or any unexpected error blocks;
 * {@link InspectionPolicy#failOpen()} relaxes only the first (not a decoder's internal error). Redact rewrites the body and query through
 * {@link dev.sieve.dlp.view.Redactor} and then rescans the result; it escalates to block when a header or cookie must be
 * redacted, a view cannot be rewritten (PDF text) or the rescan still finds something to redact or block.
 */
public final class Inspector {

    private final CompiledRules rules;
    private final ViewLimits limits;

    /** @param limits decode limits for requests whose policy sets none */
    public Inspector(CompiledRules rules, ViewLimits limits) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The rules findings come from. */
    public RuleSet rules() {
        return rules.rules();
    }

    /**
     * Opens the inspection of one request, decoding within {@code policy}'s limits when it has some, else this
     * inspector's; never throws for any {@code meta}.
     */
    public Inspection open(RequestMeta meta, InspectionPolicy policy) {
        return open(meta, policy, ProcessPlaceholders.INSTANCE, PlaceholderSink.NONE);
    }

    /**
     * Opens the inspection of one request like {@link #open(RequestMeta, InspectionPolicy)}; a value redacted with
     * the default replacement becomes {@code placeholders}' placeholder, and {@code sink} hears of each one minted.
     */
    public Inspection open(RequestMeta meta, InspectionPolicy policy, Placeholders placeholders,
            PlaceholderSink sink) {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(placeholders, "placeholders");
        Objects.requireNonNull(sink, "sink");
        return new RequestInspection(rules, policy.limits().orElse(limits), meta, policy, placeholders, sink);
    }

    /** Placeholders under a key of this process, for callers without a deployment key (CLI scan and eval). */
    private static final class ProcessPlaceholders {
        static final Placeholders INSTANCE = Placeholders.randomKey();
    }
}
