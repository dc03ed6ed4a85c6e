package dev.sieve.dlp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs every rule's embedded {@code tests}: each {@code match} example, scanned alone as one view, must produce
 * at least one finding of that rule, and each {@code no_match} example none. {@code min_count} is ignored here
 * (an example shows one value); everything else (validators, context, excludes, keypair) applies. Findings of
 * other rules are ignored, and so are published examples under {@code ignore_examples} (log records, not detections).
 */
public final class RuleTests {

    private RuleTests() {
    }

    /** One result per rule of {@code rules}, in rule order; {@code engine} must be compiled from a superset of them. */
    public static List<RuleTestResult> run(RuleSet rules, CompiledRules engine) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(engine, "engine");
        List<RuleTestResult> results = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            if (engine.rules().rule(rule.id()).isEmpty()) {
                throw new IllegalArgumentException("engine: lacks rule '" + rule.id() + "' (expected: compiled from these rules)");
            }
            List<String> failures = new ArrayList<>();
            int passed = 0;
            List<String> match = rule.examples().match();
            for (int k = 0; k < match.size(); k++) {
                long hits = count(engine, rule.id(), match.get(k));
                if (hits > 0) {
                    passed++;
                } else {
                    failures.add("tests.match[" + k + "]: no finding (expected: at least one) in '" + match.get(k) + "'");
                }
            }
            List<String> noMatch = rule.examples().noMatch();
            for (int k = 0; k < noMatch.size(); k++) {
                long hits = count(engine, rule.id(), noMatch.get(k));
                if (hits == 0) {
                    passed++;
                } else {
                    failures.add("tests.no_match[" + k + "]: " + hits + " finding(s) (expected: none) in '"
                            + noMatch.get(k) + "'");
                }
            }
            results.add(new RuleTestResult(rule.id(), rule.file(), rule.line(), passed, failures));
        }
        return results;
    }

    private static long count(CompiledRules engine, String ruleId, String example) {
        try (ScanSession session = engine.open("tests")) {
            session.feed(ByteBuffer.wrap(example.getBytes(StandardCharsets.UTF_8)));
            List<Finding> findings = session instanceof AbstractSession s ? s.finishIgnoringMinCount() : session.finish();
            return findings.stream().filter(f -> f.ruleId().equals(ruleId) && !f.example()).count();
        }
    }
}
