package dev.sieve.proxy.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/**
 * The JSON object body of an admin API request (at most {@link AdminServer#MAX_REQUEST_BYTES}: the aggregator
 * answers a larger one with 413). Every problem is an {@link IllegalArgumentException} whose message is the 400
 * answer: {@code body: not valid JSON (expected: <shape>)}, {@code body: not a JSON object (expected: <shape>)},
 * {@code <field>: unknown field (expected: <fields>)}, {@code <field>: missing or not a string (expected: <shape>)}.
 * Unknown field names are shown printable and cut; values are never echoed.
 */
final class JsonBody {

    private final JsonNode node;
    private final String expected;

    private JsonBody(JsonNode node, String expected) {
        this.node = node;
        this.expected = expected;
    }

    /**
     * Reads {@code request}'s body.
     *
     * @param fields the fields it may have, in the order the error message names them
     * @param expected the body's shape, for the error messages
     */
    static JsonBody read(FullHttpRequest request, List<String> fields, String expected) {
        JsonNode node;
        try {
            node = AdminHandler.JSON.readTree(request.content().toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("body: not valid JSON (expected: " + expected + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("body: not a JSON object (expected: " + expected + ")");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new IllegalArgumentException(AdminHandler.printable(name) + ": unknown field (expected: "
                        + String.join(", ", fields) + ")");
            }
        }
        return new JsonBody(node, expected);
    }

    /** The field's string value. */
    String text(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + ": missing or not a string (expected: " + expected + ")");
        }
        return value.textValue();
    }

    /** The field's string value, or {@code fallback} if it is absent (JSON null is not absent). */
    String text(String field, String fallback) {
        return node.has(field) ? text(field) : fallback;
    }

    /** True if the field is there and not JSON null. */
    boolean hasNonNull(String field) {
        return node.hasNonNull(field);
    }

    /** The field, or a missing node. */
    JsonNode path(String field) {
        return node.path(field);
    }
}
