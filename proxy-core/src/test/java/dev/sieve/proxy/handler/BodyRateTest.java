package dev.sieve.proxy.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The minimum-rate rule, on times the test chooses (no clock, no sleeping). */
class BodyRateTest {
    private static final long SECOND = 1_000_000_000L;
    /** 1000 bytes a second, 2 s grace: an allowance of 2000 bytes. */
    private final BodyRate rate = new BodyRate(1000, 2 * SECOND, 0);

    @Test
    void aBodyThatSendsNothingFallsBehindAfterTheGracePeriod() {
        assertThat(rate.nanosLeft(0)).isEqualTo(2 * SECOND);
        assertThat(rate.nanosLeft(SECOND)).isEqualTo(SECOND);
        assertThat(rate.nanosLeft(2 * SECOND)).isZero();
    }

    @Test
    void aBodyAtTheMinimumRateKeepsGoing() {
        for (long t = 1; t <= 600; t++) {
            rate.received(1000, t * SECOND);
        }
        assertThat(rate.nanosLeft(600 * SECOND)).isEqualTo(2 * SECOND);
    }

    @Test
    void aTrickleBelowTheRateFallsBehind() {
        long t = 0;
        while (rate.nanosLeft(t) > 0 && t < 100 * SECOND) {
            t += SECOND / 2;
            rate.received(100, t); // 200 bytes a second
        }
        assertThat(t).isBetween(2 * SECOND, 3 * SECOND);
    }

    @Test
    void aFastStartEarnsNoMoreThanOneGracePeriod() {
        rate.received(10_000_000, SECOND / 10);
        assertThat(rate.nanosLeft(SECOND / 10)).isEqualTo(2 * SECOND);
        assertThat(rate.nanosLeft(SECOND / 10 + 2 * SECOND)).isZero();
    }

    @Test
    void pausedTimeDoesNotCount() {
        rate.received(0, SECOND);
        rate.pause(SECOND);
        assertThat(rate.nanosLeft(100 * SECOND)).isEqualTo(Long.MAX_VALUE);
        rate.resume(100 * SECOND);
        assertThat(rate.nanosLeft(100 * SECOND)).isEqualTo(SECOND);
    }

    @Test
    void rejectsAZeroRate() {
        assertThatThrownBy(() -> new BodyRate(0, SECOND, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
