package dev.sieve.proxy.control;

import dev.sieve.dlp.CompiledCache;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.Composition;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.LintProblem;
import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.inspect.Inspection;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.dlp.inspect.Inspector;
import dev.sieve.dlp.inspect.PlaceholderSink;
import dev.sieve.dlp.inspect.Placeholders;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.proxy.config.ActiveRules;
import dev.sieve.proxy.config.RulesSettings;
import dev.sieve.proxy.control.ReloadResult.Outcome;
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
 * The rules in force, hot-reloadable: the active rule set of a {@code rules:} section ({@link ActiveRules}: the
 * built-in pack plus the rule folder, minus {@code disable}, with {@code overrides}) compiled into an immutable
 * {@link RuleSnapshot} that is swapped atomically when the folder changes, {@link #reload()} is called, or the
 * section changes ({@link #reconfigure}).
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
 *   <li><b>A failing reload keeps the last good set.</b> Failing means: the folder or a file cannot be read
 *       ({@code unreadable}: also a folder that disappeared), a rule file or the selection has a problem
 *       ({@code invalid}), the folder has no rule files or no rule is left ({@code empty}, unless
 *       {@code rules.allowEmpty}), the engine rejects a pattern ({@code compile}), or the config names a category
 *       no active rule declares any more ({@code references}, see {@link #open}'s {@code guard}). The error
 *       ({@code file:line: rule 'id': ... (expected: ...)}) is logged at WARN, kept in {@link #lastError()} and
 *       {@link #lastFailureReason()} until a later reload succeeds, and returned in the {@link ReloadResult}.
 *       Nothing beyond that message is logged.</li>
 *   <li><b>Weakening is announced.</b> Whenever a rule set is put in force, disabled rules, overrides that lower
 *       an action, built-in rules replaced by the folder's, a built-in pack switched off, and the loader's notes
 *       are logged at WARN, by rule id.</li>
 *   <li><b>Listeners</b> ({@link #addListener}, e.g. metrics) hear of every reload attempt, successful or not,
 *       on the reloading thread; a listener that throws is logged and does not affect the reload.</li>
 *   <li><b>Watching</b> ({@link #startWatching}, {@link #poll}) polls a fingerprint of the folder's
 *       {@code *.yaml}/{@code *.yml} names, sizes and contents, so Kubernetes ConfigMap updates (an atomic
 *       {@code ..data} symlink swap) are seen; an unchanged folder is never reloaded, and a broken one is reported
 *       once, not at every poll.</li>
 *   <li><b>Compiles are timed.</b> Each compile (at open and on a reload) is logged at INFO with its time and
 *       whether the database came from the compiled cache ({@code rules.compiledCache}, fixed at open), and told to
 *       the compile listeners ({@link #addCompileListener}); {@link #lastCompile()} is the latest.</li>
 * </ul>
 * Reloads are serialized; every method is thread-safe.
 */
public final class RuleStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuleStore.class);
    private static final String NO_FOLDER_FINGERPRINT = "no-folder";

    /** Why a load failed, and the message to report. */
    private static final class LoadFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final String reason;

        LoadFailure(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    private final Function<RuleSet, CompiledRules> compiler;
    private final Function<RuleSet, Optional<String>> guard;
    private final ViewLimits limits;
    private final Clock clock;
    private final Object reloadLock = new Object();
    private final List<Consumer<ReloadResult>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<RuleCompile>> compileListeners = new CopyOnWriteArrayList<>();
    private final PollingWatch watch = new PollingWatch("rules", LOG);
    private volatile RulesSettings settings;
    private volatile RuleGeneration current;
    private volatile String fingerprint;
    private volatile String lastError;
    private volatile String lastFailureReason;
    private volatile RuleCompile lastCompile;
    private volatile boolean closed;

    private RuleStore(RulesSettings settings, Function<RuleSet, CompiledRules> compiler,
            Function<RuleSet, Optional<String>> guard, ViewLimits limits, Clock clock) {
        this.settings = settings;
        this.compiler = compiler;
        this.guard = guard;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Loads and compiles the active rule set of {@code settings}, with its engine.
     *
     * @param guard checks a rule set before a reload puts it in force (empty: fine; else why not), e.g. that
     *              every category the config names is still declared; not applied to this first load, which the
     *              config checks at load
     * @throws RuleLoadException if the rules do not load (the message names file, line and rule), the folder has
     *     no rule files or no rule is active (unless {@code allowEmpty})
     * @throws dev.sieve.dlp.RuleCompileException if the engine rejects a pattern
     * @throws IllegalStateException if the engine is {@link EngineKind#HYPERSCAN} and Hyperscan is unavailable
     */
    public static RuleStore open(RulesSettings settings, Function<RuleSet, Optional<String>> guard, ViewLimits limits,
            Clock clock) throws RuleLoadException {
        Objects.requireNonNull(settings, "settings");
        EngineKind engine = settings.engine();
        CompiledCache cache = settings.compiledCache().map(CompiledCache::in).orElse(CompiledCache.none());
        return open(settings, rules -> Engines.compile(rules, engine, cache), guard, limits, clock);
    }

    /** As {@link #open(RulesSettings, Function, ViewLimits, Clock)}, compiling with {@code compiler}. */
    static RuleStore open(RulesSettings settings, Function<RuleSet, CompiledRules> compiler,
            Function<RuleSet, Optional<String>> guard, ViewLimits limits, Clock clock) throws RuleLoadException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(compiler, "compiler");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(clock, "clock");
        RuleStore store = new RuleStore(settings, compiler, guard, limits, clock);
        String before = store.fingerprintNow();
        Composition composition = ActiveRules.compose(settings);
        RuleSet rules = composition.ruleSet();
        store.current = new RuleGeneration(store.compile(rules, composition.summary()));
        store.fingerprint = before;
        LOG.info("rules: loaded {}", store.current.snapshot());
        store.announce(composition.summary(), settings);
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
        return openInspection(meta, policy, null, PlaceholderSink.NONE);
    }

    /**
     * Like {@link #openInspection(RequestMeta, InspectionPolicy)}, with the redaction placeholders (null: the
     * inspector's own) and the sink that hears of each placeholder minted.
     */
    public Inspection openInspection(RequestMeta meta, InspectionPolicy policy, Placeholders placeholders,
            PlaceholderSink sink) {
        RuleLease lease = acquire();
        try {
            Inspector inspector = lease.snapshot().inspector();
            return new LeasedInspection(placeholders == null ? inspector.open(meta, policy)
                    : inspector.open(meta, policy, placeholders, sink), lease);
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
            result = reloadLocked(settings);
            fingerprint = before;
        }
        notifyListeners(result);
        return result;
    }

    /**
     * Puts the {@code rules:} section of a reloaded config in force: loads with {@code next} and, if that works,
     * keeps {@code next} for later reloads; if it fails, the rules and the section in force stay. A changed
     * {@code engine} or {@code reloadInterval} takes effect at restart.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public ReloadResult reconfigure(RulesSettings next) {
        Objects.requireNonNull(next, "next");
        ReloadResult result;
        synchronized (reloadLock) {
            requireOpen();
            String before = next.dir().map(ContentFingerprint::ofFolder).orElse(NO_FOLDER_FINGERPRINT);
            result = reloadLocked(next);
            if (result.success()) {
                settings = next;
                fingerprint = before;
            }
        }
        notifyListeners(result);
        return result;
    }

    /** The error of the last reload if it failed; empty once a reload succeeds. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** The reason code of the last reload if it failed ({@link ReloadResult#reason()}); empty once one succeeds. */
    public Optional<String> lastFailureReason() {
        return Optional.ofNullable(lastFailureReason);
    }

    /** The {@code rules:} section in force. */
    public RulesSettings settings() {
        return settings;
    }

    /** The rule folder, or empty when only the built-in pack is in force. */
    public Optional<Path> folder() {
        return settings.dir();
    }

    /** The latest compile: the one at open, or of the latest reload that compiled. */
    public RuleCompile lastCompile() {
        return lastCompile;
    }

    /** Adds a listener told of every later compile (a reload that compiled, even if it then failed a check). */
    public void addCompileListener(Consumer<RuleCompile> listener) {
        compileListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Adds a listener told of every reload attempt (after it, on the reloading thread). */
    public void addListener(Consumer<ReloadResult> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Polls the rule folder every {@code interval} on {@code scheduler} and reloads when its content changes.
     * Stopped by {@link #close()}; the scheduler stays the caller's.
     *
     * @throws IllegalStateException if the store has no rule folder (nothing to watch: the built-in pack cannot
     *                               change), already watches, or is closed
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public void startWatching(ScheduledExecutorService scheduler, Duration interval) {
        if (folder().isEmpty()) {
            throw new IllegalStateException("rules: no rule folder to watch (expected: a store opened with a rule"
                    + " folder; the built-in pack cannot change)");
        }
        watch.start(scheduler, interval, this::poll);
    }

    /**
     * One watch poll: reloads if the folder's fingerprint differs from the one at the last load or reload.
     * Returns the reload's result, or empty if nothing changed or the store is closed.
     */
    public Optional<ReloadResult> poll() {
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

    private ReloadResult reloadLocked(RulesSettings with) {
        RuleSnapshot old = current.snapshot();
        RuleSnapshot next;
        try {
            Composition composition = load(with);
            RuleSet rules = composition.ruleSet();
            Optional<String> refused = guard.apply(rules);
            if (refused.isPresent()) {
                throw new LoadFailure("references", refused.get());
            }
            if (rules.version().equals(old.version()) && composition.summary().equals(old.selection())) {
                clearFailure();
                return new ReloadResult(Outcome.UNCHANGED, old.version(), Optional.empty(), Optional.empty(),
                        clock.instant());
            }
            try {
                next = compile(rules, composition.summary());
            } catch (RuntimeException e) {
                // RuleCompileException names file:line: rule; other engine errors name the engine and what was expected.
                throw new LoadFailure("compile", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        } catch (LoadFailure e) {
            return failed(old, e.reason, e.getMessage());
        } catch (RuleLoadException e) {
            return failed(old, "invalid", e.getMessage());
        }
        RuleGeneration retired = current;
        current = new RuleGeneration(next);
        retired.release();
        clearFailure();
        LOG.info("rules: reloaded {} (was version {})", next, old.version());
        announce(next.selection(), with);
        return new ReloadResult(Outcome.RELOADED, next.version(), Optional.empty(), Optional.empty(), clock.instant());
    }

    /** The composition of {@code with}, refused (with a reason) if it cannot be read, has problems or is empty. */
    private static Composition load(RulesSettings with) throws LoadFailure {
        Composition composition;
        try {
            composition = ActiveRules.compose(with);
        } catch (RuleLoadException e) {
            throw new LoadFailure("unreadable", message(e.problems()));
        }
        List<LintProblem> problems = composition.problems();
        if (!problems.isEmpty()) {
            boolean onlyEmptiness = problems.size() == composition.emptiness().size();
            throw new LoadFailure(onlyEmptiness ? "empty" : "invalid", message(problems));
        }
        return composition;
    }

    /** The first problem, and how many more there are. */
    private static String message(List<LintProblem> problems) {
        String first = problems.get(0).toString();
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1)
                + " more problem(s): run 'sieve rules lint')";
    }

    private ReloadResult failed(RuleSnapshot kept, String reason, String message) {
        lastError = message;
        lastFailureReason = reason;
        LOG.warn("rules: reload failed, keeping version {}: {}", kept.version(), message);
        return new ReloadResult(Outcome.FAILED, kept.version(), Optional.of(message), Optional.of(reason),
                clock.instant());
    }

    private void clearFailure() {
        lastError = null;
        lastFailureReason = null;
    }

    /** Logs, at WARN and by rule id, everything the selection does to weaken protection, and the loader's notes. */
    private static void announce(Composition.Summary summary, RulesSettings s) {
        if (!s.builtin()) {
            LOG.warn("rules: rules.builtin is false: the built-in pack is off; only the {} rule(s) of {} are in force",
                    summary.folderRules(), s.dir().map(Object::toString).orElse("(no folder)"));
        }
        if (!summary.disabled().isEmpty()) {
            LOG.warn("rules: {} rule(s) switched off by rules.disable: {}", summary.disabled().size(),
                    String.join(", ", summary.disabled()));
        }
        if (!summary.replaced().isEmpty()) {
            LOG.warn("rules: {} built-in rule(s) replaced by the folder's rule of the same id: {}",
                    summary.replaced().size(), String.join(", ", summary.replaced()));
        }
        if (!summary.weakened().isEmpty()) {
            List<String> lowered = summary.weakened().stream()
                    .map(id -> id + " (to " + summary.overridden().get(id).action().orElseThrow().name()
                            .toLowerCase(java.util.Locale.ROOT) + ")")
                    .toList();
            LOG.warn("rules: rules.overrides lower the action of {} rule(s): {}", lowered.size(),
                    String.join(", ", lowered));
        }
        for (String note : summary.notes()) {
            LOG.warn("rules: {}", note);
        }
    }

    private RuleSnapshot compile(RuleSet rules, Composition.Summary selection) {
        long start = System.nanoTime();
        CompiledRules compiled = compiler.apply(rules);
        timed(new RuleCompile(compiled.engineName(), compiled.fromCache(), Duration.ofNanos(System.nanoTime() - start)));
        try {
            return new RuleSnapshot(rules, selection, compiled, new Inspector(compiled, limits), rules.version(),
                    clock.instant());
        } catch (RuntimeException e) {
            compiled.close();
            throw e;
        }
    }

    /** Logs a compile (never a pattern) and tells the compile listeners. */
    private void timed(RuleCompile compile) {
        lastCompile = compile;
        String seconds = String.format(java.util.Locale.ROOT, "%.2f", compile.elapsed().toNanos() / 1e9);
        if (compile.cached()) {
            LOG.info("rules: {} database read from the compiled cache in {} s", compile.engine(), seconds);
        } else {
            LOG.info("rules: compiled for the {} engine in {} s", compile.engine(), seconds);
        }
        for (Consumer<RuleCompile> listener : compileListeners) {
            try {
                listener.accept(compile);
            } catch (RuntimeException e) {
                LOG.warn("rules: compile listener failed ({})", e.getClass().getSimpleName());
            }
        }
    }

    private String fingerprintNow() {
        return settings.dir().map(ContentFingerprint::ofFolder).orElse(NO_FOLDER_FINGERPRINT);
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
