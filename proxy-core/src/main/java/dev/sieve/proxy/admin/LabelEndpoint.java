package dev.sieve.proxy.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.proxy.audit.LabelEntry;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/**
 * {@code POST /admin/audit/labels}: an analyst's label for one audited decision, appended to the chain as a
 * {@link LabelEntry} by the running Sieve (the chain's only writer). The request id is not looked up: the log is
 * append-only files the server does not index, so a label for an unknown id is written and the report lists it as
 * unmatched.
 */
final class LabelEndpoint {
    private static final List<String> FIELDS = List.of("requestId", "label", "note");
    private static final String EXPECTED = "{\"requestId\":\"req_...\",\"label\":\"false-positive|confirmed\","
            + "\"note\":\"...\"}";

    private LabelEndpoint() {}

    /** 201 {"time","requestId","label","actor","note"} once queued for the chain; 400 bad body; 503 no audit log. */
    static FullHttpResponse label(TokenAdmin admin, AdminActions actions, FullHttpRequest request) {
        LabelEntry entry;
        try {
            JsonBody body = JsonBody.read(request, FIELDS, EXPECTED);
            entry = new LabelEntry(admin.clock().instant(), body.text("requestId"), body.text("label"),
                    actions.actor(), body.hasNonNull("note") ? body.text("note") : "");
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
        ObjectNode out = AdminHandler.JSON.createObjectNode();
        out.put("time", entry.time().toString());
        out.put("requestId", entry.requestId());
        out.put("label", entry.label());
        out.put("actor", entry.actor());
        out.put("note", entry.note());
        return AdminHandler.json(HttpResponseStatus.CREATED, out);
    }
}
