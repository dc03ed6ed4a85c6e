package dev.sieve.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificateAuthorityTest {

    private static final Instant NOW = Instant.parse("2030-03-04T05:06:07Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void createsThenReloadsTheSameCa() throws Exception {
        Path caDir = dir.resolve("nested/ca");

        CertificateAuthority created = CertificateAuthority.loadOrCreate(caDir, CLOCK);
        CertificateAuthority reloaded = CertificateAuthority.loadOrCreate(caDir, CLOCK);

        assertThat(created.created()).isTrue();
        assertThat(reloaded.created()).isFalse();
        assertThat(reloaded.sha256Fingerprint()).isEqualTo(created.sha256Fingerprint())
                .matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(reloaded.privateKey().getEncoded()).isEqualTo(created.privateKey().getEncoded());
        assertThat(created.certificateFile()).contains(caDir.resolve("ca.crt"));
        assertThat(reloaded.certificateFile()).contains(caDir.resolve("ca.crt"));
        assertThat(Files.readString(caDir.resolve("ca.crt"))).isEqualTo(created.certificatePem());
        assertThat(Files.readString(caDir.resolve("ca.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void createdCaHasTheSpecifiedShape() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir, CLOCK);
        X509Certificate cert = ca.certificate();

        assertThat(cert.getSubjectX500Principal().getName()).matches("CN=Sieve Local CA [0-9a-f]{8},O=Sieve");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(cert.getBasicConstraints()).isZero();
        assertThat(cert.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15");
        assertThat(cert.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
        assertThat(cert.getExtensionValue("2.5.29.14")).as("SKI").isNotNull();
        assertThat(cert.getSerialNumber().bitLength()).isEqualTo(128);
        cert.verify(cert.getPublicKey());
        assertThat(ca.toString()).contains(ca.sha256Fingerprint()).doesNotContain(
                Base64.getEncoder().encodeToString(ca.privateKey().getEncoded()));
    }

    @Test
    void createsRsaCaWhenAsked() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir, CLOCK, CertificateAuthority.KeyType.RSA_3072);

        assertThat(ca.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(((java.security.interfaces.RSAKey) ca.privateKey()).getModulus().bitLength()).isEqualTo(3072);
        assertThat(CertificateAuthority.loadOrCreate(dir, CLOCK).sha256Fingerprint()).isEqualTo(ca.sha256Fingerprint());
    }

    @Test
    void keyFileIsOwnerOnlyAndDirectoryPrivate() throws Exception {
        assumeTrue(SecureFiles.supportsPosix(dir), "POSIX file modes");
        Path caDir = dir.resolve("ca");

        CertificateAuthority.loadOrCreate(caDir, CLOCK);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(caDir.resolve("ca.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(caDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(caDir.resolve("ca.crt"))))
                .isEqualTo("rw-r--r--");
        try (var files = Files.list(caDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "ca.crt", "ca.key", "ca.lock");
        }
    }

    @Test
    void refusesWhenOnlyTheCertificateExists() throws Exception {
        CertificateAuthority.loadOrCreate(dir, CLOCK);
        Files.delete(dir.resolve("ca.key"));
        String certBefore = Files.readString(dir.resolve("ca.crt"));

        assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(dir, CLOCK))
                .isInstanceOf(CertificateException.class)
                .hasMessage(dir.resolve("ca.key") + ": missing while " + dir.resolve("ca.crt") + " exists (expected: "
                        + "both ca.crt and ca.key, or neither to create a new CA; restore ca.key, or move ca.crt away)");
        assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo(certBefore);
        assertThat(dir.resolve("ca.key")).doesNotExist();
    }

    @Test
    void refusesWhenOnlyTheKeyExists() throws Exception {
        CertificateAuthority.loadOrCreate(dir, CLOCK);
        Files.delete(dir.resolve("ca.crt"));

        assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(dir, CLOCK))
                .isInstanceOf(CertificateException.class)
                .hasMessageStartingWith(dir.resolve("ca.crt") + ": missing while " + dir.resolve("ca.key") + " exists");
        assertThat(dir.resolve("ca.crt")).doesNotExist();
    }

    @ParameterizedTest(name = "{0} key as {1}")
    @CsvSource({
        "EC_P256,  PKCS8, -----BEGIN PRIVATE KEY-----",
        "EC_P256,  NATIVE, -----BEGIN EC PRIVATE KEY-----",
        "RSA_3072, PKCS8, -----BEGIN PRIVATE KEY-----",
        "RSA_3072, NATIVE, -----BEGIN RSA PRIVATE KEY-----",
    })
    void loadsConfiguredCaInEveryKeyFormat(CertificateAuthority.KeyType type, String format, String header)
            throws Exception {
        CertificateAuthority source = CertificateAuthority.generate(CLOCK, type);
        String keyPem = format.equals("PKCS8") ? Pem.toPkcs8Pem(source.privateKey()) : nativePem(source.privateKey());
        assertThat(keyPem).startsWith(header);
        Path cert = write("ca.pem", source.certificatePem());
        Path key = write("ca-key.pem", keyPem);

        CertificateAuthority loaded = CertificateAuthority.load(cert, key, CLOCK);

        assertThat(loaded.sha256Fingerprint()).isEqualTo(source.sha256Fingerprint());
        assertThat(secret(loaded.privateKey())).isEqualTo(secret(source.privateKey()));
        assertThat(loaded.created()).isFalse();
        assertThat(loaded.certificateFile()).contains(cert);
    }

    @Test
    void loadsSec1KeyPrecededByEcParameters() throws Exception {
        CertificateAuthority source = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        String openSslStyle = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + nativePem(source.privateKey());

        CertificateAuthority loaded = CertificateAuthority.load(
                write("ca.pem", source.certificatePem()), write("ca.key", openSslStyle), CLOCK);

        assertThat(loaded.sha256Fingerprint()).isEqualTo(source.sha256Fingerprint());
    }

    @Test
    void rejectsKeyOfAnotherCa() throws Exception {
        CertificateAuthority one = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        CertificateAuthority other = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        Path cert = write("ca.pem", one.certificatePem());
        Path key = write("ca.key", Pem.toPkcs8Pem(other.privateKey()));

        assertThatThrownBy(() -> CertificateAuthority.load(cert, key, CLOCK))
                .isInstanceOf(KeyException.class)
                .hasMessage(key + ": does not match the public key of " + cert
                        + " (expected: the private key of that certificate)");
    }

    @Test
    void rejectsKeyOfAnotherAlgorithm() throws Exception {
        CertificateAuthority ec = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        CertificateAuthority rsa = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.RSA_3072);
        Path cert = write("ca.pem", ec.certificatePem());
        Path key = write("ca.key", Pem.toPkcs8Pem(rsa.privateKey()));

        assertThatThrownBy(() -> CertificateAuthority.load(cert, key, CLOCK))
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("does not match the public key of " + cert);
    }

    @Test
    void rejectsNonCaCertificate() throws Exception {
        CertificateAuthority ca = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        LeafCertificate leaf = new LeafMinter(ca, CLOCK).mint("not-a-ca.example");
        Path cert = write("leaf.pem", Pem.toPem(leaf.leaf()));
        Path key = write("leaf.key", Pem.toPkcs8Pem(leaf.key()));

        assertThatThrownBy(() -> CertificateAuthority.load(cert, key, CLOCK))
                .isInstanceOf(CertificateException.class)
                .hasMessage(cert + ": not a CA certificate (expected: basicConstraints CA:TRUE)");
    }

    @Test
    void rejectsExpiredCa() throws Exception {
        CertificateAuthority old = CertificateAuthority.generate(
                Clock.fixed(Instant.parse("2010-01-01T00:00:00Z"), ZoneOffset.UTC), CertificateAuthority.KeyType.EC_P256);
        Path cert = write("ca.pem", old.certificatePem());
        Path key = write("ca.key", Pem.toPkcs8Pem(old.privateKey()));

        assertThatThrownBy(() -> CertificateAuthority.load(cert, key, CLOCK))
                .isInstanceOf(CertificateExpiredException.class)
                .hasMessage(cert + ": CA certificate expired at 2019-12-30T00:00:00Z (expected: valid at " + NOW
                        + "; replace the CA)");
    }

    @Test
    void rejectsMissingFilesByName() throws Exception {
        CertificateAuthority ca = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        Path cert = write("ca.pem", ca.certificatePem());
        Path missing = dir.resolve("nope.key");

        assertThatThrownBy(() -> CertificateAuthority.load(cert, missing, CLOCK))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": CA key file not found");
        assertThatThrownBy(() -> CertificateAuthority.load(dir.resolve("nope.pem"), missing, CLOCK))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(dir.resolve("nope.pem") + ": CA certificate file not found");
    }

    @Test
    void rejectsFilesWithoutTheExpectedBlocks() throws Exception {
        CertificateAuthority ca = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        Path cert = write("ca.pem", ca.certificatePem());
        Path keyAsCert = write("ca.key", ca.certificatePem());
        Path empty = write("empty.pem", "");

        assertThatThrownBy(() -> CertificateAuthority.load(cert, keyAsCert, CLOCK))
                .isInstanceOf(KeyException.class)
                .hasMessage(keyAsCert + ": no private key found (expected: " + Pem.KEY_FORMATS + ")");
        assertThatThrownBy(() -> CertificateAuthority.load(empty, keyAsCert, CLOCK))
                .isInstanceOf(CertificateException.class)
                .hasMessage(empty + ": no certificate found (expected: a PEM 'CERTIFICATE' block)");
    }

    @Test
    void malformedKeyErrorNeverEchoesKeyMaterial() throws Exception {
        CertificateAuthority ca = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        String pem = Pem.toPkcs8Pem(ca.privateKey());
        List<String> lines = pem.lines().toList();
        String body = lines.get(1);
        String corrupted = lines.get(0) + "\n" + body.substring(0, 20) + "!!" + body.substring(22) + "\n"
                + String.join("\n", lines.subList(2, lines.size())) + "\n";
        Path cert = write("ca.pem", ca.certificatePem());
        Path key = write("ca.key", corrupted);

        assertThatThrownBy(() -> CertificateAuthority.load(cert, key, CLOCK))
                .isInstanceOf(KeyException.class)
                .hasMessageStartingWith(key + ": malformed private key (")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body.substring(0, 16)));
    }

    @Test
    void rejectsEncryptedKeyWithAHint() throws Exception {
        CertificateAuthority ca = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC)
                .setProvider(Crypto.BC).setPassword("synthetic-test-password".toCharArray()).build();
        String encrypted = Pem.write(new JcaPKCS8Generator(ca.privateKey(), encryptor).generate());
        assertThat(encrypted).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        Path cert = write("ca.pem", ca.certificatePem());
        Path key = write("ca.key", encrypted);

        assertThatThrownBy(() -> CertificateAuthority.load(cert, key, CLOCK))
                .isInstanceOf(KeyException.class)
                .hasMessageStartingWith(key + ": encrypted private key (expected: ");
    }

    @Test
    void privateKeyRoundTripsThroughPem() throws Exception {
        CertificateAuthority ca = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
        PrivateKey reread = Pem.readPrivateKey(write("k.pem", Pem.toPkcs8Pem(ca.privateKey())));
        assertThat(reread.getEncoded()).isEqualTo(ca.privateKey().getEncoded());
    }

    /**
     * PKCS#1 for RSA, SEC1 for EC, as OpenSSL writes them. The JDK's PKCS#8 encoding of an EC key omits the curve
     * inside the inner structure, so the key goes through BouncyCastle's KeyFactory, whose encoding carries the
     * named curve and the public point in the SEC1 structure.
     */
    private static String nativePem(PrivateKey key) throws Exception {
        PrivateKey bcKey = KeyFactory.getInstance(key.getAlgorithm(), Crypto.BC)
                .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        return Pem.write(bcKey);
    }

    /** Encodings of one key differ between formats (optional fields); the secret scalar does not. */
    private static java.math.BigInteger secret(PrivateKey key) {
        return key instanceof java.security.interfaces.ECPrivateKey
                ? ((java.security.interfaces.ECPrivateKey) key).getS()
                : ((java.security.interfaces.RSAPrivateKey) key).getPrivateExponent();
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }
}
