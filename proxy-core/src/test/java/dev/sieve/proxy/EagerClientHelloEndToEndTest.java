package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.testing.ProxyTestEnv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent that sends its TLS ClientHello in the same write as its CONNECT (without waiting for the 200) gets a
 * working tunnel, also when the leaf certificate is already cached and the tunnel's pipeline is set up while the
 * CONNECT phase is still being taken down. Before, the HTTP codec parsed the ClientHello as the next request
 * and discarded it (the tunnel then hung until the header timeout); and with a cached leaf the tunnel's header
 * deadline was added before the CONNECT phase's was removed (a duplicate handler name, found by the frontend fuzzer).
 */
class EagerClientHelloEndToEndTest {
    @TempDir
    static Path dir;

    static ProxyTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, null, RequestInspector.PASS_THROUGH);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void clientHelloInTheConnectWriteGetsAWorkingTunnelWithAFreshAndACachedLeaf() throws Exception {
        for (int attempt = 1; attempt <= 3; attempt++) {
            int before = env.api.received().size();
            assertThat(eagerExchange()).as("attempt %d: the upstream's answer inside the tunnel", attempt)
                    .startsWith("HTTP/1.1 ");
            assertThat(env.api.received()).as("attempt %d: the request reached the upstream", attempt)
                    .hasSize(before + 1);
            assertThat(env.api.received().get(before).uri()).isEqualTo("/v1/models");
        }
    }

    /** CONNECT + ClientHello in one write, then the handshake and one GET; returns the response's first bytes. */
    private static String eagerExchange() throws Exception {
        String authority = "api.sieve.test:" + env.api.port();
        try (Socket socket = new Socket(env.proxy().getAddress(), env.proxy().getPort())) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            SSLEngine engine = env.agentTls().createSSLEngine("api.sieve.test", env.api.port());
            engine.setUseClientMode(true);
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            params.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName("api.sieve.test")));
            engine.setSSLParameters(params);
            engine.beginHandshake();
            ByteBuffer hello = wrap(engine, ByteBuffer.allocate(0));

            ByteArrayOutputStream first = new ByteArrayOutputStream();
            first.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            first.write(hello.array(), 0, hello.limit());
            out.write(first.toByteArray());
            out.flush();
            assertThat(readHead(in)).startsWith("HTTP/1.1 200");

            ByteBuffer netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 2);
            ByteBuffer appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 2);
            handshake(engine, in, out, netIn, appIn);
            ByteBuffer request = wrap(engine, ByteBuffer.wrap(("GET /v1/models HTTP/1.1\r\nHost: " + authority
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            out.write(request.array(), 0, request.limit());
            out.flush();
            while (appIn.position() < 12) {
                unwrap(engine, in, netIn, appIn);
            }
            return new String(appIn.array(), 0, appIn.position(), StandardCharsets.ISO_8859_1);
        }
    }

    private static void handshake(SSLEngine engine, InputStream in, OutputStream out, ByteBuffer netIn,
            ByteBuffer appIn) throws IOException {
        HandshakeStatus hs = engine.getHandshakeStatus();
        while (hs != HandshakeStatus.FINISHED && hs != HandshakeStatus.NOT_HANDSHAKING) {
            switch (hs) {
                case NEED_WRAP -> {
                    ByteBuffer b = wrap(engine, ByteBuffer.allocate(0));
                    out.write(b.array(), 0, b.limit());
                    out.flush();
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrap(engine, in, netIn, appIn);
                case NEED_TASK -> {
                    for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                        task.run();
                    }
                }
                default -> throw new IllegalStateException("handshake status " + hs);
            }
            hs = engine.getHandshakeStatus();
        }
    }

    private static ByteBuffer wrap(SSLEngine engine, ByteBuffer app) throws IOException {
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        SSLEngineResult r = engine.wrap(app, net);
        if (r.getStatus() != SSLEngineResult.Status.OK) {
            throw new IOException("wrap: " + r);
        }
        net.flip();
        return net;
    }

    /** Unwraps one record, reading from the socket as needed; application bytes collect in {@code appIn}. */
    private static void unwrap(SSLEngine engine, InputStream in, ByteBuffer netIn, ByteBuffer appIn)
            throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult r = engine.unwrap(netIn, appIn);
            netIn.compact();
            switch (r.getStatus()) {
                case OK -> {
                    return;
                }
                case BUFFER_UNDERFLOW -> {
                    byte[] chunk = new byte[netIn.remaining()];
                    int n = in.read(chunk);
                    if (n < 0) {
                        throw new IOException("Sieve closed the tunnel during the exchange");
                    }
                    netIn.put(chunk, 0, n);
                }
                default -> throw new IOException("unwrap: " + r);
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
