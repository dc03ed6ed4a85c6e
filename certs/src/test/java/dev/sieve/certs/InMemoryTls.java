package dev.sieve.certs;

import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real JDK TLS handshake between two {@link SSLEngine}s over in-memory buffers: the server presents
 * a minted leaf, the client trusts only the given CA and verifies the host name as HTTPS clients do.
 */
final class InMemoryTls {

    private static final char[] PASSWORD = "synthetic".toCharArray();

    private InMemoryTls() {}

    /**
     * Completes a handshake and returns the chain the client accepted, or throws the client's (or server's)
     * {@link SSLException}.
     */
    static java.security.cert.Certificate[] handshake(LeafCertificate served, X509Certificate trustedCa, String clientExpectsHost) throws Exception {
        SSLEngine server = serverContext(served).createSSLEngine();
        server.setUseClientMode(false);
        SSLEngine client = clientContext(trustedCa).createSSLEngine(clientExpectsHost, 443);
        client.setUseClientMode(true);
        SSLParameters parameters = client.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(parameters);
        run(client, server);
        return client.getSession().getPeerCertificates();
    }

    private static SSLContext serverContext(LeafCertificate served) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("leaf", served.key(), PASSWORD, served.chain());
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext clientContext(X509Certificate trustedCa) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("sieve-ca", trustedCa);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static void run(SSLEngine client, SSLEngine server) throws Exception {
        int packetSize = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        ByteBuffer clientToServer = ByteBuffer.allocate(4 * packetSize);
        ByteBuffer serverToClient = ByteBuffer.allocate(4 * packetSize);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 200; round++) {
            if (done(client) && done(server)) {
                return;
            }
            step(client, clientToServer, serverToClient);
            step(server, serverToClient, clientToServer);
        }
        throw new SSLException("handshake did not finish in 200 rounds");
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    /** Buffers stay in write mode between steps; the reader flips, consumes and compacts. */
    private static void step(SSLEngine engine, ByteBuffer out, ByteBuffer in) throws SSLException {
        ByteBuffer application = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        for (int i = 0; i < 20; i++) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP:
                    engine.wrap(ByteBuffer.allocate(0), out);
                    break;
                case NEED_UNWRAP:
                    in.flip();
                    boolean progressed = in.hasRemaining()
                            && engine.unwrap(in, application).bytesConsumed() > 0;
                    in.compact();
                    if (!progressed) {
                        return;
                    }
                    break;
                case NEED_TASK:
                    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                        task.run();
                    }
                    break;
                default:
                    return;
            }
        }
    }
}
