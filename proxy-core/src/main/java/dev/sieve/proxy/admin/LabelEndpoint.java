package dev.sieve.proxy.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.proxy.audit.LabelEntry;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code POST /admin/audit/labels}: an analyst's label for one audited decision, appended to the chain as a
 * {@link LabelEntry} by the running Sieve (the chain's only writer). The request id is not looked up: the log is
 * append-only files the server does not index, so a label for an unknown id is written and the report lists it as
 * unmatched.
 */
final class LabelEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("requestId", "label", "note");
    private static final String EXPECTED = "{\"requestId\":\"req_...\",\"label\":\"false-positive|confirmed\","
            + "\"note\":\"...\"}";

    private LabelEndpoint() {}

    /** 201 {"time","requestId","label","actor","note"} once queued for the chain; 400 bad body; 503 no audit log. */
    static FullHttpResponse label(TokenAdmin admin, AdminActions actions, FullHttpRequest request) {
        LabelEntry entry;
        try {
            JsonNode body = JSON.readTree(request.content().toString(StandardCharsets.UTF_8));
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException("body: not a JSON object (expected: " + EXPECTED + ")");
            }
            for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    throw new IllegalArgumentException(AdminHandler.printable(name)
                            + ": unknown field (expected: requestId, label, note)");
                }
            }
            entry = new LabelEntry(admin.clock().instant(), text(body, "requestId"), text(body, "label"),
                    actions.actor(), body.hasNonNull("note") ? text(body, "note") : "");
        } catch (IOException e) {
            return AdminHandler.error(HttpResponseStatus.BAD_REQUEST, "invalid_request_error",
                    "body: not valid JSON (expected: " + EXPECTED + ")");
        } catch (IllegalArgumentException e) {
            return AdminHandler.error(HttpResponseStatus.BAD_REQUEST, "invalid_request_error", e.getMessage());
        }
        try {
            admin.audit().append(entry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AdminHandler.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "api_error", "label not recorded"
                    + " (interrupted)");
        } catch (IllegalStateException e) {
            return AdminHandler.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "api_error", "label not recorded: the"
                    + " audit log cannot record it (see /readyz)");
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("time", entry.time().toString());
        out.put("requestId", entry.requestId());
        out.put("label", entry.label());
        out.put("actor", entry.actor());
        out.put("note", entry.note());
        return AdminHandler.json(HttpResponseStatus.CREATED, out);
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(field + ": missing or not a string (expected: " + EXPECTED + ")");
        }
        return node.textValue();
    }
}
