package dev.sieve.certs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate authority that signs Sieve's interception leaves: a CA certificate with its private key.
 *
 * <p>Guarantees: every instance holds a CA certificate (basicConstraints CA:TRUE) whose public key
 * matches the private key and which was valid at load time by the injected clock. The private key
 * never appears in {@link #toString()} or in any error message.
 */
public final class CertificateAuthority {

    /** Key type of a newly created CA. */
    public enum KeyType { EC_P256, RSA_3072 }

    public static final String CERT_FILE = "ca.crt";
    public static final String KEY_FILE = "ca.key";
    static final String LOCK_FILE = "ca.lock";
    static final Duration VALIDITY = Duration.ofDays(3650);
    static final Duration BACKDATE = Duration.ofHours(1);
    private static final int MIN_RSA_BITS = 2048;

    private static final Logger log = LoggerFactory.getLogger(CertificateAuthority.class);

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final String certificatePem;
    private final String sha256Fingerprint;
    private final Path certificateFile;
    private final boolean created;

    private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey, Path certificateFile, boolean created) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.certificatePem = Pem.toPem(certificate);
        this.sha256Fingerprint = Crypto.sha256Fingerprint(certificate);
        this.certificateFile = certificateFile;
        this.created = created;
    }

    /** {@link #loadOrCreate(Path, Clock, KeyType)} with an EC P-256 key for a new CA. */
    public static CertificateAuthority loadOrCreate(Path dir, Clock clock) throws IOException, GeneralSecurityException {
        return loadOrCreate(dir, clock, KeyType.EC_P256);
    }

    /**
     * Loads {@code dir/ca.crt} and {@code dir/ca.key}, or creates both when neither exists
     * ({@code keyType} applies only then). The key file is written atomically with mode 0600 and the
     * directory created with mode 0700 where POSIX modes are supported. A lock file serializes
     * concurrent first starts, so two processes never write halves of two different CAs.
     *
     * @throws CertificateException naming the missing file if exactly one of the two exists
     *     (nothing is overwritten), or any error of {@link #load}
     */
    public static CertificateAuthority loadOrCreate(Path dir, Clock clock, KeyType keyType)
            throws IOException, GeneralSecurityException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(keyType, "keyType");
        SecureFiles.createPrivateDirectories(dir);
        Path certFile = dir.resolve(CERT_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        synchronized (CertificateAuthority.class) { // a FileLock is per process; this serializes threads
            try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE),
                            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockChannel.lock()) {
                boolean certExists = Files.exists(certFile, LinkOption.NOFOLLOW_LINKS);
                boolean keyExists = Files.exists(keyFile, LinkOption.NOFOLLOW_LINKS);
                if (certExists && keyExists) {
                    return load(certFile, keyFile, clock);
                }
                if (certExists || keyExists) {
                    Path present = certExists ? certFile : keyFile;
                    Path missing = certExists ? keyFile : certFile;
                    throw new CertificateException(missing + ": missing while " + present + " exists (expected: both "
                            + CERT_FILE + " and " + KEY_FILE + ", or neither to create a new CA; restore "
                            + missing.getFileName() + ", or move " + present.getFileName() + " away)");
                }
                CertificateAuthority generated = generate(clock, keyType);
                SecureFiles.writeAtomically(keyFile, Pem.toPkcs8Pem(generated.privateKey)
                        .getBytes(StandardCharsets.US_ASCII), SecureFiles.OWNER_ONLY_FILE);
                SecureFiles.writeAtomically(certFile, generated.certificatePem
                        .getBytes(StandardCharsets.US_ASCII), SecureFiles.PUBLIC_FILE);
                log.info("Created CA {} (SHA-256 {}) in {}", generated.subject(), generated.sha256Fingerprint, dir);
                return new CertificateAuthority(generated.certificate, generated.privateKey, certFile, true);
            }
        }
    }

    /**
     * Loads a configured CA: {@code certPem} holds the CA certificate first (RSA or EC), {@code keyPem}
     * its private key as PKCS#8, PKCS#1 or SEC1 PEM (unencrypted).
     *
     * @throws CertificateException if the certificate is missing, malformed, not a CA (basicConstraints),
     *     not allowed to sign certificates (keyUsage), or not valid at {@code clock.instant()}
     * @throws KeyException if the key is missing, malformed, encrypted, unsupported, too weak
     *     or does not match the certificate's public key
     */
    public static CertificateAuthority load(Path certPem, Path keyPem, Clock clock)
            throws IOException, GeneralSecurityException {
        Objects.requireNonNull(certPem, "certPem");
        Objects.requireNonNull(keyPem, "keyPem");
        Objects.requireNonNull(clock, "clock");
        X509Certificate certificate = readCertificate(certPem);
        checkIsCa(certificate, certPem);
        checkValidAt(certificate, certPem, clock.instant());
        PrivateKey key = readKey(keyPem);
        checkKeyMatches(key, certificate, keyPem, certPem);
        if (SecureFiles.readableByOthers(keyPem)) {
            log.warn("CA key {} is readable by group or others; restrict it with: chmod 600 {}", keyPem, keyPem);
        }
        return new CertificateAuthority(certificate, key, certPem, false);
    }

    /**
     * Reads a CA certificate alone, for the agents' side, which must trust the CA but never holds its key
     * ({@code sieve ca env --cert-only}): the same checks as {@link #load} apart from the key.
     *
     * @throws CertificateException if the certificate is missing, malformed, not a CA, not allowed to sign
     *     certificates, or not valid at {@code clock.instant()}
     */
    public static X509Certificate loadCertificate(Path certPem, Clock clock) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(certPem, "certPem");
        Objects.requireNonNull(clock, "clock");
        X509Certificate certificate = readCertificate(certPem);
        checkIsCa(certificate, certPem);
        checkValidAt(certificate, certPem, clock.instant());
        return certificate;
    }

    /** A new in-memory CA (no files); {@link #loadOrCreate} persists one. */
    static CertificateAuthority generate(Clock clock, KeyType keyType) throws GeneralSecurityException {
        KeyPair keyPair = keyType == KeyType.RSA_3072 ? Crypto.generateRsa(3072) : Crypto.generateEcP256();
        byte[] id = new byte[4];
        Crypto.RANDOM.nextBytes(id);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Sieve")
                .addRDN(BCStyle.CN, "Sieve Local CA " + HexFormat.of().formatHex(id))
                .build();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, Crypto.serial128(),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), subject, keyPair.getPublic());
        SubjectKeyIdentifier ski = new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keyPair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ski)
                    // Optional for a self-signed root (RFC 5280), but strict verifiers (OpenSSL X509_STRICT) like it.
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new AuthorityKeyIdentifier(ski.getKeyIdentifier()));
        } catch (IOException e) {
            throw new CertificateException("CA extensions: not encodable (expected: DER-encodable extensions)", e);
        }
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(Crypto.signer(keyPair.getPrivate())));
        return new CertificateAuthority(certificate, keyPair.getPrivate(), null, true);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The CA certificate as PEM text ("-----BEGIN CERTIFICATE-----..."). */
    public String certificatePem() {
        return certificatePem;
    }

    /** SHA-256 of the DER certificate as colon-separated upper-case hex ("AB:CD:..."). */
    public String sha256Fingerprint() {
        return sha256Fingerprint;
    }

    /** The PEM file of the certificate, when this CA was loaded from or created in files. */
    public Optional<Path> certificateFile() {
        return Optional.ofNullable(certificateFile);
    }

    /** True if {@link #loadOrCreate} created this CA just now (the caller should print trust instructions). */
    public boolean created() {
        return created;
    }

    /** The subject in RFC 2253 form, e.g. {@code CN=Sieve Local CA 1a2b3c4d,O=Sieve}. */
    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    @Override
    public String toString() {
        return "CertificateAuthority[subject=" + subject() + ", sha256=" + sha256Fingerprint
                + ", notAfter=" + certificate.getNotAfter().toInstant()
                + (certificateFile == null ? "" : ", file=" + certificateFile) + "]";
    }

    private static X509Certificate readCertificate(Path certPem) throws IOException, CertificateException {
        List<X509Certificate> certificates;
        try {
            certificates = Pem.readCertificates(certPem);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(certPem.toString(), null, "CA certificate file not found");
        }
        if (certificates.isEmpty()) {
            throw new CertificateException(certPem + ": no certificate found (expected: a PEM 'CERTIFICATE' block)");
        }
        return certificates.get(0);
    }

    private static PrivateKey readKey(Path keyPem) throws IOException, KeyException {
        try {
            return Pem.readPrivateKey(keyPem);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(keyPem.toString(), null, "CA key file not found");
        }
    }

    private static void checkIsCa(X509Certificate certificate, Path certPem) throws CertificateException {
        if (certificate.getBasicConstraints() < 0) {
            throw new CertificateException(certPem + ": not a CA certificate (expected: basicConstraints CA:TRUE)");
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= 5 || !keyUsage[5])) {
            throw new CertificateException(certPem
                    + ": keyUsage does not allow signing certificates (expected: keyUsage with keyCertSign)");
        }
    }

    private static void checkValidAt(X509Certificate certificate, Path certPem, Instant now) throws CertificateException {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new CertificateExpiredException(certPem + ": CA certificate expired at "
                    + certificate.getNotAfter().toInstant() + " (expected: valid at " + now + "; replace the CA)");
        } catch (CertificateNotYetValidException e) {
            throw new CertificateNotYetValidException(certPem + ": CA certificate not valid before "
                    + certificate.getNotBefore().toInstant() + " (expected: valid at " + now + "; check the clock)");
        }
    }

    private static void checkKeyMatches(PrivateKey key, X509Certificate certificate, Path keyPem, Path certPem)
            throws KeyException {
        PublicKey publicKey = certificate.getPublicKey();
        String algorithm = key.getAlgorithm();
        if (!algorithm.equals("RSA") && !algorithm.equals("EC")) {
            throw new KeyException(keyPem + ": unsupported key algorithm " + algorithm + " (expected: RSA or EC)");
        }
        if (key instanceof RSAKey && ((RSAKey) key).getModulus().bitLength() < MIN_RSA_BITS) {
            throw new KeyException(keyPem + ": RSA key of " + ((RSAKey) key).getModulus().bitLength()
                    + " bits (expected: at least " + MIN_RSA_BITS + ")");
        }
        if (!algorithm.equals(publicKey.getAlgorithm()) || !signatureVerifies(key, publicKey)) {
            throw new KeyException(keyPem + ": does not match the public key of " + certPem
                    + " (expected: the private key of that certificate)");
        }
    }

    /** Sign a random challenge with {@code key} and verify it with {@code publicKey}: works for any RSA or EC pair. */
    private static boolean signatureVerifies(PrivateKey key, PublicKey publicKey) {
        try {
            byte[] challenge = new byte[32];
            Crypto.RANDOM.nextBytes(challenge);
            String signatureAlgorithm = Crypto.signatureAlgorithm(key);
            Signature signer = Signature.getInstance(signatureAlgorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(signatureAlgorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // e.g. an EC key on another curve than the certificate's
        }
    }
}
