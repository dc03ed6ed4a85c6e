package dev.sieve.dlp.view;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Result of {@link Redactor#rewrite}: a redacted request, or a reason to block instead. */
public sealed interface RewriteOutcome {

    /**
     * The rewritten request.
     *
     * @param body          the new body, encoded like the original (same {@code Content-Encoding},
     *                      multipart boundary, transfer encodings, base64 alphabet)
     * @param headerChanges headers to set on the forwarded request, replacing any existing value
     *                      (always {@code Content-Length}; the proxy must drop
     *                      {@code Transfer-Encoding} since the body is now sized)
     * @param pathAndQuery  the request target to forward (changed when the query was redacted)
     */
    record Rewritten(byte[] body, List<Map.Entry<String, String>> headerChanges, String pathAndQuery)
            implements RewriteOutcome {
        public Rewritten {
            Objects.requireNonNull(body, "body");
            headerChanges = List.copyOf(headerChanges);
            Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        }

        @Override
        public String toString() {
            return "Rewritten[body=" + body.length + " bytes, headerChanges=" + headerChanges + "]";
        }
    }

    /**
     * The spans of {@code viewPath} cannot be written back (e.g. text extracted from a PDF); the
     * proxy escalates redact to block.
     */
    record CannotRewrite(String viewPath, String reason) implements RewriteOutcome {
        public CannotRewrite {
            Objects.requireNonNull(viewPath, "viewPath");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
