package dev.sieve.proxy.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A local model endpoint on 127.0.0.1 (HTTPS with a test CA, or plain HTTP) that speaks enough of
 * the Anthropic Messages API for real clients, and records every request it receives.
 * <ul>
 *   <li>{@code POST /v1/messages}: a message, or an SSE stream when the body has {@code "stream":true};
 *       the stream sends its first event, then waits for {@link #releaseStream()} before the rest.</li>
 *   <li>{@code /echo}: answers 200 with the request body.</li>
 *   <li>{@code /bytes?n=N}: streams N bytes (chunked).</li>
 * </ul>
 */
public final class FakeModelServer implements AutoCloseable {
    /** A request as the upstream saw it. */
    public record Received(String method, String uri, Map<String, List<String>> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    public static final String MESSAGE_JSON = "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-test\",\"content\":[{\"type\":\"text\",\"text\":\"hello from upstream\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":3}}";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch streamGate = new CountDownLatch(1);
    private final Map<String, Script> scripts = new java.util.concurrent.ConcurrentHashMap<>();

    /** A test's own answer for one path: it writes the whole response (status, headers, body) itself. */
    @FunctionalInterface
    public interface Script {
        void answer(Received request, HttpExchange exchange) throws IOException;
    }

    /** Answers requests to {@code path} with {@code script} from now on (instead of the built-in behaviour). */
    public void script(String path, Script script) {
        scripts.put(path, script);
    }

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: 40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private FakeModelServer(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeModelServer https(SSLContext tls) throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        s.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new FakeModelServer(s);
    }

    public static FakeModelServer http() throws IOException {
        return new FakeModelServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Received> received() {
        return received;
    }

    public Received last() {
        return received.get(received.size() - 1);
    }

    /** Lets a waiting SSE stream send its remaining events. */
    public void releaseStream() {
        streamGate.countDown();
    }

    /** The request id {@code /spoofed-id} answers with in Sieve's own header. */
    public static final String SPOOFED_REQUEST_ID = "req_000000000000000000000000";

    /** Request heads received so far, counted before their bodies are read (a streamed request's head comes first). */
    public int heads() {
        return heads.get();
    }

    private final java.util.concurrent.atomic.AtomicInteger heads = new java.util.concurrent.atomic.AtomicInteger();

    private void handle(HttpExchange ex) throws IOException {
        heads.incrementAndGet();
        byte[] body = ex.getRequestBody().readAllBytes();
        Received request = new Received(ex.getRequestMethod(), ex.getRequestURI().toString(),
                Map.copyOf(ex.getRequestHeaders()), body);
        received.add(request);
        String path = ex.getRequestURI().getPath();
        try {
            Script script = scripts.get(path);
            if (script != null) {
                script.answer(request, ex);
            } else if (path.equals("/v1/messages")) {
                if (new String(body, StandardCharsets.UTF_8).replace(" ", "").contains("\"stream\":true")) {
                    stream(ex);
                } else {
                    send(ex, 200, "application/json", MESSAGE_JSON.getBytes(StandardCharsets.UTF_8));
                }
            } else if (path.equals("/echo")) {
                send(ex, 200, "application/octet-stream", body);
            } else if (path.equals("/spoofed-id")) {
                // An upstream that sends Sieve's request-id header itself.
                ex.getResponseHeaders().set("X-Sieve-Request-Id", SPOOFED_REQUEST_ID);
                send(ex, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/bytes")) {
                long n = Long.parseLong(ex.getRequestURI().getQuery().substring(2));
                ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
                ex.sendResponseHeaders(200, 0);
                byte[] block = new byte[64 * 1024];
                try (OutputStream out = ex.getResponseBody()) {
                    for (long sent = 0; sent < n; sent += block.length) {
                        out.write(block, 0, (int) Math.min(block.length, n - sent));
                    }
                }
            } else {
                send(ex, 404, "application/json", "{\"type\":\"error\"}".getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            ex.close();
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void stream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        event(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":[],\"stop_reason\":null,"
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}");
        try {
            if (!streamGate.await(10, TimeUnit.SECONDS)) {
                throw new IOException("stream gate never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            streamGate = new CountDownLatch(1);
        }
        event(out, "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"hello \"}}");
        event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"streamed\"}}");
        event(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        event(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":2}}");
        event(out, "message_stop", "{\"type\":\"message_stop\"}");
        out.close();
    }

    private static void event(OutputStream out, String name, String data) throws IOException {
        out.write(("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        streamGate.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
