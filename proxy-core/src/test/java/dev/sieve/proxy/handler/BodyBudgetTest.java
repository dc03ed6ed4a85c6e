package dev.sieve.proxy.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BodyBudgetTest {
    private final List<String> granted = new ArrayList<>();

    private boolean request(BodyBudget.Claim claim, long bytes, String name) {
        return claim.request(bytes, () -> granted.add(name));
    }

    @Test
    void grantsImmediatelyWhileItFits() {
        BodyBudget budget = new BodyBudget(100, 100);
        assertThat(request(budget.open("x"), 60, "a")).isTrue();
        assertThat(request(budget.open("y"), 40, "b")).isTrue();
        assertThat(granted).as("callbacks only run for waits").isEmpty();
        assertThat(budget.reserved()).isEqualTo(100);
    }

    @Test
    void waitsInClaimOrderAndGrantsWhenRoomComesBack() {
        BodyBudget budget = new BodyBudget(100, 100);
        BodyBudget.Claim a = budget.open("a");
        request(a, 80, "a");
        assertThat(request(budget.open("b"), 50, "b")).isFalse();
        assertThat(request(budget.open("c"), 10, "c")).as("fits, but must not overtake b").isFalse();
        assertThat(budget.waiting()).isEqualTo(2);

        a.close();

        assertThat(granted).containsExactly("b", "c");
        assertThat(budget.reserved()).isEqualTo(60);
        assertThat(budget.peak()).isEqualTo(80);
    }

    @Test
    void anOlderClaimAskingForMoreGoesBeforeYoungerOnes() {
        BodyBudget budget = new BodyBudget(100, 100);
        BodyBudget.Claim old = budget.open("old");
        BodyBudget.Claim other = budget.open("other");
        request(old, 40, "old-1");
        request(other, 60, "other");
        assertThat(request(budget.open("young"), 30, "young")).isFalse();
        assertThat(request(old, 30, "old-2")).as("budget full").isFalse();

        other.close();

        // The chunked body that already holds part of the budget is finished first.
        assertThat(granted).containsExactly("old-2", "young");
        assertThat(old.held()).isEqualTo(70);
    }

    @Test
    void oneAgentHoldsAtMostItsShareAndDoesNotHoldUpOthers() {
        BodyBudget budget = new BodyBudget(100, 40);
        BodyBudget.Claim first = budget.open("hog");
        assertThat(request(first, 40, "hog-1")).isTrue();
        BodyBudget.Claim second = budget.open("hog");
        assertThat(request(second, 10, "hog-2")).isFalse();
        assertThat(second.blocker()).isEqualTo(BodyBudget.Blocker.AGENT_SHARE);

        assertThat(request(budget.open("other"), 40, "other")).as("not behind the hog's waiter").isTrue();
        assertThat(budget.reserved("hog")).isEqualTo(40);

        first.close();
        assertThat(granted).containsExactly("hog-2");
        assertThat(budget.reserved("hog")).isEqualTo(10);
    }

    @Test
    void aWaiterThatDoesNotFitTheBudgetStopsTheLine() {
        BodyBudget budget = new BodyBudget(100, 100);
        BodyBudget.Claim holder = budget.open("a");
        request(holder, 90, "a");
        BodyBudget.Claim big = budget.open("b");
        assertThat(request(big, 50, "big")).isFalse();
        assertThat(big.blocker()).isEqualTo(BodyBudget.Blocker.BUDGET);
        assertThat(request(budget.open("c"), 5, "small")).isFalse();

        assertThat(big.cancel()).as("withdrawn while waiting").isTrue();

        assertThat(granted).as("the small one moves up once the big one gave up").containsExactly("small");
        assertThat(big.cancel()).as("nothing left to withdraw").isFalse();
    }

    @Test
    void aCancelledOrClosedRequestIsNeverGranted() {
        BodyBudget budget = new BodyBudget(100, 100);
        BodyBudget.Claim holder = budget.open("a");
        request(holder, 100, "a");
        BodyBudget.Claim cancelled = budget.open("b");
        request(cancelled, 10, "cancelled");
        BodyBudget.Claim closed = budget.open("c");
        request(closed, 10, "closed");

        assertThat(cancelled.cancel()).isTrue();
        closed.close();
        holder.close();

        assertThat(granted).isEmpty();
        assertThat(budget.reserved()).isZero();
        assertThat(budget.waiting()).isZero();
    }

    @Test
    void closingReleasesEverythingTheClaimHeldOnce() {
        BodyBudget budget = new BodyBudget(100, 100);
        BodyBudget.Claim claim = budget.open("a");
        request(claim, 30, "1");
        request(claim, 30, "2");
        assertThat(claim.held()).isEqualTo(60);

        claim.close();
        claim.close();

        assertThat(budget.reserved()).isZero();
        assertThat(budget.reserved("a")).isZero();
        assertThatThrownBy(() -> request(claim, 1, "late")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aClaimIsCappedAtTheAgentShare() {
        BodyBudget budget = new BodyBudget(100, 40);
        BodyBudget.Claim claim = budget.open("a");
        assertThat(request(claim, 500, "a")).isTrue();
        assertThat(claim.held()).isEqualTo(40);
    }

    @Test
    void concurrentClaimsNeverExceedTheLimitOrAShareAndAllComplete() throws Exception {
        BodyBudget budget = new BodyBudget(1000, 400);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int n = 2000;
        CountDownLatch done = new CountDownLatch(n);
        List<Long> sharePeaks = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            long size = 50 + (i % 7) * 40;
            String agent = "agent-" + (i % 5);
            pool.execute(() -> {
                BodyBudget.Claim claim = budget.open(agent);
                Runnable finish = () -> pool.execute(() -> {
                    sharePeaks.add(budget.reserved(agent));
                    claim.close();
                    done.countDown();
                });
                if (claim.request(size, finish)) {
                    finish.run();
                }
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        assertThat(budget.peak()).isLessThanOrEqualTo(1000);
        assertThat(sharePeaks).allMatch(held -> held <= 400);
        assertThat(budget.reserved()).isZero();
        assertThat(budget.waiting()).isZero();
    }

    @Test
    void rejectsBadLimits() {
        assertThatThrownBy(() -> new BodyBudget(0, 0)).hasMessage("maxBodyBytesInFlight: 0 (expected: > 0)");
        assertThatThrownBy(() -> new BodyBudget(10, 20))
                .hasMessage("maxBodyBytesInFlightPerAgent: 20 (expected: from 1 to maxBodyBytesInFlight 10)");
    }
}
