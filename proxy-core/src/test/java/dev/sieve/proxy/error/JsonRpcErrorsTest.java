package dev.sieve.proxy.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonRpcErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Rendered(HttpResponseStatus status, String contentType, String proxyStatus, String body) {}

    private static Rendered render(Refusal refusal, String detail, List<String> rules, JsonRpcReply reply) {
        FullHttpResponse r = JsonRpcErrors.render(ByteBufAllocator.DEFAULT, refusal, detail, "req_1", rules, reply);
        try {
            return new Rendered(r.status(), r.headers().get("content-type"), r.headers().get("proxy-status"),
                    r.content().toString(StandardCharsets.UTF_8));
        } finally {
            r.release();
        }
    }

    @Test
    void aBlockedRequestIsAJsonRpcErrorWithItsId() throws Exception {
        Rendered r = render(Refusal.INSPECTION_BLOCKED, "rules credential.x", List.of("credential.x"),
                new JsonRpcReply(List.of("\"call-7\""), false, false, Optional.empty()));

        assertThat(r.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.proxyStatus()).contains("inspection_blocked");
        JsonNode n = JSON.readTree(r.body());
        assertThat(n.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(n.get("id").asText()).isEqualTo("call-7");
        assertThat(n.at("/error/code").asInt()).isEqualTo(JsonRpcErrors.DLP_BLOCKED).isBetween(-32099, -32000);
        assertThat(n.at("/error/message").asText())
                .isEqualTo("Sieve's data loss prevention blocked this request: rules credential.x. " + Refusal.INSPECTION_BLOCKED.advice()
                        + " req_1");
        assertThat(n.at("/error/data/reason").asText()).isEqualTo("inspection_blocked");
        assertThat(n.at("/error/data/request_id").asText()).isEqualTo("req_1");
        assertThat(n.at("/error/data/rules/0").asText()).isEqualTo("credential.x");
    }

    @Test
    void aBatchGetsOneErrorPerRequest() throws Exception {
        Rendered r = render(Refusal.MCP_TOOL_DENIED, "tool shell", List.of(),
                new JsonRpcReply(List.of("1", "\"b\""), true, false, Optional.of("shell")));

        JsonNode n = JSON.readTree(r.body());
        assertThat(n.isArray()).isTrue();
        assertThat(n).hasSize(2);
        assertThat(n.get(0).get("id").asInt()).isEqualTo(1);
        assertThat(n.get(1).get("id").asText()).isEqualTo("b");
        assertThat(n.get(1).at("/error/code").asInt()).isEqualTo(JsonRpcErrors.TOOL_DENIED);
        assertThat(n.get(1).at("/error/data/tool").asText()).isEqualTo("shell");
    }

    @Test
    void anEventStreamClientGetsOneSseEventPerError() throws Exception {
        Rendered r = render(Refusal.INSPECTION_BLOCKED, "rules x", List.of("x"),
                new JsonRpcReply(List.of("1", "2"), true, true, Optional.empty()));

        assertThat(r.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(r.contentType()).isEqualTo("text/event-stream");
        String[] events = r.body().split("\n\n");
        assertThat(events).hasSize(2);
        assertThat(events[0]).startsWith("event: message\ndata: {");
        assertThat(JSON.readTree(events[1].substring(events[1].indexOf("data: ") + 6)).get("id").asInt()).isEqualTo(2);
        assertThat(r.body()).endsWith("\n\n");
    }

    @Test
    void aRefusedNotificationGetsTheRefusalStatusAndANullId() throws Exception {
        Rendered r = render(Refusal.MCP_TOOL_DENIED, "tool shell", List.of(),
                new JsonRpcReply(List.of(), false, true, Optional.of("shell")));

        assertThat(r.status()).isEqualTo(HttpResponseStatus.FORBIDDEN);
        assertThat(r.contentType()).isEqualTo("application/json"); // nothing to stream: no request to answer
        JsonNode n = JSON.readTree(r.body());
        assertThat(n.get("id").isNull()).isTrue();
        assertThat(n.at("/error/data/reason").asText()).isEqualTo("mcp_tool_denied");
    }

    @Test
    void anUnreadableBodyIsAnInvalidRequest() throws Exception {
        Rendered r = render(Refusal.MCP_INVALID_MESSAGE, "a duplicate key", List.of(),
                new JsonRpcReply(List.of(), false, false, Optional.empty()));

        assertThat(r.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        assertThat(JSON.readTree(r.body()).at("/error/code").asInt()).isEqualTo(-32600);
    }
}
