package dev.sieve.proxy.behaviour;

import dev.sieve.proxy.audit.AuditFinding;
import dev.sieve.proxy.audit.AuditRecord;
import dev.sieve.proxy.error.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The behaviour detections over a stream of request decisions, one agent's state at a time. Not thread-safe: one
 * thread ({@link BehaviourMonitor}'s) feeds it. Windows are fixed and in event time (the records' {@code time});
 * a record older than its agent's current window counts in the current one. The clock gives the alert time, from
 * which the time to detect is taken.
 *
 * <ul>
 *   <li><b>volume</b>: an agent's upload bytes in one hour above {@code max(baseline * multiplier, minBytes)}, once
 *       its baseline has {@code baselineHours} of history (severity high); {@code largeUploadsPerHour} bodies of at
 *       least {@code largeUploadBytes} in one hour (medium).</li>
 *   <li><b>probing</b>: {@code refusedDestinations} distinct destinations refused in one window (medium); the same
 *       rule blocking {@code sameRuleBlocks} requests in one window (high; in monitor mode, the requests it would
 *       have blocked).</li>
 *   <li><b>new_destination</b>: an allowlisted destination ({@code host:port}) an agent had not used, after the
 *       warm-up (low).</li>
 * </ul>
 *
 * Each alert fires once per agent, kind, key and window. State is bounded: {@code maxAgents} agents (least
 * recently seen forgotten); per agent and window, refused destinations up to the threshold and at most
 * {@link #MAX_RULES} blocking rules, each counted until it alerts; {@code maxPerAgent} known destinations; and
 * {@link AlertEntry#MAX_EVIDENCE} request ids per alert.
 */
public final class BehaviourDetector {

    /** Distinct blocking rules counted per agent and window. */
    static final int MAX_RULES = 16;

    /** Reason codes that mean the destination itself was refused. */
    static final Set<String> DESTINATION_REFUSALS = java.util.stream.Stream.of(Refusal.NOT_ALLOWLISTED,
            Refusal.PORT_NOT_ALLOWED, Refusal.PLAIN_HTTP_NOT_ALLOWED, Refusal.IP_LITERAL, Refusal.PROHIBITED_ADDRESS,
            Refusal.SUBDOMAIN_EXFILTRATION, Refusal.INVALID_HOST, Refusal.TOKEN_SCOPE).map(Refusal::code)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Decisions under which the request reached (or was inspected for) an allowlisted destination. */
    private static final Set<String> USED = Set.of("allowed", "blocked", "redacted", "logged");

    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    private final AlertSettings settings;
    private final Clock clock;
    private final Instant warmUpEnd;
    private final double alpha;
    private final Map<String, AgentState> agents;

    public BehaviourDetector(AlertSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.warmUpEnd = clock.instant().plus(settings.newDestinations().warmUp());
        this.alpha = 2.0 / (settings.volume().baselineHours() + 1);
        int max = settings.maxAgents();
        this.agents = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AgentState> eldest) {
                return size() > max;
            }
        };
    }

    /** Feeds one decision; returns the alerts it raises (usually none). */
    public List<AlertEntry> observe(AuditRecord r) {
        if (r.agentId() == null) {
            return List.of();
        }
        AgentState agent = agents.computeIfAbsent(r.agentId(), id -> new AgentState(settings));
        List<AlertEntry> alerts = new ArrayList<>(0);
        long at = r.time().toEpochMilli();
        if (settings.volume().enabled() && r.bytesIn() > 0) {
            volume(agent, r, at, alerts);
        }
        if (settings.probing().enabled()) {
            probing(agent, r, at, alerts);
        }
        if (settings.newDestinations().enabled() && USED.contains(r.decision())) {
            newDestination(agent, r, alerts);
        }
        return alerts;
    }

    /** Agents whose state is kept. */
    int agentCount() {
        return agents.size();
    }

    /** Destinations remembered for {@code agentId} (0 when it is not tracked). */
    int destinationCount(String agentId) {
        AgentState a = agents.get(agentId);
        return a == null ? 0 : a.destinations.size();
    }

    // ------------------------------------------------------------------------------------------------------------

    private void volume(AgentState a, AuditRecord r, long at, List<AlertEntry> alerts) {
        AlertSettings.Volume v = settings.volume();
        long hour = Math.floorDiv(at, HOUR_MILLIS);
        if (a.hour == Long.MIN_VALUE) {
            a.hour = hour;
        } else if (hour > a.hour) {
            rollHour(a, hour);
        }
        a.hourBytes += r.bytesIn();
        a.bytesEvidence.add(r.requestId(), r.time());
        Instant start = Instant.ofEpochMilli(a.hour * HOUR_MILLIS);
        Instant end = start.plusMillis(HOUR_MILLIS);
        if (!a.bytesAlerted && a.hoursSeen >= v.baselineHours()) {
            double limit = Math.max(a.baseline * v.multiplier(), v.minBytes());
            if (a.hourBytes > limit) {
                a.bytesAlerted = true;
                alerts.add(alert(AlertEntry.VOLUME, r.agentId(), "high", start, end, a.bytesEvidence,
                        a.hourBytes + " bytes uploaded in 1h, over " + (long) limit + " (baseline "
                                + (long) a.baseline + " bytes/h x " + v.multiplier() + ")"));
            }
        }
        if (r.bytesIn() >= v.largeUploadBytes()) {
            a.largeUploads++;
            a.largeEvidence.add(r.requestId(), r.time());
            if (!a.largeAlerted && a.largeUploads >= v.largeUploadsPerHour()) {
                a.largeAlerted = true;
                alerts.add(alert(AlertEntry.VOLUME, r.agentId(), "medium", start, end, a.largeEvidence,
                        a.largeUploads + " uploads of at least " + v.largeUploadBytes() + " bytes in 1h"));
            }
        }
    }

    /** Closes the agent's current hour into its baseline, hours without uploads as 0, and opens {@code hour}. */
    private void rollHour(AgentState a, long hour) {
        a.baseline = a.hoursSeen == 0 ? a.hourBytes : a.baseline + alpha * (a.hourBytes - a.baseline);
        long empty = hour - a.hour - 1;
        a.baseline *= Math.pow(1 - alpha, Math.min(empty, 10_000));
        a.hoursSeen += 1 + empty;
        a.hour = hour;
        a.hourBytes = 0;
        a.largeUploads = 0;
        a.bytesAlerted = false;
        a.largeAlerted = false;
        a.bytesEvidence.clear();
        a.largeEvidence.clear();
    }

    private void probing(AgentState a, AuditRecord r, long at, List<AlertEntry> alerts) {
        AlertSettings.Probing p = settings.probing();
        long length = p.window().toMillis();
        long window = Math.floorDiv(at, length);
        if (window > a.probeWindow) {
            a.probeWindow = window;
            a.refused.clear();
            a.refusedEvidence.clear();
            a.refusedAlerted = false;
            a.rules.clear();
        }
        Instant start = Instant.ofEpochMilli(a.probeWindow * length);
        Instant end = start.plusMillis(length);
        if ("denied".equals(r.decision()) && r.reasons().stream().anyMatch(DESTINATION_REFUSALS::contains)) {
            // Counting stops at the alert: the set never holds more than the threshold.
            if (!a.refusedAlerted && a.refused.add(r.host() + ":" + r.port())) {
                a.refusedEvidence.add(r.requestId(), r.time());
                if (a.refused.size() >= p.refusedDestinations()) {
                    a.refusedAlerted = true;
                    alerts.add(alert(AlertEntry.PROBING, r.agentId(), "medium", start, end, a.refusedEvidence,
                            a.refused.size() + " distinct refused destinations in " + p.window().toSeconds() + "s"));
                    a.refused.clear();
                    a.refusedEvidence.clear();
                }
            }
        }
        // In monitor mode a block rule's request is logged, not blocked: the attempt counts all the same.
        boolean monitored = "logged".equals(r.decision()) && "monitor".equals(r.mode());
        if ("blocked".equals(r.decision()) || monitored) {
            Set<String> counted = new HashSet<>(2);
            for (AuditFinding f : r.findings()) {
                if (!"block".equals(f.action()) || !counted.add(f.ruleId())) {
                    continue;
                }
                RuleCount c = a.rules.get(f.ruleId());
                if (c == null) {
                    if (a.rules.size() >= MAX_RULES) {
                        continue;
                    }
                    c = new RuleCount();
                    a.rules.put(f.ruleId(), c);
                }
                if (c.alerted) {
                    continue;
                }
                c.count++;
                c.evidence.add(r.requestId(), r.time());
                if (c.count >= p.sameRuleBlocks()) {
                    c.alerted = true;
                    alerts.add(alert(AlertEntry.PROBING, r.agentId(), "high", start, end, c.evidence,
                            c.count + " requests " + (monitored ? "matched block rule " : "blocked by rule ")
                                    + f.ruleId() + " in " + p.window().toSeconds() + "s"
                                    + (monitored ? " (monitor mode)" : "")));
                    c.evidence.clear();
                }
            }
        }
    }

    private void newDestination(AgentState a, AuditRecord r, List<AlertEntry> alerts) {
        String destination = r.host() + ":" + r.port();
        if (a.destinations.put(destination, Boolean.TRUE) != null || r.time().isBefore(warmUpEnd)) {
            return;
        }
        Evidence one = new Evidence();
        one.add(r.requestId(), r.time());
        alerts.add(alert(AlertEntry.NEW_DESTINATION, r.agentId(), "low", r.time(), r.time(), one,
                "first use of " + destination));
    }

    private AlertEntry alert(String kind, String agentId, String severity, Instant start, Instant end,
            Evidence evidence, String summary) {
        Instant now = clock.instant();
        long ttd = Math.max(0, Duration.between(evidence.first, now).toMillis());
        return new AlertEntry(now, kind, agentId, severity, start, end, evidence.ids, evidence.first, ttd, summary);
    }

    // ------------------------------------------------------------------------------------------------------------

    /** The request ids behind an alert: the first {@code MAX_EVIDENCE - 1}, then the latest. */
    private static final class Evidence {
        final List<String> ids = new ArrayList<>(4);
        Instant first;

        void add(String requestId, Instant time) {
            if (first == null) {
                first = time;
            }
            if (ids.size() < AlertEntry.MAX_EVIDENCE) {
                ids.add(requestId);
            } else {
                ids.set(AlertEntry.MAX_EVIDENCE - 1, requestId);
            }
        }

        void clear() {
            ids.clear();
            first = null;
        }
    }

    private static final class RuleCount {
        int count;
        boolean alerted;
        final Evidence evidence = new Evidence();
    }

    private static final class AgentState {
        // volume: the current hour (event time) and the baseline of the hours before it
        long hour = Long.MIN_VALUE;
        long hoursSeen;
        double baseline;
        long hourBytes;
        int largeUploads;
        boolean bytesAlerted;
        boolean largeAlerted;
        final Evidence bytesEvidence = new Evidence();
        final Evidence largeEvidence = new Evidence();
        // probing: the current window
        long probeWindow = Long.MIN_VALUE;
        final Set<String> refused = new HashSet<>();
        final Evidence refusedEvidence = new Evidence();
        boolean refusedAlerted;
        final Map<String, RuleCount> rules = new LinkedHashMap<>();
        // new destinations, least recently used first
        final Map<String, Boolean> destinations;

        AgentState(AlertSettings settings) {
            int max = settings.newDestinations().maxPerAgent();
            destinations = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > max;
                }
            };
        }
    }
}
