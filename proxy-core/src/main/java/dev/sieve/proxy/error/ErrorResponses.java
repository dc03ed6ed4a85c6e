package dev.sieve.proxy.error;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders a {@link Refusal} as the response an agent and its user can act on: the status, a
 * {@code Proxy-Status} header (RFC 9209) and a JSON body in the error shape model APIs use:
 * <pre>{"type":"error","error":{"type":"permission_error","message":"...","reason":"not_allowlisted",
 *  "request_id":"req_...","rules":[...]}}</pre>
 * The detail must be written by Sieve itself (host names, ports, rule ids), never copied from a body.
 */
public final class ErrorResponses {
    public static final String PROXY_NAME = "sieve";
    public static final String REQUEST_ID_HEADER = "X-Sieve-Request-Id";
    private static final JsonFactory JSON = new JsonFactory();

    private ErrorResponses() {}

    public static FullHttpResponse render(ByteBufAllocator alloc, Refusal refusal, String detail, String requestId) {
        return render(alloc, refusal, detail, requestId, List.of());
    }

    public static FullHttpResponse render(ByteBufAllocator alloc, Refusal refusal, String detail, String requestId,
            List<String> ruleIds) {
        return render(alloc, refusal, detail, requestId, ruleIds, List.of());
    }

    /**
     * A refusal naming rules and where in the request their findings are ({@code locations}: JSON paths such as
     * {@code $.messages[4].content[1].content}, parameter names, view paths; never values), as
     * {@code error.locations}.
     */
    public static FullHttpResponse render(ByteBufAllocator alloc, Refusal refusal, String detail, String requestId,
            List<String> ruleIds, List<String> locations) {
        return render(alloc, refusal, detail, requestId, ruleIds, locations, refusal.retryAfterSeconds());
    }

    /**
     * A refusal whose {@code Retry-After} is {@code retryAfterSeconds} (none when 0) rather than the refusal's own
     * ({@link Refusal#retryAfterSeconds()}): a budget refusal knows when its budget allows again.
     */
    public static FullHttpResponse render(ByteBufAllocator alloc, Refusal refusal, String detail, String requestId,
            List<String> ruleIds, List<String> locations, long retryAfterSeconds) {
        String message = message(refusal, detail, requestId);
        ByteBuf body = alloc.buffer(256);
        try (JsonGenerator json = JSON.createGenerator((java.io.OutputStream) new ByteBufOutputStream(body))) {
            json.writeStartObject();
            json.writeStringField("type", "error");
            json.writeObjectFieldStart("error");
            json.writeStringField("type", refusal.apiErrorType());
            json.writeStringField("message", message);
            writeFacts(json, refusal, requestId, ruleIds, locations);
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            body.release();
            throw new UncheckedIOException(e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refusal.status(), body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set("Proxy-Status", proxyStatus(refusal, detail))
                .set(REQUEST_ID_HEADER, requestId)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (retryAfterSeconds > 0) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
        }
        if (refusal.status().code() == 407) {
            response.headers().set(HttpHeaderNames.PROXY_AUTHENTICATE, "Basic realm=\"sieve\", charset=\"UTF-8\"");
        }
        return response;
    }

    /** The refusal's machine-readable fields, shared by every rendering: reason code, request id, rule ids. */
    static void writeFacts(JsonGenerator json, Refusal refusal, String requestId, List<String> ruleIds)
            throws IOException {
        writeFacts(json, refusal, requestId, ruleIds, List.of());
    }

    /** {@link #writeFacts(JsonGenerator, Refusal, String, List)} and the findings' places as {@code locations}. */
    static void writeFacts(JsonGenerator json, Refusal refusal, String requestId, List<String> ruleIds,
            List<String> locations) throws IOException {
        json.writeStringField("reason", refusal.code());
        json.writeStringField("request_id", requestId);
        if (!ruleIds.isEmpty()) {
            json.writeArrayFieldStart("rules");
            for (String id : ruleIds) {
                json.writeString(id);
            }
            json.writeEndArray();
        }
        if (!locations.isEmpty()) {
            json.writeArrayFieldStart("locations");
            for (String where : locations) {
                json.writeString(where);
            }
            json.writeEndArray();
        }
    }

    /**
     * The explanation an agent reads: the refusal's message, its detail, what to do next (the refusal's advice)
     * and the request id.
     */
    public static String message(Refusal refusal, String detail, String requestId) {
        String message = detail == null || detail.isEmpty() ? refusal.message() : refusal.message() + ": " + detail;
        String advice = refusal.advice();
        return advice == null ? message + " (request id " + requestId + ")" : message + ". " + advice + " " + requestId;
    }

    /** {@code sieve; error=destination_ip_prohibited; details="..."} with the details as an RFC 8941 string. */
    public static String proxyStatus(Refusal refusal, String detail) {
        StringBuilder sb = new StringBuilder(PROXY_NAME).append("; error=").append(refusal.proxyStatusError());
        String details = refusal.detailsLabel() + (detail == null || detail.isEmpty() ? "" : ": " + detail);
        sb.append("; details=\"");
        for (int i = 0; i < details.length(); i++) {
            char c = details.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append('?');
            }
        }
        return sb.append('"').toString();
    }
}
