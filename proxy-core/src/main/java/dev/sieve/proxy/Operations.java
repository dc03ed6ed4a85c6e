package dev.sieve.proxy;

import dev.sieve.proxy.admin.AdminServer;
import dev.sieve.proxy.auth.TokenVerifier;
import dev.sieve.proxy.auth.VerificationKeyFiles;
import dev.sieve.proxy.admin.AdminToken;
import dev.sieve.proxy.admin.Readiness;
import dev.sieve.proxy.control.RuleControl;
import dev.sieve.proxy.admin.TokenAdmin;
import dev.sieve.proxy.audit.AdminAuditRecord;
import dev.sieve.proxy.auth.RevocationList;
import dev.sieve.proxy.config.TokenSettings;
import dev.sieve.proxy.audit.AuditKeys;
import dev.sieve.proxy.audit.AuditEntry;
import dev.sieve.proxy.audit.AuditLog;
import dev.sieve.proxy.audit.AuditSettings;
import dev.sieve.proxy.audit.AuditSigning;
import dev.sieve.proxy.audit.AuditSink;
import dev.sieve.proxy.audit.SealSigner;
import dev.sieve.proxy.audit.webhook.WebhookSettings;
import dev.sieve.proxy.audit.webhook.WebhookSink;
import dev.sieve.proxy.auth.AuditSigningKeys;
import dev.sieve.proxy.export.ExportSink;
import dev.sieve.proxy.export.ExportSinks;
import dev.sieve.proxy.config.SieveConfig;
import dev.sieve.proxy.control.ConnectionRegistry;
import dev.sieve.proxy.control.KillSwitch;
import dev.sieve.proxy.metrics.SieveMetrics;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operational side of a running Sieve, started before the proxy listener and closed after it: metrics, the
 * kill switch with its connection registry, the audit log (with its alert webhooks) and the admin server, plus one
 * poller thread that re-reads the kill-switch file and lets the rules check their folder every
 * {@code rules.reloadInterval}.
 *
 * <p>Wiring (the proxy side):
 * <pre>{@code
 * Operations ops = Operations.start(config, ruleControl, Clock.systemUTC());   // admin up; /readyz 503 "proxy: ..."
 * SieveServer server = SieveServer.start(config, inspector using ops.metrics(), ops.killSwitch(), ops.audit());
 * ops.metrics().certificates(serverTls::hits, serverTls::mints, serverTls::failures);
 * ops.readiness().ready(Operations.PROXY);                                     // /readyz 200
 * // per request:  if (ops.killSwitch().isBlocked(agentId)) refuse 403 kill_switch
 * // per tunnel:   ops.connections().register(agentId, channel); ops.metrics().tunnelOpened() ...
 * // shutdown:     server.close(); ops.close();
 * }</pre>
 * Engaging the kill switch closes, on the thread that engaged it, every registered connection of a stopped agent.
 */
