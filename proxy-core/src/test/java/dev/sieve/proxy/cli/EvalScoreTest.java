package dev.sieve.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.Severity;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How {@code sieve eval} matches findings to expectations (the decisions documented on {@link EvalScore}). */
class EvalScoreTest {

    private static final Map<String, Category> RULES = Map.of("cred.a", Category.CREDENTIAL, "cred.b",
            Category.CREDENTIAL, "pii.ssn", Category.PII, "fin.card", Category.FINANCIAL);

    private static EvalCase kase(String id, List<String> rules, List<String> categories, Decision outcome,
            String... tags) {
        return new EvalCase(id, 1, new EvalCase.InlineRequest("POST", "/", List.of(), new byte[0]),
                new EvalCase.Expect(Optional.ofNullable(outcome), rules, categories), List.of(tags), "");
    }

    private static Finding finding(String rule) {
        return new Finding(rule, RULES.get(rule), Severity.HIGH, Action.BLOCK, "json", 10, 20, "abcd…(10)", 1);
    }

    private static EvalScore.Observed seen(EvalCase c, Decision d, String... rules) {
        return new EvalScore.Observed(c, d, java.util.Arrays.stream(rules).map(EvalScoreTest::finding).toList(),
                Optional.empty());
    }

    private static EvalScore score(EvalScore.Observed... observed) {
        return new EvalScore(List.of(observed), RULES::get, RULES.keySet().stream().sorted().toList());
    }

    @Test
    void aPublishedExampleLogRecordIsNotAFalsePositiveOfANegative() {
        Finding example = new Finding("fin.card", RULES.get("fin.card"), Severity.HIGH, Action.LOG, "json", 10, 20,
                "***4242", 1, true);
        EvalScore s = score(new EvalScore.Observed(kase("n1", List.of(), List.of(), null), Decision.ALLOW,
                List.of(example), Optional.empty()));

        assertThat(s.falsePositives).isEmpty();
        assertThat(s.fpRate()).isEqualTo(0.0);
    }

    @Test
    void aSecondRuleOfTheExpectedCategoryIsToleratedNotAFalsePositive() {
        EvalScore s = score(seen(kase("c1", List.of("cred.a"), List.of(), null), Decision.BLOCK, "cred.a", "cred.b"));

        assertThat(s.rules.get("cred.a")).isEqualTo(new EvalScore.Counts(1, 0, 0));
        assertThat(s.rules).doesNotContainKey("cred.b");
        assertThat(s.falsePositives).isEmpty();
        assertThat(s.misses).isEmpty();
        assertThat(s.recall()).isEqualTo(1.0);
        assertThat(s.rulesWithoutCases).containsExactly("cred.b", "fin.card", "pii.ssn");
    }

    @Test
    void anotherRuleOfTheCategoryDetectsTheCaseButTheExpectedRuleMisses() {
        EvalScore s = score(seen(kase("c1", List.of("cred.a"), List.of(), null), Decision.BLOCK, "cred.b"));

        assertThat(s.detected).isEqualTo(1);
        assertThat(s.categories.get("credential")).isEqualTo(new EvalScore.Counts(1, 0, 0));
        assertThat(s.rules.get("cred.a")).isEqualTo(new EvalScore.Counts(0, 1, 0));
        assertThat(s.misses).singleElement().satisfies(m -> {
            assertThat(m.partial()).isTrue();
            assertThat(m.missedRules()).containsExactly("cred.a");
            assertThat(m.foundRules()).containsExactly("cred.b");
        });
        assertThat(s.falsePositives).isEmpty();
    }

