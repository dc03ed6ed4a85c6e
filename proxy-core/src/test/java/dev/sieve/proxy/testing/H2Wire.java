package dev.sieve.proxy.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A hand-built HTTP/2 client over a {@link RawClient} tunnel (after TLS with ALPN h2): writes any frame, valid or
 * not, with header blocks encoded by hand (HPACK literals, no Huffman), so tests can send what no real client
 * would; reads the server's frames and decodes its header blocks with Netty's HPACK decoder.
 */
public final class H2Wire {
    public static final int DATA = 0, HEADERS = 1, RST_STREAM = 3, SETTINGS = 4, PING = 6, GOAWAY = 7,
            WINDOW_UPDATE = 8, CONTINUATION = 9;
    public static final int END_STREAM = 0x1, END_HEADERS = 0x4, ACK = 0x1;

    /** A frame from the server; {@code headers} is decoded for HEADERS frames. */
    public record Frame(int type, int flags, int stream, byte[] payload, Http2Headers headers) {
        public boolean endStream() {
            return (flags & END_STREAM) != 0;
        }

        /** The error code of a RST_STREAM or GOAWAY frame. */
        public long errorCode() {
            ByteBuffer b = ByteBuffer.wrap(payload);
            return Integer.toUnsignedLong(type == GOAWAY ? b.getInt(4) : b.getInt(0));
        }
    }

    /** How a stream ended: its response (status, body), a reset (its code), or the connection's end. */
    public record Outcome(int status, String body, long resetCode, boolean connectionEnded, Http2Headers headers) {
        public boolean reset() {
            return resetCode >= 0;
        }
    }

