package dev.sieve.proxy.budget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The token bucket and upload window arithmetic, with time as a parameter. */
class BudgetMathTest {

    @Test
    void aFullBucketLetsRpmRequestsThroughThenWaitsForTheNextToken() {
        TokenBucket b = TokenBucket.full(3, 0);
        for (int i = 0; i < 3; i++) {
            b = b.at(3, 0);
            assertThat(b.hasToken()).isTrue();
            b = b.take();
        }
        assertThat(b.at(3, 0).hasToken()).isFalse();
        // 3 per minute: one token every 20 s.
        assertThat(b.at(3, 0).waitMillis(3)).isEqualTo(20_000);
        assertThat(b.at(3, 5_000).waitMillis(3)).isEqualTo(15_000);
        assertThat(b.at(3, 19_999).hasToken()).isFalse();
        assertThat(b.at(3, 20_000).hasToken()).isTrue();
    }

    @Test
    void aBucketNeverHoldsMoreThanRpmTokens() {
        TokenBucket b = TokenBucket.full(2, 0).take().take();
        assertThat(b.at(2, 3_600_000).tokens()).isEqualTo(2.0);
    }

    @Test
    void aClockGoingBackAddsNoTokens() {
        TokenBucket b = TokenBucket.full(2, 60_000).take().take();
        TokenBucket earlier = b.at(2, 0);
        assertThat(earlier.hasToken()).isFalse();
        assertThat(earlier.atMillis()).isEqualTo(60_000);
    }

    @Test
    void aWindowRefusesWhenSpentOrWhenTheDeclaredLengthDoesNotFit() {
        long hour = UploadWindow.HOUR_MILLIS;
        UploadWindow w = new UploadWindow(Long.MIN_VALUE, 0).at(10, hour).charge(600);
        assertThat(w.left(1000)).isEqualTo(400);
        assertThat(w.refuses(1000, -1)).isFalse();
        assertThat(w.refuses(1000, 400)).isFalse();
        assertThat(w.refuses(1000, 401)).isTrue();
        UploadWindow over = w.charge(700); // a chunked body overshoots: nothing is left, not less than nothing
        assertThat(over.left(1000)).isZero();
        assertThat(over.refuses(1000, -1)).isTrue();
        assertThat(over.refuses(1000, 0)).isTrue();
    }

    @Test
    void theNextWindowStartsEmptyOnTheClockBoundary() {
        long hour = UploadWindow.HOUR_MILLIS;
        UploadWindow w = new UploadWindow(Long.MIN_VALUE, 0).at(hour + 5, hour).charge(1000);
        assertThat(w.at(2 * hour - 1, hour).used()).isEqualTo(1000);
        assertThat(w.millisToNext(2 * hour - 1, hour)).isEqualTo(1);
        assertThat(w.at(2 * hour, hour).used()).isZero();
        assertThat(w.at(2 * hour, hour).index()).isEqualTo(2);
    }
}
