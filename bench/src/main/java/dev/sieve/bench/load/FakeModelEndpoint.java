package dev.sieve.bench.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A local HTTPS stand-in for a model API on 127.0.0.1 (JDK {@code HttpsServer}), the same upstream for every
 * route measured: {@code POST /v1/messages} drains the body and answers a small JSON message; {@code POST /upload}
 * drains the body and answers its length; {@code POST /sse} answers {@code text/event-stream} with a first event
 * at once and five more, each flushed.
 */
final class FakeModelEndpoint implements AutoCloseable {

    private static final byte[] MESSAGE = ("{\"id\":\"msg_01bench\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"Done. The tests pass.\"}],"
            + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":812,\"output_tokens\":9}}")
            .getBytes(StandardCharsets.US_ASCII);

    private final HttpsServer server;
    private final ExecutorService executor;

    FakeModelEndpoint(SSLContext tls, int threads) throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs (40 ms stalls).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fake-model");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/v1/messages", ex -> answer(ex, "application/json", MESSAGE));
        server.createContext("/upload", ex -> {
            long n = drain(ex.getRequestBody());
            answer(ex, "application/json", ("{\"received\":" + n + "}").getBytes(StandardCharsets.US_ASCII));
        });
        server.createContext("/sse", FakeModelEndpoint::events);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange ex, String type, byte[] body) throws IOException {
        drain(ex.getRequestBody());
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static void events(HttpExchange ex) throws IOException {
        drain(ex.getRequestBody());
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < 6; i++) {
                out.write(("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":" + i
                        + ",\"delta\":{\"type\":\"text_delta\",\"text\":\"token " + i + "\"}}\n\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
        }
        return total;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