    private final RawClient raw;
    private final DataInputStream in;
    private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);
    /** The server's first SETTINGS frame. */
    private Frame serverSettings;
    /** What the server lets this client send (RFC 9113 section 6.9); streams start at the default 65,535. */
    private long connectionWindow = 65_535;
    private final java.util.Map<Integer, Long> streamWindows = new java.util.HashMap<>();

    public H2Wire(RawClient raw) {
        this.raw = raw;
        this.in = new DataInputStream(raw.input());
    }

    /** Sends the connection preface and an empty SETTINGS frame. */
    public H2Wire preface() throws IOException {
        raw.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        frame(SETTINGS, 0, 0, new byte[0]);
        return this;
    }

    public void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        if (type == DATA) {
            connectionWindow -= payload.length;
            streamWindows.merge(stream, 65_535L - payload.length, (w, first) -> w - payload.length);
        }
        raw.send(encode(type, flags, stream, payload));
    }

    /** Sends {@code length} zero bytes as DATA on {@code stream}, within the flow-control windows the server gives. */
    public void body(int stream, int length, boolean endStream) throws IOException {
        int left = length;
        while (left > 0) {
            long window = Math.min(connectionWindow, streamWindows.getOrDefault(stream, 65_535L));
            if (window <= 0) {
                read(); // a WINDOW_UPDATE, eventually (other frames are dropped)
                continue;
            }
            int n = (int) Math.min(Math.min(window, 16_384), left);
            left -= n;
            frame(DATA, left == 0 && endStream ? END_STREAM : 0, stream, new byte[n]);
        }
    }

    public static byte[] encode(int type, int flags, int stream, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(9 + payload.length);
        b.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
        b.put((byte) type).put((byte) flags).putInt(stream).put(payload);
        return b.array();
    }

    /** A header block of HPACK literals without indexing: name, value, name, value... */
    public static byte[] block(String... nameValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < nameValues.length; i += 2) {
            literal(out, 0x00, 4, nameValues[i], nameValues[i + 1]);
        }
        return out.toByteArray();
    }

    /** An HPACK literal with incremental indexing (it enters the decoder's dynamic table). */
    public static byte[] indexedLiteral(String name, String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        literal(out, 0x40, 6, name, value);
        return out.toByteArray();
    }

    /** An HPACK indexed header field: a reference to table entry {@code index} (62 = newest dynamic entry). */
    public static byte[] indexed(int index) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        integer(out, 0x80, 7, index);
        return out.toByteArray();
    }

    private static void literal(ByteArrayOutputStream out, int pattern, int prefix, String name, String value) {
        out.write(pattern); // new name: index 0 in the prefix
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
        integer(out, 0, 7, n.length);
        out.writeBytes(n);
        integer(out, 0, 7, v.length);
        out.writeBytes(v);
    }

    private static void integer(ByteArrayOutputStream out, int pattern, int prefix, int value) {
        int max = (1 << prefix) - 1;
        if (value < max) {
            out.write(pattern | value);
            return;
        }
        out.write(pattern | max);
        value -= max;
        while (value >= 128) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    /** The request pseudo-header fields for {@code authority} and {@code path}, then {@code more} fields. */
    public static byte[] request(String method, String authority, String path, String... more) {
        String[] all = new String[8 + more.length];
        String[] pseudo = {":method", method, ":scheme", "https", ":authority", authority, ":path", path};
        System.arraycopy(pseudo, 0, all, 0, 8);
        System.arraycopy(more, 0, all, 8, more.length);
        return block(all);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The next frame; SETTINGS from the server are acknowledged (the first is kept), PINGs answered. */
    public Frame read() throws IOException {
        while (true) {
            int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7FFFFFFF;
            byte[] payload = new byte[length];
            in.readFully(payload);
            Http2Headers headers = null;
            if (type == HEADERS) {
                headers = decode(stream, payload, flags);
            }
            Frame f = new Frame(type, flags, stream, payload, headers);
            if (type == WINDOW_UPDATE) {
                long increment = ByteBuffer.wrap(payload).getInt() & 0x7FFFFFFFL;
                if (stream == 0) {
                    connectionWindow += increment;
                } else {
                    long inc = increment;
                    streamWindows.merge(stream, 65_535L + inc, (window, first) -> window + inc);
                }
            }
            if (type == SETTINGS && (flags & ACK) == 0) {
                if (serverSettings == null) {
                    serverSettings = f;
                }
                frame(SETTINGS, ACK, 0, new byte[0]);
                continue;
            }
            if (type == PING && (flags & ACK) == 0) {
                frame(PING, ACK, 0, payload);
                continue;
            }
            return f;
        }
    }

    private Http2Headers decode(int stream, byte[] payload, int flags) throws IOException {
        ByteBuf block = Unpooled.wrappedBuffer(payload);
        try {
            if ((flags & 0x8) != 0) { // PADDED
                block.skipBytes(1);
                block.writerIndex(block.writerIndex() - payload[0]);
            }
            if ((flags & 0x20) != 0) { // PRIORITY
                block.skipBytes(5);
            }
            return decoder.decodeHeaders(stream, block);
        } catch (Http2Exception e) {
            throw new IOException(e);
        } finally {
            block.release();
        }
    }

    /** A setting of the server's first SETTINGS frame, or -1. */
    public long serverSetting(int id) throws IOException {
        while (serverSettings == null) {
            read();
        }
        ByteBuffer b = ByteBuffer.wrap(serverSettings.payload());
        while (b.remaining() >= 6) {
            int key = b.getShort() & 0xFFFF;
            long value = Integer.toUnsignedLong(b.getInt());
            if (key == id) {
                return value;
            }
        }
        return -1;
    }

    /** Reads until {@code stream} ends (response complete, or reset) or the connection ends (GOAWAY, EOF). */
    public Outcome await(int stream) throws IOException {
        int status = -1;
        Http2Headers head = null;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            while (true) {
                Frame f = read();
                if (f.type() == GOAWAY) {
                    return new Outcome(status, body.toString(StandardCharsets.UTF_8), -1, true, head);
                }
                if (f.stream() != stream) {
                    continue;
                }
                if (f.type() == RST_STREAM) {
                    return new Outcome(status, body.toString(StandardCharsets.UTF_8), f.errorCode(), false, head);
                }
                if (f.type() == HEADERS && f.headers().status() != null && status < 200) {
                    status = Integer.parseInt(f.headers().status().toString());
                    head = f.headers();
                }
                if (f.type() == DATA) {
                    body.writeBytes(f.payload());
                    if (f.payload().length > 0) { // keep the windows open for long answers
                        byte[] inc = ByteBuffer.allocate(4).putInt(f.payload().length).array();
                        frame(WINDOW_UPDATE, 0, 0, inc);
                        frame(WINDOW_UPDATE, 0, stream, inc);
                    }
                }
                if (f.endStream()) {
                    return new Outcome(status, body.toString(StandardCharsets.UTF_8), -1, false, head);
                }
            }
        } catch (EOFException | SocketTimeoutException | java.net.SocketException e) {
            if (e instanceof SocketTimeoutException) {
                throw e;
            }
            return new Outcome(status, body.toString(StandardCharsets.UTF_8), -1, true, head);
        }
    }

    /** True when the server ends the connection (GOAWAY or EOF) within the read timeout; other frames are skipped. */
    public boolean connectionEnds() throws IOException {
        try {
            while (true) {
                if (read().type() == GOAWAY) {
                    return true;
                }
            }
        } catch (EOFException | java.net.SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