    @Test
    void aFindingOfAnUnexpectedCategoryIsAFalsePositiveOnceThePerCase() {
        EvalScore s = score(seen(kase("c1", List.of("pii.ssn"), List.of(), null), Decision.BLOCK, "pii.ssn",
                "fin.card", "fin.card"));

        assertThat(s.rules.get("fin.card")).isEqualTo(new EvalScore.Counts(0, 0, 1));
        assertThat(s.categories.get("financial")).isEqualTo(new EvalScore.Counts(0, 0, 1));
        assertThat(s.falsePositives).hasSize(2).allSatisfy(fp -> assertThat(fp.finding().ruleId()).isEqualTo("fin.card"));
        assertThat(s.precision()).isEqualTo(0.5);
        assertThat(s.recall()).isEqualTo(1.0);
    }

    @Test
    void aCategoryOnlyCaseIsDetectedByAnyRuleOfIt() {
        EvalScore s = score(seen(kase("c1", List.of(), List.of("pii"), null), Decision.REDACT, "pii.ssn"),
                seen(kase("c2", List.of(), List.of("credential"), null), Decision.ALLOW));

        assertThat(s.detected).isEqualTo(1);
        assertThat(s.positives).isEqualTo(2);
        assertThat(s.rules).isEmpty();
        assertThat(s.misses).singleElement().satisfies(m -> {
            assertThat(m.partial()).isFalse();
            assertThat(m.missedCategories()).containsExactly("credential");
        });
    }

    @Test
    void negativesAreFlaggedByAnyFindingOrAFailedInspection() {
        EvalCase clean = kase("n1", List.of(), List.of(), Decision.ALLOW, "neg:uuid");
        EvalCase hit = kase("n2", List.of(), List.of(), Decision.ALLOW, "neg:uuid");
        EvalCase failed = kase("n3", List.of(), List.of(), null, "neg:zip");
        EvalScore s = score(seen(clean, Decision.ALLOW), seen(hit, Decision.BLOCK, "cred.a"),
                new EvalScore.Observed(failed, Decision.BLOCK, List.of(), Optional.of("corrupt_encoding: bad")));

        assertThat(s.negatives).isEqualTo(3);
        assertThat(s.flaggedNegatives).isEqualTo(2);
        assertThat(s.fpRate()).isEqualTo(2.0 / 3);
        assertThat(s.failedNegatives).singleElement().satisfies(f -> assertThat(f.failure()).startsWith("corrupt"));
        assertThat(s.tags.get("neg:uuid")).isEqualTo(new EvalScore.TagStats(0, 0, 2, 1));
        assertThat(s.tags.get("neg:zip").fpRate()).isEqualTo(1.0);
        assertThat(s.tags.get("neg:uuid").recall()).isNaN();
        assertThat(s.recall()).isNaN();
    }

    @Test
    void outcomesAreComparedWhereStatedAndMismatchesSayWhichWay() {
        EvalScore s = score(seen(kase("p1", List.of("cred.a"), List.of(), Decision.BLOCK), Decision.REDACT, "cred.a"),
                seen(kase("n1", List.of(), List.of(), Decision.ALLOW), Decision.LOG, "cred.a"),
                seen(kase("p2", List.of("cred.a"), List.of(), null), Decision.ALLOW));

        assertThat(s.outcomesChecked).isEqualTo(2);
        assertThat(s.outcomeAgreement()).isZero();
        assertThat(s.outcomeMismatches).extracting(m -> m.kase().id() + ":" + m.weaker())
                .containsExactly("p1:true", "n1:false");
    }

    @Test
    void perTagRecallCountsDetectedPositives() {
        EvalScore s = score(seen(kase("p1", List.of("cred.a"), List.of(), null, "enc:base64"), Decision.ALLOW),
                seen(kase("p2", List.of("cred.a"), List.of(), null, "enc:base64", "container:query"), Decision.BLOCK,
                        "cred.a"));

        assertThat(s.tags.get("enc:base64")).isEqualTo(new EvalScore.TagStats(2, 1, 0, 0));
        assertThat(s.tags.get("container:query").recall()).isEqualTo(1.0);
        assertThat(s.rules.get("cred.a").f1()).isEqualTo(2.0 / 3);
    }
}
