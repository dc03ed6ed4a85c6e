package dev.sieve.proxy.testing;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.sieve.certs.CertificateAuthority;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTPS webhook receiver on 127.0.0.1 (the JDK's HttpsServer) presenting a leaf for {@code 127.0.0.1} from a
 * test CA of its own ({@link #caFile()}). It records every request as it arrives, answers with the scripted statuses
 * (then {@link #defaultStatus}), and can hold requests until released, to keep a sender busy.
 */
public final class WebhookReceiver implements AutoCloseable {
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Path caFile;
    /** Every request, in arrival order. */
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Integer> statuses = new ConcurrentLinkedDeque<>();
    /** The status once the script is used up. */
    public volatile int defaultStatus = 204;
    /** Sent with every 429, when set. */
    public volatile String retryAfter;
    private volatile CountDownLatch hold;

    /** One request as it arrived. */
    public record Request(String method, String path, Map<String, List<String>> headers, byte[] body, long nanos) {
        /** The first value of header {@code name} (any case), or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public WebhookReceiver(Path dir) throws Exception {
        CertificateAuthority ca = TestTls.newCa(dir);
        caFile = ca.certificateFile().orElseThrow();
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestTls.serverContext(ca, "127.0.0.1")));
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            long nanos = System.nanoTime();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body, nanos));
            CountDownLatch h = hold;
            if (h != null) {
                try {
                    h.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer scripted = statuses.poll();
            int status = scripted == null ? defaultStatus : scripted;
            if (status == 429 && retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The PEM certificate of the receiver's CA, for a webhook's {@code caFile}. */
    public Path caFile() {
        return caFile;
    }

    /** The statuses of the next requests, in order. */
    public void script(Integer... codes) {
        statuses.addAll(List.of(codes));
    }

    /** From now on, requests wait (after being recorded) until {@link #release()}. */
    public void hold() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch h = hold;
        if (h != null) {
            h.countDown();
        }
    }

    /** The requests once at least {@code n} arrived (10 s at most). */
    public List<Request> await(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (requests.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(n + " webhook requests within 10 s; got " + requests.size());
            }
            Thread.sleep(10);
        }
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
