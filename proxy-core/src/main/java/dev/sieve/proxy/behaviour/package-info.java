/**
 * Behaviour detections over the decisions Sieve records: volume anomalies against each agent's own baseline,
 * probing (many refused destinations, one rule blocking again and again) and first use of a destination.
 *
 * <p>{@link dev.sieve.proxy.decision.AuditingRecorder} hands every {@link dev.sieve.proxy.audit.AuditRecord} it
 * writes to a {@link dev.sieve.proxy.behaviour.BehaviourMonitor} (a bounded queue, never blocking the event loop);
 * one thread runs the {@link dev.sieve.proxy.behaviour.BehaviourDetector} and raises each
 * {@link dev.sieve.proxy.behaviour.AlertEntry} through {@link dev.sieve.proxy.behaviour.BehaviourAlerts}: the audit
 * chain (decision {@code alert}), metrics and the application log. Alerts carry the agent, the window, request ids
 * and numbers, never request data. State is in memory and bounded ({@code alerts.maxAgents}); what agents used is
 * learned again after a restart (see {@link dev.sieve.proxy.behaviour.AlertSettings.NewDestinations}).
 */
package dev.sieve.proxy.behaviour;
