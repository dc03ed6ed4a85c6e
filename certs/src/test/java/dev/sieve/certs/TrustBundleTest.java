package dev.sieve.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustBundleTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-03-04T05:06:07Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void bundleHoldsSystemAnchorsAndTheSieveCa() throws Exception {
        CertificateAuthority ca = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        Path target = dir.resolve("env/bundle.pem");

        Path written = TrustBundle.writeCombinedBundle(ca, target);

        assertThat(written).isEqualTo(target);
        List<X509Certificate> bundle = Pem.readCertificates(target);
        assertThat(bundle).contains(ca.certificate());
        assertThat(bundle).last().isEqualTo(ca.certificate());
        assertThat(bundle).contains(jdkAnchors().get(0));
        assertThat(bundle.stream().map(Crypto::sha256Fingerprint).distinct().count())
                .as("each certificate once").isEqualTo(bundle.size());
    }

    @Test
    void addsTheSystemPemBundleWhenPresent() throws Exception {
        CertificateAuthority ca = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        CertificateAuthority corporateRoot = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        Path systemBundle = Files.writeString(dir.resolve("system.crt"), corporateRoot.certificatePem());
        Path target = dir.resolve("bundle.pem");

        TrustBundle.writeCombinedBundle(ca, target, systemBundle);

        assertThat(Pem.readCertificates(target)).contains(corporateRoot.certificate(), ca.certificate());
        assertThat(Files.readString(target)).endsWith(ca.certificatePem());
    }

    @Test
    void replacesAnExistingBundle() throws Exception {
        CertificateAuthority first = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        CertificateAuthority second = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        Path target = dir.resolve("bundle.pem");
        Path noSystemBundle = dir.resolve("absent.crt");

        TrustBundle.writeCombinedBundle(first, target, noSystemBundle);
        TrustBundle.writeCombinedBundle(second, target, noSystemBundle);

        assertThat(Pem.readCertificates(target)).contains(second.certificate()).doesNotContain(first.certificate());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("bundle.pem");
        }
    }

    private static List<X509Certificate> jdkAnchors() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        X509Certificate[] issuers = ((X509TrustManager) factory.getTrustManagers()[0]).getAcceptedIssuers();
        assertThat(issuers).as("the JDK ships trust anchors").isNotEmpty();
        return List.of(issuers);
    }
}
