package dev.sieve.bench.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal blocking HTTP/1.1 client connection (keep-alive, {@code Content-Length} and chunked responses), so that
 * every route is driven by exactly the same client code with no connection pool or DNS in between.
 */
final class Http1Connection implements Closeable {

    private final Socket socket;
    private final String host;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] scratch = new byte[64 * 1024];

    /** @param host the Host header value ({@code name:port} unless the port is 443) */
    Http1Connection(Socket socket, String host) throws IOException {
        this.socket = socket;
        this.host = host;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** Sends a POST with {@code body} repeated {@code repeat} times and reads the whole response; returns the status. */
    int post(String path, String contentType, byte[] body, int repeat) throws IOException {
        writeHead(path, contentType, (long) body.length * repeat);
        for (int i = 0; i < repeat; i++) {
            out.write(body);
        }
        out.flush();
        Response r = readHead();
        drainBody(r, false, null);
        return r.status;
    }

    /**
     * Sends a POST with {@code body} and reads the whole response, keeping up to {@link Reply#KEPT_BYTES} of its
     * body (what a caller checks an answer by).
     */
    Reply exchange(String path, String contentType, byte[] body) throws IOException {
        writeHead(path, contentType, body.length);
        out.write(body);
        out.flush();
        Response r = readHead();
        ByteArrayOutputStream kept = new ByteArrayOutputStream(1024);
        drainBody(r, false, kept);
        return new Reply(r.status, r.close, kept.toByteArray());
    }

    /**
     * A response: its status, whether the server said {@code Connection: close}, and the first
     * {@link #KEPT_BYTES} bytes of its body.
     */
    record Reply(int status, boolean close, byte[] body) {
        static final int KEPT_BYTES = 64 * 1024;

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends a POST and returns nanoseconds from the request's last byte to the first {@code data:} line of an event
     * stream response; reads the rest of the response too.
     */
    long timeToFirstEvent(String path, byte[] body) throws IOException {
        writeHead(path, "application/json", body.length);
        out.write(body);
        out.flush();
        long sent = System.nanoTime();
        Response r = readHead();
        if (r.status != 200) {
            throw new IOException("sse: status " + r.status + " (expected: 200)");
        }
        long first = drainBody(r, true, null);
        return first - sent;
    }

    private void writeHead(String path, String contentType, long length) throws IOException {
        out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + length + "\r\nanthropic-version: 2023-06-01\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    private Response readHead() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("response: status line '" + status + "' (expected: HTTP/1.x)");
        }
        Response r = new Response(Integer.parseInt(status.substring(9, 12)));
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                r.length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                r.chunked = true;
            } else if (name.equals("connection") && value.toLowerCase(Locale.ROOT).contains("close")) {
                r.close = true;
            }
        }
        return r;
    }

    /**
     * Reads the body, keeping its first bytes in {@code keep} if not null; returns System.nanoTime() when "data:" was
     * first seen if {@code watchEvents}, else 0.
     */
    private long drainBody(Response r, boolean watchEvents, ByteArrayOutputStream keep) throws IOException {
        long firstEvent = 0;
        if (r.chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                    size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                long at = readExactly(size, watchEvents && firstEvent == 0, keep);
                if (firstEvent == 0) {
                    firstEvent = at;
                }
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers are ignored
            }
        } else if (r.length >= 0) {
            firstEvent = readExactly(r.length, watchEvents, keep);
        } else {
            throw new IOException("response: neither Content-Length nor chunked (expected: a framed body)");
        }
        if (watchEvents && firstEvent == 0) {
            throw new IOException("sse: no data: line in the response (expected: at least one event)");
        }
        return firstEvent;
    }

    /**
     * Reads {@code n} bytes, keeping them in {@code keep} (if not null) up to {@link Reply#KEPT_BYTES} in all; if
     * {@code watch}, returns the time "data:" was first seen in them (else 0).
     */
    private long readExactly(long n, boolean watch, ByteArrayOutputStream keep) throws IOException {
        long seen = 0;
        long left = n;
        while (left > 0) {
            int got = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (got < 0) {
                throw new IOException("response: body ended after " + (n - left) + " of " + n + " bytes");
            }
            if (keep != null && keep.size() < Reply.KEPT_BYTES) {
                keep.write(scratch, 0, Math.min(got, Reply.KEPT_BYTES - keep.size()));
            }
            if (watch && seen == 0 && new String(scratch, 0, got, StandardCharsets.ISO_8859_1).contains("data:")) {
                seen = System.nanoTime();
            }
            left -= got;
        }
        return seen;
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("response: connection closed mid-line");
            }
            if (b != '\r') {
                s.append((char) b);
            }
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static final class Response {
        final int status;
        long length = -1;
        boolean chunked;
        boolean close;

        Response(int status) {
            this.status = status;
        }
    }
}
