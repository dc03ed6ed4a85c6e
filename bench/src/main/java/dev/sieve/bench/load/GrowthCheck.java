package dev.sieve.bench.load;

import java.util.Arrays;
import java.util.Locale;

/**
 * The soak test's criterion: does a resource series grow steadily after the warm-up? Pure, no I/O.
 *
 * <p>Over the samples after the warm-up (at least {@link #MIN_SAMPLES}), with {@code T} the judged time span:
 * <ul>
 *   <li><b>allowance</b> {@code A = max(relative x level, absolute)}, level = the median of the judged samples, so a
 *       threshold means "this fraction of what the process holds anyway" and small series (threads) get a floor;
 *   <li><b>trend</b> {@code G = slope x T} with the Theil-Sen slope (the median of the slopes between every pair of
 *       samples): a single spike (an upload in flight, a GC at the wrong moment) does not move it, where one outlier
 *       at an end can tilt a least-squares line;
 *   <li><b>thirds</b> {@code D = median(last third) - median(first third)}: a saw-tooth whose teeth are shorter than a
 *       third has equal thirds whatever phase the window cuts it at, so it cannot fail through a tilted trend alone;
 *   <li><b>still growing</b> {@code G3 = slope(last third) x T}: the last third alone, at the same scale.
 * </ul>
 * <b>Fails</b> when {@code G > A} and {@code D > A/2} and {@code G3 > A/2}: growth beyond the allowance, seen both
 * as a trend and as a level shift, and still going on in the last third. A series that rose by more than {@code A}
 * and then stayed flat for the last third (a cache reaching its bound, a pool filling, the JIT finishing) is
 * <b>levelled</b>: it passes with a note. A single rise inside the last third is the grey zone: from the start of
 * growth it is told apart only by the few samples after it, so it may fail (a rise early in the last third) or pass
 * (in the last sixth it barely moves the trend); the plot shows it either way, and a longer run decides. A saw-tooth
 * whose teeth are longer than a third of the judged span cannot be told from growth by any criterion, which is why
 * the soak samples the floor of each interval: GC cycles then show as short teeth at most.
 */
final class GrowthCheck {

    /** Fewest judged samples: three per third. */
    static final int MIN_SAMPLES = 9;

    private GrowthCheck() {
    }

    /** What the check concluded about one series. */
    enum Status {
        /** No growth beyond the allowance. */
        PASS,
        /** Rose by more than the allowance, then stayed flat: passes, reported. */
        LEVELLED,
        /** Grows steadily: the soak fails. */
        FAIL,
        /**
         * Fewer than {@link #MIN_SAMPLES} samples after the warm-up, or (sparse series) a third without a reading:
         * nothing can be concluded (the soak fails).
         */
        TOO_FEW
    }

    /**
     * The verdict on one series with the numbers behind it, in the series' unit (slope per minute).
     *
     * @param samples judged samples (after the warm-up)
     * @param intercept the trend line's value at time 0 (it is {@code intercept + slopePerMinute x minutes})
     */
    record Verdict(Status status, int samples, double level, double allowance, double slopePerMinute,
            double intercept, double growth, double thirdsDelta, double lastThirdGrowth, double judgedMinutes) {

        boolean failed() {
            return status == Status.FAIL || status == Status.TOO_FEW;
        }

        /** One line for a person: the series, its verdict, slope and the numbers compared. */
        String describe(String name, String unit) {
            if (status == Status.TOO_FEW) {
                return String.format(Locale.ROOT, "%s: CANNOT JUDGE: %d readings after the warm-up (expected: at least"
                        + " %d, spread over every third of the judged span; run longer)", name, samples, MIN_SAMPLES);
            }
            String what = switch (status) {
                case FAIL -> "FAIL, grows steadily";
                case LEVELLED -> "pass (rose, then levelled off)";
                default -> "pass";
            };
            String u = unit.isEmpty() ? "" : " " + unit;
            return String.format(Locale.ROOT, "%s: %s: %+.3g%s/min, %+.3g%s over the judged %.1f min (allowance %.3g%s"
                    + " at level %.4g%s); last third - first third %+.3g%s, last third's trend over the span %+.3g%s",
                    name, what, slopePerMinute, u, growth, u, judgedMinutes, allowance, u, level, u, thirdsDelta, u,
                    lastThirdGrowth, u);
        }
    }

