package dev.sieve.proxy.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Ed25519 keys as PEM files: the private key PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}, what
 * {@code openssl genpkey -algorithm ed25519} writes), the public key X.509 SubjectPublicKeyInfo
 * ({@code -----BEGIN PUBLIC KEY-----}, {@code openssl pkey -pubout}). The JDK does the cryptography; BouncyCastle
 * (already on the class path for the CA) derives a public key from a private one, which the JDK cannot.
 *
 * <p>A key's id is derived from its public key ({@link #keyId}), so a verifier never needs an id configured next to
 * a key file, and two keys cannot share an id by mistake.
 */
public final class Ed25519Keys {
    /** X.509 SubjectPublicKeyInfo prefix of an Ed25519 key (OID 1.3.101.112), followed by the 32 key bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private Ed25519Keys() {}

    /** A new key pair. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every JDK 15+", e);
        }
    }

    /** The key id: the first 8 bytes of SHA-256 over the public key's X.509 encoding, base64url (11 characters). */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** The public key of {@code key}. */
    public static PublicKey publicKey(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
            throw new IllegalArgumentException("key: not an Ed25519 private key");
        }
        byte[] seed = ed.getBytes().get();
        try {
            byte[] raw = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
            byte[] encoded = new byte[X509_PREFIX.length + raw.length];
            System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
            System.arraycopy(raw, 0, encoded, X509_PREFIX.length, raw.length);
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every JDK 15+", e);
        } finally {
            java.util.Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * Reads a PKCS#8 PEM private key.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException {@code "<file>: ... (expected: ...)"}; never shows the content
     */
    public static PrivateKey readPrivate(Path file) throws IOException {
        byte[] der = pem(file, PRIVATE);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": not an Ed25519 private key (expected: PKCS#8 PEM, as written"
                    + " by sieve token keygen or openssl genpkey -algorithm ed25519)");
        } finally {
            java.util.Arrays.fill(der, (byte) 0);
        }
    }

    /**
     * Reads a public key: an X.509 PEM public key, or, for convenience, a PKCS#8 private key (its public half).
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException {@code "<file>: ... (expected: ...)"}
     */
    public static PublicKey readPublic(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN " + PRIVATE + "-----")) {
            return publicKey(readPrivate(file));
        }
        byte[] der = pem(file, PUBLIC);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": not an Ed25519 public key (expected: X.509 PEM, as written by"
                    + " sieve token keygen or openssl pkey -pubout)");
        }
    }

    /** Writes {@code key} as PKCS#8 PEM to a new file readable by its owner only. */
    public static void writePrivate(Path file, PrivateKey key) throws IOException {
        write(file, PRIVATE, key.getEncoded(), true);
    }

    /** Writes {@code key} as X.509 PEM to a new file (mode 0644 where POSIX). */
    public static void writePublic(Path file, PublicKey key) throws IOException {
        write(file, PUBLIC, key.getEncoded(), false);
    }

    /** {@code key} as X.509 PEM text, newline-terminated. */
    public static String publicPem(PublicKey key) {
        return pem(PUBLIC, key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static void write(Path file, String type, byte[] der, boolean secret) throws IOException {
        byte[] pem = pem(type, der).getBytes(StandardCharsets.US_ASCII);
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file + " (expected: a new file; Sieve does not overwrite keys)");
        }
        boolean posix = file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Set<java.nio.file.attribute.PosixFilePermission> mode = PosixFilePermissions.fromString(
                    secret ? "rw-------" : "rw-r--r--");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(mode));
        } else {
            Files.createFile(file);
        }
        Files.write(file, pem, StandardOpenOption.TRUNCATE_EXISTING);
        if (posix) { // the umask may have narrowed createFile's mode; set it exactly
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
        }
    }

    private static byte[] pem(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(file + ": no " + begin + " block (expected: an Ed25519 "
                    + type.toLowerCase(java.util.Locale.ROOT) + " in PEM)");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": the PEM block is not base64 (expected: an Ed25519 "
                    + type.toLowerCase(java.util.Locale.ROOT) + " in PEM)");
        }
    }
}
