package dev.sieve.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * How the load generator reaches the fake endpoint: straight to it, or through an HTTP proxy with {@code CONNECT}.
 * Either way TLS is end to end from the client's point of view, with SNI and hostname verification for
 * {@code host} against the client context's roots.
 *
 * @param name   the route's label in results, e.g. {@code direct}, {@code sieve-inspect}
 * @param host   the name the client asks for (CONNECT target, SNI, certificate check)
 * @param port   the endpoint's port
 * @param proxy  the proxy to CONNECT through, or null for a direct connection to 127.0.0.1
 * @param tls    the client context (trusting the endpoint's CA or the proxy's CA)
 */
record Route(String name, String host, int port, InetSocketAddress proxy, SSLContext tls) {

    /** Opens a TCP connection, tunnels through the proxy if any, and completes the TLS handshake. */
    Http1Connection open() throws IOException {
        Socket raw = new Socket();
        raw.setTcpNoDelay(true);
        try {
            raw.connect(proxy != null ? proxy : new InetSocketAddress("127.0.0.1", port), 5_000);
            raw.setSoTimeout(30_000);
            if (proxy != null) {
                connect(raw);
            }
            SSLSocket tlsSocket = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, port, true);
            SSLParameters params = tlsSocket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            params.setServerNames(List.of(new SNIHostName(host)));
            tlsSocket.setSSLParameters(params);
            tlsSocket.startHandshake();
            return new Http1Connection(tlsSocket, port == 443 ? host : host + ":" + port);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private void connect(Socket raw) throws IOException {
        OutputStream out = raw.getOutputStream();
        out.write(("CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = raw.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.length() > 8192) {
                throw new IOException("proxy: CONNECT response ended early (expected: a status line and headers)");
            }
            head.append((char) b);
        }
        String status = head.substring(0, head.indexOf("\r\n"));
        if (!status.matches("HTTP/1\\.[01] 200.*")) {
            throw new IOException("proxy: CONNECT " + host + ":" + port + " answered '" + status
                    + "' (expected: HTTP/1.1 200)");
        }
    }
}
