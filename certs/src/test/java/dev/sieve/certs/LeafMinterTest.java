package dev.sieve.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeafMinterTest {

    private static final Instant NOW = Instant.parse("2030-03-04T05:06:07Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** The JDK's TLS stack checks validity against the real time, so handshake tests mint "now". */
    private static final Clock REAL_NOW = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);

    private static CertificateAuthority ecCa;
    private static CertificateAuthority rsaCa;

    @BeforeAll
    static void createCas() throws Exception {
        ecCa = CertificateAuthority.generate(REAL_NOW, CertificateAuthority.KeyType.EC_P256);
        rsaCa = CertificateAuthority.generate(REAL_NOW, CertificateAuthority.KeyType.RSA_3072);
    }

    @Test
    void dnsNameGoesIntoSanAndCommonName() throws Exception {
        LeafCertificate minted = new LeafMinter(ecCa, CLOCK).mint("api.example.com");

        X509Certificate leaf = minted.leaf();
        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(2, "api.example.com"));
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=api.example.com");
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(ecCa.certificate().getSubjectX500Principal());
        assertThat(minted.host()).isEqualTo("api.example.com");
        assertThat(minted.chain()).containsExactly(leaf, ecCa.certificate());
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1", "::1", "2001:db8::1"})
    void ipLiteralGoesIntoIpAddressSan(String ip) throws Exception {
        X509Certificate leaf = new LeafMinter(ecCa, CLOCK).mint(ip).leaf();

        assertThat(leaf.getSubjectAlternativeNames()).hasSize(1);
        List<?> san = leaf.getSubjectAlternativeNames().iterator().next();
        assertThat(san.get(0)).as("GeneralName type iPAddress").isEqualTo(7);
        assertThat(InetAddress.getByName((String) san.get(1))).isEqualTo(InetAddress.getByName(ip));
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=" + ip);
    }

    @Test
    void validityIsBackdatedOneHourAndLastsTheConfiguredTime() throws Exception {
        CertificateAuthority ca = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        LeafCertificate minted = new LeafMinter(ca, CLOCK, Duration.ofDays(7), LeafMinter.KeyType.EC_P256)
                .mint("example.com");

        assertThat(minted.leaf().getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(minted.leaf().getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(minted.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertPkixValid(minted, ca, NOW);
        assertPkixValid(minted, ca, NOW.minus(Duration.ofMinutes(59)));
        assertThatThrownBy(() -> assertPkixValid(minted, ca, NOW.plus(Duration.ofDays(7)).plusSeconds(1)))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void notAfterIsCappedAtTheCaExpiry() throws Exception {
        CertificateAuthority ca = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        Clock twoDaysBeforeCaExpiry = Clock.fixed(caNotAfter.minus(Duration.ofDays(2)), ZoneOffset.UTC);

        LeafCertificate minted = new LeafMinter(ca, twoDaysBeforeCaExpiry).mint("example.com");

        assertThat(minted.notAfter()).isEqualTo(caNotAfter);
        assertThat(minted.leaf().getNotAfter().toInstant()).isEqualTo(caNotAfter);
    }

    @Test
    void refusesToMintWithAnExpiredCa() throws Exception {
        CertificateAuthority ca = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        LeafMinter minter = new LeafMinter(ca, Clock.fixed(caNotAfter.plusSeconds(1), ZoneOffset.UTC));

        assertThatThrownBy(() -> minter.mint("example.com"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("CA notAfter: " + caNotAfter + " (expected: after now");
        assertThat(minter.mintCount()).isZero();
    }

    @ParameterizedTest(name = "{0} CA, {1} leaf")
    @CsvSource({"EC_P256, EC_P256", "RSA_3072, RSA_2048", "EC_P256, RSA_2048", "RSA_3072, EC_P256"})
    void leafHasServerOnlyExtensionsAndTheCasSignature(CertificateAuthority.KeyType caType, LeafMinter.KeyType leafType)
            throws Exception {
        CertificateAuthority ca = caType == CertificateAuthority.KeyType.EC_P256 ? ecCa : rsaCa;
        LeafMinter minter = new LeafMinter(ca, REAL_NOW, Duration.ofDays(7), leafType);
        X509Certificate leaf = minter.mint("example.com").leaf();

        leaf.verify(ca.certificate().getPublicKey());
        assertThat(leaf.getSigAlgName()).isEqualTo(
                caType == CertificateAuthority.KeyType.EC_P256 ? "SHA256withECDSA" : "SHA256withRSA");
        assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo(leafType == LeafMinter.KeyType.EC_P256 ? "EC" : "RSA");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        boolean rsa = leafType == LeafMinter.KeyType.RSA_2048;
        assertThat(leaf.getKeyUsage()).startsWith(true, false, rsa);
        assertThat(leaf.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15");
        assertThat(authorityKeyId(leaf)).isEqualTo(subjectKeyId(ca.certificate()));
        assertThat(subjectKeyId(leaf)).isNotEmpty();
        assertThat(leaf.getSerialNumber().signum()).isPositive();
        assertThat(leaf.getSerialNumber().bitLength()).isEqualTo(128);
    }

    @Test
    void sharesOneKeyPairButEachLeafHasItsOwnSerial() {
        LeafMinter minter = new LeafMinter(ecCa, CLOCK);

        LeafCertificate first = minter.mint("a.example");
        LeafCertificate second = minter.mint("b.example");

        assertThat(second.key()).isSameAs(first.key());
        assertThat(second.leaf().getPublicKey()).isEqualTo(first.leaf().getPublicKey());
        assertThat(second.leaf().getSerialNumber()).isNotEqualTo(first.leaf().getSerialNumber());
        assertThat(minter.mintCount()).isEqualTo(2);
    }

    @Test
    void longHostIsTruncatedInCommonNameButCompleteInSan() throws Exception {
        String host = "a".repeat(60) + "." + "b".repeat(60) + ".example";
        X509Certificate leaf = new LeafMinter(ecCa, CLOCK).mint(host).leaf();

        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=" + host.substring(0, 64));
        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(2, host));
    }

    @ParameterizedTest(name = "{0} CA, {1} leaf, {2}")
    @CsvSource({
        "EC_P256, EC_P256, api.example.com",
        "EC_P256, EC_P256, 127.0.0.1",
        "EC_P256, EC_P256, ::1",
        "RSA_3072, RSA_2048, api.example.com",
        "RSA_3072, RSA_2048, 127.0.0.1",
        "EC_P256, RSA_2048, xn--bcher-kva.example",
    })
    void chainValidatesWithPkixAndInARealTlsHandshake(CertificateAuthority.KeyType caType,
            LeafMinter.KeyType leafType, String host) throws Exception {
        CertificateAuthority ca = caType == CertificateAuthority.KeyType.EC_P256 ? ecCa : rsaCa;
        LeafCertificate minted = new LeafMinter(ca, REAL_NOW, Duration.ofDays(7), leafType).mint(host);

        assertPkixValid(minted, ca, REAL_NOW.instant());
        assertThat(InMemoryTls.handshake(minted, ca.certificate(), host)).containsExactly(minted.chain());
    }

    @Test
    void handshakeFailsForAnotherHost() {
        LeafCertificate minted = new LeafMinter(ecCa, REAL_NOW).mint("a.example");

        assertThatThrownBy(() -> InMemoryTls.handshake(minted, ecCa.certificate(), "b.example"))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("b.example");
    }

    @Test
    void handshakeFailsWhenTheClientTrustsAnotherCa() throws Exception {
        LeafCertificate minted = new LeafMinter(ecCa, REAL_NOW).mint("a.example");
        CertificateAuthority stranger = CertificateAuthority.generate(REAL_NOW, CertificateAuthority.KeyType.EC_P256);

        assertThatThrownBy(() -> InMemoryTls.handshake(minted, stranger.certificate(), "a.example"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void rejectsHostsThatAreNotNormalized() {
        LeafMinter minter = new LeafMinter(ecCa, CLOCK);

        assertThatThrownBy(() -> minter.mint("API.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host: \"API.example.com\" (expected: normalized by HostNames.normalize,"
                        + " i.e. \"api.example.com\")");
        assertThatThrownBy(() -> minter.mint("bad host")).isInstanceOf(IllegalArgumentException.class);
        assertThat(minter.mintCount()).isZero();
    }

    @Test
    void rejectsValidityOutOfRange() {
        for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(398))) {
            assertThatThrownBy(() -> new LeafMinter(ecCa, CLOCK, bad, LeafMinter.KeyType.EC_P256))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("validity: " + bad + " (expected: > 0 and <= PT9528H)");
        }
    }

    @Test
    void toStringNeverPrintsTheKey() {
        LeafCertificate minted = new LeafMinter(ecCa, CLOCK).mint("example.com");

        assertThat(minted.toString())
                .contains("host=example.com", "key=<redacted>")
                .doesNotContain(Base64.getEncoder().encodeToString(minted.key().getEncoded()))
                .doesNotContain(minted.key().toString());
    }

    @Test
    void chainCannotBeModifiedFromOutside() {
        LeafCertificate minted = new LeafMinter(ecCa, CLOCK).mint("example.com");

        minted.chain()[1] = minted.leaf();

        assertThat(minted.chain()[1]).isSameAs(ecCa.certificate());
    }

    private static void assertPkixValid(LeafCertificate minted, CertificateAuthority ca, Instant at) throws Exception {
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(minted.leaf()));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    private static byte[] authorityKeyId(X509Certificate certificate) throws Exception {
        return AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                certificate.getExtensionValue("2.5.29.35"))).getKeyIdentifier();
    }

    private static byte[] subjectKeyId(X509Certificate certificate) throws Exception {
        return SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                certificate.getExtensionValue("2.5.29.14"))).getKeyIdentifier();
    }
}
