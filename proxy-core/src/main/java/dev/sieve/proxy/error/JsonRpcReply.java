package dev.sieve.proxy.error;

import java.util.List;
import java.util.Optional;

/**
 * How to answer a refused JSON-RPC request to an MCP server (streamable HTTP) so that the client reads the refusal as
 * a JSON-RPC error: which requests to answer and in which shape. Holds request ids (request data, sent back only to
 * the agent that sent them, never logged) and no other part of the body.
 *
 * @param requestIds the ids (as JSON text) of the requests in the body, in order; empty when the body held only
 *                   notifications or responses, or could not be read (the answer then has {@code "id": null} and
 *                   the refusal's HTTP status, as the transport wants for a refused notification)
 * @param batch      the body was a batch: the answer is an array of errors, one per request
 * @param sse        the client accepts {@code text/event-stream}: each error is sent as one SSE event
 * @param tool       the tool a tool-policy refusal names, when it may be shown (see
 *                   {@link dev.sieve.proxy.mcp.McpGate})
 */
public record JsonRpcReply(List<String> requestIds, boolean batch, boolean sse, Optional<String> tool) {

    public JsonRpcReply {
        requestIds = List.copyOf(requestIds);
        java.util.Objects.requireNonNull(tool, "tool");
    }

    /** True if the answer is HTTP 200 with one error per request (false: the refusal's status, one error, null id). */
    public boolean answersRequests() {
        return !requestIds.isEmpty();
    }
}
