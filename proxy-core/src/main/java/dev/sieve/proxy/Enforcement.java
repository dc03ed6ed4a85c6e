package dev.sieve.proxy;

import dev.sieve.proxy.behaviour.BehaviourAlerts;
import dev.sieve.proxy.behaviour.BehaviourMonitor;
import dev.sieve.proxy.config.CategoryReferences;
import dev.sieve.proxy.config.EnforcementMode;
import dev.sieve.proxy.config.SieveConfig;
import dev.sieve.proxy.control.ConfigWatcher;
import dev.sieve.proxy.control.PolicyHolder;
import dev.sieve.proxy.control.ReloadResult;
import dev.sieve.proxy.control.RuleStore;
import dev.sieve.proxy.control.StoreRuleControl;
import dev.sieve.proxy.conversation.ConversationTracker;
import dev.sieve.proxy.decision.AuditingRecorder;
import dev.sieve.proxy.inspect.DestinationPolicies;
import dev.sieve.proxy.inspect.DlpInspector;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.mcp.McpInspector;
import dev.sieve.proxy.redaction.Redaction;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DLP and operations half of a running Sieve: the hot-reloadable rule store and the inspector
 * that enforces it, the allowlist (reloaded with the config file), and {@link Operations}
 * (metrics, kill switch, audit log, admin API). Built before the listener, closed after it; closing
 * seals the audit log.
 */
