package dev.sieve.proxy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The floors a {@code sieve eval} run must meet: overall recall and false-positive rate, recall per category, rule
 * or tag, false-positive rate per tag. A floor over nothing (a key no case has) is an error, not a pass.
 */
final class EvalFloors {

    /** Prefix of a tag key in {@code --min-recall-for} and {@code --max-fp-rate-for}. */
    static final String TAG = "tag:";

    /** One floor and how the run did against it; {@code min} floors need actual >= limit, others actual <= limit. */
    record Floor(String name, double actual, double limit, boolean min) {
        boolean ok() {
            return min ? actual >= limit : actual <= limit;
        }
    }

    private final Optional<Double> minRecall;
    private final Optional<Double> maxFpRate;
    private final Map<String, Double> minRecallFor;
    private final Map<String, Double> maxFpRateFor;

    /**
     * @throws IllegalArgumentException for a limit outside [0, 1], or a {@code maxFpRateFor} key that is not a tag
     */
    EvalFloors(Optional<Double> minRecall, Optional<Double> maxFpRate, Map<String, Double> minRecallFor,
            Map<String, Double> maxFpRateFor) {
        this.minRecall = minRecall;
        this.maxFpRate = maxFpRate;
        this.minRecallFor = new TreeMap<>(minRecallFor);
        this.maxFpRateFor = new TreeMap<>(maxFpRateFor);
        minRecall.ifPresent(v -> range("--min-recall", v));
        maxFpRate.ifPresent(v -> range("--max-fp-rate", v));
        this.minRecallFor.forEach((k, v) -> range("--min-recall-for " + k, v));
        this.maxFpRateFor.forEach((k, v) -> {
            range("--max-fp-rate-for " + k, v);
            if (!k.startsWith(TAG)) {
                throw new IllegalArgumentException("--max-fp-rate-for: '" + k + "' (expected: tag:NAME; the "
                        + "false-positive rate is over negative cases, which have no category or rule)");
            }
        });
    }

    /**
     * Checks every floor against {@code score}.
     *
     * @throws IllegalArgumentException when a floor has nothing to measure (no positives, no negatives, a key that
     *     no case has); the message names the option
     */
    List<Floor> check(EvalScore score) {
        List<Floor> out = new ArrayList<>();
        minRecall.ifPresent(v -> out.add(new Floor("recall", measured("--min-recall", score.recall(),
                "no positive cases"), v, true)));
        maxFpRate.ifPresent(v -> out.add(new Floor("fp-rate", measured("--max-fp-rate", score.fpRate(),
                "no negative cases"), v, false)));
        minRecallFor.forEach((key, v) -> out.add(new Floor("recall[" + key + "]", recallFor(score, key), v, true)));
        maxFpRateFor.forEach((key, v) -> {
            EvalScore.TagStats t = score.tags.get(key.substring(TAG.length()));
            double actual = measured("--max-fp-rate-for " + key, t == null ? Double.NaN : t.fpRate(),
                    "no negative case has this tag");
            out.add(new Floor("fp-rate[" + key + "]", actual, v, false));
        });
        return out;
    }

    private static double recallFor(EvalScore score, String key) {
        String option = "--min-recall-for " + key;
        if (key.startsWith(TAG)) {
            EvalScore.TagStats t = score.tags.get(key.substring(TAG.length()));
            return measured(option, t == null ? Double.NaN : t.recall(), "no positive case has this tag");
        }
        EvalScore.Counts c = score.categories.containsKey(key) ? score.categories.get(key) : score.rules.get(key);
        return measured(option, c == null ? Double.NaN : c.recall(),
                "no case expects this category or rule id (keys: a category, a rule id, or tag:NAME)");
    }

    private static double measured(String option, double value, String why) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(option + ": nothing to measure: " + why);
        }
        return value;
    }

    private static void range(String option, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(option + ": " + v + " (expected: a fraction between 0 and 1)");
        }
    }
}
