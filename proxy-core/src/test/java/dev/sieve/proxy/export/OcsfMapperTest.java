package dev.sieve.proxy.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.proxy.audit.AdminAuditRecord;
import dev.sieve.proxy.audit.AuditEntry;
import dev.sieve.proxy.audit.AuditFinding;
import dev.sieve.proxy.audit.AuditLog;
import dev.sieve.proxy.audit.AuditMetrics;
import dev.sieve.proxy.audit.AuditRecord;
import dev.sieve.proxy.audit.AuditSinks;
import dev.sieve.proxy.audit.OverflowPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** OCSF mapping of real chained lines (written by {@link AuditLog}), checked against the schema's required attributes. */
class OcsfMapperTest {
    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    static final byte[] KEY = new byte[32];
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OcsfMapper ocsf = new OcsfMapper("test");

    /** An alert line in the agreed shape (the behaviour detector's entry is not needed to test the mapping). */
    record Alert(Instant time) implements AuditEntry {
        @Override
        public void writeFields(JsonGenerator g) throws IOException {
            g.writeStringField("time", time.toString());
            g.writeStringField("decision", "alert");
            g.writeStringField("alert", "probing");
            g.writeStringField("agentId", "agent-7");
            g.writeStringField("severity", "high");
            g.writeStringField("windowStart", time.minusSeconds(600).toString());
            g.writeStringField("windowEnd", time.toString());
            g.writeArrayFieldStart("evidence");
            g.writeString("req_a");
            g.writeString("req_b");
            g.writeEndArray();
            g.writeStringField("firstEvidence", time.minusSeconds(30).toString());
            g.writeNumberField("ttdMillis", 30_000);
            g.writeStringField("summary", "12 refused destinations in 10 min");
        }
    }

    /** A line of a kind this version does not know, and a label line. */
    record Other(Instant time, String kind) implements AuditEntry {
        @Override
        public void writeFields(JsonGenerator g) throws IOException {
            g.writeStringField("time", time.toString());
            g.writeStringField("decision", kind);
            g.writeStringField("requestId", "req_x");
        }
    }

    static AuditRecord decision(String requestId, String method, String path, String decision,
            List<AuditFinding> findings) {
        return new AuditRecord(T0, requestId, "agent-7", "127.0.0.1:51000", method, "api.anthropic.com", 443, path,
                decision, findings.stream().map(AuditFinding::ruleId).toList(), findings, 512, 0, "rules-1", "enforce",
                900);
    }

