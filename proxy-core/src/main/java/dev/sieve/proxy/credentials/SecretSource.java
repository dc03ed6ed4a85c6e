package dev.sieve.proxy.credentials;

import java.nio.file.Path;
import java.util.Objects;

/** Where a real credential is read from: a file (a Kubernetes Secret mounted as a file) or an environment variable. */
public sealed interface SecretSource {

    /** The config key that named this source, e.g. {@code credentials.entries[0].secretFile}, for messages. */
    String key();

    /** A file, re-read when its content changes ({@link SecretStore#refresh}). */
    record File(String key, Path path) implements SecretSource {
        public File {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(path, "path");
        }
    }

    /** An environment variable, read once at start. */
    record Env(String key, String name) implements SecretSource {
        public Env {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(name, "name");
        }
    }
}
