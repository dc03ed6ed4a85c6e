package dev.sieve.proxy;

import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.dlp.inspect.Inspector;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.proxy.audit.AuditKeys;
import dev.sieve.proxy.audit.AuditLog;
import dev.sieve.proxy.audit.AuditMetrics;
import dev.sieve.proxy.audit.AuditSettings;
import dev.sieve.proxy.config.SieveConfig;
import dev.sieve.proxy.decision.AuditingRecorder;
import dev.sieve.proxy.decision.DecisionRecorder;
import dev.sieve.proxy.inspect.DlpInspector;
import dev.sieve.proxy.inspect.OwnCredentials;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.rules.DefaultRulePack;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DLP half of a running Sieve: compiled rules, the inspector that enforces them, and the
 * audit log every decision goes to. Built once at start-up, closed at shutdown (which seals the
 * audit log).
 */
public final class Enforcement implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Enforcement.class);

    private final CompiledRules compiled;
    private final Inspector inspector;
    private final DlpInspector requestInspector;
    private final AuditLog audit;
    private final AuditingRecorder recorder;

    private Enforcement(CompiledRules compiled, Inspector inspector, DlpInspector requestInspector, AuditLog audit,
            AuditingRecorder recorder) {
        this.compiled = compiled;
        this.inspector = inspector;
        this.requestInspector = requestInspector;
        this.audit = audit;
        this.recorder = recorder;
    }

    static Enforcement start(SieveConfig config, Clock clock) throws IOException {
        CompiledRules compiled = Engines.compile(DefaultRulePack.load(), EngineKind.AUTO);
        AuditLog audit = null;
        try {
            Inspector inspector = new Inspector(compiled, ViewLimits.defaults());
            DlpInspector requestInspector = new DlpInspector(() -> inspector,
                    host -> new InspectionPolicy(rule -> true, Map.of(), OwnCredentials.forHost(host), false), false);
            AuditSettings settings = AuditSettings.defaults(config.dataDir());
            byte[] key = AuditKeys.loadOrCreate(settings.keyFile(config.dataDir()));
            audit = AuditLog.open(settings, key, clock, new AuditMetrics() {});
            java.util.Arrays.fill(key, (byte) 0);
            log.info("DLP enforcement: {} rules (version {}, {} engine), audit log in {}", compiled.rules().rules().size(),
                    compiled.rules().version(), compiled.engineName(),
                    settings.directory().map(Object::toString).orElse("stdout"));
            return new Enforcement(compiled, inspector, requestInspector, audit,
                    new AuditingRecorder(audit, clock, false));
        } catch (IOException | RuntimeException e) {
            if (audit != null) {
                audit.close();
            }
            compiled.close();
            throw e;
        }
    }

    public RequestInspector inspector() {
        return requestInspector;
    }

    public DecisionRecorder recorder() {
        return recorder;
    }

    public Inspector rules() {
        return inspector;
    }

    @Override
    public void close() {
        recorder.close();
        try {
            audit.close();
        } finally {
            compiled.close();
        }
    }
}
