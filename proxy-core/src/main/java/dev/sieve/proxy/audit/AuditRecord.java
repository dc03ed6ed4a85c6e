package dev.sieve.proxy.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One audited decision about one request: what the proxy decided, why, and what it found, never the data.
 *
 * <p>The constructor enforces what may enter the audit log: {@code path} is passed through
 * {@link PathMasking#mask} (so query values and data-like path segments never reach the log, whatever the caller
 * passed; the caller masks the segments that held findings, which only it knows), findings
 * carry masked samples only (see {@link AuditFinding}), and {@code decision} and {@code mode} come from closed
 * sets. Seal records are written by {@link AuditLog} itself and are not {@code AuditRecord}s.
 *
 * @param time           when the request arrived
 * @param requestId      the id the agent sees in error responses
 * @param agentId        authenticated agent, or {@code anonymous}
 * @param clientAddress  the agent's address ({@code ip:port}); may be null
 * @param method         HTTP method ({@code CONNECT} for refused tunnels); may be null
 * @param host           destination host
 * @param port           destination port (0 when unknown)
 * @param path           request target; its query values and data-like segments are masked here; null for CONNECT
 * @param decision       one of {@link #DECISIONS}
 * @param reasons        reason codes (deny reason, rule ids, fail-closed cause); never request data
 * @param findings       findings per rule, masked
 * @param bytesIn        request body bytes received from the agent
 * @param bytesOut       request body bytes forwarded upstream
 * @param ruleSetVersion version of the rule set that decided; may be null when no scan ran
 * @param mode           {@code enforce} or {@code monitor}
 * @param latencyMicros  time from request head to decision
 */
public record AuditRecord(
        Instant time,
        String requestId,
        String agentId,
        String clientAddress,
        String method,
        String host,
        int port,
        String path,
        String decision,
        List<String> reasons,
        List<AuditFinding> findings,
        long bytesIn,
        long bytesOut,
        String ruleSetVersion,
        String mode,
        long latencyMicros) implements AuditEntry {

    /** Decisions a request record may carry ({@code sealed} belongs to seal records only). */
    public static final Set<String> DECISIONS = Set.of("allowed", "denied", "blocked", "redacted", "logged");

    /** Modes a record may carry. */
    public static final Set<String> MODES = Set.of("enforce", "monitor");

    public AuditRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(mode, "mode");
        if (!DECISIONS.contains(decision)) {
            throw new IllegalArgumentException("decision: " + decision
                    + " (expected: one of allowed, denied, blocked, redacted, logged)");
        }
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("mode: " + mode + " (expected: enforce or monitor)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        if (bytesIn < 0 || bytesOut < 0 || latencyMicros < 0) {
            throw new IllegalArgumentException("bytesIn/bytesOut/latencyMicros: " + bytesIn + "/" + bytesOut + "/"
                    + latencyMicros + " (expected: >= 0)");
        }
        path = PathMasking.mask(path, List.of());
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    @Override
    public void writeFields(com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
        AuditFormat.recordFields(g, this);
    }
}
