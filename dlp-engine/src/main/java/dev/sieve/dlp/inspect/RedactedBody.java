package dev.sieve.dlp.inspect;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The request to forward instead of the original after redaction.
 *
 * @param body          the rewritten body, encoded like the original (same {@code Content-Encoding}, boundary,
 *                      base64 alphabet); owned by the caller
 * @param headerChanges headers to set on the forwarded request, replacing existing values (always
 *                      {@code Content-Length}; drop {@code Transfer-Encoding}, the body is now sized)
 * @param pathAndQuery  the new request target when the query string was redacted, empty when unchanged
 */
public record RedactedBody(byte[] body, List<Map.Entry<String, String>> headerChanges, Optional<String> pathAndQuery) {

    public RedactedBody {
        Objects.requireNonNull(body, "body");
        headerChanges = List.copyOf(headerChanges);
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    }

    /** Shows sizes and header names only, never body bytes or the query. */
    @Override
    public String toString() {
        return "RedactedBody[" + body.length + " bytes, headers=" + headerChanges.stream().map(Map.Entry::getKey).toList()
                + (pathAndQuery.isPresent() ? ", query rewritten" : "") + "]";
    }
}
