package dev.sieve.proxy.control;

import dev.sieve.proxy.config.ConfigException;
import dev.sieve.proxy.config.ConfigLoader;
import dev.sieve.proxy.config.SieveConfig;
import dev.sieve.proxy.control.ReloadResult.Outcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the Sieve config file and hands every new, valid {@link SieveConfig} to a listener, which applies what
 * can change at runtime (the proxy swaps its allowlist through a {@link PolicyHolder}; listeners, CA and other
 * settings take effect on restart).
 *
 * <p>Guarantees: the file is re-parsed with {@link ConfigLoader} exactly as at startup; a file that does not load
 * keeps the config in force, its {@link ConfigException} message ({@code file:line: key: value (expected: ...)},
 * never a token) is logged at WARN, kept in {@link #lastError()} until a later reload succeeds and returned in the
 * {@link ReloadResult}. The listener is called only with a config that differs from the one in force, on the
 * reloading thread, in order; reloads are serialized. Watching polls a fingerprint of the file's contents (symlinks
 * followed), so a Kubernetes ConfigMap update is seen; an unchanged file is never re-parsed and a broken one is
 * reported once, not at every poll. Thread-safe.
 */
public final class ConfigWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final Function<Path, SieveConfig> loader;
    private final Consumer<SieveConfig> listener;
    private final Clock clock;
    private final Object reloadLock = new Object();
    private final PollingWatch watch = new PollingWatch("config", LOG);
    private volatile SieveConfig current;
    private volatile String fingerprint;
    private volatile String version;
    private volatile String lastError;

    private ConfigWatcher(Path file, Function<Path, SieveConfig> loader, Consumer<SieveConfig> listener, Clock clock) {
        this.file = file;
        this.loader = loader;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * Loads {@code file} (as {@link ConfigLoader#load} does) and watches it from there on; {@link #current()} is the
     * config to start with. {@code listener} is not called for this first load.
     *
     * @throws ConfigException if the file cannot be read or is not a valid configuration
     */
    public static ConfigWatcher open(Path file, Consumer<SieveConfig> listener, Clock clock) {
        return open(file, path -> ConfigLoader.load(Optional.of(path)), listener, clock);
    }

    static ConfigWatcher open(Path file, Function<Path, SieveConfig> loader, Consumer<SieveConfig> listener,
            Clock clock) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(clock, "clock");
        ConfigWatcher watcher = new ConfigWatcher(file, loader, listener, clock);
        String before = ContentFingerprint.ofFile(file);
        watcher.current = loader.apply(file);
        watcher.fingerprint = before;
        watcher.version = shortVersion(before);
        return watcher;
    }

    /** The config in force: the last one that loaded. */
    public SieveConfig current() {
        return current;
    }

    /** The watched file. */
    public Path file() {
        return file;
    }

    /** The error of the last reload if it failed; empty once a reload succeeds. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /**
     * Re-parses the file; if it loads and differs from the config in force, puts it in force and calls the
     * listener. Never throws for a bad file: the result says what happened. A listener that throws makes the
     * result {@link Outcome#FAILED} (the new config stays in force: it is valid, only applying it failed).
     */
    public ReloadResult reload() {
        synchronized (reloadLock) {
            String before = ContentFingerprint.ofFile(file);
            ReloadResult result = reloadLocked(before);
            fingerprint = before;
            return result;
        }
    }

    /**
     * Polls the file every {@code interval} on {@code scheduler} and reloads when its content changes. Stopped by
     * {@link #close()}; the scheduler stays the caller's.
     *
     * @throws IllegalStateException if already watching or closed
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public void startWatching(ScheduledExecutorService scheduler, Duration interval) {
        watch.start(scheduler, interval, this::poll);
    }

    /** One watch poll: reloads if the file's fingerprint differs from the one at the last load or reload. */
    Optional<ReloadResult> poll() {
        if (ContentFingerprint.ofFile(file).equals(fingerprint)) {
            return Optional.empty();
        }
        return Optional.of(reload());
    }

    /** Stops watching. Idempotent. */
    @Override
    public void close() {
        watch.stop();
    }

    private ReloadResult reloadLocked(String newFingerprint) {
        SieveConfig next;
        try {
            next = loader.apply(file);
        } catch (ConfigException e) {
            return failed(e.getMessage());
        }
        if (next.equals(current)) {
            lastError = null;
            version = shortVersion(newFingerprint);
            return new ReloadResult(Outcome.UNCHANGED, version, Optional.empty(), clock.instant());
        }
        current = next;
        version = shortVersion(newFingerprint);
        lastError = null;
        try {
            listener.accept(next);
        } catch (RuntimeException e) {
            lastError = "config: " + file + ": applying the reloaded config failed (" + e.getClass().getSimpleName()
                    + ") (expected: a listener that accepts every valid config)";
            LOG.warn("config: loaded {} (version {}) but could not apply it: {}", file, version, lastError);
            return new ReloadResult(Outcome.FAILED, version, Optional.of(lastError), clock.instant());
        }
        LOG.info("config: reloaded {} (version {}, {} allow entries)", file, version, next.allowlist().size());
        return new ReloadResult(Outcome.RELOADED, version, Optional.empty(), clock.instant());
    }

    private ReloadResult failed(String message) {
        lastError = message;
        LOG.warn("config: reload of {} failed, keeping version {}: {}", file, version, message);
        return new ReloadResult(Outcome.FAILED, version, Optional.of(message), clock.instant());
    }

    private static String shortVersion(String fingerprint) {
        return fingerprint.length() > 16 ? fingerprint.substring(0, 16) : fingerprint;
    }
}
