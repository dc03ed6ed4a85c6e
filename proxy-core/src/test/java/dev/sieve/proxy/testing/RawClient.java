package dev.sieve.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A byte-exact HTTP/1.1 client for tests that must send what well-behaved clients never would
 * (smuggling shapes, oversized heads, mismatched SNI/Host), through a real socket.
 */
public final class RawClient implements AutoCloseable {
    /** A parsed response head plus its body (read by Content-Length or until close). */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public RawClient(InetSocketAddress proxy) throws IOException {
        this(proxy, null);
    }

    /** A client whose connection comes from {@code from} (e.g. 127.0.0.2, another client address on Linux). */
    public RawClient(InetSocketAddress proxy, InetAddress from) throws IOException {
        socket = new Socket();
        if (from != null) {
            socket.bind(new InetSocketAddress(from, 0));
        }
        socket.connect(proxy, 5000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends CONNECT and returns the proxy's answer. */
    public Response connect(String authority, String... extraHeaders) throws IOException {
        StringBuilder sb = new StringBuilder("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n");
        for (String h : extraHeaders) {
            sb.append(h).append("\r\n");
        }
        send(sb.append("\r\n").toString());
        return readResponse(true);
    }

    /** Starts TLS inside the tunnel with the given SNI name (null = none), verifying nothing but the chain. */
    public void startTls(SSLContext context, String sni, String connectHost, int port) throws IOException {
        startTls(context, sni, connectHost, port, null);
    }

    /** As above, offering only {@code protocols} (e.g. {@code TLSv1.2}) when not null. */
    public String startTls(SSLContext context, String sni, String connectHost, int port, String[] protocols)
            throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, connectHost, port, true);
        SSLParameters params = tls.getSSLParameters();
        if (protocols != null) {
            params.setProtocols(protocols);
        }
        params.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        tls.setSSLParameters(params);
        tls.startHandshake();
        socket = tls;
        in = tls.getInputStream();
        out = tls.getOutputStream();
        return tls.getSession().getProtocol();
    }

    /** Starts TLS inside the tunnel (SNI {@code connectHost}) offering {@code alpn}; returns what the server chose. */
    public String startTlsAlpn(SSLContext context, String connectHost, int port, String... alpn) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, connectHost, port, true);
        SSLParameters params = tls.getSSLParameters();
        params.setApplicationProtocols(alpn);
        params.setServerNames(List.of(new SNIHostName(connectHost)));
        tls.setSSLParameters(params);
        tls.startHandshake();
        socket = tls;
        in = tls.getInputStream();
        out = tls.getOutputStream();
        return tls.getApplicationProtocol();
    }

    public void send(String raw) throws IOException {
        send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    public Response request(String raw) throws IOException {
        send(raw);
        return readResponse(false);
    }

    /**
     * Reads one response; for a CONNECT answer the body is only read when the status is not 2xx, and a 1xx response
     * has none.
     */
    public Response readResponse(boolean connect) throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        if ((connect && status / 100 == 2) || status / 100 == 1) { // an informational response has no body
            return new Response(status, headers, "");
        }
        String length = headers.get("content-length");
        byte[] body;
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunked();
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(readLine().trim(), 16);
            if (size == 0) {
                readLine();
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    /**
     * Sends {@code raw} one byte every {@code everyMillis} from a daemon thread (a slow client), until all is
     * sent, the thread is interrupted or a write fails (the peer closed). The caller reads meanwhile.
     */
    public Thread drip(String raw, long everyMillis) {
        byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
        OutputStream target = out;
        Thread t = new Thread(() -> {
            try {
                for (byte b : bytes) {
                    target.write(b);
                    target.flush();
                    Thread.sleep(everyMillis);
                }
            } catch (IOException | InterruptedException e) {
                // the peer closed, or the test is done
            }
        }, "drip");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Sets how long a read waits before failing with a timeout. */
    public void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** True when the peer has closed the connection (EOF within the socket timeout). */
    public boolean isClosedByPeer() {
        try {
            return in.read() == -1;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * True when the peer closes the connection (EOF or reset) within the read timeout; false when a byte arrives
     * or the timeout passes first.
     */
    public boolean closesWithinTimeout() {
        try {
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    public InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Closes the connection with a reset (SO_LINGER 0): the abrupt end of a client that crashed or gave up. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }
}
