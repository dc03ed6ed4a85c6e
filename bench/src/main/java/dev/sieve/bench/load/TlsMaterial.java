package dev.sieve.bench.load;

import dev.sieve.certs.CertificateAuthority;
import dev.sieve.certs.LeafCertificate;
import dev.sieve.certs.LeafMinter;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS contexts for the fake model endpoint (a test CA of its own) and for the load generator's trust. */
final class TlsMaterial {

    private TlsMaterial() {
    }

    /** A server context presenting a one-day EC leaf for {@code host} signed by {@code ca}. */
    static SSLContext server(CertificateAuthority ca, String host) throws GeneralSecurityException, java.io.IOException {
        LeafCertificate leaf = new LeafMinter(ca, Clock.systemUTC(), Duration.ofDays(1), LeafMinter.KeyType.EC_P256)
                .mint(host);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("leaf", leaf.key(), new char[0], leaf.chain());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** A client context trusting exactly {@code roots} (hostnames are still verified per connection). */
    static SSLContext client(List<X509Certificate> roots) throws GeneralSecurityException, java.io.IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < roots.size(); i++) {
            trust.setCertificateEntry("root-" + i, roots.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