public final class Enforcement implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Enforcement.class);

    /** A history policy of log forwards a secret an agent re-sends, unredacted: a weakening, said at start. */
    private static void warnIfHistoryIsLogged(SieveConfig config) {
        config.conversations().weakening().ifPresent(w -> log.warn("{}", w));
    }

    private final RuleStore rules;
    private final Operations ops;
    private final PolicyHolder policy;
    private final DestinationPolicies destinations;
    private final RequestInspector inspector;
    private final AuditingRecorder recorder;
    private final ScheduledExecutorService watcherThread;
    private final ConfigWatcher configWatcher;
    private final ConversationTracker conversations;
    /** Null when {@code alerts.enabled} is false. */
    private final BehaviourMonitor behaviour;

    private Enforcement(RuleStore rules, Operations ops, PolicyHolder policy, DestinationPolicies destinations,
            RequestInspector inspector, AuditingRecorder recorder, ScheduledExecutorService watcherThread,
            ConfigWatcher configWatcher, ConversationTracker conversations, BehaviourMonitor behaviour) {
        this.conversations = conversations;
        this.behaviour = behaviour;
        this.rules = rules;
        this.ops = ops;
        this.policy = policy;
        this.destinations = destinations;
        this.inspector = inspector;
        this.recorder = recorder;
        this.watcherThread = watcherThread;
        this.configWatcher = configWatcher;
    }

    /**
     * @param configFile the file {@code config} came from; when present it is watched and a changed
     *                   allowlist or destination policy applies to new requests without a restart
     */
    static Enforcement start(SieveConfig config, Optional<Path> configFile, Clock clock) throws Exception {
        AtomicReference<SieveConfig> current = new AtomicReference<>(config);
        // The config a rule set must satisfy: the one in force, or a reloaded one while its rules are tried.
        AtomicReference<SieveConfig> checked = new AtomicReference<>(config);
        // Requests are decoded within their destination's limits (DestinationPolicies); these are the fallback.
        RuleStore rules = RuleStore.open(config.rules(), rs -> CategoryReferences.missing(checked.get(), rs),
                config.inspection().limits().values(), clock);
        Operations ops = null;
        ScheduledExecutorService watcherThread = null;
        BehaviourMonitor behaviour = null;
        try {
            ops = Operations.start(config, new StoreRuleControl(rules), clock);
            Operations o = ops;
            rules.addListener(r -> {
                if (r.outcome() != ReloadResult.Outcome.UNCHANGED) {
                    o.metrics().ruleReload(r.success(), r.reason().orElse("none"));
                }
            });
            o.metrics().rulesCompiled(rules.lastCompile().cached(), rules.lastCompile().elapsed().toNanos());
            rules.addCompileListener(c -> o.metrics().rulesCompiled(c.cached(), c.elapsed().toNanos()));
            o.metrics().rules(() -> rules.current().rules().rules().size(),
                    () -> rules.current().selection().disabled().size(),
                    () -> rules.current().selection().weakened().size(), () -> rules.settings().builtin());
            PolicyHolder policy = new PolicyHolder(config.allowlist());
            ConfigWatcher watcher = null;
            if (configFile.isPresent()) {
                watcherThread = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "sieve-config-watch");
                    t.setDaemon(true);
                    return t;
                });
                watcher = ConfigWatcher.open(configFile.get(), c -> {
                    applyRules(rules, checked, current.get(), c);
                    if (!c.credentials().equals(current.get().credentials())) {
                        log.info("config: credentials changes take effect at restart (secret files are re-read"
                                + " every credentials.refreshInterval)");
                    }
                    current.set(c);
                    policy.swap(c.allowlist());
                    log.info("config {} reloaded: {} allowlist entries", configFile.get(), c.allowlist().size());
                }, clock);
                watcher.startWatching(watcherThread, config.rules().reloadInterval());
            }
            DestinationPolicies destinations = new DestinationPolicies(current::get, policy,
                    () -> rules.current().rules());
            boolean monitor = config.mode() == EnforcementMode.MONITOR;
            ConversationTracker conversations = new ConversationTracker(config.conversations());
            DlpInspector dlp = new DlpInspector(rules, destinations::forHost, destinations::limits, monitor,
                    ops.metrics()::scanned, Redaction.start(config.redaction()), conversations);
            RequestInspector inspector = new McpInspector(dlp, destinations::mcp);
            // Behaviour detections see every decision the audit log is handed (alerts: in the config).
            behaviour = config.alerts().enabled() ? new BehaviourMonitor(config.alerts(), clock,
                    new BehaviourAlerts(ops.audit(), ops.metrics())) : null;
            AuditingRecorder recorder = behaviour == null
                    ? new AuditingRecorder(ops.audit(), clock, monitor, ops.metrics())
                    : new AuditingRecorder(ops.audit(), clock, monitor, ops.metrics(), behaviour);
            warnIfHistoryIsLogged(config);
            log.info("DLP enforcement ({}): {} rules, version {}, {} engine{}", monitor ? "monitor mode" : "enforce",
                    rules.current().rules().rules().size(), rules.current().version(),
                    rules.current().compiled().engineName(),
                    rules.folder().map(f -> ", watching " + f).orElse(" (built-in pack)"));
            return new Enforcement(rules, ops, policy, destinations, inspector, recorder, watcherThread, watcher,
                    conversations, behaviour);
        } catch (Exception | Error e) {
            if (behaviour != null) {
                behaviour.close();
            }
            if (watcherThread != null) {
                watcherThread.shutdownNow();
            }
            if (ops != null) {
                ops.close();
            }
            rules.close();
            throw e;
        }
    }

    /**
     * Puts a reloaded config's {@code rules:} section in force before the rest of it, so that the rules and the
     * config that names their categories change together; if the rules cannot be loaded with it, the whole reload
     * fails (the store has logged why) and the config in force stays.
     */
    private static void applyRules(RuleStore rules, AtomicReference<SieveConfig> checked, SieveConfig old,
            SieveConfig next) {
        if (next.rules().equals(old.rules())) {
            Optional<String> missing = CategoryReferences.missing(next, rules.current().rules());
            if (missing.isPresent()) {
                log.warn("config: reload refused, keeping the config in force: {}", missing.get());
                throw new IllegalStateException("config: " + missing.get());
            }
            checked.set(next);
            return;
        }
        checked.set(next);
        ReloadResult result = rules.reconfigure(next.rules());
        if (!result.success()) {
            checked.set(old);
            throw new IllegalStateException("rules: the reloaded config's rules do not load: "
                    + result.error().orElse(""));
        }
        if (next.rules().engine() != old.rules().engine()
                || !next.rules().reloadInterval().equals(old.rules().reloadInterval())) {
            log.info("config: rules.engine and rules.reloadInterval changes take effect at restart");
        }
    }

    /** DLP on every request, with MCP servers' JSON-RPC read and their tool policies applied. */
    public RequestInspector inspector() {
        return inspector;
    }

    public AuditingRecorder recorder() {
        return recorder;
    }

    public PolicyHolder policy() {
        return policy;
    }

    public DestinationPolicies destinations() {
        return destinations;
    }

    public RuleStore rules() {
        return rules;
    }

    public Operations operations() {
        return ops;
    }

    /** The state of agent conversations ({@code conversations:}), shared in a fleet. */
    public ConversationTracker conversations() {
        return conversations;
    }

    @Override
    public void close() {
        if (watcherThread != null) {
            watcherThread.shutdownNow();
        }
        if (configWatcher != null) {
            configWatcher.close();
        }
        recorder.close();
        if (behaviour != null) {
            // Before the audit log seals: the alerts of the last decisions still reach the chain.
            behaviour.close();
        }
        try {
            ops.close();
        } finally {
            rules.close();
        }
    }
}
