package dev.sieve.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.bench.load.GrowthCheck.Status;
import dev.sieve.bench.load.GrowthCheck.Verdict;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The soak criterion on synthetic series shaped like what a 30-minute soak samples every 30 s (61 samples, 5 minutes
 * of warm-up, 25 judged minutes), around a level of 100 with the soak's default allowance of 10 % of the level.
 */
class GrowthCheckTest {

    private static final double INTERVAL = 30;
    private static final int SAMPLES = 61;
    private static final double WARMUP = 300;
    private static final double JUDGED = (SAMPLES - 1) * INTERVAL - WARMUP;
    private static final double RELATIVE = 0.10;
    private static final double ABSOLUTE = 4;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void flatWithNoisePasses(long seed) {
        Verdict v = judge(seed, 3, t -> 100);

        assertThat(v.status()).isEqualTo(Status.PASS);
        assertThat(v.level()).isCloseTo(100, org.assertj.core.data.Offset.offset(2.0));
    }

    @ParameterizedTest
    @ValueSource(ints = {60, 150, 210, 270, 330})
    void aGcSawToothPassesWhateverItsPhase(int phaseSeconds) {
        // Teeth of 4 minutes climbing 100 -> 160 then collapsing: 60 % of the level, six times the allowance.
        Verdict v = judge(1, 1, t -> 100 + 60 * (((t + phaseSeconds) % 240) / 240));

        assertThat(v.status()).isEqualTo(Status.PASS);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void slowSteadyGrowthFailsWithItsSlope(long seed) {
        // +20 % over the judged 25 minutes: 0.8 per minute, under noise of +-3.
        Verdict v = judge(seed, 3, t -> 100 + 0.8 * (t / 60));

        assertThat(v.status()).isEqualTo(Status.FAIL);
        assertThat(v.slopePerMinute()).isBetween(0.6, 1.0);
        assertThat(v.describe("heap_mib", "MiB")).startsWith("heap_mib: FAIL, grows steadily: +0.")
                .contains(" MiB/min, +", " MiB over the judged 25.0 min (allowance 11.", " MiB at level 11");
    }

    @Test
    void growthUnderASawToothFails() {
        Verdict v = judge(1, 2, t -> 100 + 0.8 * (t / 60) + 40 * ((t % 240) / 240));

        assertThat(v.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void growthThatStartsHalfwayFails() {
        double start = WARMUP + JUDGED / 2;
        Verdict v = judge(1, 2, t -> t < start ? 100 : 100 + 1.5 * ((t - start) / 60));

        assertThat(v.status()).isEqualTo(Status.FAIL);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.25, 0.4, 0.5, 0.6})
    void aStepThenFlatIsLevelledAndPasses(double at) {
        // A one-time rise of 30 % (a cache reaching its bound): reported, not failed, wherever it falls.
        double step = WARMUP + at * JUDGED;
        Verdict v = judge(1, 2, t -> t < step ? 100 : 130);

        assertThat(v.status()).isEqualTo(Status.LEVELLED);
        assertThat(v.failed()).isFalse();
    }

    @Test
    void aStepInTheLastSixthIsTooLateToCallAndPasses() {
        // The grey zone of the last third (see GrowthCheck): this late, a rise barely moves the trend.
        double step = WARMUP + 0.9 * JUDGED;
        Verdict v = judge(1, 2, t -> t < step ? 100 : 130);

        assertThat(v.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aStepRightAfterTheWarmupIsJustTheLevel() {
        double step = WARMUP + 0.1 * JUDGED;
        Verdict v = judge(1, 2, t -> t < step ? 100 : 130);

        assertThat(v.status()).isEqualTo(Status.PASS);
    }

    @Test
    void growthDuringTheWarmupThenFlatPasses() {
        Verdict v = judge(1, 2, t -> t < WARMUP ? 40 + 60 * t / WARMUP : 100);

        assertThat(v.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aSingleSpikeAtTheEndPasses() {
        Verdict v = judge(1, 2, t -> t >= (SAMPLES - 1) * INTERVAL ? 400 : 100);

        assertThat(v.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aShrinkingSeriesPasses() {
        Verdict v = judge(1, 2, t -> 200 - 2 * (t / 60));

        assertThat(v.status()).isEqualTo(Status.PASS);
        assertThat(v.slopePerMinute()).isNegative();
    }

    @Test
    void growthWithinTheAbsoluteAllowanceOfASmallSeriesPasses() {
        // 30 threads gaining 3 over the run: 10 % of the level, but under the absolute allowance of 4.
        Verdict v = judge(1, 0, t -> 30 + Math.floor(3 * t / ((SAMPLES - 1) * INTERVAL)));

        assertThat(v.allowance()).isEqualTo(ABSOLUTE);
        assertThat(v.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aSmallSeriesGrowingOneUnitAtATimeFails() {
        // A thread or file descriptor leaked every 2 minutes: 30 -> 45.
        Verdict v = judge(1, 0, t -> 30 + Math.floor(t / 120));

        assertThat(v.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void tooFewSamplesAfterTheWarmupConcludeNothing() {
        double[] t = {0, 30, 60, 90, 120, 150, 180, 210, 240, 270};
        double[] y = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        Verdict v = GrowthCheck.judge(t, y, 60, RELATIVE, ABSOLUTE);

        assertThat(v.status()).isEqualTo(Status.TOO_FEW);
        assertThat(v.samples()).isEqualTo(8);
        assertThat(v.failed()).isTrue();
        assertThat(v.describe("threads", "")).contains("8 readings after the warm-up (expected: at least 9");
    }

    @Test
    void intervalsWithoutAReadingAreSkipped() {
        // The heap after GC has no reading in an interval without a collection: every other one here.
        double[] t = new double[SAMPLES];
        double[] y = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            t[i] = i * INTERVAL;
            y[i] = i % 2 == 0 ? 100 + 0.8 * (t[i] / 60) : Double.NaN;
        }

        Verdict v = GrowthCheck.judge(t, y, WARMUP, RELATIVE, ABSOLUTE);

        assertThat(v.samples()).isEqualTo(26);
        assertThat(v.status()).isEqualTo(Status.FAIL);
        assertThat(v.slopePerMinute()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aSparseSeriesHoldsEachReadingUntilTheNext() {
        // The heap after GC, read in every third interval only: flat passes, growing fails.
        Verdict flat = GrowthCheck.judgeSparse(TIMES, sparse(t -> 100), WARMUP, RELATIVE, ABSOLUTE);
        Verdict growing = GrowthCheck.judgeSparse(TIMES, sparse(t -> 100 + 0.8 * (t / 60)), WARMUP, RELATIVE,
                ABSOLUTE);

        assertThat(flat.status()).isEqualTo(Status.PASS);
        assertThat(flat.samples()).isEqualTo(51);
        assertThat(growing.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aSparseSeriesWithoutReadingsInTheLastThirdConcludesNothing() {
        double[] y = sparse(t -> 100);
        for (int i = 45; i < SAMPLES; i++) {
            y[i] = Double.NaN;
        }

        Verdict v = GrowthCheck.judgeSparse(TIMES, y, WARMUP, RELATIVE, ABSOLUTE);

        assertThat(v.status()).isEqualTo(Status.TOO_FEW);
        assertThat(v.describe("heap_mib", "MiB")).startsWith("heap_mib: CANNOT JUDGE: 11 readings after the warm-up");
    }

    @Test
    void mismatchedArraysAreRefused() {
        assertThatThrownBy(() -> GrowthCheck.judge(new double[3], new double[2], 0, RELATIVE, ABSOLUTE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("samples: 3 times, 2 values (expected: as many of each)");
    }

    @Test
    void theilSenIgnoresOneOutlierWhereTheLineIsExact() {
        double[] t = {0, 1, 2, 3, 4, 5, 6};
        double[] y = {0, 2, 4, 6, 8, 10, 1000};

        assertThat(GrowthCheck.theilSen(t, y, 0, t.length)).isEqualTo(2.0);
    }

    private static final double[] TIMES = java.util.stream.IntStream.range(0, SAMPLES).mapToDouble(i -> i * INTERVAL)
            .toArray();

    /** {@code shape(t)} at every third sample, NaN at the others. */
    private static double[] sparse(DoubleUnaryOperator shape) {
        double[] y = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            y[i] = i % 3 == 0 ? shape.applyAsDouble(TIMES[i]) : Double.NaN;
        }
        return y;
    }

    /** The series {@code shape(t)} sampled every 30 s from 0 to 30 minutes, plus uniform noise of +-{@code noise}. */
    private static Verdict judge(long seed, double noise, DoubleUnaryOperator shape) {
        Random random = new Random(seed);
        double[] t = new double[SAMPLES];
        double[] y = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            t[i] = i * INTERVAL;
            y[i] = shape.applyAsDouble(t[i]) + (random.nextDouble() * 2 - 1) * noise;
        }
        return GrowthCheck.judge(t, y, WARMUP, RELATIVE, ABSOLUTE);
    }
}
