package dev.sieve.proxy.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * A file polled for changes by content (SHA-256), so the symlink swap of a Kubernetes ConfigMap or Secret update is
 * seen even when times stay. An unreadable or missing file is logged once until it is readable again; the owner
 * keeps its last state meanwhile.
 */
public final class WatchedFile {
    private final Path path;
    private final Logger log;
    private final String unreadableFormat;
    private byte[] hash;
    private boolean unreadableLogged;

    /**
     * @param log the owner's logger
     * @param unreadableFormat logged once while the file cannot be read, with two arguments: the path and the
     *     reason ({@code missing} or the exception class, never content)
     */
    public WatchedFile(Path path, Logger log, String unreadableFormat) {
        this.path = Objects.requireNonNull(path, "path");
        this.log = Objects.requireNonNull(log, "log");
        this.unreadableFormat = Objects.requireNonNull(unreadableFormat, "unreadableFormat");
    }

    public Path path() {
        return path;
    }

    /**
     * Reads the file.
     *
     * @return its content if it differs from the content of the last read; empty if it is the same or unreadable
     */
    public Optional<byte[]> readIfChanged() {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            synchronized (this) {
                if (!unreadableLogged) {
                    unreadableLogged = true;
                    log.warn(unreadableFormat, path,
                            e instanceof NoSuchFileException ? "missing" : e.getClass().getSimpleName());
                }
            }
            return Optional.empty();
        }
        byte[] next = StateFiles.sha256(content);
        synchronized (this) {
            unreadableLogged = false;
            if (Arrays.equals(next, hash)) {
                return Optional.empty();
            }
            hash = next;
        }
        return Optional.of(content);
    }
}
