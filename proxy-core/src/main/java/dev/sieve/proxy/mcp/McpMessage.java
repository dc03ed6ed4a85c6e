package dev.sieve.proxy.mcp;

import java.util.Objects;
import java.util.Optional;

/**
 * One JSON-RPC 2.0 message an MCP client sent, as far as Sieve needs it. Holds no argument values: only the
 * method, the request id (to answer it) and, for {@code tools/call} and {@code prompts/get}, the name of the tool or
 * prompt called.
 *
 * @param kind   request (has an id), notification (no id) or response (the client answering the server)
 * @param idJson the request's or response's id as JSON text ({@code 7} or {@code "abc"}), to echo in an answer;
 *               {@code null} for a notification. Request data: never logged or audited
 * @param method the method; {@code null} for a response
 * @param name   {@code params.name} of a {@code tools/call} or {@code prompts/get}; empty otherwise
 */
public record McpMessage(Kind kind, String idJson, String method, Optional<String> name) {

    public static final String TOOLS_CALL = "tools/call";
    public static final String PROMPTS_GET = "prompts/get";
    public static final String RESOURCES_READ = "resources/read";

    public enum Kind { REQUEST, NOTIFICATION, RESPONSE }

    public McpMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if ((kind == Kind.NOTIFICATION) != (idJson == null)) {
            throw new IllegalArgumentException("idJson: " + (idJson == null ? "null" : "set")
                    + " (expected: null exactly for a notification)");
        }
        if ((kind == Kind.RESPONSE) != (method == null)) {
            throw new IllegalArgumentException("method: " + method + " (expected: null exactly for a response)");
        }
    }

    /** The tool a {@code tools/call} request or notification names. */
    public Optional<String> tool() {
        return TOOLS_CALL.equals(method) ? name : Optional.empty();
    }
}