public final class Operations implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Operations.class);

    /** Readiness component the proxy clears once its listener is bound (CA loaded). */
    public static final String PROXY = "proxy";

    private final SieveMetrics metrics;
    private final KillSwitch killSwitch;
    private final ConnectionRegistry connections;
    private final AuditLog audit;
    private final RevocationList revocations;
    private final Readiness readiness;
    private final ScheduledExecutorService poller;
    private final AdminServer admin;
    private final Optional<TokenVerifier> tokenVerifier;

    private Operations(SieveMetrics metrics, KillSwitch killSwitch, ConnectionRegistry connections, AuditLog audit,
            RevocationList revocations, Readiness readiness, ScheduledExecutorService poller, AdminServer admin,
            Optional<TokenVerifier> tokenVerifier) {
        this.tokenVerifier = tokenVerifier;
        this.metrics = metrics;
        this.killSwitch = killSwitch;
        this.connections = connections;
        this.audit = audit;
        this.revocations = revocations;
        this.readiness = readiness;
        this.poller = poller;
        this.admin = admin;
    }

    /**
     * Starts everything {@code config} describes. {@code /readyz} answers 503 until {@link #readiness()} is told
     * {@code ready(PROXY)}, and whenever the audit log has failed or {@code rules} has no rule set loaded. An alert
     * webhook whose latest delivery failed is a readiness detail, not a reason to stop serving.
     *
     * @throws IOException if the kill-switch state, the audit key or the admin token file cannot be read, or the
     *     audit log or a webhook's key or CA file cannot be opened
     * @throws IllegalArgumentException if the admin token file holds no valid token
     */
    public static Operations start(SieveConfig config, RuleControl rules, Clock clock)
            throws IOException, InterruptedException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(clock, "clock");
        SieveMetrics metrics = new SieveMetrics();
        AuditLog audit = null;
        List<WebhookSink> webhooks = List.of();
        List<ExportSink> exports = List.of();
        ScheduledExecutorService poller = null;
        try {
            KillSwitch killSwitch = KillSwitch.open(config.killSwitch().stateFile(), config.killSwitch().file());
            ConnectionRegistry connections = new ConnectionRegistry();
            killSwitch.addListener(state -> {
                int closed = connections.closeIf(state::blocks);
                if (closed > 0) {
                    log.warn("kill switch: closed {} open connection(s)", closed);
                }
            });
            metrics.killSwitch(killSwitch::engaged);
            TokenSettings signed = config.auth().signed();
            RevocationList revocations = RevocationList.open(signed.revocationStateFile(), signed.revocationFile());
            // A revoked agent's open connections close at once; a revoked token's requests are refused per request.
            revocations.addListener(state -> connections.closeIf(agent -> state.revokes(agent, Optional.empty())));

            AuditSettings auditSettings = config.audit();
            byte[] key = auditSettings.hmacKeyFile().isPresent()
                    ? AuditKeys.load(auditSettings.hmacKeyFile().get())
                    : AuditKeys.loadOrCreate(auditSettings.keyFile(config.dataDir()));
            AuditSigning signing = auditSettings.signing();
            SealSigner sealSigner = signing.keyFile().isPresent() ? AuditSigningKeys.load(signing.keyFile().get())
                    : AuditSigningKeys.loadOrCreate(signing.keyFile(config.dataDir()));
            webhooks = startWebhooks(config, metrics, clock);
            exports = ExportSinks.open(config.auditExport(), System.out, metrics::auditExport);
            for (ExportSink export : exports) {
                metrics.auditExportGauges(export.name(), export::queueDepth, export::connected);
            }
            List<AuditSink> extraSinks = new ArrayList<>(exports);
            extraSinks.addAll(webhooks);
            try {
                audit = AuditLog.open(auditSettings, extraSinks, key, sealSigner, clock, metrics.auditMetrics());
            } finally {
                Arrays.fill(key, (byte) 0);
            }
            AuditLog openedAudit = audit;
            metrics.auditQueueDepth(openedAudit::queueDepth);
            // Edits of the watched files are admin actions too (actor file:<name>).
            TokenAdmin.AdminAudit fileAudit = adminAudit(openedAudit);
            config.killSwitch().file().ifPresent(f -> dev.sieve.proxy.admin.FileChangeAudit.watch(killSwitch, f,
                    "killSwitch.file", fileAudit, clock));
            signed.revocationFile().ifPresent(f -> dev.sieve.proxy.admin.FileChangeAudit.watch(revocations, f,
                    "auth.revocationFile", fileAudit, clock));

            Readiness readiness = new Readiness();
            readiness.notReady(PROXY, "listener not started");
            readiness.check("audit", () -> openedAudit.healthy() ? Optional.empty()
                    : Optional.of("not writable" + openedAudit.failure().map(f -> " (" + f.getClass().getSimpleName()
                            + ")").orElse("")));
            for (WebhookSink webhook : webhooks) {
                // A receiver that is down delays alerts; it is no reason to stop serving agents.
                readiness.detail("webhook " + webhook.name(), webhook::problem);
            }
            for (ExportSink export : exports) {
                readiness.check("audit-export-" + export.name(), () -> export.healthy() ? Optional.empty()
                        : Optional.of("export queue overflowed (fail-closed)"));
            }
            readiness.check("rules", () -> rules.status().loadedAt().isPresent() ? Optional.empty()
                    : Optional.of("no rule set compiled"));

            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sieve-ops-poller");
                t.setDaemon(true);
                return t;
            });
            long interval = config.rules().reloadInterval().toMillis();
            poller.scheduleWithFixedDelay(() -> poll(killSwitch, rules), interval, interval, TimeUnit.MILLISECONDS);
            // Revocations apply within a second, whatever rules.reloadInterval is.
            poller.scheduleWithFixedDelay(() -> pollRevocations(revocations), REVOCATION_POLL_MILLIS,
                    REVOCATION_POLL_MILLIS, TimeUnit.MILLISECONDS);
            // One verifier for agent and admin tokens; its keys follow their files (a rotated Secret) within a second.
            Optional<TokenVerifier> verifier = Components.tokenVerifier(config, clock);
            if (verifier.isPresent()) {
                VerificationKeyFiles keyFiles = new VerificationKeyFiles(signed.verificationKeys(),
                        signed.verificationKeyDir(), verifier.get());
                poller.scheduleWithFixedDelay(() -> pollKeys(keyFiles), REVOCATION_POLL_MILLIS,
                        REVOCATION_POLL_MILLIS, TimeUnit.MILLISECONDS);
            }

            Optional<AdminToken> token = config.admin().tokenFile().isPresent()
                    ? Optional.of(AdminToken.read(config.admin().tokenFile().get())) : Optional.empty();
            AdminServer admin = AdminServer.start(config.admin(), token, new AdminServer.Endpoints(
                    readiness::notReadyReasons, metrics::scrape, rules, killSwitch,
                    new TokenAdmin(Optional.of(revocations), Components.tokenIssuer(config), adminAudit(openedAudit),
                            clock, Components.adminTokens(verifier, revocations)),
                    readiness::details));
            return new Operations(metrics, killSwitch, connections, audit, revocations, readiness, poller,
                    admin, verifier);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (poller != null) {
                poller.shutdownNow();
            }
            try {
                if (audit != null) {
                    audit.close();
                } else {
                    webhooks.forEach(WebhookSink::close);
                }
            } finally {
                exports.forEach(ExportSink::close);
                metrics.close();
            }
            throw e;
        }
    }

    /** One sink per {@code audit.webhooks} entry, each with its meters; closed by the audit log that writes to them. */
    private static List<WebhookSink> startWebhooks(SieveConfig config, SieveMetrics metrics, Clock clock)
            throws IOException {
        List<WebhookSink> sinks = new ArrayList<>();
        try {
            for (WebhookSettings settings : config.webhooks()) {
                WebhookSink sink = WebhookSink.start(settings, metrics.webhookMetrics(settings.name()), clock);
                sinks.add(sink);
                metrics.webhookQueueDepth(settings.name(), sink::queueDepth);
            }
        } catch (IOException | RuntimeException e) {
            sinks.forEach(WebhookSink::close);
            throw e;
        }
        return sinks;
    }

    /** How often the revocation file is read: a revocation applies within a second. */
    static final long REVOCATION_POLL_MILLIS = 500;

    private static TokenAdmin.AdminAudit adminAudit(AuditLog audit) {
        return new TokenAdmin.AdminAudit() {
            @Override
            public void record(AdminAuditRecord record) throws InterruptedException {
                audit.append(record);
            }

            @Override
            public void append(AuditEntry entry) throws InterruptedException {
                audit.append(entry);
            }

            @Override
            public boolean available() {
                return audit.healthy();
            }
        };
    }

    private static void pollKeys(VerificationKeyFiles keyFiles) {
        try {
            keyFiles.poll();
        } catch (RuntimeException e) {
            log.error("verification key poll failed", e);
        }
    }

    private static void pollRevocations(RevocationList revocations) {
        try {
            revocations.pollFile();
        } catch (RuntimeException e) {
            log.error("revocation file poll failed", e);
        }
    }

    private static void poll(KillSwitch killSwitch, RuleControl rules) {
        try {
            killSwitch.pollFile();
        } catch (RuntimeException e) {
            log.error("kill switch file poll failed", e);
        }
        try {
            rules.poll();
        } catch (RuntimeException e) {
            log.error("rule folder poll failed", e);
        }
    }

    /**
     * The verifier of signed tokens ({@code auth.verificationKeys}), shared by agent and admin tokens, whose keys
     * follow their files; empty without keys.
     */
    public Optional<TokenVerifier> tokenVerifier() {
        return tokenVerifier;
    }

    /** Appends admin records to the audit chain (what the admin API uses). */
    public TokenAdmin.AdminAudit adminAudit() {
        return adminAudit(audit);
    }

    public SieveMetrics metrics() {
        return metrics;
    }

    public KillSwitch killSwitch() {
        return killSwitch;
    }

    public ConnectionRegistry connections() {
        return connections;
    }

    public AuditLog audit() {
        return audit;
    }

    /** The revocation list (admin API, persisted state, watched file). */
    public RevocationList revocations() {
        return revocations;
    }

    public Readiness readiness() {
        return readiness;
    }

    public AdminServer admin() {
        return admin;
    }

    /** Stops the admin server and the poller, then seals and closes the audit log. Close the proxy first. */
    @Override
    public void close() {
        admin.close();
        poller.shutdownNow();
        try {
            // Closes every sink (exports, webhooks), telling them first to stop waiting: a SIEM or webhook that is
            // down cannot hold the final seal. A log whose writer failed closed them then.
            audit.close();
        } finally {
            metrics.close();
        }
    }
}
