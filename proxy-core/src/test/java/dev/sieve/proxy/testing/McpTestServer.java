package dev.sieve.proxy.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import reactor.core.publisher.Mono;

/**
 * A local MCP server over streamable HTTP (HTTPS, endpoint {@code /mcp}): the MCP Java SDK's stateless server, put on
 * the JDK's HTTP server by a small transport of this class (the SDK's own HTTP transports need a servlet container).
 * Its tools echo their arguments back as text, so a test sees what reached the server; every POST body it received
 * is kept in {@link #received()}.
 */
public final class McpTestServer implements AutoCloseable {
    private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());

    private final HttpsServer http;
    private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();
    private final McpStatelessSyncServer mcp;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile McpStatelessServerHandler handler;

    /** @param tools the names of the tools it offers; each returns its arguments as JSON text */
    public McpTestServer(SSLContext tls, List<String> tools) throws IOException {
        http = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setHttpsConfigurator(new HttpsConfigurator(tls));
        http.setExecutor(threads); // not the dispatcher thread: one slow exchange must not hold up the others
        http.createContext("/mcp", this::handle);
        McpServer.StatelessSyncSpecification spec = McpServer.sync(new McpStatelessServerTransport() {
            @Override
            public void setMcpHandler(McpStatelessServerHandler h) {
                handler = h;
            }

            @Override
            public Mono<Void> closeGracefully() {
                return Mono.empty();
            }
        }).serverInfo("sieve-test-mcp", "1.0").jsonMapper(JSON)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build());
        for (String name : tools) {
            McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description("echoes its arguments")
                    .inputSchema(Map.of("type", "object")).build();
            spec.toolCall(tool, (ctx, call) -> McpSchema.CallToolResult.builder()
                    .addTextContent(write(call.arguments())).isError(false).build());
        }
        mcp = spec.build();
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The bodies of every POST the server received, in order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(body);
            McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(JSON, body);
            if (message instanceof McpSchema.JSONRPCRequest request) {
                McpSchema.JSONRPCResponse response = handler.handleRequest(McpTransportContext.EMPTY, request).block();
                byte[] out = JSON.writeValueAsBytes(response);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            } else {
                if (message instanceof McpSchema.JSONRPCNotification notification) {
                    handler.handleNotification(McpTransportContext.EMPTY, notification).block();
                }
                exchange.sendResponseHeaders(202, -1);
            }
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        mcp.close();
        http.stop(0);
        threads.shutdownNow();
    }
}
