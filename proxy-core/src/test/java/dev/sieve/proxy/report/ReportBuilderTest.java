package dev.sieve.proxy.report;

import static dev.sieve.proxy.report.ReportFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.audit.AdminAuditRecord;
import dev.sieve.proxy.audit.AuditLog;
import dev.sieve.proxy.audit.AuditVerifier;
import dev.sieve.proxy.audit.LabelEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KPIs from an audit directory a real {@link AuditLog} wrote with known records: 10 requests in the window by
 * three agents in 6 sessions (30-minute gap), 3 blocks of which 2 are labelled (the latest label of one is
 * false-positive), 3 alerts, plus a request before the window, an admin record, a record of an unknown kind and a
 * label for an id in no file.
 */
class ReportBuilderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-12-02T00:00:00Z");
    private static final String API = "api.anthropic.com";
    private static final String SCRIPT_AGENT = "<script>alert(1)</script>";

    @TempDir
    Path dir;

    private static String id(int n) {
        return String.format("req_%024x", n);
    }

    private static Instant at(Duration d) {
        return T0.plus(d);
    }

    @BeforeEach
    void write() throws Exception {
        try (AuditLog log = ReportFixtures.open(dir, UNTIL)) {
            log.append(request(id(99), "agent-a", T0.minus(Duration.ofDays(1)), "blocked", API, "pii.us-ssn"));
            // agent-a: 5 requests, 2 sessions (the 100-minute gap ends the first; 29 minutes does not)
            log.append(request(id(1), "agent-a", at(Duration.ZERO), "allowed", API, null));
            log.append(request(id(2), "agent-a", at(Duration.ofMinutes(10)), "blocked", API, "pii.us-ssn"));
            log.append(request(id(3), "agent-a", at(Duration.ofMinutes(20)), "redacted", API, "pii.email"));
            log.append(request(id(4), "agent-a", at(Duration.ofMinutes(120)), "allowed", API, null));
            log.append(request(id(5), "agent-a", at(Duration.ofMinutes(149)), "logged", API, "code.secret"));
            // agent-b: 4 requests, 3 sessions (a gap of exactly 30 minutes starts a new one)
            log.append(request(id(6), "agent-b", at(Duration.ofMinutes(60)), "allowed", API, null));
            log.append(request(id(7), "agent-b", at(Duration.ofMinutes(90)), "blocked", API, "pii.us-ssn"));
            log.append(request(id(8), "agent-b", at(Duration.ofDays(1)), "denied", "evil.example", null));
            log.append(request(id(9), "agent-b", at(Duration.ofDays(1).plusMinutes(5)), "blocked", API, "pii.us-ssn"));
            // an agent id made to break HTML: 1 request, 1 session
            log.append(request(id(10), SCRIPT_AGENT, at(Duration.ofHours(3)), "allowed", API, null));

            log.append(new ReportFixtures.Alert(at(Duration.ofMinutes(30)), "probing", "agent-a", "medium", 1000,
                    List.of(id(2)), "3 blocks of pii.us-ssn in 10 min"));
            log.append(new ReportFixtures.Alert(at(Duration.ofMinutes(95)), "volume", "agent-b", "high", 4000,
                    List.of(id(7)), "uploads 5x baseline"));
            log.append(new ReportFixtures.Alert(at(Duration.ofDays(1).plusMinutes(6)), "new_destination", "agent-b",
                    "low", 10000, List.of(id(9)), "first use of " + API));
            log.append(new AdminAuditRecord(at(Duration.ofHours(4)), "killswitch.engage", "admin@127.0.0.1",
                    "agent:agent-b", "ok", List.of()));
            log.append(new ReportFixtures.Future(at(Duration.ofHours(5))));

            Instant later = at(Duration.ofDays(1).plusHours(2));
            log.append(new LabelEntry(later, id(2), LabelEntry.CONFIRMED, "admin@127.0.0.1", "first look"));
            log.append(new LabelEntry(later, id(7), LabelEntry.CONFIRMED, "admin@127.0.0.1", ""));
            log.append(new LabelEntry(later.plusSeconds(60), id(2), LabelEntry.FALSE_POSITIVE, "cli@host", "a test"
                    + " fixture"));
            log.append(new LabelEntry(later, id(3), LabelEntry.CONFIRMED, "admin@127.0.0.1", "not a block"));
            log.append(new LabelEntry(later, "req_typo", LabelEntry.FALSE_POSITIVE, "admin@127.0.0.1", ""));
        }
    }

    private KpiReport report(Instant since, Optional<String> agent) throws Exception {
        return new ReportBuilder(since, UNTIL, agent, Duration.ofMinutes(30), 10)
                .build(ReportFixtures.files(dir), UNTIL, Optional.empty());
    }

    @Test
    void theChainWithLabelsStillVerifies() throws Exception {
        assertThat(AuditVerifier.verifySealed(ReportFixtures.files(dir), ReportFixtures.KEY).ok()).isTrue();
    }

    @Test
    void countsRequestsSessionsAndRatesPerThousandSessions() throws Exception {
        KpiReport r = report(T0, Optional.empty());

        assertThat(r.requests()).isEqualTo(10);
        assertThat(r.decisions()).containsEntry("allowed", 4L).containsEntry("blocked", 3L)
                .containsEntry("redacted", 1L).containsEntry("logged", 1L).containsEntry("denied", 1L);
        assertThat(r.sessions()).isEqualTo(6);
        assertThat(r.agents()).extracting(a -> a.agentId() + " " + a.requests() + " " + a.sessions())
                .containsExactly("agent-a 5 2", "agent-b 4 3", SCRIPT_AGENT + " 1 1");
        assertThat(r.kpis().blockedPer1000Sessions()).isCloseTo(500.0, within(1e-9));
        assertThat(r.kpis().redactedPer1000Sessions()).isCloseTo(1000.0 / 6, within(1e-9));
        assertThat(r.kpis().loggedPer1000Sessions()).isCloseTo(1000.0 / 6, within(1e-9));
        assertThat(r.kpis().deniedPer1000Sessions()).isCloseTo(1000.0 / 6, within(1e-9));
    }

    @Test
    void theFalsePositiveShareUsesTheLatestLabelOfEachBlock() throws Exception {
        KpiReport.Kpis k = report(T0, Optional.empty()).kpis();

        assertThat(k.labelledBlocks()).isEqualTo(2);
        assertThat(k.falsePositiveBlocks()).isEqualTo(1);
        assertThat(k.unlabelledBlocks()).isEqualTo(1);
        assertThat(k.falsePositiveShare()).contains(0.5);
        assertThat(k.falsePositiveOnTarget()).isFalse();
    }

    @Test
    void alertsGiveTheMeanAndMedianTimeToDetect() throws Exception {
        KpiReport r = report(T0, Optional.empty());

        assertThat(r.alerts()).extracting(KpiReport.AlertRow::alert).containsExactly("probing", "volume",
                "new_destination");
        assertThat(r.kpis().meanTimeToDetectMillis()).contains(5000.0);
        assertThat(r.kpis().medianTimeToDetectMillis()).contains(4000.0);
    }

    @Test
    void topTablesDailyBarsAndWhatWasNotCounted() throws Exception {
        KpiReport r = report(T0, Optional.empty());

        assertThat(r.topRules()).extracting(x -> x.ruleId() + " " + x.records() + " " + x.blocked())
                .containsExactly("pii.us-ssn 3 3", "code.secret 1 0", "pii.email 1 0");
        assertThat(r.topDestinations()).extracting(x -> x.host() + " " + x.requests() + " " + x.denied())
                .containsExactly(API + " 9 0", "evil.example 1 1");
        assertThat(r.daily()).extracting(KpiReport.Day::date)
                .containsExactly(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-01"));
        assertThat(r.daily().get(0).decisions()).containsEntry("allowed", 4L).containsEntry("blocked", 2L);
        assertThat(r.daily().get(1).decisions()).containsEntry("denied", 1L).containsEntry("blocked", 1L);
        assertThat(r.input().otherKinds()).containsEntry("admin", 1L).containsEntry("future", 1L)
                .containsEntry("sealed", 1L);
        assertThat(r.input().corruptLines()).isZero();
        assertThat(r.unmatchedLabels()).extracting(KpiReport.LabelRow::requestId).containsExactly("req_typo");
    }

    @Test
    void sinceAndAgentFilterTheWindow() throws Exception {
        KpiReport b = report(T0, Optional.of("agent-b"));
        assertThat(b.requests()).isEqualTo(4);
        assertThat(b.sessions()).isEqualTo(3);
        assertThat(b.decisions()).containsEntry("blocked", 2L);
        assertThat(b.alerts()).hasSize(2);
        assertThat(b.kpis().falsePositiveShare()).as("agent-b's one labelled block is confirmed").contains(0.0);

        KpiReport day2 = report(T0.plus(Duration.ofDays(1)), Optional.empty());
        assertThat(day2.requests()).isEqualTo(2);
        assertThat(day2.sessions()).isEqualTo(1);
        assertThat(day2.kpis().labelledBlocks()).isZero();
        assertThat(day2.kpis().falsePositiveShare()).isEmpty();
        assertThat(day2.kpis().blockedPer1000Sessions()).isCloseTo(1000.0, within(1e-9));

        KpiReport earlier = report(T0.minus(Duration.ofDays(2)), Optional.empty());
        assertThat(earlier.requests()).as("the request before T0 counts from an earlier since").isEqualTo(11);
    }

    @Test
    void corruptLinesAreSkippedAndCounted() throws Exception {
        Path last = ReportFixtures.files(dir).get(ReportFixtures.files(dir).size() - 1);
        Files.writeString(last, "not json at all\n[1,2]\n{\"decision\":\"blocked\",\"time\":\"2026-11-30T09:00:00Z\"}\n"
                + "{\"decision\":\"alert\",\"time\":\"yesterday\",\"agentId\":\"x\",\"alert\":\"volume\"}\n\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        KpiReport r = report(T0, Optional.empty());
        assertThat(r.input().corruptLines()).isEqualTo(4);
        assertThat(r.requests()).isEqualTo(10);
        assertThat(r.alerts()).hasSize(3);
    }

    @Test
    void jsonFollowsTheDocumentedSchema() throws Exception {
        JsonNode json = JSON.readTree(ReportJson.render(report(T0, Optional.empty())));

        assertThat(json.path("schema").asText()).isEqualTo("sieve.report/v1");
        assertThat(json.path("window").path("sessionGapSeconds").asLong()).isEqualTo(1800);
        assertThat(json.path("window").path("agent").isNull()).isTrue();
        assertThat(json.path("chain").path("verified").asBoolean()).isFalse();
        assertThat(json.path("totals").path("requests").asLong()).isEqualTo(10);
        assertThat(json.path("totals").path("sessions").asLong()).isEqualTo(6);
        assertThat(json.path("totals").path("decisions").path("blocked").asLong()).isEqualTo(3);
        assertThat(json.path("kpis").path("blockedPer1000Sessions").asDouble()).isEqualTo(500.0);
        assertThat(json.path("kpis").path("falsePositiveShare").asDouble()).isEqualTo(0.5);
        assertThat(json.path("kpis").path("falsePositiveTarget").asDouble()).isEqualTo(0.05);
        assertThat(json.path("kpis").path("unlabelledBlocks").asLong()).isEqualTo(1);
        assertThat(json.path("kpis").path("meanTimeToDetectMillis").asDouble()).isEqualTo(5000.0);
        assertThat(json.path("daily").get(0).path("date").asText()).isEqualTo("2026-11-30");
        assertThat(json.path("agents").get(0).path("decisions").path("blocked").asLong()).isEqualTo(1);
        assertThat(json.path("topRules").get(0).path("ruleId").asText()).isEqualTo("pii.us-ssn");
        assertThat(json.path("topDestinations").get(1).path("denied").asLong()).isEqualTo(1);
        assertThat(json.path("alerts").get(1).path("ttdMillis").asLong()).isEqualTo(4000);
        assertThat(json.path("unmatchedLabels").get(0).path("requestId").asText()).isEqualTo("req_typo");
        assertThat(json.path("input").path("otherKinds").path("future").asLong()).isEqualTo(1);

        JsonNode none = JSON.readTree(ReportJson.render(report(T0.plus(Duration.ofDays(1)), Optional.of("agent-a"))));
        assertThat(none.path("kpis").has("falsePositiveShare")).isTrue();
        assertThat(none.path("kpis").path("falsePositiveShare").isNull()).as("absent values are null").isTrue();
        assertThat(none.path("kpis").path("meanTimeToDetectMillis").isNull()).isTrue();
    }

    @Test
    void htmlEscapesEveryStringFromTheFilesAndLoadsNothing() throws Exception {
        String html = ReportHtml.render(report(T0, Optional.empty()));

        assertThat(html).doesNotContain(SCRIPT_AGENT).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("@import").doesNotContain("url(");
        assertThat(html).contains("<svg").contains("500", "per 1,000 sessions", "50.0 %", "over the 5 % target",
                "1 unlabelled", "5.0 s", "req_typo");
    }

    @Test
    void markdownIsATableAFilePathCanNotBreak() throws Exception {
        String md = ReportMarkdown.render(report(T0, Optional.empty()));

        assertThat(md).contains("| Blocked exfiltration attempts per 1,000 sessions | 500 |")
                .contains("| False-positive share (target < 5 %) | 50.0 % OVER target, 1 of 2 labelled blocks; 1"
                        + " unlabelled |")
                .contains("&lt;script&gt;").doesNotContain(SCRIPT_AGENT);
        assertThat(ReportMarkdown.cell("a|b\nc`d")).isEqualTo("a\\|b c'd");
    }
}
