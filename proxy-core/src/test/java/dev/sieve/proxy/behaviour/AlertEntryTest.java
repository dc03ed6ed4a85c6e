package dev.sieve.proxy.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.audit.AuditLog;
import dev.sieve.proxy.audit.AuditMetrics;
import dev.sieve.proxy.audit.AuditSettings;
import dev.sieve.proxy.audit.AuditVerification;
import dev.sieve.proxy.audit.AuditVerifier;
import dev.sieve.proxy.audit.OverflowPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert line: its fields in the agreed order in a real chain that verifies, and what its constructor refuses. */
class AlertEntryTest {
    static final Instant T = Instant.parse("2026-12-01T10:05:00Z");

    @TempDir
    Path dir;

    static AlertEntry alert(String agent, List<String> evidence, String summary) {
        return new AlertEntry(T, "probing", agent, "medium", T.minusSeconds(300), T.plusSeconds(300), evidence,
                T.minusSeconds(42), 42_000, summary);
    }

    @Test
    void anAlertIsAChainedLineWithTheAgreedFieldsInOrderAndTheChainVerifies() throws Exception {
        byte[] key = new byte[32];
        key[0] = 9;
        AuditSettings settings = new AuditSettings(Optional.of(dir), false, 1024 * 1024, Duration.ofHours(1), 16,
                OverflowPolicy.BLOCK, Optional.empty());
        try (AuditLog log = AuditLog.open(settings, key, Clock.fixed(T, ZoneOffset.UTC), AuditMetrics.NONE)) {
            log.append(alert("agent-1", List.of("req_000000000000000000000001", "req_000000000000000000000002"),
                    "5 distinct refused destinations in 600s"));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        }
        String line = Files.readAllLines(files.get(0)).get(0);
        JsonNode json = new ObjectMapper().readTree(line);
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("v", "seq", "keyId", "time", "decision", "alert", "agentId", "severity",
                "windowStart", "windowEnd", "evidence", "firstEvidence", "ttdMillis", "summary", "prev", "mac");
        assertThat(json.get("decision").asText()).isEqualTo("alert");
        assertThat(json.get("evidence").toString())
                .isEqualTo("[\"req_000000000000000000000001\",\"req_000000000000000000000002\"]");
        assertThat(json.get("windowStart").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(json.get("ttdMillis").asLong()).isEqualTo(42_000);
        AuditVerification v = AuditVerifier.verify(files, key);
        assertThat(v.ok()).as(v.describe()).isTrue();
    }

    @Test
    void theConstructorRefusesWhatCouldCarryDataAndDoesNotEchoIt() {
        List<String> one = List.of("req_000000000000000000000001");
        assertThatThrownBy(() -> alert("agent 1", one, "ok")).hasMessage(
                "agentId: (not shown) (expected: 1-64 of A-Z a-z 0-9 . _ -)");
        assertThatThrownBy(() -> alert("agent-1", one, "ssn \"536-22-8174\""))
                .hasMessageStartingWith("summary: (not shown) (expected:").hasMessageNotContaining("536");
        assertThatThrownBy(() -> alert("agent-1", one, "x".repeat(401))).hasMessageStartingWith("summary:");
        assertThatThrownBy(() -> alert("agent-1", List.of("req_1\"}"), "ok"))
                .hasMessageStartingWith("evidence: (not shown)");
        assertThatThrownBy(() -> alert("agent-1", List.of(), "ok")).hasMessage(
                "evidence: 0 request ids (expected: 1-20)");
        assertThatThrownBy(() -> alert("agent-1", Collections.nCopies(21, "req_1"), "ok")).hasMessage(
                "evidence: 21 request ids (expected: 1-20)");
        assertThatThrownBy(() -> new AlertEntry(T, "exfil", "agent-1", "low", T, T, one, T, 0, "ok"))
                .hasMessageStartingWith("alert: exfil (expected: one of");
        assertThatThrownBy(() -> new AlertEntry(T, "volume", "agent-1", "critical", T, T, one, T, 0, "ok"))
                .hasMessage("severity: critical (expected: low, medium or high)");
        assertThatThrownBy(() -> new AlertEntry(T, "volume", "agent-1", "low", T, T.minusMillis(1), one, T, 0, "ok"))
                .hasMessageStartingWith("windowEnd:");
        assertThatThrownBy(() -> new AlertEntry(T, "volume", "agent-1", "low", T, T, one, T, -1, "ok"))
                .hasMessage("ttdMillis: -1 (expected: >= 0)");
        assertThat(alert("agent-1", one, "first use of [2001:db8::1]:443").summary())
                .isEqualTo("first use of [2001:db8::1]:443");
    }
}
