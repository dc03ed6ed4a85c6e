package dev.sieve.proxy.audit;

import static dev.sieve.proxy.audit.AuditTestSupport.KEY;
import static dev.sieve.proxy.audit.AuditTestSupport.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.Masking;
import dev.sieve.dlp.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditRecordTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "/v1/messages                      | /v1/messages",
        "/v1/messages?                     | /v1/messages?",
        "/v1/messages?q=secret             | /v1/messages?q=***",
        "/search?q=a&k=b                   | /search?q=***&k=***",
        "/x?flag&k=                        | /x?***&k=***",
        "/x?a=1&&b=2                       | /x?a=***&&b=***",
        "/x?a=1=2                          | /x?a=***",
        "/x?we ird=1&ok=2                  | /x?***&ok=***",
        "/x?=v                             | /x?***",
        "/x?q=1#frag                       | /x?q=***#***",
        "/x#frag                           | /x#***",
        "/x?q=***&k=***                    | /x?q=***&k=***",
        "NULL                              | NULL",
    })
    void maskQueryMasksEveryValue(String input, String expected) {
        assertThat(QueryMasking.maskQuery(input)).isEqualTo(expected);
    }

    @Test
    void recordsMaskTheirPathWhateverTheCallerPassed() {
        AuditRecord r = new AuditRecord(T0, "req_1", "a", null, "GET", "h", 443, "/p?token=abc", "allowed", null,
                null, 0, 0, null, "monitor", 0);

        assertThat(r.path()).isEqualTo("/p?token=***");
        assertThat(r.reasons()).isEmpty();
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void recordsRejectUnknownDecisionsAndModes() {
        assertThatThrownBy(() -> new AuditRecord(T0, "req_1", "a", null, "GET", "h", 443, "/", "sealed", null, null,
                0, 0, null, "enforce", 0))
                .hasMessage("decision: sealed (expected: one of allowed, denied, blocked, redacted, logged)");
        assertThatThrownBy(() -> new AuditRecord(T0, "req_1", "a", null, "GET", "h", 443, "/", "allowed", null, null,
                0, 0, null, "report", 0))
                .hasMessage("mode: report (expected: enforce or monitor)");
    }

    @Test
    void findingsRejectSomethingTooLongToBeAMaskedSampleWithoutEchoingIt() {
        String raw = "x".repeat(80);
        assertThatThrownBy(() -> new AuditFinding("r", "credential", "block", 1, "body", raw))
                .hasMessage("masked: 80 characters (expected: <= 64, a masked sample from Masking.mask)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(raw));
    }

    @Test
    void auditLinesNeverHoldARawValueThatReachedThemOnlyThroughMasking() throws Exception {
        Random random = new Random(42);
        String card = luhnNumber(random, "4", 16);
        String ssn = "5" + digits(random, 2) + "-" + (10 + random.nextInt(89)) + "-" + (1000 + random.nextInt(8999));
        String awsKey = "AKIA" + upper(random, 16);
        List<Finding> findings = List.of(
                new Finding("card-number", Category.FINANCIAL, Severity.HIGH, Action.REDACT, "body/json/text", 10, 26,
                        Masking.mask(Category.FINANCIAL, card), 1),
                new Finding("us-ssn", Category.PII, Severity.HIGH, Action.BLOCK, "body/json/text", 40, 51,
                        Masking.mask(Category.PII, ssn), 2),
                new Finding("aws-access-key", Category.CREDENTIAL, Severity.CRITICAL, Action.BLOCK, "query/k", 0, 20,
                        Masking.mask(Category.CREDENTIAL, awsKey), 1));
        AuditRecord r = new AuditRecord(T0, "req_1", "agent", "127.0.0.1:1", "POST", "api.anthropic.com", 443,
                "/v1/messages?k=" + awsKey + "&card=" + card + "&ssn=" + ssn, "blocked",
                List.of("aws-access-key", "us-ssn"), findings.stream().map(AuditFinding::of).toList(), 100, 0, "v1",
                "enforce", 5);

        try (AuditLog log = AuditLog.start(List.of(AuditSinks.rotatingFiles(dir, 1 << 20, Duration.ofHours(1),
                java.time.Clock.systemUTC())), KEY, java.time.Clock.systemUTC(), AuditMetrics.NONE, 4, OverflowPolicy.BLOCK)) {
            log.append(r);
        }
        String written = Files.readString(AuditTestSupport.auditFiles(dir).get(0), StandardCharsets.UTF_8);

        assertThat(written).contains("\"masked\":\"" + Masking.mask(Category.FINANCIAL, card) + "\"",
                "\"action\":\"redact\"", "\"category\":\"financial\"", "?k=***&card=***&ssn=***");
        for (String raw : List.of(card, ssn, awsKey, card.substring(0, 12), awsKey.substring(4), ssn.substring(0, 6))) {
            assertThat(written).doesNotContain(raw);
        }
    }

    static String luhnNumber(Random random, String prefix, int length) {
        StringBuilder s = new StringBuilder(prefix).append(digits(random, length - prefix.length() - 1));
        int sum = 0;
        for (int i = s.length() - 1, pos = 0; i >= 0; i--, pos++) {
            int d = s.charAt(i) - '0';
            if (pos % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return s.append((10 - sum % 10) % 10).toString();
    }

    private static String digits(Random random, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    private static String upper(Random random, int n) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
