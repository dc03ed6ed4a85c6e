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
 * A misbehaving TLS upstream on 127.0.0.1: after reading a request head it acts out a {@link Fault} (by default
 * answering with bytes that are not HTTP, or hanging up); it counts the requests it read. Each connection is
 * served on its own thread, so a fault that never answers does not hold up the next connection.
 */
public final class GarbageServer implements AutoCloseable {
    /** Byte count of the response body {@link Fault#RESET_MID_RESPONSE} announces (it sends {@link #PARTIAL}). */
    public static final int ANNOUNCED = 100_000;
    /** Byte count it sends before the reset. */
    public static final int PARTIAL = 10_000;
    /** The body {@link Fault#DRIP_BODY} sends, one byte every {@link #DRIP_MILLIS}. */
    public static final String DRIPPED = "drip-drop";
    public static final long DRIP_MILLIS = 100;

    /** What the server does with a request. */
    public enum Fault {
        /** Answers with a banner that is not HTTP. */
        BANNER,
        /** Closes the connection without a response byte. */
        HANG_UP,
        /** Sends a response head and part of the body, then resets the connection (TCP RST). */
        RESET_MID_RESPONSE,
        /** Never answers (keeps the connection open until the peer closes it). */
        SILENT,
        /** Sends the response head one byte every second. */
        DRIP_HEAD,
        /** Sends a valid chunked response whose body comes one byte every {@link #DRIP_MILLIS}. */
        DRIP_BODY
    }

    private static final byte[] NOT_HTTP = "SPDY/9 what even is this\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Fault fault;

    public GarbageServer(SSLContext tls) throws IOException {
        this(tls, Fault.BANNER);
    }

    /** A server that reads each request head and closes the connection without a response byte. */
    public static GarbageServer hangingUp(SSLContext tls) throws IOException {
        return new GarbageServer(tls, Fault.HANG_UP);
    }

    public GarbageServer(SSLContext tls, Fault fault) throws IOException {
        this.fault = fault;
        server = tls.getServerSocketFactory().createServerSocket(0, 64, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "garbage-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Changes what the server does with the next requests. */
    public void act(Fault next) {
        fault = next;
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "garbage-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                // closed, or a failed handshake: next connection
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            int n = in.read(buf); // the request head (small)
            if (n <= 0) {
                return;
            }
            requests.incrementAndGet();
            OutputStream out = s.getOutputStream();
            switch (fault) {
                case BANNER -> out.write(NOT_HTTP);
                case HANG_UP -> { }
                case RESET_MID_RESPONSE -> {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                            + ANNOUNCED + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[PARTIAL]);
                    out.flush();
                    s.setSoLinger(true, 0); // close with a reset
                }
                case SILENT -> {
                    while (in.read(buf) >= 0) {
                        // wait for the peer to give up
                    }
                }
                case DRIP_HEAD -> drip(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 1000);
                case DRIP_BODY -> {
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    for (char c : DRIPPED.toCharArray()) {
                        out.write(("1\r\n" + c + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(DRIP_MILLIS);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            out.flush();
        } catch (IOException e) {
            // the peer went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drip(OutputStream out, String text, long everyMillis) throws IOException,
            InterruptedException {
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            out.write(b);
            out.flush();
            Thread.sleep(everyMillis);
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
