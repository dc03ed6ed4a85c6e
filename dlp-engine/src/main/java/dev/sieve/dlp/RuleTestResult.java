package dev.sieve.dlp;

import java.util.List;

/**
 * Outcome of running one rule's embedded examples: how many passed and a message per failure. Messages quote
 * the example text, which is synthetic and part of the rule file.
 */
public record RuleTestResult(String ruleId, String file, int line, int passed, List<String> failures) {

    public RuleTestResult {
        failures = List.copyOf(failures);
    }

    public boolean ok() {
        return failures.isEmpty();
    }
}
