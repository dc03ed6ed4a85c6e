package dev.sieve.certs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Mints leaf certificates for intercepted hosts, signed by a {@link CertificateAuthority}.
 *
 * <p>One leaf key pair is generated per minter, so minting costs one signature. Each leaf names
 * exactly the requested host (a DNS or IP-address SAN, never anything copied from an upstream
 * certificate), is backdated one hour for clock skew, expires after the configured validity or at
 * the CA's expiry if that comes first, has a random positive 128-bit serial, and is restricted to
 * TLS server authentication. Thread-safe.
 */
public final class LeafMinter {

    /** Key type of the shared leaf key pair. */
    public enum KeyType { EC_P256, RSA_2048 }

    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);
    /** Apple and the CA/Browser Forum cap TLS server certificates at 398 days; stay below. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(397);
    static final Duration BACKDATE = Duration.ofHours(1);
    private static final int MAX_COMMON_NAME_LENGTH = 64;

    private final CertificateAuthority ca;
    private final Clock clock;
    private final Duration validity;
    private final KeyPair keyPair;
    private final X509Certificate[] caChain;
    private final AuthorityKeyIdentifier authorityKeyIdentifier;
    private final SubjectKeyIdentifier subjectKeyIdentifier;
    private final KeyUsage keyUsage;
    private final AtomicLong mintCount = new AtomicLong();

    /** A minter with an EC P-256 leaf key and {@link #DEFAULT_VALIDITY}. */
    public LeafMinter(CertificateAuthority ca, Clock clock) {
        this(ca, clock, DEFAULT_VALIDITY, KeyType.EC_P256);
    }

    /**
     * @param validity leaf lifetime, {@code > 0} and {@code <= }{@link #MAX_VALIDITY}
     * @throws IllegalArgumentException if {@code validity} is out of range
     */
    public LeafMinter(CertificateAuthority ca, Clock clock, Duration validity, KeyType keyType) {
        this.ca = Objects.requireNonNull(ca, "ca");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(keyType, "keyType");
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("validity: " + validity + " (expected: > 0 and <= " + MAX_VALIDITY + ")");
        }
        this.validity = validity;
        this.keyPair = keyType == KeyType.RSA_2048 ? Crypto.generateRsa(2048) : Crypto.generateEcP256();
        this.caChain = new X509Certificate[] {ca.certificate()};
        this.authorityKeyIdentifier = authorityKeyIdentifier(ca.certificate());
        this.subjectKeyIdentifier = extensionUtils().createSubjectKeyIdentifier(keyPair.getPublic());
        // keyEncipherment only matters for RSA key exchange (TLS 1.2 and older); ECDSA keys cannot encipher.
        this.keyUsage = new KeyUsage(keyType == KeyType.RSA_2048
                ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                : KeyUsage.digitalSignature);
    }

    /**
     * Mints a leaf for {@code host}.
     *
     * @param host a host as returned by {@link HostNames#normalize}
     * @throws IllegalArgumentException if {@code host} is not in normalized form
     * @throws IllegalStateException if the CA has expired by this minter's clock
     */
    public LeafCertificate mint(String host) {
        String normalized = HostNames.normalize(host);
        if (!normalized.equals(host)) {
            throw new IllegalArgumentException("host: " + HostNames.printable(host)
                    + " (expected: normalized by HostNames.normalize, i.e. \"" + normalized + "\")");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter;
        }
        if (!notAfter.isAfter(now)) {
            throw new IllegalStateException("CA notAfter: " + caNotAfter + " (expected: after now, " + now
                    + "; the CA has expired, replace it)");
        }
        X509Certificate leaf = sign(host, now.minus(BACKDATE), notAfter);
        mintCount.incrementAndGet();
        X509Certificate[] chain = {leaf, caChain[0]};
        return new LeafCertificate(host, keyPair.getPrivate(), leaf, chain, leaf.getNotAfter().toInstant());
    }

    /** How many leaves this minter has minted. */
    public long mintCount() {
        return mintCount.get();
    }

    /** The configured leaf lifetime (a leaf may expire earlier, at the CA's notAfter). */
    public Duration validity() {
        return validity;
    }

    Clock clock() {
        return clock;
    }

    private X509Certificate sign(String host, Instant notBefore, Instant notAfter) {
        boolean ip = HostNames.isIpLiteral(host);
        GeneralName san = ip
                ? new GeneralName(GeneralName.iPAddress, new DEROctetString(HostNames.ipAddressBytes(host)))
                : new GeneralName(GeneralName.dNSName, host);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, host.length() > MAX_COMMON_NAME_LENGTH
                        ? host.substring(0, MAX_COMMON_NAME_LENGTH) : host)
                .build();
        BigInteger serial = Crypto.serial128();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial,
                Date.from(notBefore), Date.from(notAfter), subject, keyPair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, keyUsage)
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san))
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier)
                    .addExtension(Extension.subjectKeyIdentifier, false, subjectKeyIdentifier);
            return new JcaX509CertificateConverter().getCertificate(builder.build(Crypto.signer(ca.privateKey())));
        } catch (IOException e) {
            throw new UncheckedIOException("leaf extensions for " + host + ": not encodable (expected: DER-encodable)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("leaf for " + host + ": not convertible (expected: a valid X.509 encoding)", e);
        }
    }

    /** The CA's own subjectKeyIdentifier when it has one (chain building matches on it), else the RFC 5280 hash. */
    private static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate caCertificate) {
        byte[] extension = caCertificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension != null) {
            byte[] keyId = ASN1OctetString.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getOctets();
            return new AuthorityKeyIdentifier(keyId);
        }
        return extensionUtils().createAuthorityKeyIdentifier(caCertificate.getPublicKey());
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 for key identifiers: unavailable (expected: a standard JDK)", e);
        }
    }
}
