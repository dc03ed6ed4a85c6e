package dev.sieve.proxy.cli;

import dev.sieve.dlp.inspect.InspectionResult.Decision;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One labelled case of a {@code sieve eval} manifest: a request (a saved file or given inline) and what Sieve is
 * expected to find in it. A case that expects no rule and no category is a negative.
 *
 * @param id      unique within the manifest
 * @param line    the manifest line it came from (for messages)
 * @param request where the request comes from
 * @param expect  what should be found
 * @param tags    free labels (encoding chain, container, negative kind, ...) that the report groups by
 * @param where   where the sensitive value sits, in words (printed for a miss instead of the value), or empty
 */
record EvalCase(String id, int line, Request request, Expect expect, List<String> tags, String where) {

    EvalCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(expect, "expect");
        tags = List.copyOf(tags);
        Objects.requireNonNull(where, "where");
    }

    boolean positive() {
        return expect.positive();
    }

    /** Where a case's request comes from. */
    sealed interface Request permits SavedRequest, InlineRequest {
    }

    /** A saved raw HTTP/1.x request, or a body file, read the way {@code sieve scan} reads it. */
    record SavedRequest(Path file) implements Request {
    }

    /** A request given by its parts; {@code target} is origin-form or absolute-form. */
    record InlineRequest(String method, String target, List<Map.Entry<String, String>> headers, byte[] body)
            implements Request {
        InlineRequest {
            headers = List.copyOf(headers);
        }
    }

    /**
     * @param outcome    the expected decision, when the manifest states one
     * @param rules      rule ids expected to fire
     * @param categories categories expected to fire (besides those of {@code rules})
     */
    record Expect(Optional<Decision> outcome, List<String> rules, List<String> categories) {
        Expect {
            Objects.requireNonNull(outcome, "outcome");
            rules = List.copyOf(rules);
            categories = List.copyOf(categories);
        }

        boolean positive() {
            return !rules.isEmpty() || !categories.isEmpty();
        }
    }
}
