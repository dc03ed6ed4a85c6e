package dev.sieve.certs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Writes a PEM trust bundle for tools started behind Sieve (for {@code sieve ca env}): the system
 * trust anchors plus the Sieve CA. Pointing a tool at the Sieve CA alone would break every site it
 * reaches without interception; this bundle keeps those working.
 */
public final class TrustBundle {

    /** The Debian/Ubuntu/Alpine system bundle, added when present. */
    static final Path SYSTEM_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");

    private TrustBundle() {}

    /**
     * Writes, atomically, the JDK default trust manager's accepted issuers, the certificates of
     * {@code /etc/ssl/certs/ca-certificates.crt} if it exists, and the Sieve CA (last), each once.
     *
     * @return {@code target}
     * @throws CertificateException if no system trust anchor was found (the bundle would break other sites)
     */
    public static Path writeCombinedBundle(CertificateAuthority ca, Path target)
            throws IOException, GeneralSecurityException {
        return writeCombinedBundle(ca, target, SYSTEM_BUNDLE);
    }

    /** As {@link #writeCombinedBundle(CertificateAuthority, Path)}, from the CA certificate alone (no key needed). */
    public static Path writeCombinedBundle(X509Certificate caCertificate, Path target)
            throws IOException, GeneralSecurityException {
        return writeCombinedBundle(caCertificate, target, SYSTEM_BUNDLE);
    }

    static Path writeCombinedBundle(CertificateAuthority ca, Path target, Path systemBundle)
            throws IOException, GeneralSecurityException {
        Objects.requireNonNull(ca, "ca");
        return writeCombinedBundle(ca.certificate(), target, systemBundle);
    }

    static Path writeCombinedBundle(X509Certificate caCertificate, Path target, Path systemBundle)
            throws IOException, GeneralSecurityException {
        Objects.requireNonNull(caCertificate, "caCertificate");
        Objects.requireNonNull(target, "target");
        Map<String, X509Certificate> anchors = new LinkedHashMap<>();
        for (X509Certificate anchor : jdkAnchors()) {
            anchors.putIfAbsent(Crypto.sha256Fingerprint(anchor), anchor);
        }
        if (Files.isRegularFile(systemBundle)) {
            for (X509Certificate anchor : Pem.readCertificates(systemBundle)) {
                anchors.putIfAbsent(Crypto.sha256Fingerprint(anchor), anchor);
            }
        }
        anchors.remove(Crypto.sha256Fingerprint(caCertificate));
        if (anchors.isEmpty()) {
            throw new CertificateException("system trust anchors: none found (expected: JDK cacerts or "
                    + systemBundle + " with at least one certificate)");
        }
        StringBuilder bundle = new StringBuilder(anchors.size() * 2048);
        for (X509Certificate anchor : anchors.values()) {
            bundle.append(Pem.toPem(anchor));
        }
        bundle.append(Pem.toPem(caCertificate));
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        SecureFiles.writeAtomically(target, bundle.toString().getBytes(StandardCharsets.US_ASCII),
                SecureFiles.PUBLIC_FILE);
        return target;
    }

    private static X509Certificate[] jdkAnchors() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
