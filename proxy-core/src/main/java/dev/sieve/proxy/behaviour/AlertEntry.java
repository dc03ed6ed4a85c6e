package dev.sieve.proxy.behaviour;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sieve.proxy.audit.AuditEntry;
import dev.sieve.proxy.audit.LabelEntry;
import dev.sieve.proxy.policy.AgentCredentials;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One behaviour alert, written to the HMAC chain (decision {@code alert}):
 *
 * <pre>
 * {"v":1,"seq":12,"time":"...","decision":"alert","alert":"probing","agentId":"agent-1","severity":"medium",
 *  "windowStart":"...","windowEnd":"...","evidence":["req_...","req_..."],"firstEvidence":"...","ttdMillis":840,
 *  "summary":"5 distinct refused destinations in 10m","prev":"...","mac":"..."}
 * </pre>
 *
 * The constructor enforces what may enter the log: {@code alert} and {@code severity} from closed sets, an agent id
 * as agents are named, 1 to {@link #MAX_EVIDENCE} request ids, and a summary in a safe alphabet (numbers, ids,
 * host names, durations), so no request data, token or matched value can be written here by mistake.
 *
 * @param time when the alert was raised
 * @param alert one of {@link #KINDS}
 * @param agentId the agent whose behaviour it is
 * @param severity one of {@link #SEVERITIES}
 * @param windowStart start of the window the evidence falls in (inclusive)
 * @param windowEnd end of that window (exclusive; equal to the start for a single event)
 * @param evidence ids of requests that make up the alert, at most {@link #MAX_EVIDENCE}
 * @param firstEvidence the time of the first request that counts towards the alert
 * @param ttdMillis time to detect: {@code time - firstEvidence}, in milliseconds
 * @param summary what happened, in numbers and names (no request data)
 */
public record AlertEntry(Instant time, String alert, String agentId, String severity, Instant windowStart,
        Instant windowEnd, List<String> evidence, Instant firstEvidence, long ttdMillis, String summary)
        implements AuditEntry {

    /** Decision value of alert records. */
    public static final String DECISION = "alert";

    public static final String VOLUME = "volume";
    public static final String PROBING = "probing";
    public static final String NEW_DESTINATION = "new_destination";
    public static final Set<String> KINDS = Set.of(VOLUME, PROBING, NEW_DESTINATION);

    public static final Set<String> SEVERITIES = Set.of("low", "medium", "high");

    /** Evidence request ids kept per alert. */
    public static final int MAX_EVIDENCE = 20;

    /** Numbers, ids, host names with ports, IPv6 literals, durations and sizes: nothing a secret needs. */
    private static final Pattern SUMMARY = Pattern.compile("[A-Za-z0-9 ._:\\[\\]/=+,*()%<>-]{1,400}");

    public AlertEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(firstEvidence, "firstEvidence");
        if (!KINDS.contains(alert)) {
            throw new IllegalArgumentException("alert: " + alert + " (expected: one of " + KINDS + ")");
        }
        if (!SEVERITIES.contains(severity)) {
            throw new IllegalArgumentException("severity: " + severity + " (expected: low, medium or high)");
        }
        if (agentId == null || !AgentCredentials.AGENT_ID.matcher(agentId).matches()) {
            throw new IllegalArgumentException("agentId: (not shown) (expected: 1-64 of A-Z a-z 0-9 . _ -)");
        }
        if (windowEnd.isBefore(windowStart)) {
            throw new IllegalArgumentException("windowEnd: " + windowEnd + " (expected: not before windowStart "
                    + windowStart + ")");
        }
        evidence = List.copyOf(evidence);
        if (evidence.isEmpty() || evidence.size() > MAX_EVIDENCE) {
            throw new IllegalArgumentException("evidence: " + evidence.size() + " request ids (expected: 1-"
                    + MAX_EVIDENCE + ")");
        }
        for (String id : evidence) {
            if (!LabelEntry.REQUEST_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("evidence: (not shown) (expected: request ids, 1-100 of A-Z a-z"
                        + " 0-9 . _ : -)");
            }
        }
        if (ttdMillis < 0) {
            throw new IllegalArgumentException("ttdMillis: " + ttdMillis + " (expected: >= 0)");
        }
        if (summary == null || !SUMMARY.matcher(summary).matches()) {
            // Not shown: a value that fails here may be exactly what must not be written.
            throw new IllegalArgumentException("summary: (not shown) (expected: 1-400 of A-Z a-z 0-9 space"
                    + " . _ : [ ] / = + , * ( ) % < > -)");
        }
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("time", time.toString());
        g.writeStringField("decision", DECISION);
        g.writeStringField("alert", alert);
        g.writeStringField("agentId", agentId);
        g.writeStringField("severity", severity);
        g.writeStringField("windowStart", windowStart.toString());
        g.writeStringField("windowEnd", windowEnd.toString());
        g.writeArrayFieldStart("evidence");
        for (String id : evidence) {
            g.writeString(id);
        }
        g.writeEndArray();
        g.writeStringField("firstEvidence", firstEvidence.toString());
        g.writeNumberField("ttdMillis", ttdMillis);
        g.writeStringField("summary", summary);
    }
}
