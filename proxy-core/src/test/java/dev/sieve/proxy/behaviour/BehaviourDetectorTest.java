package dev.sieve.proxy.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.audit.AuditFinding;
import dev.sieve.proxy.audit.AuditRecord;
import dev.sieve.proxy.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each detection with a clock moved by hand: it fires at its threshold and not below, once per window, again in the
 * next window, not before a baseline exists or during the warm-up, and its state stays bounded.
 */
class BehaviourDetectorTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final long MIB = 1024 * 1024;

    final ManualClock clock = new ManualClock(T0);
    int ids;

    static AlertSettings settings(AlertSettings.Volume volume, AlertSettings.Probing probing,
            AlertSettings.NewDestinations destinations, int maxAgents) {
        return new AlertSettings(true, maxAgents, volume, probing, destinations);
    }

    static final AlertSettings.Volume VOLUME = new AlertSettings.Volume(true, 24, 10, 50 * MIB, 5 * MIB, 3);
    static final AlertSettings.Probing PROBING = new AlertSettings.Probing(true, Duration.ofMinutes(10), 5, 3);
    static final AlertSettings.NewDestinations NEW = new AlertSettings.NewDestinations(true, Duration.ZERO, 1000);
    static final AlertSettings.Volume VOLUME_OFF = new AlertSettings.Volume(false, 24, 10, 50 * MIB, 5 * MIB, 3);
    static final AlertSettings.Probing PROBING_OFF = new AlertSettings.Probing(false, Duration.ofMinutes(10), 5, 3);
    static final AlertSettings.NewDestinations NEW_OFF = new AlertSettings.NewDestinations(false, Duration.ZERO, 10);

    AuditRecord record(String agent, String host, int port, String decision, List<String> reasons,
            List<AuditFinding> findings, long bytesIn) {
        return new AuditRecord(clock.instant(), "req_" + String.format("%024x", ++ids), agent, "127.0.0.1:5000",
                "POST", host, port, "/v1", decision, reasons, findings, bytesIn, bytesIn, "v1", "enforce", 100);
    }

    AuditRecord upload(String agent, long bytes) {
        return record(agent, "api.example.com", 443, "allowed", List.of(), List.of(), bytes);
    }

    AuditRecord refused(String agent, String host) {
        return record(agent, host, 443, "denied", List.of("not_allowlisted"), List.of(), 0);
    }

    AuditRecord blocked(String agent, String rule) {
        return record(agent, "api.example.com", 443, "blocked", List.of(rule),
                List.of(new AuditFinding(rule, "secrets", "block", 1, "body", "***1234")), 100);
    }

    // --- volume ------------------------------------------------------------------------------------------------

    @Test
    void hourlyVolumeAlertsOverTheBaselineTimesTheMultiplierOnlyOnceTheBaselineHasItsHours() {
        BehaviourDetector d = new BehaviourDetector(settings(VOLUME, PROBING_OFF, NEW_OFF, 100), clock);
        // 23 hours of 10 MiB an hour: no baseline yet, so 600 MiB in the 24th hour alerts nothing.
        for (int h = 0; h < 23; h++) {
            assertThat(d.observe(upload("a1", 4 * MIB))).isEmpty();
            assertThat(d.observe(upload("a1", 4 * MIB))).isEmpty();
            assertThat(d.observe(upload("a1", 2 * MIB))).isEmpty();
            clock.advance(Duration.ofHours(1));
        }
        for (int i = 0; i < 150; i++) {
            assertThat(d.observe(upload("a1", 4 * MIB))).as("warm-up hour %s", i).isEmpty();
        }
        clock.advance(Duration.ofHours(1));
        // Hour 25: the baseline is trusted; ~10 MiB/h (the big 24th hour raised it some) x 10 is the limit.
        List<AlertEntry> alerts = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        int requests = 0;
        while (alerts.isEmpty() && requests < 1000) {
            AuditRecord r = upload("a1", 4 * MIB);
            sent.add(r.requestId());
            clock.advance(Duration.ofSeconds(1));
            alerts.addAll(d.observe(r));
            requests++;
        }
        assertThat(alerts).hasSize(1);
        AlertEntry a = alerts.get(0);
        assertThat(a.alert()).isEqualTo("volume");
        assertThat(a.severity()).isEqualTo("high");
        assertThat(a.agentId()).isEqualTo("a1");
        // Not at the first request of the hour: the limit is the baseline times 10 (at least minBytes).
        assertThat(requests * 4 * MIB).isGreaterThan(50 * MIB);
        assertThat(a.windowStart()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(a.windowEnd()).isEqualTo(T0.plus(Duration.ofHours(25)));
        assertThat(a.evidence()).hasSize(20).startsWith(sent.subList(0, 19).toArray(String[]::new))
                .endsWith(sent.get(sent.size() - 1));
        assertThat(a.firstEvidence()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(a.ttdMillis()).isEqualTo(requests * 1000L);
        assertThat(a.summary()).matches("[0-9]+ bytes uploaded in 1h, over [0-9]+ \\(baseline [0-9]+ bytes/h x 10\\)");
        // Once per hour, however much more follows.
        for (int i = 0; i < 50; i++) {
            assertThat(d.observe(upload("a1", 4 * MIB))).isEmpty();
        }
    }

    @Test
    void anHourBelowMinBytesNeverAlertsAndAQuietAgentsBaselineDecays() {
        BehaviourDetector d = new BehaviourDetector(settings(
                new AlertSettings.Volume(true, 2, 10, 50 * MIB, 100 * MIB, 3), PROBING_OFF, NEW_OFF, 100), clock);
        d.observe(upload("a1", 1024));
        clock.advance(Duration.ofHours(3));
        // Baseline ~0 after 3 hours, but 40 MiB is under minBytes.
        assertThat(d.observe(upload("a1", 40 * MIB))).isEmpty();
        assertThat(d.observe(upload("a1", 10 * MIB + 1))).singleElement()
                .satisfies(a -> assertThat(a.evidence()).hasSize(2));
    }

    @Test
    void largeUploadsAlertAtTheCountPerHourNotBelowOncePerHourAndAgainTheNextHour() {
        BehaviourDetector d = new BehaviourDetector(settings(VOLUME, PROBING_OFF, NEW_OFF, 100), clock);
        AuditRecord first = upload("a1", 5 * MIB);
        assertThat(d.observe(first)).isEmpty();
        assertThat(d.observe(upload("a1", 5 * MIB - 1))).as("below the size").isEmpty();
        clock.advance(Duration.ofMinutes(20));
        AuditRecord second = upload("a1", 6 * MIB);
        assertThat(d.observe(second)).isEmpty();
        clock.advance(Duration.ofMinutes(20));
        AuditRecord third = upload("a1", 7 * MIB);
        clock.advance(Duration.ofMillis(250));
        List<AlertEntry> alerts = d.observe(third);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.alert()).isEqualTo("volume");
            assertThat(a.severity()).isEqualTo("medium");
            assertThat(a.evidence()).containsExactly(first.requestId(), second.requestId(), third.requestId());
            assertThat(a.firstEvidence()).isEqualTo(first.time());
            assertThat(a.ttdMillis()).isEqualTo(Duration.ofMinutes(40).plusMillis(250).toMillis());
            assertThat(a.summary()).isEqualTo("3 uploads of at least 5242880 bytes in 1h");
        });
        assertThat(d.observe(upload("a1", 9 * MIB))).as("deduplicated in the hour").isEmpty();
        assertThat(d.observe(upload("a2", 9 * MIB))).as("another agent counts apart").isEmpty();
        clock.advance(Duration.ofMinutes(20));
        for (int i = 0; i < 2; i++) {
            assertThat(d.observe(upload("a1", 9 * MIB))).isEmpty();
        }
        assertThat(d.observe(upload("a1", 9 * MIB))).as("the next hour").hasSize(1);
    }

    // --- probing -----------------------------------------------------------------------------------------------

    @Test
    void distinctRefusedDestinationsAlertAtTheThresholdOncePerWindowAndAgainInTheNext() {
        BehaviourDetector d = new BehaviourDetector(settings(VOLUME_OFF, PROBING, NEW_OFF, 100), clock);
        List<String> evidence = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            AuditRecord r = refused("a1", "h" + i + ".example.net");
            evidence.add(r.requestId());
            assertThat(d.observe(r)).isEmpty();
            assertThat(d.observe(refused("a1", "h" + i + ".example.net"))).as("the same destination again").isEmpty();
            assertThat(d.observe(record("a1", "h9" + i + ".example.net", 443, "denied", List.of("kill_switch"),
                    List.of(), 0))).as("refused for another reason").isEmpty();
            clock.advance(Duration.ofSeconds(10));
        }
        AuditRecord fifth = refused("a1", "h5.example.net");
        evidence.add(fifth.requestId());
        clock.advance(Duration.ofSeconds(2));
        assertThat(d.observe(fifth)).singleElement().satisfies(a -> {
            assertThat(a.alert()).isEqualTo("probing");
            assertThat(a.severity()).isEqualTo("medium");
            assertThat(a.evidence()).isEqualTo(evidence);
            assertThat(a.windowStart()).isEqualTo(T0);
            assertThat(a.windowEnd()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
            assertThat(a.ttdMillis()).isEqualTo(42_000);
            assertThat(a.summary()).isEqualTo("5 distinct refused destinations in 600s").doesNotContain("example");
        });
        assertThat(d.observe(refused("a1", "h6.example.net"))).as("once per window").isEmpty();
        clock.advance(Duration.ofMinutes(10));
        for (int i = 1; i <= 4; i++) {
            assertThat(d.observe(refused("a1", "h" + i + ".example.net"))).isEmpty();
        }
        assertThat(d.observe(refused("a1", "h5.example.net"))).as("the next window").hasSize(1);
    }

    @Test
    void theSameRuleBlockingRepeatedlyAlertsPerRuleAndWindow() {
        BehaviourDetector d = new BehaviourDetector(settings(VOLUME_OFF, PROBING, NEW_OFF, 100), clock);
        AuditRecord b1 = blocked("a1", "aws-access-key");
        assertThat(d.observe(b1)).isEmpty();
        assertThat(d.observe(blocked("a1", "us-ssn"))).isEmpty();
        assertThat(d.observe(blocked("a2", "aws-access-key"))).as("another agent").isEmpty();
        AuditRecord b2 = blocked("a1", "aws-access-key");
        assertThat(d.observe(b2)).isEmpty();
        AuditRecord b3 = blocked("a1", "aws-access-key");
        assertThat(d.observe(b3)).singleElement().satisfies(a -> {
            assertThat(a.alert()).isEqualTo("probing");
            assertThat(a.severity()).isEqualTo("high");
            assertThat(a.evidence()).containsExactly(b1.requestId(), b2.requestId(), b3.requestId());
            assertThat(a.summary()).isEqualTo("3 requests blocked by rule aws-access-key in 600s");
        });
        assertThat(d.observe(blocked("a1", "aws-access-key"))).isEmpty();
        assertThat(d.observe(blocked("a1", "us-ssn"))).isEmpty();
        assertThat(d.observe(blocked("a1", "us-ssn"))).as("another rule, its own count").hasSize(1);
    }

    // --- new destinations --------------------------------------------------------------------------------------

    @Test
    void aDestinationsFirstUseAlertsOnceButNotForRefusalsOrDuringTheWarmUp() {
        BehaviourDetector d = new BehaviourDetector(settings(VOLUME_OFF, PROBING_OFF,
                new AlertSettings.NewDestinations(true, Duration.ofMinutes(15), 1000), 100), clock);
        assertThat(d.observe(upload("a1", 10))).as("learned during the warm-up").isEmpty();
        clock.advance(Duration.ofMinutes(15));
        assertThat(d.observe(upload("a1", 10))).as("known").isEmpty();
        assertThat(d.observe(refused("a1", "new.example.net"))).as("refused: not used").isEmpty();
        AuditRecord first = record("a1", "new.example.net", 8443, "redacted", List.of(), List.of(), 10);
        assertThat(d.observe(first)).singleElement().satisfies(a -> {
            assertThat(a.alert()).isEqualTo("new_destination");
            assertThat(a.severity()).isEqualTo("low");
            assertThat(a.evidence()).containsExactly(first.requestId());
            assertThat(a.windowStart()).isEqualTo(first.time()).isEqualTo(a.windowEnd());
            assertThat(a.summary()).isEqualTo("first use of new.example.net:8443");
        });
        assertThat(d.observe(record("a1", "new.example.net", 8443, "allowed", List.of(), List.of(), 0))).isEmpty();
        assertThat(d.observe(record("a2", "new.example.net", 8443, "allowed", List.of(), List.of(), 0)))
                .as("new for another agent").hasSize(1);
    }

    @Test
    void stateIsBoundedAgentsAndDestinationsLeastRecentlyUsedFirst() {
        BehaviourDetector d = new BehaviourDetector(settings(VOLUME_OFF, PROBING_OFF,
                new AlertSettings.NewDestinations(true, Duration.ZERO, 3), 2), clock);
        for (int i = 0; i < 5; i++) {
            assertThat(d.observe(record("a1", "d" + i + ".example.net", 443, "allowed", List.of(), List.of(), 0)))
                    .hasSize(1);
        }
        assertThat(d.destinationCount("a1")).isEqualTo(3);
        assertThat(d.observe(record("a1", "d4.example.net", 443, "allowed", List.of(), List.of(), 0))).isEmpty();
        assertThat(d.observe(record("a1", "d0.example.net", 443, "allowed", List.of(), List.of(), 0)))
                .as("forgotten, so new again").hasSize(1);
        d.observe(upload("a2", 1));
        d.observe(upload("a3", 1));
        assertThat(d.agentCount()).isEqualTo(2);
        assertThat(d.destinationCount("a1")).as("the least recently seen agent is forgotten").isZero();
    }

    @Test
    void blockingRulesCountedPerAgentAndWindowAreCappedAndTheCountResetsNextWindow() {
        BehaviourDetector d = new BehaviourDetector(settings(VOLUME_OFF, PROBING, NEW_OFF, 100), clock);
        for (int i = 0; i < BehaviourDetector.MAX_RULES; i++) {
            assertThat(d.observe(blocked("a1", "rule" + i))).isEmpty();
        }
        for (int i = 0; i < 5; i++) {
            assertThat(d.observe(blocked("a1", "rule-past-the-cap"))).as("not counted").isEmpty();
        }
        assertThat(d.observe(blocked("a1", "rule0"))).isEmpty();
        assertThat(d.observe(blocked("a1", "rule0"))).hasSize(1);
        clock.advance(Duration.ofMinutes(10));
        assertThat(d.observe(blocked("a1", "rule-past-the-cap"))).isEmpty();
        assertThat(d.observe(blocked("a1", "rule-past-the-cap"))).isEmpty();
        assertThat(d.observe(blocked("a1", "rule-past-the-cap"))).as("a new window counts it").hasSize(1);
    }

    @Test
    void inMonitorModeTheRequestsABlockRuleWouldHaveBlockedCountAsProbing() {
        BehaviourDetector d = new BehaviourDetector(settings(VOLUME_OFF, PROBING, NEW_OFF, 100), clock);
        List<AuditFinding> finding = List.of(new AuditFinding("aws-access-key", "secrets", "block", 1, "body", "***"));
        List<AuditFinding> redact = List.of(new AuditFinding("us-ssn", "pii", "redact", 1, "body", "***"));
        for (int i = 0; i < 3; i++) {
            assertThat(d.observe(record("a1", "api.example.com", 443, "redacted", List.of(), redact, 10)))
                    .as("a redact rule is not a block").isEmpty();
        }
        List<AlertEntry> alerts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            alerts.addAll(d.observe(new AuditRecord(clock.instant(), "req_" + String.format("%024x", ++ids), "a1",
                    null, "POST", "api.example.com", 443, "/", "logged", List.of("monitor"), finding, 10, 10, "v1",
                    "monitor", 1)));
        }
        assertThat(alerts).singleElement().extracting(AlertEntry::summary)
                .isEqualTo("3 requests matched block rule aws-access-key in 600s (monitor mode)");
    }
}
