package dev.sieve.proxy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;

/** A TLS server on 127.0.0.1 that answers any request with bytes that are not HTTP. */
public final class GarbageServer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;

    public GarbageServer(SSLContext tls) throws IOException {
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
                    OutputStream out = s.getOutputStream();
                    out.write("SPDY/9 what even is this\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // next connection
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
