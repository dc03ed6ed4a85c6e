package dev.sieve.dlp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Fuzzes the rule loader on arbitrary bytes as a rule file: the only exception it may throw is
 * {@link RuleLoadException} (with its problems), for any input.
 */
class RuleParserFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void ruleFile(byte[] data) {
        String yaml = new String(data, StandardCharsets.UTF_8);
        try {
            RuleSet.parse(Map.of("fuzz.yaml", yaml));
        } catch (RuleLoadException expected) {
            // a bad rule file, reported with its problems
        }
    }
}
