package dev.sieve.proxy.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sieve.proxy.audit.AuditEntry;
import dev.sieve.proxy.audit.AuditFinding;
import dev.sieve.proxy.audit.AuditLog;
import dev.sieve.proxy.audit.AuditMetrics;
import dev.sieve.proxy.audit.AuditRecord;
import dev.sieve.proxy.audit.AuditSinks;
import dev.sieve.proxy.audit.OverflowPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/** Writes audit directories through a real {@link AuditLog}: request records, alert lines (agreed shape), others. */
final class ReportFixtures {
    /** A synthetic 32-byte HMAC key (not a secret of anything). */
    static final byte[] KEY = new byte[32];

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (11 * i + 3);
        }
    }

    private ReportFixtures() {}

    static AuditLog open(Path dir, Instant now) throws IOException {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return AuditLog.start(List.of(AuditSinks.rotatingFiles(dir, 1 << 20, Duration.ofDays(30), clock)), KEY, clock,
                AuditMetrics.NONE, 256, OverflowPolicy.BLOCK);
    }

    /** A request record; {@code rule} (may be null) is its one finding. */
    static AuditRecord request(String id, String agent, Instant time, String decision, String host, String rule) {
        List<AuditFinding> findings = rule == null ? List.of()
                : List.of(new AuditFinding(rule, "pii", decision.equals("blocked") ? "block" : "log", 1,
                        "body/json/messages[0]/content", "***"));
        return new AuditRecord(time, id, agent, "127.0.0.1:50000", "POST", host, 443, "/v1/messages",
                decision, rule == null ? List.of() : List.of(rule), findings, 900, decision.equals("blocked") ? 0 : 900,
                "rules-1", "enforce", 700);
    }

    /** An alert line in the shape agreed for the behaviour detections. */
    record Alert(Instant time, String alert, String agentId, String severity, long ttdMillis, List<String> evidence,
            String summary) implements AuditEntry {
        @Override
        public void writeFields(JsonGenerator g) throws IOException {
            g.writeStringField("time", time.toString());
            g.writeStringField("decision", "alert");
            g.writeStringField("alert", alert);
            g.writeStringField("agentId", agentId);
            g.writeStringField("severity", severity);
            g.writeStringField("windowStart", time.minus(Duration.ofHours(1)).toString());
            g.writeStringField("windowEnd", time.toString());
            g.writeArrayFieldStart("evidence");
            for (String e : evidence) {
                g.writeString(e);
            }
            g.writeEndArray();
            g.writeStringField("firstEvidence", time.minusMillis(ttdMillis).toString());
            g.writeNumberField("ttdMillis", ttdMillis);
            g.writeStringField("summary", summary);
        }
    }

    /** A kind this report does not know (a later version's record). */
    record Future(Instant time) implements AuditEntry {
        @Override
        public void writeFields(JsonGenerator g) throws IOException {
            g.writeStringField("time", time.toString());
            g.writeStringField("decision", "future");
            g.writeNumberField("something", 1);
        }
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("audit-.*\\.jsonl")).sorted().toList();
        }
    }
}
