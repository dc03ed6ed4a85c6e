package dev.sieve.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleSet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pack on realistic agent traffic: both engines report identical findings (parity), the traffic corpus trips
 * the detectors it was seeded with, and the benign corpus (code, license headers, SHAs, UUIDs, images, docs
 * placeholders) trips none.
 */
class PackCorpusTest {

    private static final RuleSet PACK = DefaultRulePack.load();
    private static CompiledRules java;
    private static CompiledRules hyperscan;

    @BeforeAll
    static void compile() {
        java = Engines.compile(PACK, EngineKind.JAVA);
        hyperscan = Engines.hyperscanAvailable() ? Engines.compile(PACK, EngineKind.HYPERSCAN) : null;
    }

    @AfterAll
    static void close() {
        java.close();
        if (hyperscan != null) {
            hyperscan.close();
        }
    }

    private static List<Finding> scan(CompiledRules engine, String body) {
        return engine.scan("body", ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Traffic lines, the whole traffic file as one body, and every example raw and inside an agent message. */
    private static List<String> parityInputs() {
        List<String> inputs = new ArrayList<>(Corpora.lines(Corpora.TRAFFIC));
        inputs.add(Corpora.text(Corpora.TRAFFIC));
        inputs.addAll(Corpora.lines(Corpora.BENIGN));
        for (Rule r : PACK.rules()) {
            for (String e : concat(r.examples().match(), r.examples().noMatch())) {
                inputs.add(e);
                inputs.add("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"see " + e + " ok\"}]}");
            }
        }
        return inputs;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void bothEnginesReportIdenticalFindings() {
        assumeTrue(hyperscan != null, "Hyperscan not available here");
        int findings = 0;
        List<String> inputs = parityInputs();
        for (int k = 0; k < inputs.size(); k++) {
            List<Finding> expected = scan(java, inputs.get(k));
            assertThat(scan(hyperscan, inputs.get(k))).as("input #%d", k).isEqualTo(expected);
            findings += expected.size();
        }
        assertThat(findings).as("parity must be exercised on real findings").isGreaterThan(200);
    }

    @Test
    void trafficCorpusTripsTheSeededDetectors() {
        Set<String> found = new TreeSet<>();
        for (String line : Corpora.lines(Corpora.TRAFFIC)) {
            scan(java, line).forEach(f -> found.add(f.ruleId()));
        }
        assertThat(found).contains("credential.aws-access-key-id", "credential.aws-secret-access-key",
                "credential.github-pat", "credential.npm-token", "credential.auth-header-in-command",
                "credential.database-url", "credential.stripe-secret-key", "credential.slack-bot-token",
                "financial.card-visa", "pii.us-ssn", "credential.anthropic-api-key", "credential.private-key-openssh",
                "source-code.company-confidential", "source-code.internal-package", "source-code.confidentiality-marker", "pii.email-bulk", "financial.iban",
                "financial.aba-routing", "credential.jwt");
    }

    /** Published examples (AKIAIOSFODNN7EXAMPLE, test cards) are log records under ignore_examples, not detections. */
    private static java.util.List<Finding> detections(java.util.List<Finding> findings) {
        return findings.stream().filter(f -> !f.example()).toList();
    }

    @Test
    void benignCorpusHasNoFindingsPerMessage() {
        for (String line : Corpora.lines(Corpora.BENIGN)) {
            assertThat(detections(scan(java, line))).as("benign message %.80s", line).isEmpty();
        }
    }

    @Test
    void benignCorpusHasNoFindingsAsOneBody() {
        java.util.List<Finding> all = scan(java, Corpora.text(Corpora.BENIGN));
        assertThat(detections(all)).isEmpty();
        assertThat(all).as("the published examples in it are recorded at log level")
                .extracting(Finding::ruleId).contains("credential.aws-access-key-id", "financial.card-visa");
        assertThat(all).allSatisfy(f -> assertThat(f.action()).isEqualTo(dev.sieve.dlp.Action.LOG));
    }

    @Test
    void benignCorpusIsNotTriviallyEmpty() {
        String benign = Corpora.text(Corpora.BENIGN);
        assertThat(benign).contains("AKIAIOSFODNN7EXAMPLE", "sk_test_", "4242 4242 4242 4242", "Licensed under the Apache License",
                "Permission is hereby granted", "GNU General Public License", "sha512-", "image/png",
                "ghp_xxxxxxxx", "postgres://user:password@");
    }
}
