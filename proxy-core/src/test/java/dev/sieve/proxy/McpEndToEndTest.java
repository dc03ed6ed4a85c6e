package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.error.JsonRpcErrors;
import dev.sieve.proxy.testing.McpTestServer;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.Synthetic;
import dev.sieve.proxy.testing.TestTls;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP over streamable HTTP through a running Sieve: the official MCP Java SDK client, as an agent's MCP client, talks
 * HTTPS through Sieve (the agent trusts Sieve's CA) to a local MCP server ({@link McpTestServer}, the SDK's server)
 * whose allow entry is {@code mcp: true} with a tool policy. The SDK accepts text/event-stream, so it reads Sieve's
 * refusals as SSE events. Secrets are synthetic, made in code.
 */
class McpEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SSN = Synthetic.ssn(12);

    @TempDir
    static Path dir;

    static McpTestServer server;
    static ProxyTestEnv env;
    McpSyncClient client;

    @BeforeAll
    static void start() throws Exception {
        Path ca = dir.resolve("mcp-ca");
        // The MCP server's certificate comes from the upstream CA the env makes Sieve trust: start the env first.
        env = new ProxyTestEnv(dir, "", null, "", null);
        server = new McpTestServer(TestTls.serverContext(env.upstreamCa, "mcp.sieve.test"),
                List.of("echo", "search", "shell"));
        java.nio.file.Files.writeString(env.configFile, java.nio.file.Files.readString(env.configFile).replace(
                "\nallow:\n", "\nallow:\n  - { host: mcp.sieve.test, ports: [" + server.port() + "], privateAddresses: true,"
                        + " mcp: true, tools: { deny: [shell], actions: { search: redact } } }\n"));
        awaitMcpEntry();
    }

    /** The env's config file is watched: wait until the MCP entry is in force. */
    private static void awaitMcpEntry() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (env.sieve.enforcement().destinations().mcp("mcp.sieve.test").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the MCP allow entry was not loaded");
            }
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void connect() throws Exception {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("https://mcp.sieve.test:" + server.port())
                .endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(JSON))
                .clientBuilder(HttpClient.newBuilder().proxy(ProxySelector.of(env.proxy())).sslContext(env.agentTls())
                        .connectTimeout(Duration.ofSeconds(5)))
                .build();
        client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
    }

    @AfterEach
    void disconnect() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    /** A raw JSON-RPC POST to the MCP endpoint through Sieve, as a client without the SDK sends it. */
    private static HttpResponse<String> post(String accept, String json) throws Exception {
        return env.agentClient().send(HttpRequest.newBuilder(URI.create("https://mcp.sieve.test:" + server.port()
                        + "/mcp")).header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Test
    void anAllowedToolCallReachesTheServerAndIsAudited() throws Exception {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("echo",
                Map.of("query", "weather in Lisbon")));

        assertThat(result.isError()).isFalse();
        assertThat(JSON.readTree(text(result)).get("query").asText()).isEqualTo("weather in Lisbon");
        assertThat(env.awaitAuditLine("\"reasons\":[\"mcp:tools/call:echo\"]")).contains("\"decision\":\"allowed\"");
        // Tool names are the agent's: metric labels stay a closed set.
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + env.admin().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("sieve_requests_total").doesNotContain("mcp:");
    }

    @Test
    void aSecretInToolArgumentsIsBlockedAsAJsonRpcError() throws Exception {
        int before = server.received().size();

        assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("echo",
                Map.of("query", "file the form for Dana Roe, SSN " + SSN))))
                .isInstanceOfSatisfying(McpError.class, e -> {
                    McpSchema.JSONRPCResponse.JSONRPCError error = e.getJsonRpcError();
                    assertThat(error.code()).isEqualTo(JsonRpcErrors.DLP_BLOCKED);
                    assertThat(error.message()).startsWith("Sieve's data loss prevention blocked this request")
                            .contains("pii.us-ssn at $.params.arguments.query")
                            .contains("quoting request id req_").doesNotContain(SSN);
                    assertThat(error.data().toString()).contains("inspection_blocked").contains("pii.us-ssn")
                            .contains("$.params.arguments.query");
                });
        assertThat(server.received()).hasSize(before);
        // echo is not named in the tool policy and the body held a finding: the audit does not repeat the name.
        String audit = env.awaitAuditLine("\"pii.us-ssn\",\"mcp:tools/call:?\"");
        assertThat(audit).contains("\"decision\":\"blocked\"").doesNotContain(SSN);
    }

    @Test
    void aToolTheServersPolicyDeniesIsRefusedAsAJsonRpcError() {
        int before = server.received().size();

        assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("shell", Map.of("cmd", "ls"))))
                .isInstanceOfSatisfying(McpError.class, e -> {
                    assertThat(e.getJsonRpcError().code()).isEqualTo(JsonRpcErrors.TOOL_DENIED);
                    assertThat(e.getJsonRpcError().message())
                            .startsWith("the MCP server's tool policy in Sieve does not allow this tool: tool shell is"
                                    + " on the server's deny list");
                });
        assertThat(server.received()).hasSize(before);
    }

    @Test
    void aToolWithTheRedactActionReachesTheServerWithoutTheValue() throws Exception {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("search",
                Map.of("query", "records of SSN " + SSN + " please", "limit", 3)));

        String seen = server.received().get(server.received().size() - 1);
        assertThat(seen).doesNotContain(SSN).contains("\"name\":\"search\"");
        JsonNode args = JSON.readTree(text(result));
        assertThat(args.get("query").asText()).startsWith("records of SSN ").endsWith(" please")
                .doesNotContain(SSN);
        assertThat(args.get("limit").asInt()).isEqualTo(3);
        assertThat(env.awaitAuditLine("mcp:tools/call:search")).contains("\"decision\":\"redacted\"");
    }

    @Test
    void aClientThatDoesNotAcceptEventStreamsGetsTheErrorAsJson() throws Exception {
        HttpResponse<String> r = post("application/json", "{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"shell\"}}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("application/json");
        JsonNode error = JSON.readTree(r.body());
        assertThat(error.get("id").asInt()).isEqualTo(41);
        assertThat(error.at("/error/code").asInt()).isEqualTo(JsonRpcErrors.TOOL_DENIED);
    }

    @Test
    void anEventStreamClientGetsTheErrorAsAnSseEvent() throws Exception {
        HttpResponse<String> r = post("application/json, text/event-stream", "{\"jsonrpc\":\"2.0\",\"id\":\"c-9\",\"method\":"
                + "\"tools/call\",\"params\":{\"name\":\"shell\",\"arguments\":{\"cmd\":\"id\"}}}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("text/event-stream");
        assertThat(r.body()).startsWith("event: message\ndata: ").endsWith("\n\n");
        JsonNode error = JSON.readTree(r.body().substring(r.body().indexOf("data: ") + 6).strip());
        assertThat(error.get("id").asText()).isEqualTo("c-9");
        assertThat(error.at("/error/data/reason").asText()).isEqualTo("mcp_tool_denied");
        assertThat(error.at("/error/data/tool").asText()).isEqualTo("shell");
    }

    @Test
    void aRefusedNotificationGets403WithANullId() throws Exception {
        HttpResponse<String> r = post("application/json, text/event-stream",
                "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"shell\"}}");

        assertThat(r.statusCode()).isEqualTo(403);
        JsonNode error = JSON.readTree(r.body());
        assertThat(error.get("id").isNull()).isTrue();
        assertThat(error.at("/error/code").asInt()).isEqualTo(JsonRpcErrors.TOOL_DENIED);
    }

    @Test
    void aBodyThatIsNotJsonRpcIsRefused() throws Exception {
        int before = server.received().size();
        HttpResponse<String> r = post("application/json", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"name\":\"shell\"}}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).at("/error/data/reason").asText()).isEqualTo("mcp_invalid_message");
        assertThat(server.received()).hasSize(before);
    }
}
