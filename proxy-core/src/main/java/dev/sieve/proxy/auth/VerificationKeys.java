package dev.sieve.proxy.auth;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public keys tokens are verified with, by key id. More than one can be active, so keys rotate: add the new
 * public key, issue with the new private key, remove the old public key once its tokens have expired.
 */
public final class VerificationKeys {
    /** No keys: signed tokens are refused. */
    public static final VerificationKeys NONE = new VerificationKeys(Map.of());

    private final Map<String, PublicKey> byId;

    private VerificationKeys(Map<String, PublicKey> byId) {
        this.byId = Map.copyOf(byId);
    }

    /** The given keys, each under its {@link Ed25519Keys#keyId}. */
    public static VerificationKeys of(Collection<PublicKey> keys) {
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        for (PublicKey key : keys) {
            byId.put(Ed25519Keys.keyId(key), key);
        }
        return new VerificationKeys(byId);
    }

    /**
     * Loads public key files, and every {@code *.pem} / {@code *.pub} file in each directory (a mounted Kubernetes
     * Secret: its {@code ..data} entries are skipped). A private key file is accepted too (its public half is used).
     *
     * @throws IOException if a file or directory cannot be read
     * @throws IllegalArgumentException naming the file that is not an Ed25519 key
     */
    public static VerificationKeys load(List<Path> files, Optional<Path> directory) throws IOException {
        List<PublicKey> keys = new ArrayList<>();
        for (Path file : files) {
            keys.add(Ed25519Keys.readPublic(file));
        }
        if (directory.isPresent()) {
            List<Path> inDir = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory.get(), "*.{pem,pub}")) {
                entries.forEach(inDir::add);
            }
            inDir.sort(null);
            for (Path file : inDir) {
                if (!file.getFileName().toString().startsWith("..") && Files.isRegularFile(file)) {
                    keys.add(Ed25519Keys.readPublic(file));
                }
            }
        }
        return of(keys);
    }

    /** The key with this id. */
    public Optional<PublicKey> get(String keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }

    /** The active key ids. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    @Override
    public String toString() {
        return "VerificationKeys" + byId.keySet();
    }
}
