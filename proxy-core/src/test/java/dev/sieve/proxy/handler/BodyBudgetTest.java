package dev.sieve.proxy.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BodyBudgetTest {

    @Test
    void grantsImmediatelyWhileItFits() {
        BodyBudget budget = new BodyBudget(100);
        List<String> granted = new ArrayList<>();
        assertThat(budget.reserve(60, () -> granted.add("a"))).isEqualTo(60);
        assertThat(budget.reserve(40, () -> granted.add("b"))).isEqualTo(40);
        assertThat(granted).containsExactly("a", "b");
        assertThat(budget.reserved()).isEqualTo(100);
    }

    @Test
    void waitsFirstComeFirstServedAndGrantsOnRelease() {
        BodyBudget budget = new BodyBudget(100);
        List<String> granted = new ArrayList<>();
        budget.reserve(80, () -> granted.add("a"));
        budget.reserve(50, () -> granted.add("b"));
        budget.reserve(10, () -> granted.add("c")); // fits, but must not overtake b
        assertThat(granted).containsExactly("a");
        assertThat(budget.waiting()).isEqualTo(2);

        budget.release(80);
        assertThat(granted).containsExactly("a", "b", "c");
        assertThat(budget.reserved()).isEqualTo(60);
        assertThat(budget.peak()).isEqualTo(80);
    }

    @Test
    void aRequestLargerThanTheBudgetReservesAllOfIt() {
        BodyBudget budget = new BodyBudget(100);
        AtomicInteger granted = new AtomicInteger();
        assertThat(budget.reserve(500, granted::incrementAndGet)).isEqualTo(100);
        assertThat(granted).hasValue(1);
        budget.release(100);
        assertThat(budget.reserved()).isZero();
    }

    @Test
    void concurrentReservationsNeverExceedTheLimit() throws Exception {
        BodyBudget budget = new BodyBudget(1000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int n = 2000;
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            long size = 50 + (i % 7) * 40;
            pool.execute(() -> {
                long[] held = new long[1];
                held[0] = budget.reserve(size, () -> pool.execute(() -> {
                    budget.release(held[0] == 0 ? size : held[0]);
                    done.countDown();
                }));
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        assertThat(budget.peak()).isLessThanOrEqualTo(1000);
        assertThat(budget.reserved()).isZero();
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> new BodyBudget(0)).hasMessage("maxBodyBytesInFlight: 0 (expected: > 0)");
    }
}