    /**
     * Judges {@code values} sampled at {@code seconds} (from the start of the run, ascending), ignoring samples
     * before {@code warmupSeconds} and NaN values (an interval without a reading).
     *
     * @param relative allowed growth over the judged span as a fraction of the level (e.g. 0.10)
     * @param absolute allowed growth in the series' unit whatever the level (e.g. 16 MiB, 4 threads)
     * @throws IllegalArgumentException if the arrays differ in length or a threshold is negative
     */
    static Verdict judge(double[] seconds, double[] values, double warmupSeconds, double relative, double absolute) {
        if (seconds.length != values.length) {
            throw new IllegalArgumentException("samples: " + seconds.length + " times, " + values.length
                    + " values (expected: as many of each)");
        }
        if (relative < 0 || absolute < 0) {
            throw new IllegalArgumentException("thresholds: " + relative + ", " + absolute + " (expected: >= 0)");
        }
        int n = 0;
        double[] t = new double[seconds.length];
        double[] y = new double[values.length];
        for (int i = 0; i < seconds.length; i++) {
            if (seconds[i] >= warmupSeconds && !Double.isNaN(values[i])) {
                t[n] = seconds[i];
                y[n++] = values[i];
            }
        }
        t = Arrays.copyOf(t, n);
        y = Arrays.copyOf(y, n);
        if (n < MIN_SAMPLES) {
            return new Verdict(Status.TOO_FEW, n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN);
        }
        double span = t[n - 1] - t[0];
        double level = median(y, 0, n);
        double allowance = Math.max(relative * Math.abs(level), absolute);
        double slope = theilSen(t, y, 0, n);
        double growth = slope * span;
        int third = n / 3;
        double thirdsDelta = median(y, n - third, n) - median(y, 0, third);
        double lastThirdGrowth = theilSen(t, y, n - third, n) * span;
        Status status;
        if (growth > allowance && thirdsDelta > allowance / 2 && lastThirdGrowth > allowance / 2) {
            status = Status.FAIL;
        } else if (thirdsDelta > allowance) {
            status = Status.LEVELLED;
        } else {
            status = Status.PASS;
        }
        double[] offsets = new double[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = y[i] - slope * t[i];
        }
        return new Verdict(status, n, level, allowance, slope * 60, median(offsets, 0, n), growth, thirdsDelta,
                lastThirdGrowth, span / 60);
    }

    /**
     * Judges a series read only now and then (the heap after a collection: an interval without a collection has
     * none): each reading holds until the next (NaN samples take the last reading before them, from the warm-up
     * too), then {@link #judge}. {@link Status#TOO_FEW} unless every third of the judged samples has a reading of its
     * own, so that the verdict never rests on a value carried across a third.
     */
    static Verdict judgeSparse(double[] seconds, double[] values, double warmupSeconds, double relative,
            double absolute) {
        double[] carried = values.clone();
        for (int i = 1; i < carried.length; i++) {
            if (Double.isNaN(carried[i])) {
                carried[i] = carried[i - 1];
            }
        }
        Verdict v = judge(seconds, carried, warmupSeconds, relative, absolute);
        if (v.status() == Status.TOO_FEW) {
            return v;
        }
        int from = 0;
        while (seconds[from] < warmupSeconds || Double.isNaN(carried[from])) {
            from++;
        }
        int n = seconds.length - from;
        int third = n / 3;
        for (int start : new int[] {from, from + third, seconds.length - third}) {
            boolean seen = false;
            for (int i = start; i < start + third; i++) {
                seen |= !Double.isNaN(values[i]);
            }
            if (!seen) {
                int readings = 0;
                for (int i = from; i < seconds.length; i++) {
                    readings += Double.isNaN(values[i]) ? 0 : 1;
                }
                return new Verdict(Status.TOO_FEW, readings, v.level(), v.allowance(), v.slopePerMinute(),
                        v.intercept(), v.growth(), v.thirdsDelta(), v.lastThirdGrowth(), v.judgedMinutes());
            }
        }
        return v;
    }

    /**
     * The Theil-Sen slope of the samples {@code [from, to)}: the median of the pairwise slopes. Written here rather
     * than taken from a library: Commons Math has least squares only, and this is a dozen lines over at most a few
     * thousand samples (a 24-hour soak at 30 s: 2,880 samples, 4 million pairs, well under a second).
     */
    static double theilSen(double[] t, double[] y, int from, int to) {
        int n = to - from;
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = from; i < to; i++) {
            for (int j = i + 1; j < to; j++) {
                if (t[j] != t[i]) {
                    slopes[k++] = (y[j] - y[i]) / (t[j] - t[i]);
                }
            }
        }
        return k == 0 ? 0 : median(slopes, 0, k);
    }

    static double median(double[] values, int from, int to) {
        double[] sorted = Arrays.copyOfRange(values, from, to);
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
