package dev.sieve.proxy.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link TokenVerifier}'s keys in step with their files ({@code auth.verificationKeys},
 * {@code auth.verificationKeyDir}): each {@link #poll()} reads them again and, when the set of key ids differs, the
 * verifier uses the new set from the next token on (a key added to the mounted Secret verifies within a poll, a key
 * removed stops verifying). Files that cannot be read or hold no valid key keep the keys in use (a half-written
 * rotation never locks every agent out), logged once per problem. Not thread-safe: one poller thread.
 */
public final class VerificationKeyFiles {
    private static final Logger log = LoggerFactory.getLogger(VerificationKeyFiles.class);

    private final List<Path> files;
    private final Optional<Path> directory;
    private final TokenVerifier verifier;
    private String lastProblem;

    public VerificationKeyFiles(List<Path> files, Optional<Path> directory, TokenVerifier verifier) {
        this.files = List.copyOf(files);
        this.directory = Objects.requireNonNull(directory, "directory");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** Reads the key files and applies a changed key set. */
    public void poll() {
        VerificationKeys now;
        try {
            now = VerificationKeys.load(files, directory);
        } catch (IOException | IllegalArgumentException e) {
            problem(e instanceof IOException ? "cannot be read (" + e.getClass().getSimpleName() + ")"
                    : e.getMessage());
            return;
        }
        if (now.isEmpty()) {
            problem("no *.pem or *.pub key");
            return;
        }
        lastProblem = null;
        if (!new HashSet<>(now.ids()).equals(new HashSet<>(verifier.keys().ids()))) {
            List<String> before = verifier.keys().ids();
            verifier.useKeys(now);
            log.warn("auth verification keys changed: {} -> {}", before, now.ids());
        }
    }

    private void problem(String what) {
        if (!what.equals(lastProblem)) {
            lastProblem = what;
            log.error("auth verification keys: {}; the keys in use stay {}", what, verifier.keys().ids());
        }
    }
}
