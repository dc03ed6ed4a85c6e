package dev.sieve.proxy.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class McpBodyTest {

    private static McpBody parse(String json) throws McpBody.Invalid {
        return McpBody.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void toolCallNamesItsToolAndKeepsItsId() throws Exception {
        McpBody body = parse("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"search\",\"arguments\":{\"query\":\"q\"}}}");

        assertThat(body.batch()).isFalse();
        assertThat(body.messages()).containsExactly(
                new McpMessage(McpMessage.Kind.REQUEST, "7", "tools/call", Optional.of("search")));
        assertThat(body.messages().get(0).tool()).contains("search");
        assertThat(body.requestIds()).containsExactly("7");
    }

    @Test
    void promptsGetAndResourcesRead() throws Exception {
        McpBody body = parse("[{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"prompts/get\",\"params\":{\"name\":\"review\","
                + "\"arguments\":{\"code\":\"x\"}}},"
                + "{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"resources/read\",\"params\":{\"uri\":\"file:///x\"}},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}]");

        assertThat(body.batch()).isTrue();
        assertThat(body.messages()).containsExactly(
                new McpMessage(McpMessage.Kind.REQUEST, "\"a\"", "prompts/get", Optional.of("review")),
                new McpMessage(McpMessage.Kind.REQUEST, "\"b\"", "resources/read", Optional.empty()),
                new McpMessage(McpMessage.Kind.NOTIFICATION, null, "notifications/initialized", Optional.empty()),
                new McpMessage(McpMessage.Kind.RESPONSE, "3", null, Optional.empty()));
        assertThat(body.messages().get(0).tool()).isEmpty(); // a prompt is not a tool
        assertThat(body.requestIds()).containsExactly("\"a\"", "\"b\"");
    }

    @Test
    void escapedMethodAndNameReadAsTheServerReadsThem() throws Exception {
        McpBody body = parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools\\/call\","
                + "\"params\":{\"name\":\"sh\\u0065ll\"}}");

        assertThat(body.messages().get(0).tool()).contains("shell");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"ok\",\"name\":\"shell\"}}"
                + "| a duplicate key",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}}"
                + "| a tools/call without a string params.name",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":[\"shell\"]}}"
                + "| a tools/call without a string params.name",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"a\",\"arguments\":\"x\"}}"
                + "| a tools/call whose params.arguments is not an object",
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"tools/list\"}| a message without \"jsonrpc\": \"2.0\"",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"tools/list\"}| an id that is not a string or an integer",
        "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"tools/list\"}| an id that is not a string or an integer",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":[1]}| params that are not an object",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}| a method that is not a string",
        "{\"jsonrpc\":\"2.0\",\"id\":1}| a message that is neither a request, a notification nor a response",
        "[]| an empty batch",
        "[1]| a JSON-RPC message that is not an object",
        "{\"jsonrpc\":\"2.0\",\"method\":\"x\"} {}| content after the JSON value",
        "{\"jsonrpc\":| not valid JSON",
    })
    void refusesWhatItCannotReadStrictly(String json, String reason) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(McpBody.Invalid.class).hasMessage(reason.strip());
    }

    @Test
    void emptyBodyIsInvalid() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(McpBody.Invalid.class).hasMessage("an empty body");
    }

    @Test
    void invalidMessagesNameNoBodyData() {
        assertThatThrownBy(() -> parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"x\",\"arguments\":{\"k\":\"SECRET-VALUE\",\"k\":\"y\"}}}"))
                .isInstanceOf(McpBody.Invalid.class).hasMessageNotContaining("SECRET").hasMessageNotContaining("\"k\"");
    }
}
