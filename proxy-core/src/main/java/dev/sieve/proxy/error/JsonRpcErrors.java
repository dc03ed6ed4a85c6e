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
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders a {@link Refusal} of a JSON-RPC request to an MCP server as JSON-RPC 2.0 errors, the answer an MCP client
 * reads (it discards an HTML page or a model-API error body as a transport failure):
 * <pre>{"jsonrpc":"2.0","id":7,"error":{"code":-32050,"message":"Sieve's data loss prevention blocked this request:
 *  rules ... (request id req_...)","data":{"reason":"inspection_blocked","request_id":"req_...","rules":[...]}}}</pre>
 * The message is {@link ErrorResponses#message}, the same text as the usual refusal's.
 *
 * <p>A body with requests gets HTTP 200 with one error per request (an array for a batch), as application/json, or
 * as one SSE event per error when the client accepts text/event-stream: the streamable HTTP transport answers a
 * request with 200 and a JSON-RPC response, an error included. A body of notifications or responses only (nothing to
 * answer) and an unreadable body get the refusal's status with one error whose id is null, as the transport wants
 * for input the server does not accept. Every answer carries {@code Proxy-Status} and {@code X-Sieve-Request-Id}.
 */
public final class JsonRpcErrors {
    /** Sieve's codes, in JSON-RPC's server-error range (-32000 to -32099), away from the SDKs' own (-32000, -32001). */
    public static final int DLP_BLOCKED = -32050;
    public static final int TOOL_DENIED = -32051;
    public static final int INSPECTION_FAILED = -32052;
    public static final int REFUSED = -32053;
    /** JSON-RPC's own code for a message that is not a valid request. */
    public static final int INVALID_REQUEST = -32600;

    private static final JsonFactory JSON = new JsonFactory();

    private JsonRpcErrors() {}

    /** The JSON-RPC error code of a refusal. */
    public static int code(Refusal refusal) {
        return switch (refusal) {
            case INSPECTION_BLOCKED -> DLP_BLOCKED;
            case MCP_TOOL_DENIED -> TOOL_DENIED;
            case INSPECTION_FAILED -> INSPECTION_FAILED;
            case MCP_INVALID_MESSAGE -> INVALID_REQUEST;
            default -> REFUSED;
        };
    }

    public static FullHttpResponse render(ByteBufAllocator alloc, Refusal refusal, String detail, String requestId,
            List<String> ruleIds, JsonRpcReply reply) {
        return render(alloc, refusal, detail, requestId, ruleIds, List.of(), reply);
    }

    /** @param locations where the findings that caused the refusal are ({@code error.data.locations}) */
    public static FullHttpResponse render(ByteBufAllocator alloc, Refusal refusal, String detail, String requestId,
            List<String> ruleIds, List<String> locations, JsonRpcReply reply) {
        boolean sse = reply.sse() && reply.answersRequests();
        List<String> ids = reply.answersRequests() ? reply.requestIds() : java.util.Collections.singletonList(null);
        boolean array = reply.batch() && reply.answersRequests() && !sse;
        ByteBuf body = alloc.buffer(256 * ids.size());
        try (OutputStream out = new ByteBufOutputStream(body)) {
            if (array) {
                out.write('[');
            }
            for (int i = 0; i < ids.size(); i++) {
                if (sse) {
                    out.write("event: message\ndata: ".getBytes(StandardCharsets.US_ASCII));
                } else if (i > 0) {
                    out.write(',');
                }
                writeError(out, ids.get(i), refusal, detail, requestId, ruleIds, locations, reply);
                if (sse) {
                    out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            if (array) {
                out.write(']');
            }
        } catch (IOException e) {
            body.release();
            throw new UncheckedIOException(e);
        }
        HttpResponseStatus status = reply.answersRequests() ? HttpResponseStatus.OK : refusal.status();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, sse ? HttpHeaderValues.TEXT_EVENT_STREAM
                        : HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set("Proxy-Status", ErrorResponses.proxyStatus(refusal, detail))
                .set(ErrorResponses.REQUEST_ID_HEADER, requestId)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }

    private static void writeError(OutputStream out, String idJson, Refusal refusal, String detail, String requestId,
            List<String> ruleIds, List<String> locations, JsonRpcReply reply) throws IOException {
        JsonGenerator json = JSON.createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        json.writeStringField("jsonrpc", "2.0");
        json.writeFieldName("id");
        if (idJson == null) {
            json.writeNull();
        } else {
            json.writeRawValue(idJson); // a string or integer token the parser produced, re-serialised by Jackson
        }
        json.writeObjectFieldStart("error");
        json.writeNumberField("code", code(refusal));
        json.writeStringField("message", ErrorResponses.message(refusal, detail, requestId));
        json.writeObjectFieldStart("data");
        ErrorResponses.writeFacts(json, refusal, requestId, ruleIds, locations);
        if (reply.tool().isPresent()) {
            json.writeStringField("tool", reply.tool().get());
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
        json.close();
    }
}
