package dev.sieve.proxy.behaviour;

import dev.sieve.proxy.audit.AuditLog;
import dev.sieve.proxy.metrics.SieveMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises an alert everywhere it belongs: appended to the audit chain (never dropped: {@code append} waits for room),
 * counted in {@code sieve_alerts_total{kind,severity}} with its time to detect in
 * {@code sieve_alert_time_to_detect_seconds{kind}}, and logged by kind, agent, severity and evidence count only
 * (the audit line holds the rest). Alert sinks of the chain (webhook, syslog) receive the line from the log.
 */
public final class BehaviourAlerts implements BehaviourMonitor.Alerts {
    private static final Logger log = LoggerFactory.getLogger(BehaviourAlerts.class);

    private final AuditLog audit;
    private final SieveMetrics metrics;

    public BehaviourAlerts(AuditLog audit, SieveMetrics metrics) {
        this.audit = audit;
        this.metrics = metrics;
    }

    @Override
    public void raise(AlertEntry alert) throws InterruptedException {
        audit.append(alert);
        metrics.alert(alert.alert(), alert.severity(), alert.ttdMillis());
        log.warn("behaviour alert {} ({}) for agent {}: {} request(s) of evidence, detected after {} ms",
                alert.alert(), alert.severity(), alert.agentId(), alert.evidence().size(), alert.ttdMillis());
    }

    @Override
    public void dropped() {
        metrics.alertEventDropped();
    }
}
