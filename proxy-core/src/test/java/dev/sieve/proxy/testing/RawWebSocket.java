package dev.sieve.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.net.ssl.SSLContext;

/**
 * A WebSocket client written frame by frame over a {@link RawClient} tunnel through Sieve, for what the JDK client
 * cannot do: permessage-deflate (RFC 7692), chosen fragmentation, compressed fragments.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int CONTINUATION = 0, TEXT = 1, BINARY = 2, CLOSE = 8, PING = 9, PONG = 10;

    /** One frame as received; a compressed message's first frame has {@code rsv1}. */
    public record Frame(boolean fin, boolean rsv1, int opcode, byte[] payload) {
        public int closeCode() {
            return payload.length < 2 ? -1 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        public String closeReason() {
            return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private final RawClient client;
    private final InputStream in;
    public final int status;
    public final Map<String, String> headers;
    private final Inflater inflater = new Inflater(true);

    private RawWebSocket(RawClient client, int status, Map<String, String> headers) {
        this.client = client;
        this.in = client.input();
        this.status = status;
        this.headers = headers;
    }

    /**
     * Opens a tunnel to {@code host:port} through Sieve, TLS trusting {@code agentTls}, and sends the opening
     * handshake for {@code path}, offering {@code extensions} (or none when {@code null}).
     */
    public static RawWebSocket open(java.net.InetSocketAddress proxy, SSLContext agentTls, String host, int port,
            String path, String extensions) throws IOException {
        RawClient c = new RawClient(proxy);
        RawClient.Response connect = c.connect(host + ":" + port);
        if (connect.status() != 200) {
            throw new IOException("CONNECT answered " + connect.status());
        }
        c.startTls(agentTls, host, host, port);
        return handshake(c, path, host + ":" + port, extensions);
    }

    /** A plain {@code ws://} handshake sent to Sieve as an absolute-form {@code http://} request. */
    public static RawWebSocket openPlain(java.net.InetSocketAddress proxy, String host, int port, String path)
            throws IOException {
        return handshake(new RawClient(proxy), "http://" + host + ":" + port + path, host + ":" + port, null);
    }

    private static RawWebSocket handshake(RawClient c, String target, String authority, String extensions)
            throws IOException {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        c.send("GET " + target + " HTTP/1.1\r\nHost: " + authority + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + java.util.Base64.getEncoder().encodeToString(key) + "\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n");
        String head = readHead(c.input());
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new RawWebSocket(c, status, headers);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the response head");
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    /** Sends one masked frame. */
    public void send(int opcode, boolean fin, boolean rsv1, byte[] payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length);
        } else {
            out.write(0x80 | 127);
            out.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        client.send(out.toByteArray());
    }

    public void sendText(String text) throws IOException {
        send(TEXT, true, false, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads one frame; throws at the end of the stream. */
    public Frame read() throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
            throw new java.io.EOFException("connection closed");
        }
        long length = b1 & 0x7f;
        if (length == 126) {
            length = ((in.read() & 0xff) << 8) | (in.read() & 0xff);
        } else if (length == 127) {
            length = ByteBuffer.wrap(in.readNBytes(8)).getLong();
        }
        if ((b1 & 0x80) != 0) {
            throw new IOException("a server frame was masked");
        }
        byte[] payload = in.readNBytes((int) length);
        return new Frame((b0 & 0x80) != 0, (b0 & 0x40) != 0, b0 & 0x0f, payload);
    }

    /** Reads frames up to the next whole data message (inflated when compressed); control frames before it too. */
    public Frame readMessage() throws IOException {
        Frame first = read();
        if (first.opcode() >= CLOSE) {
            return first;
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(first.payload());
        Frame f = first;
        while (!f.fin()) {
            f = read();
            all.writeBytes(f.payload());
        }
        byte[] payload = first.rsv1() ? inflate(all.toByteArray()) : all.toByteArray();
        return new Frame(true, first.rsv1(), first.opcode(), payload);
    }

    /** Reads until a close frame arrives (data frames before it are skipped) and returns it. */
    public Frame readClose() throws IOException {
        for (Frame f = read(); ; f = read()) {
            if (f.opcode() == CLOSE) {
                return f;
            }
        }
    }

    private byte[] inflate(byte[] compressed) throws IOException {
        inflater.setInput(ByteBuffer.allocate(compressed.length + 4).put(compressed)
                .put(new byte[] {0, 0, (byte) 0xff, (byte) 0xff}).array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = inflater.inflate(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IOException(e);
        }
        return out.toByteArray();
    }

    /** {@code data} compressed as one permessage-deflate message: raw deflate, sync-flushed, the tail removed. */
    public static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(buf, 0, n);
            if (n < buf.length) {
                break;
            }
        }
        deflater.end();
        byte[] all = out.toByteArray();
        return java.util.Arrays.copyOf(all, all.length - 4); // the 00 00 ff ff a sync flush ends with
    }

    public boolean isClosedByPeer() {
        return client.isClosedByPeer();
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        client.close();
    }
}
