package dev.sieve.dlp.view;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes replacements into the views of a request and re-encodes every layer outward, so the
 * result is a valid request of the same type: JSON strings re-escaped (only the changed ones; all
 * other bytes stay identical), base64 payloads re-encoded with their data URL prefix and alphabet,
 * multipart parts re-encoded with their transfer encoding under the same boundary, form and query
 * values re-percent-encoded, and the body recompressed with its original {@code Content-Encoding}.
 *
 * <p>Never throws for any input. Returns {@link RewriteOutcome.CannotRewrite} when a view cannot
 * be written back (PDF text), when spans name a view this request does not have or fall outside
 * it, or when the body no longer decodes; the proxy then blocks instead of redacting.
 */
public final class Redactor {

    private Redactor() {
    }

    /**
     * @param spans replacements per view path, offsets into the view content {@link Views#decode}
     *              delivered for the same request and limits
     */
    public static RewriteOutcome rewrite(RequestMeta meta, ByteBuffer body, Map<String, List<Span>> spans,
                                         ViewLimits limits) {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(spans, "spans");
        Objects.requireNonNull(limits, "limits");
        byte[] original = Views.bytes(body);
        RequestDecoder.DecodedRequest request;
        try {
            request = RequestDecoder.decode(meta, original, new DecodeContext(limits, Stopwatch.SYSTEM, true));
        } catch (DecodeException e) {
            return new RewriteOutcome.CannotRewrite("body", "the request does not decode: " + e.reason());
        } catch (RuntimeException | StackOverflowError e) {
            return new RewriteOutcome.CannotRewrite("body", "decoder error (" + e.getClass().getSimpleName() + ")");
        }
        SpanPlan plan = new SpanPlan(spans);
        try {
            String target = meta.pathAndQuery();
            if (request.query() != null) {
                byte[] rewritten = request.query().rewrite(plan);
                if (rewritten != null) {
                    target = new String(rewritten, StandardCharsets.UTF_8);
                }
            }
            byte[] newBody = original;
            byte[] plain = request.body().rewrite(plan);
            if (plain != null) {
                newBody = ContentCodings.encode(request.codings(), plain);
            }
            Optional<String> leftover = plan.leftover();
            if (leftover.isPresent()) {
                return new RewriteOutcome.CannotRewrite(leftover.get(), "no such view in this request");
            }
            return new RewriteOutcome.Rewritten(newBody,
                    List.of(Map.entry("Content-Length", Integer.toString(newBody.length))), target);
        } catch (CannotRewriteException e) {
            return new RewriteOutcome.CannotRewrite(e.viewPath(), e.reason());
        } catch (RuntimeException e) {
            return new RewriteOutcome.CannotRewrite("body", "rewrite error (" + e.getClass().getSimpleName() + ")");
        }
    }
}
