package dev.sieve.proxy.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Admin state of one replica from two sources, combined into an immutable snapshot {@code T} (the kill switch, the
 * revocation list):
 * <ul>
 *   <li>the <b>admin</b> state, changed through the admin API or adopted from the fleet, persisted atomically to the
 *       state file on every change and loaded at start, so it survives restarts;</li>
 *   <li>the <b>file</b> state, read from an optional watched file (a ConfigMap or Secret key) at each
 *       {@link #pollFile()}. Changes are detected by content ({@link WatchedFile}); a missing or unreadable file, or
 *       one its {@link Format} refuses, keeps the last state.</li>
 * </ul>
 * {@link #snapshot()} is a volatile read, cheap enough for every request on an event loop. Changes are serialized;
 * listeners run after every change that was applied, on the thread that made it, and a failing listener is logged
 * and skipped. Admin changes reach the other replicas of a fleet through its {@link Sharing} ({@link #share}).
 *
 * @param <C> one admin change as the fleet shares it (a kill-switch scope, a revocation)
 * @param <S> the state of one source
 * @param <T> the snapshot of both sources
 */
public final class FileBackedState<C, S, T extends FileBackedState.Sources<S>> {

    /** A snapshot of both sources. */
    public interface Sources<S> {
        S admin();

        S file();
    }

    /** How a state is persisted and read. Its messages name files and shapes, never content. */
    public interface Format<S> {
        /** For log lines, e.g. {@code kill switch}. */
        String name();

        /** The state before any change, and when the state file does not exist yet. */
        S empty();

        /**
         * The persisted admin state.
         *
         * @throws IOException naming {@code stateFile} and the shape it expects, if {@code content} is not one
         */
        S read(Path stateFile, byte[] content) throws IOException;

        byte[] write(S admin) throws IOException;

        /**
         * The watched file's state.
         *
         * @throws IllegalArgumentException to keep the last good state (its message is logged)
         */
        S parseFile(Path file, String content);
    }

    /** A change of the admin state: the state it makes, or empty for none. May throw to refuse it. */
    @FunctionalInterface
    public interface Change<S> {
        Optional<S> apply(S admin) throws IOException;
    }

    private final Path stateFile;
    private final Optional<WatchedFile> watchedFile;
    private final Format<S> format;
    private final BiFunction<S, S, T> combine;
    private final Logger log;
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();
    private volatile T snapshot;
    private volatile Sharing<C> sharing = Sharing.local();

    private FileBackedState(Path stateFile, Optional<Path> watchedFile, Format<S> format, BiFunction<S, S, T> combine,
            Logger log, S admin) {
        this.stateFile = stateFile;
        this.format = format;
        this.combine = combine;
        this.log = log;
        this.watchedFile = watchedFile.map(file -> new WatchedFile(file, log,
                format.name() + " file {} unreadable ({}); keeping the last state"));
        this.snapshot = combine.apply(admin, format.empty());
    }

    /**
     * Loads the persisted admin state (empty if the state file does not exist yet). The file state is empty until
     * the first {@link #pollFile()}.
     *
     * @param combine makes the snapshot of an admin and a file state
     * @param log the owner's logger
     * @throws IOException if the state file exists but cannot be read or parsed: Sieve does not start with an unknown
     *     state
     */
    public static <C, S, T extends Sources<S>> FileBackedState<C, S, T> open(Path stateFile, Optional<Path> watchedFile,
            Format<S> format, BiFunction<S, S, T> combine, Logger log) throws IOException {
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(watchedFile, "watchedFile");
        S admin;
        try {
            admin = format.read(stateFile, Files.readAllBytes(stateFile));
        } catch (NoSuchFileException e) {
            admin = format.empty();
        }
        return new FileBackedState<>(stateFile, watchedFile, format, combine, log, admin);
    }

    public T snapshot() {
        return snapshot;
    }

    /** Runs {@code listener} after every change of either source. */
    public void addListener(Consumer<T> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * How admin changes reach the other replicas of a fleet ({@code dev.sieve.proxy.fleet.FleetState}): after a
     * change tightened here, before one is lifted here.
     */
    public void share(Sharing<C> sharing) {
        this.sharing = Objects.requireNonNull(sharing, "sharing");
    }

    /**
     * Applies {@code change} to the admin state at once (listeners run), then shares {@code shared} with the fleet,
     * then persists the admin state: a change that stops traffic waits neither for the fleet nor for a disk.
     *
     * @return the snapshot after, or empty if {@code change} made none (then nothing is shared or persisted)
     * @throws IOException if {@code change} refused (nothing changed), or persisting failed (the change holds in
     *     memory, and in the fleet, but this replica's state file does not have it)
     */
    public Optional<T> tighten(C shared, Change<S> change) throws IOException {
        T after;
        synchronized (this) {
            Optional<S> admin = change.apply(snapshot.admin());
            if (admin.isEmpty()) {
                return Optional.empty();
            }
            after = combine.apply(admin.get(), snapshot.file());
            snapshot = after;
        }
        notifyListeners(after);
        sharing.applied(shared);
        synchronized (this) {
            persist(snapshot.admin());
        }
        return Optional.of(after);
    }

    /**
     * Applies {@code change} to the admin state after the fleet let {@code shared} go (if the admin state changes)
     * and after persisting it: a change that lets traffic through again never holds in memory only. When the fleet,
     * the disk or {@code change} fails, nothing changes here.
     *
     * @return the snapshot after, or empty if {@code change} made none
     * @throws IOException if the fleet refused, persisting failed, or {@code change} refused
     */
    public Optional<T> lift(C shared, Change<S> change) throws IOException {
        T after;
        synchronized (this) {
            Optional<S> admin = change.apply(snapshot.admin());
            if (admin.isEmpty()) {
                return Optional.empty();
            }
            if (!admin.get().equals(snapshot.admin())) {
                sharing.lifting(shared);
            }
            persist(admin.get());
            after = combine.apply(admin.get(), snapshot.file());
            snapshot = after;
        }
        notifyListeners(after);
        return Optional.of(after);
    }

    /**
     * Replaces the admin state with the fleet's shared one, persisted to the state file so a restart starts from it
     * (a failing disk is logged: the fleet's state applies in memory).
     *
     * @return the snapshot after, or empty if {@code admin} is the current admin state
     */
    public Optional<T> adoptAdmin(S admin) {
        T after;
        synchronized (this) {
            if (admin.equals(snapshot.admin())) {
                return Optional.empty();
            }
            after = combine.apply(admin, snapshot.file());
            snapshot = after;
            try {
                persist(admin);
            } catch (IOException e) {
                log.error("{} state file not written ({}); the fleet's state applies in memory", format.name(),
                        e.getClass().getSimpleName());
            }
        }
        notifyListeners(after);
        return Optional.of(after);
    }

    /**
     * Reads the watched file and applies it if it changed. A no-op without a watched file.
     *
     * @return the snapshot after, or empty if the file state did not change
     */
    public Optional<T> pollFile() {
        Optional<byte[]> content = watchedFile.flatMap(WatchedFile::readIfChanged);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        Path file = watchedFile.get().path();
        T after;
        synchronized (this) {
            S parsed;
            try {
                parsed = format.parseFile(file, new String(content.get(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                log.error("{} file {}: {}; keeping the last good state", format.name(), file, e.getMessage());
                return Optional.empty();
            }
            if (parsed.equals(snapshot.file())) {
                return Optional.empty();
            }
            after = combine.apply(snapshot.admin(), parsed);
            snapshot = after;
        }
        notifyListeners(after);
        return Optional.of(after);
    }

    /** The watched file, if there is one. */
    public Optional<Path> watchedFile() {
        return watchedFile.map(WatchedFile::path);
    }

    private void notifyListeners(T after) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(after);
            } catch (RuntimeException e) {
                log.error("{} listener failed", format.name(), e);
            }
        }
    }

    private void persist(S admin) throws IOException {
        StateFiles.writeAtomically(stateFile, format.write(admin));
    }
}
