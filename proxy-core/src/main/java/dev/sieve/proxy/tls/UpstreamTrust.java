package dev.sieve.proxy.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The client-side TLS context for upstream connections. Upstream TLS is always verified: the
 * JDK's system trust anchors plus configured extra CA files, SNI and HTTPS hostname verification,
 * TLS 1.2+. There is deliberately no switch to turn verification off.
 */
public final class UpstreamTrust {
    private UpstreamTrust() {}

    /** Offers HTTP/1.1 only (ALPN); trusts what {@code trust} (see {@link #trustManagerFactory}) trusts. */
    public static SslContext clientContext(TrustManagerFactory trust) throws SSLException {
        return clientContext(trust, TlsProviders.HTTP_1_1_ALPN);
    }

    /** Offers h2, then HTTP/1.1 (ALPN): the upstream chooses ({@code upstream.http2: true}). */
    public static SslContext http2ClientContext(TrustManagerFactory trust) throws SSLException {
        return clientContext(trust, TlsProviders.H2_AND_HTTP_1_1_ALPN);
    }

    private static SslContext clientContext(TrustManagerFactory trust, ApplicationProtocolConfig alpn)
            throws SSLException {
        return SslContextBuilder.forClient()
                .sslProvider(TlsProviders.provider())
                .trustManager(trust)
                .protocols(TlsProviders.PROTOCOLS)
                .applicationProtocolConfig(alpn)
                .endpointIdentificationAlgorithm("HTTPS")
                .build();
    }

    /** The system trust anchors plus the certificates in {@code extraCaFiles} (PEM), for any TLS client of Sieve's. */
    public static TrustManagerFactory trustManagerFactory(List<Path> extraCaFiles) throws IOException, GeneralSecurityException {
        TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        system.init((KeyStore) null);
        if (extraCaFiles.isEmpty()) {
            return system;
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int n = 0;
        for (var tm : system.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                for (X509Certificate anchor : x509.getAcceptedIssuers()) {
                    store.setCertificateEntry("system-" + n++, anchor);
                }
            }
        }
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (Path file : extraCaFiles) {
            try (InputStream in = Files.newInputStream(file)) {
                var certs = cf.generateCertificates(in);
                if (certs.isEmpty()) {
                    throw new GeneralSecurityException(file + ": no PEM certificate found (expected: CA certificates)");
                }
                for (Certificate c : certs) {
                    store.setCertificateEntry("extra-" + n++, c);
                }
            }
        }
        TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        combined.init(store);
        return combined;
    }
}
