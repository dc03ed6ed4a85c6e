package dev.sieve.certs;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PEM reading and writing through BouncyCastle's {@link PEMParser} and {@link JcaPEMWriter}.
 * Converted objects come from the JDK providers (standard {@link X509Certificate} and key classes).
 * Error messages name the file and the problem; for key files they never include parser output,
 * which could echo key bytes.
 */
final class Pem {

    static final String KEY_FORMATS = "an unencrypted PEM 'PRIVATE KEY' (PKCS#8), 'RSA PRIVATE KEY' (PKCS#1)"
            + " or 'EC PRIVATE KEY' (SEC1) block";

    private Pem() {}

    /** All certificates in {@code file}, in order; other PEM blocks are skipped. */
    static List<X509Certificate> readCertificates(Path file) throws IOException, CertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder) {
                    certificates.add(converter.getCertificate((X509CertificateHolder) object));
                } else if (object instanceof X509TrustedCertificateBlock) {
                    certificates.add(converter.getCertificate(
                            ((X509TrustedCertificateBlock) object).getCertificateHolder()));
                }
            }
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException | CertificateException e) {
            throw new CertificateException(file + ": unreadable PEM certificate (" + e.getMessage()
                    + "; expected: PEM 'CERTIFICATE' blocks)", e);
        } catch (RuntimeException e) { // BouncyCastle reports bad base64 / DER as runtime exceptions
            throw new CertificateException(file + ": malformed PEM certificate (" + e.getClass().getSimpleName()
                    + "; expected: PEM 'CERTIFICATE' blocks)", e);
        }
        return certificates;
    }

    /** The single private key in {@code file}; EC PARAMETERS and certificate blocks beside it are ignored. */
    static PrivateKey readPrivateKey(Path file) throws IOException, KeyException {
        PrivateKeyInfo found = null;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                PrivateKeyInfo info = null;
                if (object instanceof PrivateKeyInfo) {
                    info = (PrivateKeyInfo) object;
                } else if (object instanceof PEMKeyPair) {
                    info = ((PEMKeyPair) object).getPrivateKeyInfo();
                } else if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new KeyException(file + ": encrypted private key (expected: " + KEY_FORMATS
                            + "; decrypt it with 'openssl pkey -in KEY -out KEY.plain')");
                }
                if (info != null) {
                    if (found != null) {
                        throw new KeyException(file + ": more than one private key (expected: exactly one)");
                    }
                    found = info;
                }
            }
        } catch (NoSuchFileException | KeyException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Deliberately no cause: parser messages may quote the offending (secret) bytes.
            throw new KeyException(file + ": malformed private key (" + e.getClass().getSimpleName()
                    + "; expected: " + KEY_FORMATS + ")");
        }
        if (found == null) {
            throw new KeyException(file + ": no private key found (expected: " + KEY_FORMATS + ")");
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(found);
        } catch (IOException | RuntimeException e) {
            throw new KeyException(file + ": unsupported private key (algorithm "
                    + found.getPrivateKeyAlgorithm().getAlgorithm() + "; expected: RSA or EC on a named curve)");
        }
    }

    static String toPem(X509Certificate certificate) {
        return write(certificate);
    }

    /** PKCS#8 ("PRIVATE KEY"), the format every TLS stack reads. */
    static String toPkcs8Pem(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new UncheckedIOException("private key: not encodable (expected: PKCS#8-encodable key)", e);
        }
    }

    /** Whatever {@link JcaPEMWriter} makes of {@code object}: PKCS#1 for RSA keys, SEC1 for EC keys, etc. */
    static String write(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException("PEM: " + object.getClass().getSimpleName() + " (expected: encodable)", e);
        }
        return out.toString();
    }
}
