package dev.sieve.proxy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A TLS server on 127.0.0.1 that answers any request with bytes that are not HTTP, or (with a null reply) hangs up
 * without answering; it counts the requests it read.
 */
public final class GarbageServer implements AutoCloseable {
    private static final byte[] NOT_HTTP = "SPDY/9 what even is this\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final Thread acceptor;
    private final byte[] reply;
    private final AtomicInteger requests = new AtomicInteger();

    public GarbageServer(SSLContext tls) throws IOException {
        this(tls, NOT_HTTP);
    }

    /** A server that reads each request head and closes the connection without a response byte. */
    public static GarbageServer hangingUp(SSLContext tls) throws IOException {
        return new GarbageServer(tls, null);
    }

    private GarbageServer(SSLContext tls, byte[] reply) throws IOException {
        this.reply = reply;
        server = tls.getServerSocketFactory().createServerSocket(0, 16, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "garbage-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[4096];
                int n = in.read(buf); // the request head (small)
                if (n > 0) {
                    requests.incrementAndGet();
                }
                if (n > 0 && reply != null) {
                    OutputStream out = s.getOutputStream();
                    out.write(reply);
                    out.flush();
                }
            } catch (IOException e) {
                // next connection
            }
        }
    }

    /** Requests read so far (one per connection: each is closed after its first request). */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
