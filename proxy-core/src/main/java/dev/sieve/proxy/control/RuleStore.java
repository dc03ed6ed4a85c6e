package dev.sieve.proxy.control;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.inspect.Inspection;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.dlp.inspect.Inspector;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.proxy.control.ReloadResult.Outcome;
import dev.sieve.rules.DefaultRulePack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules in force, hot-reloadable: a rule folder (or the default pack) compiled into an immutable
 * {@link RuleSnapshot} that is swapped atomically when the folder changes or {@link #reload()} is called.
 *
 * <p>Guarantees:
 * <ul>
 *   <li><b>Atomic swap.</b> {@link #current()} is a lock-free volatile read of the latest good snapshot; readers
 *       see the old or the new snapshot, never a mix.</li>
 *   <li><b>Requests finish with the rules they started with.</b> A request takes a {@link RuleLease}
 *       ({@link #acquire()}) or opens its inspection through {@link #openInspection}; the replaced snapshot's
 *       compiled rules are closed only when the last lease on it is released. This is needed, not only careful:
 *       the Hyperscan engine lets sessions already open finish after {@code close()}, but refuses to open new ones
 *       ({@code IllegalStateException}, see {@link dev.sieve.dlp.CompiledRules}), and an inspection opens one
 *       session per decoded view when it finishes, long after it started.</li>
 *   <li><b>A failing reload keeps the last good set.</b> The error ({@code file:line: rule 'id': ...
 *       (expected: ...)}, from {@link RuleLoadException} or {@link dev.sieve.dlp.RuleCompileException}) is logged
 *       at WARN, kept in {@link #lastError()} until a later reload succeeds, and returned in the
 *       {@link ReloadResult}. Nothing beyond that message is logged.</li>
 *   <li><b>Listeners</b> ({@link #addListener}, e.g. metrics) hear of every reload attempt, successful or not,
 *       on the reloading thread; a listener that throws is logged and does not affect the reload.</li>
 *   <li><b>Watching</b> ({@link #startWatching}) polls a fingerprint of the folder's {@code *.yaml}/{@code *.yml}
 *       names, sizes and contents, so Kubernetes ConfigMap updates (an atomic {@code ..data} symlink swap) are
 *       seen; an unchanged folder is never reloaded, and a broken one is reported once, not at every poll.</li>
 * </ul>
 * Reloads are serialized; every method is thread-safe.
 */
public final class RuleStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuleStore.class);
    private static final String DEFAULT_PACK_FINGERPRINT = "default-pack";

    private final Optional<Path> dir;
    private final Function<RuleSet, CompiledRules> compiler;
    private final ViewLimits limits;
    private final Clock clock;
    private final Object reloadLock = new Object();
    private final List<Consumer<ReloadResult>> listeners = new CopyOnWriteArrayList<>();
    private final PollingWatch watch = new PollingWatch("rules", LOG);
    private volatile RuleGeneration current;
    private volatile String fingerprint;
    private volatile String lastError;
    private volatile boolean closed;

    private RuleStore(Optional<Path> dir, Function<RuleSet, CompiledRules> compiler, ViewLimits limits, Clock clock) {
        this.dir = dir;
        this.compiler = compiler;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Loads and compiles the rules in {@code dir}, or the shipped {@link DefaultRulePack} when it is empty.
     *
     * @throws RuleLoadException if the folder's rules do not load (the message names file, line and rule)
     * @throws dev.sieve.dlp.RuleCompileException if the engine rejects a pattern
     * @throws IllegalStateException if {@code engine} is {@link EngineKind#HYPERSCAN} and Hyperscan is unavailable
     */
    public static RuleStore open(Optional<Path> dir, EngineKind engine, ViewLimits limits, Clock clock)
            throws RuleLoadException {
        Objects.requireNonNull(engine, "engine");
        return open(dir, rules -> Engines.compile(rules, engine), limits, clock);
    }

    /** As {@link #open(Optional, EngineKind, ViewLimits, Clock)}, compiling with {@code compiler}. */
    static RuleStore open(Optional<Path> dir, Function<RuleSet, CompiledRules> compiler, ViewLimits limits,
            Clock clock) throws RuleLoadException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(compiler, "compiler");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(clock, "clock");
        RuleStore store = new RuleStore(dir, compiler, limits, clock);
        String before = store.fingerprintNow();
        store.current = new RuleGeneration(store.compile(store.load()));
        store.fingerprint = before;
        LOG.info("rules: loaded {}", store.current.snapshot());
        return store;
    }

    /**
     * The snapshot in force: a lock-free read, for metadata (version, rule ids, load time). To scan, use
     * {@link #acquire()} or {@link #openInspection}: a snapshot read here is not protected against a reload
     * closing its engine.
     */
    public RuleSnapshot current() {
        return current.snapshot();
    }

    /**
     * Leases the snapshot in force; its compiled rules stay open until the lease is closed, whatever reloads
     * happen meanwhile. Lock-free.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public RuleLease acquire() {
        while (true) {
            requireOpen();
            RuleGeneration generation = current;
            if (generation.tryRetain()) {
                return new RuleLease(generation);
            }
            // A reload retired it between the read and the retain; the next read sees its successor.
        }
    }

    /**
     * Opens the inspection of one request on the snapshot in force, holding it until the inspection is finished
     * or closed (whichever comes first), so the request is judged by one rule set from start to end.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public Inspection openInspection(RequestMeta meta, InspectionPolicy policy) {
        RuleLease lease = acquire();
        try {
            return new LeasedInspection(lease.snapshot().inspector().open(meta, policy), lease);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /**
     * Loads the rules again and swaps them in if they changed; on failure keeps the rules in force. Never throws
     * for bad rules: the result says what happened.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public ReloadResult reload() {
        ReloadResult result;
        synchronized (reloadLock) {
            requireOpen();
            String before = fingerprintNow();
            result = reloadLocked();
            fingerprint = before;
        }
        notifyListeners(result);
        return result;
    }

    /** The error of the last reload if it failed; empty once a reload succeeds. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** The rule folder, or empty for the default pack. */
    public Optional<Path> folder() {
        return dir;
    }

    /** Adds a listener told of every reload attempt (after it, on the reloading thread). */
    public void addListener(Consumer<ReloadResult> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Polls the rule folder every {@code interval} on {@code scheduler} and reloads when its content changes.
     * Stopped by {@link #close()}; the scheduler stays the caller's.
     *
     * @throws IllegalStateException if the store uses the default pack (nothing to watch), already watches, or
     *                               is closed
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public void startWatching(ScheduledExecutorService scheduler, Duration interval) {
        if (dir.isEmpty()) {
            throw new IllegalStateException("rules: no rule folder to watch (expected: a store opened with a rule"
                    + " folder; the default pack cannot change)");
        }
        watch.start(scheduler, interval, this::poll);
    }

    /**
     * One watch poll: reloads if the folder's fingerprint differs from the one at the last load or reload.
     * Returns the reload's result, or empty if nothing changed or the store is closed.
     */
    Optional<ReloadResult> poll() {
        if (closed || fingerprintNow().equals(fingerprint)) {
            return Optional.empty();
        }
        return Optional.of(reload());
    }

    /**
     * Stops watching and releases the snapshot in force; its compiled rules close when the last lease on it is
     * released. Idempotent.
     */
    @Override
    public void close() {
        watch.stop();
        synchronized (reloadLock) {
            if (closed) {
                return;
            }
            closed = true;
            current.release();
        }
    }

    private ReloadResult reloadLocked() {
        RuleSnapshot old = current.snapshot();
        RuleSnapshot next;
        try {
            RuleSet rules = load();
            if (rules.version().equals(old.version())) {
                lastError = null;
                return new ReloadResult(Outcome.UNCHANGED, old.version(), Optional.empty(), clock.instant());
            }
            next = compile(rules);
        } catch (RuleLoadException e) {
            return failed(old, e.getMessage());
        } catch (RuntimeException e) {
            // RuleCompileException names file:line: rule; other engine errors name the engine and what was expected.
            return failed(old, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        RuleGeneration retired = current;
        current = new RuleGeneration(next);
        retired.release();
        lastError = null;
        LOG.info("rules: reloaded {} (was version {})", next, old.version());
        return new ReloadResult(Outcome.RELOADED, next.version(), Optional.empty(), clock.instant());
    }

    private ReloadResult failed(RuleSnapshot kept, String message) {
        lastError = message;
        LOG.warn("rules: reload failed, keeping version {}: {}", kept.version(), message);
        return new ReloadResult(Outcome.FAILED, kept.version(), Optional.of(message), clock.instant());
    }

    private RuleSet load() throws RuleLoadException {
        return dir.isPresent() ? RuleSet.load(dir.get()) : DefaultRulePack.load();
    }

    private RuleSnapshot compile(RuleSet rules) {
        CompiledRules compiled = compiler.apply(rules);
        try {
            return new RuleSnapshot(rules, compiled, new Inspector(compiled, limits), rules.version(), clock.instant());
        } catch (RuntimeException e) {
            compiled.close();
            throw e;
        }
    }

    private String fingerprintNow() {
        return dir.map(ContentFingerprint::ofFolder).orElse(DEFAULT_PACK_FINGERPRINT);
    }

    private void notifyListeners(ReloadResult result) {
        for (Consumer<ReloadResult> listener : listeners) {
            try {
                listener.accept(result);
            } catch (RuntimeException e) {
                LOG.warn("rules: reload listener failed ({})", e.getClass().getSimpleName());
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("rules: store closed (expected: use the store before close)");
        }
    }
}
