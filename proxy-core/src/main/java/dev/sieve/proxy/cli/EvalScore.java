package dev.sieve.proxy.cli;

import dev.sieve.dlp.Category;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The scores of a {@code sieve eval} run, computed from what each case expected and what the inspection found.
 * Pure: no I/O, no engine.
 *
 * <p>How findings are matched (a case's <em>expected categories</em> are its {@code expect.categories} plus the
 * categories of its {@code expect.rules}):
 * <ul>
 *   <li><b>Rules</b>: an expected rule that fires is a true positive of that rule, one that does not a false
 *       negative. A rule that fires without being expected is a false positive of that rule, unless its category
 *       is expected in the case: then it is tolerated (another rule of the expected kind caught the value, or a
 *       second rule saw the same value) and counts nowhere.</li>
 *   <li><b>Categories</b>: an expected category with any finding of that category is a true positive, without one a
 *       false negative; a finding of a category the case does not expect is a false positive of that category.</li>
 *   <li><b>Cases</b>: a positive case is <em>detected</em> when every expected category has a finding (so a value
 *       caught by another rule of its category counts; the rule table still shows the expected rule's miss).
 *       Recall = detected positives / positives. A negative case is a <em>false positive</em> when it has any
 *       finding or its inspection failed (the proxy would block it); false-positive rate = such negatives /
 *       negatives. Precision = category true positives / (true + false positives), over all cases.</li>
 *   <li>Each case counts at most once per rule, category and tag, however many findings it has.</li>
 * </ul>
 */
final class EvalScore {

    /**
     * What the inspection of one case produced; {@code failure} is set when the inspection failed (blocks). Published
     * examples ({@link Finding#example()}: documentation keys and test cards under a rule's {@code ignore_examples})
     * are log records for the SOC, not detections: they are left out here, so they count nowhere.
     */
    record Observed(EvalCase kase, Decision decision, List<Finding> findings, Optional<String> failure) {
        Observed {
            findings = findings.stream().filter(f -> !f.example()).toList();
        }
    }

    /** True positives, false negatives and false positives (in cases). */
    record Counts(int tp, int fn, int fp) {
        double precision() {
            return ratio(tp, tp + fp);
        }

        double recall() {
            return ratio(tp, tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return Double.isNaN(p) || Double.isNaN(r) || p + r == 0 ? Double.NaN : 2 * p * r / (p + r);
        }

        Counts plus(int dTp, int dFn, int dFp) {
            return new Counts(tp + dTp, fn + dFn, fp + dFp);
        }
    }

    /** Cases with a tag: positives and how many were detected, negatives and how many were flagged. */
    record TagStats(int positives, int detected, int negatives, int flagged) {
        double recall() {
            return ratio(detected, positives);
        }

        double fpRate() {
            return ratio(flagged, negatives);
        }
    }

    /**
     * A positive case that missed an expected rule or category. {@code missedCategories} empty means partial: the
     * categories were caught, by other rules than the expected ones.
     */
    record Miss(EvalCase kase, List<String> missedRules, List<String> missedCategories, List<String> foundRules,
                Optional<String> failure) {
        boolean partial() {
            return missedCategories.isEmpty();
        }
    }

    /** A finding a case did not expect (any finding on a negative). */
    record FalsePositive(EvalCase kase, Finding finding) {
    }

    /** A negative case whose inspection failed: the proxy would block it without a finding. */
    record FailedNegative(EvalCase kase, String failure) {
    }

    /** A case whose decision differs from its {@code expect.outcome}. */
    record OutcomeMismatch(EvalCase kase, Decision expected, Decision actual) {
        boolean weaker() {
            return actual.ordinal() < expected.ordinal();
        }
    }

    final int positives;
    final int negatives;
    final int detected;
    final int flaggedNegatives;
    final Counts overall;
    final int outcomesChecked;
    final Map<String, Counts> rules = new TreeMap<>();
    final Map<String, Counts> categories = new TreeMap<>();
    final Map<String, TagStats> tags = new TreeMap<>();
    final List<String> rulesWithoutCases = new ArrayList<>();
    final List<Miss> misses = new ArrayList<>();
    final List<FalsePositive> falsePositives = new ArrayList<>();
    final List<FailedNegative> failedNegatives = new ArrayList<>();
    final List<OutcomeMismatch> outcomeMismatches = new ArrayList<>();

    /**
     * @param categoryOfRule the category of every rule id that can appear in the cases or findings
     * @param ruleIds        all loaded rules (those no case expects or hits are listed as without cases)
     */
    EvalScore(List<Observed> observed, Function<String, Category> categoryOfRule, Collection<String> ruleIds) {
        int pos = 0;
        int neg = 0;
        int det = 0;
        int flagged = 0;
        int checked = 0;
        for (Observed o : observed) {
            EvalCase c = o.kase();
            Set<String> expectedRules = new LinkedHashSet<>(c.expect().rules());
            Set<String> expectedCats = new LinkedHashSet<>(c.expect().categories());
            expectedRules.forEach(r -> expectedCats.add(categoryOfRule.apply(r).yamlName()));
            Set<String> foundRules = new LinkedHashSet<>();
            Set<String> foundCats = new LinkedHashSet<>();
            for (Finding f : o.findings()) {
                foundRules.add(f.ruleId());
                foundCats.add(f.category().yamlName());
            }
            scoreRules(c, o, expectedRules, expectedCats, foundRules);
            for (String cat : expectedCats) {
                categories.merge(cat, foundCats.contains(cat) ? new Counts(1, 0, 0) : new Counts(0, 1, 0), EvalScore::sum);
            }
            for (String cat : foundCats) {
                if (!expectedCats.contains(cat)) {
                    categories.merge(cat, new Counts(0, 0, 1), EvalScore::sum);
                }
            }
            boolean detectedCase = false;
            boolean flaggedCase = false;
            if (c.positive()) {
                pos++;
                List<String> missedCats = expectedCats.stream().filter(x -> !foundCats.contains(x)).toList();
                List<String> missedRules = expectedRules.stream().filter(x -> !foundRules.contains(x)).toList();
                detectedCase = missedCats.isEmpty();
                if (detectedCase) {
                    det++;
                }
                if (!missedCats.isEmpty() || !missedRules.isEmpty()) {
                    misses.add(new Miss(c, missedRules, missedCats, List.copyOf(foundRules), o.failure()));
                }
            } else {
                neg++;
                flaggedCase = !o.findings().isEmpty() || o.failure().isPresent();
                if (flaggedCase) {
                    flagged++;
                }
                o.failure().ifPresent(f -> failedNegatives.add(new FailedNegative(c, f)));
            }
            for (String tag : c.tags()) {
                TagStats t = tags.getOrDefault(tag, new TagStats(0, 0, 0, 0));
                tags.put(tag, c.positive()
                        ? new TagStats(t.positives() + 1, t.detected() + (detectedCase ? 1 : 0), t.negatives(), t.flagged())
                        : new TagStats(t.positives(), t.detected(), t.negatives() + 1, t.flagged() + (flaggedCase ? 1 : 0)));
            }
            if (c.expect().outcome().isPresent()) {
                checked++;
                Decision expected = c.expect().outcome().get();
                if (expected != o.decision()) {
                    outcomeMismatches.add(new OutcomeMismatch(c, expected, o.decision()));
                }
            }
        }
        for (String id : ruleIds) {
            if (!rules.containsKey(id)) {
                rulesWithoutCases.add(id);
            }
        }
        positives = pos;
        negatives = neg;
        detected = det;
        flaggedNegatives = flagged;
        outcomesChecked = checked;
        Counts all = new Counts(0, 0, 0);
        for (Counts k : categories.values()) {
            all = sum(all, k);
        }
        overall = all;
    }

    private void scoreRules(EvalCase c, Observed o, Set<String> expectedRules, Set<String> expectedCats,
            Set<String> foundRules) {
        for (String rule : expectedRules) {
            rules.merge(rule, foundRules.contains(rule) ? new Counts(1, 0, 0) : new Counts(0, 1, 0), EvalScore::sum);
        }
        Set<String> counted = new LinkedHashSet<>();
        for (Finding f : o.findings()) {
            if (expectedRules.contains(f.ruleId()) || expectedCats.contains(f.category().yamlName())) {
                continue;
            }
            falsePositives.add(new FalsePositive(c, f));
            if (counted.add(f.ruleId())) {
                rules.merge(f.ruleId(), new Counts(0, 0, 1), EvalScore::sum);
            }
        }
    }

    /** Detected positives / positives (NaN without positives). */
    double recall() {
        return ratio(detected, positives);
    }

    /** Flagged negatives / negatives (NaN without negatives). */
    double fpRate() {
        return ratio(flaggedNegatives, negatives);
    }

    /** Category-level precision over all cases. */
    double precision() {
        return overall.precision();
    }

    /** Harmonic mean of {@link #precision()} and {@link #recall()}. */
    double f1() {
        double p = precision();
        double r = recall();
        return Double.isNaN(p) || Double.isNaN(r) || p + r == 0 ? Double.NaN : 2 * p * r / (p + r);
    }

    /** Cases whose decision matched their {@code expect.outcome} / cases that state one. */
    double outcomeAgreement() {
        return ratio(outcomesChecked - outcomeMismatches.size(), outcomesChecked);
    }

    private static Counts sum(Counts a, Counts b) {
        return a.plus(b.tp(), b.fn(), b.fp());
    }

    static double ratio(int num, int den) {
        return den == 0 ? Double.NaN : (double) num / den;
    }
}