    /** Real chained lines: allowed GET, blocked POST with two findings, redacted, denied CONNECT, admin, alert, label, unknown, seal. */
    static List<byte[]> lines() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AuditLog log = AuditLog.start(List.of(AuditSinks.stream(out)), KEY, Clock.fixed(T0, ZoneOffset.UTC),
                AuditMetrics.NONE, 64, OverflowPolicy.BLOCK)) {
            log.append(decision("req_1", "GET", "/v1/models?after=x1", "allowed", List.of()));
            log.append(decision("req_2", "POST", "/v1/messages?beta=true", "blocked", List.of(
                    new AuditFinding("pii.us-ssn", "pii", "block", 1, "json", "***-**-6789"),
                    new AuditFinding("credential.aws-access-key-id", "credential", "block", 2, "json", "AKIA****"))));
            log.append(decision("req_3", "POST", "/v1/messages", "redacted", List.of(
                    new AuditFinding("pii.email", "pii", "redact", 1, "json", "a***@***.com"))));
            log.append(new AuditRecord(T0, "req_4", "agent-7", "[::1]:40000", "CONNECT", "evil.example", 443, null,
                    "denied", List.of("not_allowlisted"), List.of(), 0, 0, null, "enforce", 10));
            log.append(new AdminAuditRecord(T0, "killswitch.engage", "admin@127.0.0.1", "all", "ok", List.of()));
            log.append(new Alert(T0));
            log.append(new Other(T0, "label"));
            log.append(new Other(T0, "future-kind"));
        }
        List<byte[]> lines = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add((l + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return lines;
    }

    private static List<JsonNode> events(List<ExportMessage> messages) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (ExportMessage m : messages) {
            out.add(JSON.readTree(m.json()));
        }
        return out;
    }

    @Test
    void everyEmittedEventHasTheSchemasRequiredAttributesTypesAndEnumIds() throws Exception {
        int checked = 0;
        for (byte[] line : lines()) {
            for (JsonNode e : events(ExportFormat.OCSF.messages(line, EnumSet.allOf(RecordKind.class), ocsf))) {
                if (e.has("class_uid")) {
                    assertThat(OcsfSchemaCheck.problems(e)).as(e.toString()).isEmpty();
                    checked++;
                }
            }
        }
        // 4 HTTP Activities, 3 DLP findings, 1 alert
        assertThat(checked).isEqualTo(8);
    }

    @Test
    void theSchemaCheckCatchesAMissingRequiredAttributeAWrongTypeAndAnUnknownEnumId() throws Exception {
        byte[] line = lines().get(1);
        JsonNode event = events(ExportFormat.OCSF.messages(line, Set.of(RecordKind.DECISIONS), ocsf)).get(0);
        ObjectNode noProduct = event.deepCopy();
        ((ObjectNode) noProduct.get("metadata")).remove("product");
        ObjectNode stringTime = event.deepCopy();
        stringTime.put("time", T0.toString());
        ObjectNode badDisposition = event.deepCopy();
        badDisposition.put("disposition_id", 42);
        ObjectNode noEndpoints = event.deepCopy();
        noEndpoints.remove("src_endpoint");
        noEndpoints.remove("dst_endpoint");
        assertThat(OcsfSchemaCheck.problems(noProduct)).containsExactly("metadata.product: missing (required)");
        assertThat(OcsfSchemaCheck.problems(stringTime)).singleElement().asString().startsWith("time:");
        assertThat(OcsfSchemaCheck.problems(badDisposition)).singleElement().asString().startsWith("disposition_id:");
        assertThat(OcsfSchemaCheck.problems(noEndpoints)).singleElement().asString().contains("dst_endpoint");
    }

    @Test
    void aDecisionMapsToHttpActivityWithAgentEndpointsMaskedUrlAndDisposition() throws Exception {
        List<byte[]> lines = lines();
        JsonNode allowed = events(ExportFormat.OCSF.messages(lines.get(0), Set.of(RecordKind.DECISIONS), ocsf)).get(0);
        assertThat(allowed.path("class_uid").asInt()).isEqualTo(4002);
        assertThat(allowed.path("category_uid").asInt()).isEqualTo(4);
        assertThat(allowed.path("activity_id").asInt()).isEqualTo(3); // GET
        assertThat(allowed.path("type_uid").asLong()).isEqualTo(400203);
        assertThat(allowed.path("time").asLong()).isEqualTo(T0.toEpochMilli());
        assertThat(allowed.path("actor").path("user").path("uid").asText()).isEqualTo("agent-7");
        assertThat(allowed.path("src_endpoint").path("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(allowed.path("src_endpoint").path("port").asInt()).isEqualTo(51000);
        assertThat(allowed.path("dst_endpoint").path("hostname").asText()).isEqualTo("api.anthropic.com");
        assertThat(allowed.path("dst_endpoint").path("port").asInt()).isEqualTo(443);
        JsonNode url = allowed.path("http_request").path("url");
        assertThat(allowed.path("http_request").path("http_method").asText()).isEqualTo("GET");
        assertThat(url.path("path").asText()).isEqualTo("/v1/models");
        assertThat(url.path("query_string").asText()).isEqualTo("after=***"); // the audit masked the value
        assertThat(allowed.path("action_id").asInt()).isEqualTo(1);
        assertThat(allowed.path("disposition_id").asInt()).isEqualTo(1);
        assertThat(allowed.path("severity_id").asInt()).isEqualTo(1);
        assertThat(allowed.path("metadata").path("uid").asText()).isEqualTo("1"); // seq
        assertThat(allowed.path("metadata").path("correlation_uid").asText()).isEqualTo("req_1");
        assertThat(allowed.path("metadata").path("product").path("name").asText()).isEqualTo("Sieve");

        JsonNode blocked = events(ExportFormat.OCSF.messages(lines.get(1), Set.of(RecordKind.DECISIONS), ocsf)).get(0);
        assertThat(blocked.path("activity_id").asInt()).isEqualTo(6); // POST
        assertThat(blocked.path("action_id").asInt()).isEqualTo(2);
        assertThat(blocked.path("disposition_id").asInt()).isEqualTo(2);
        assertThat(blocked.path("severity_id").asInt()).isEqualTo(4);
        assertThat(blocked.path("status_detail").asText()).isEqualTo("pii.us-ssn,credential.aws-access-key-id");

        JsonNode redacted = events(ExportFormat.OCSF.messages(lines.get(2), Set.of(RecordKind.DECISIONS), ocsf)).get(0);
        assertThat(redacted.path("disposition_id").asInt()).isEqualTo(11);
        JsonNode denied = events(ExportFormat.OCSF.messages(lines.get(3), Set.of(RecordKind.DECISIONS), ocsf)).get(0);
        assertThat(denied.path("activity_id").asInt()).isEqualTo(1); // CONNECT
        assertThat(denied.path("src_endpoint").path("ip").asText()).isEqualTo("::1");
        assertThat(denied.path("http_request").path("url").has("path")).isFalse();
    }

    @Test
    void eachFindingOfADecisionIsADetectionFindingNamingTheRuleAndTheRequest() throws Exception {
        List<JsonNode> findings = events(ExportFormat.OCSF.messages(lines().get(1), Set.of(RecordKind.FINDINGS), ocsf));
        assertThat(findings).hasSize(2);
        JsonNode ssn = findings.get(0);
        assertThat(ssn.path("class_uid").asInt()).isEqualTo(2004);
        assertThat(ssn.path("category_uid").asInt()).isEqualTo(2);
        assertThat(ssn.path("activity_id").asInt()).isEqualTo(1);
        assertThat(ssn.path("finding_info").path("uid").asText()).isEqualTo("req_2:pii.us-ssn");
        assertThat(ssn.path("finding_info").path("types").get(0).asText()).isEqualTo("pii.us-ssn");
        assertThat(ssn.path("finding_info").path("related_events").get(0).path("uid").asText()).isEqualTo("req_2");
        assertThat(ssn.path("severity_id").asInt()).isEqualTo(4);
        assertThat(ssn.path("disposition_id").asInt()).isEqualTo(2);
        assertThat(ssn.path("metadata").path("correlation_uid").asText()).isEqualTo("req_2");
        assertThat(findings.get(1).path("finding_info").path("uid").asText())
                .isEqualTo("req_2:credential.aws-access-key-id");
        // Masked samples stay in the audit line; OCSF events do not copy them.
        assertThat(findings.toString()).doesNotContain("6789").doesNotContain("AKIA");
    }

    @Test
    void anAlertIsADetectionFindingWithItsWindowAndEvidence() throws Exception {
        JsonNode alert = events(ExportFormat.OCSF.messages(lines().get(5), Set.of(RecordKind.ALERTS), ocsf)).get(0);
        assertThat(alert.path("class_uid").asInt()).isEqualTo(2004);
        assertThat(alert.path("finding_info").path("types").get(0).asText()).isEqualTo("probing");
        assertThat(alert.path("finding_info").path("related_events").findValuesAsText("uid"))
                .containsExactly("req_a", "req_b");
        assertThat(alert.path("severity_id").asInt()).isEqualTo(4);
        assertThat(alert.path("disposition_id").asInt()).isEqualTo(19);
        assertThat(alert.path("start_time").asLong()).isEqualTo(T0.minusSeconds(600).toEpochMilli());
        assertThat(alert.path("finding_info").path("first_seen_time").asLong())
                .isEqualTo(T0.minusSeconds(30).toEpochMilli());
        assertThat(alert.path("actor").path("user").path("uid").asText()).isEqualTo("agent-7");
    }

    @Test
    void adminLabelSealAndUnknownKindsGoOutAsTheirRawLineAndTheSelectionFilters() throws Exception {
        List<byte[]> lines = lines();
        Set<RecordKind> all = EnumSet.allOf(RecordKind.class);
        for (int i : new int[] {4, 6, 7, 8}) { // admin, label, future-kind, sealed
            String raw = new String(lines.get(i), StandardCharsets.UTF_8).strip();
            for (ExportFormat format : ExportFormat.values()) {
                List<ExportMessage> m = format.messages(lines.get(i), all, ocsf);
                assertThat(m).hasSize(1);
                assertThat(new String(m.get(0).json(), StandardCharsets.UTF_8)).isEqualTo(raw);
            }
        }
        // A sink that selects only decisions sends neither admin, label, seal nor an unknown kind.
        for (int i : new int[] {4, 5, 6, 7, 8}) {
            assertThat(ExportFormat.JSON.messages(lines.get(i), Set.of(RecordKind.DECISIONS), ocsf)).isEmpty();
            assertThat(ExportFormat.OCSF.messages(lines.get(i), Set.of(RecordKind.DECISIONS), ocsf)).isEmpty();
        }
        // JSON with findings only: decisions that carry findings, not the clean ones.
        assertThat(ExportFormat.JSON.messages(lines.get(0), Set.of(RecordKind.FINDINGS), ocsf)).isEmpty();
        assertThat(ExportFormat.JSON.messages(lines.get(1), Set.of(RecordKind.FINDINGS), ocsf)).hasSize(1);
        assertThat(ExportFormat.OCSF.messages(lines.get(8), Set.of(RecordKind.ANCHORS), ocsf).get(0).msgId())
                .isEqualTo("sealed");
    }
}
