package dev.sieve.dlp.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.Severity;
import org.junit.jupiter.api.Test;

class PolicyJudgeTest {

    private static Finding at(String viewPath, long start) {
        return new Finding("credential.generic-secret-assignment", Category.parse("credential").orElseThrow(),
                Severity.HIGH, Action.BLOCK, viewPath, start, start + 20, "api-…(20)", 1);
    }

    private final PolicyJudge judge = new PolicyJudge(TestRequests.RULES, InspectionPolicy.defaults());

    @Test
    void aFindingStartingInAnAuthHeadersNameIsNotAFinding() {
        assertThat(judge.judge(at("header:x-api-key", 2))).as("'api-key: <value>' read from 'x-api-key: <value>'")
                .isEmpty();
        assertThat(judge.judge(at("header:x-goog-api-key~2", 7))).isEmpty();
    }

    @Test
    void valuesOfAuthHeadersAndOtherHeadersStillCount() {
        assertThat(judge.judge(at("header:x-api-key", 11))).as("in the value").isPresent();
        assertThat(judge.judge(at("header:x-debug-note", 2))).as("not an auth header").isPresent();
        assertThat(judge.judge(at("json", 0))).isPresent();
    }
}
