package dev.sieve.proxy.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The body of a POST to an MCP server (streamable HTTP transport): one JSON-RPC 2.0 message, or a batch (a
 * non-empty array of them, as the 2025-03-26 revision allows). Pure: bytes in, messages or {@link Invalid} out.
 *
 * <p>Strict where a lax reading would let a tool call past its policy: duplicate keys are refused (a server
 * reading the first {@code name} and Sieve the last would disagree about the tool), {@code jsonrpc} must be
 * {@code "2.0"}, an id a string or number (MCP forbids null ids), a {@code tools/call} or {@code prompts/get} must name
 * what it calls with a string {@code params.name}. Bodies are bounded by the destination's body limit before they
 * get here.
 */
public record McpBody(boolean batch, List<McpMessage> messages) {

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).build();

    public McpBody {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages: [] (expected: at least one)");
        }
    }

    /** Why a body is not an MCP message Sieve can read; the text names no body data. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Reads {@code body} (UTF-8 JSON). */
    public static McpBody parse(byte[] body) throws Invalid {
        JsonNode root;
        try (JsonParser parser = JSON.createParser(body)) {
            root = JSON.readTree(parser);
            if (root == null) {
                throw new Invalid("an empty body");
            }
            if (parser.nextToken() != null) {
                throw new Invalid("content after the JSON value");
            }
        } catch (JsonProcessingException e) {
            throw new Invalid(e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "a duplicate key" : "not valid JSON");
        } catch (IOException e) {
            throw new Invalid("not readable JSON");
        }
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw new Invalid("an empty batch");
            }
            List<McpMessage> out = new ArrayList<>(root.size());
            for (Iterator<JsonNode> it = root.elements(); it.hasNext(); ) {
                out.add(message(it.next()));
            }
            return new McpBody(true, out);
        }
        return new McpBody(false, List.of(message(root)));
    }

    private static McpMessage message(JsonNode m) throws Invalid {
        if (!m.isObject()) {
            throw new Invalid("a JSON-RPC message that is not an object");
        }
        if (!"2.0".equals(m.path("jsonrpc").textValue())) {
            throw new Invalid("a message without \"jsonrpc\": \"2.0\"");
        }
        JsonNode id = m.get("id");
        if (id != null && !id.isTextual() && !id.isIntegralNumber()) {
            throw new Invalid("an id that is not a string or an integer");
        }
        String idJson = id == null ? null : id.toString();
        JsonNode method = m.get("method");
        if (method == null) {
            if (idJson == null || m.has("result") == m.has("error")) {
                throw new Invalid("a message that is neither a request, a notification nor a response");
            }
            return new McpMessage(McpMessage.Kind.RESPONSE, idJson, null, Optional.empty());
        }
        if (!method.isTextual()) {
            throw new Invalid("a method that is not a string");
        }
        String name = method.textValue();
        JsonNode params = m.get("params");
        if (params != null && !params.isObject()) {
            throw new Invalid("params that are not an object");
        }
        Optional<String> called = Optional.empty();
        if (name.equals(McpMessage.TOOLS_CALL) || name.equals(McpMessage.PROMPTS_GET)) {
            JsonNode n = params == null ? null : params.get("name");
            if (n == null || !n.isTextual()) {
                throw new Invalid("a " + name + " without a string params.name");
            }
            JsonNode arguments = params.get("arguments");
            if (arguments != null && !arguments.isObject() && !arguments.isNull()) {
                throw new Invalid("a " + name + " whose params.arguments is not an object");
            }
            called = Optional.of(n.textValue());
        }
        return new McpMessage(idJson == null ? McpMessage.Kind.NOTIFICATION : McpMessage.Kind.REQUEST, idJson, name,
                called);
    }

    /** The ids of the requests in this body, in order: the messages a refusal must answer. */
    public List<String> requestIds() {
        List<String> ids = new ArrayList<>();
        for (McpMessage m : messages) {
            if (m.kind() == McpMessage.Kind.REQUEST) {
                ids.add(m.idJson());
            }
        }
        return ids;
    }
}
