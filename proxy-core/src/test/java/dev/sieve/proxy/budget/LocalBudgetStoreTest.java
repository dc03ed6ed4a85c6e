package dev.sieve.proxy.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.config.BudgetLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The in-process counters, on an injected clock. */
class LocalBudgetStoreTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final LocalBudgetStore store = new LocalBudgetStore(now::get);

    private static BudgetScope agent(String limits) {
        return BudgetScope.ofAgent("a1", BudgetLimits.parse(limits));
    }

    @Test
    void requestsPerMinuteRefuseUntilTheNextTokenAndSayWhen() {
        List<BudgetScope> scopes = List.of(agent("rpm=2"));
        assertThat(store.admit(scopes, -1).allowed()).isTrue();
        assertThat(store.admit(scopes, -1).allowed()).isTrue();
        BudgetOutcome refused = store.admit(scopes, -1);
        assertThat(refused.limit()).isEqualTo(BudgetLimit.RPM);
        assertThat(refused.retryAfterMillis()).isEqualTo(30_000);
        now.addAndGet(30_000);
        assertThat(store.admit(scopes, -1).allowed()).isTrue();
        assertThat(store.admit(scopes, -1).allowed()).isFalse();
    }

    @Test
    void aRequestTakesATokenFromEveryScopeOrFromNone() {
        BudgetScope wide = agent("rpm=10");
        BudgetScope narrow = BudgetScope.ofDestination("a1", "api.example", BudgetLimits.parse("rpm=1"));
        assertThat(store.admit(List.of(wide, narrow), -1).allowed()).isTrue();
        BudgetOutcome refused = store.admit(List.of(wide, narrow), -1);
        assertThat(refused.limit()).isEqualTo(BudgetLimit.RPM);
        assertThat(refused.scope()).isEqualTo(1);
        // The refusal took nothing from the wide scope: 9 tokens are left of its 10.
        for (int i = 0; i < 9; i++) {
            assertThat(store.admit(List.of(wide), -1).allowed()).as("request %d", i).isTrue();
        }
        assertThat(store.admit(List.of(wide), -1).allowed()).isFalse();
    }

    @Test
    void uploadWindowsRefuseASpentWindowAndADeclaredLengthThatDoesNotFit() {
        List<BudgetScope> scopes = List.of(agent("uploadPerHour=1KiB,uploadPerDay=1MiB"));
        assertThat(store.admit(scopes, 600).allowed()).isTrue();
        store.chargeUpload(scopes, 600);
        BudgetOutcome tooBig = store.admit(scopes, 600);
        assertThat(tooBig.limit()).isEqualTo(BudgetLimit.UPLOAD_PER_HOUR);
        assertThat(tooBig.left()).isEqualTo(424);
        assertThat(store.admit(scopes, 400).allowed()).isTrue();
        store.chargeUpload(scopes, 500); // a chunked body: charged as received, past the limit
        BudgetOutcome spent = store.admit(scopes, -1);
        assertThat(spent.limit()).isEqualTo(BudgetLimit.UPLOAD_PER_HOUR);
        long toNextHour = UploadWindow.HOUR_MILLIS - Math.floorMod(now.get(), UploadWindow.HOUR_MILLIS);
        assertThat(spent.retryAfterMillis()).isEqualTo(toNextHour);
        now.addAndGet(toNextHour);
        assertThat(store.admit(scopes, 1024).allowed()).isTrue();
    }

    @Test
    void theDayWindowOutlastsTheHour() {
        List<BudgetScope> scopes = List.of(agent("uploadPerHour=1MiB,uploadPerDay=1500KiB"));
        store.chargeUpload(scopes, 1024 * 1024);
        now.addAndGet(UploadWindow.HOUR_MILLIS);
        BudgetOutcome refused = store.admit(scopes, 600 * 1024);
        assertThat(refused.limit()).isEqualTo(BudgetLimit.UPLOAD_PER_DAY);
        assertThat(store.admit(scopes, 400 * 1024).allowed()).isTrue();
    }

    @Test
    void connectionLeasesCountOpenConnectionsInEveryScope() {
        BudgetScope agent = agent("connections=2");
        BudgetScope destination = BudgetScope.ofDestination("a1", "api.example", BudgetLimits.parse("connections=1"));
        BudgetStore.Lease first = store.acquire(List.of(agent, destination), "l1");
        assertThat(first.outcome().allowed()).isTrue();
        BudgetStore.Lease second = store.acquire(List.of(agent, destination), "l2");
        assertThat(second.outcome().limit()).isEqualTo(BudgetLimit.CONNECTIONS);
        assertThat(second.outcome().scope()).isEqualTo(1);
        assertThat(store.leases(agent.key())).isEqualTo(1); // a refusal holds nothing
        BudgetStore.Lease elsewhere = store.acquire(List.of(agent), "l3");
        assertThat(elsewhere.outcome().allowed()).isTrue();
        assertThat(store.acquire(List.of(agent), "l4").outcome().allowed()).isFalse();
        first.release();
        first.release(); // once only
        assertThat(store.leases(agent.key())).isEqualTo(1);
        assertThat(store.acquire(List.of(agent, destination), "l5").outcome().allowed()).isTrue();
    }

    @Test
    void manyThreadsOnManyScopesKeepEveryTotalExact() throws Exception {
        BudgetScope all = BudgetScope.ofAgent("all", BudgetLimits.parse("rpm=2000,uploadPerDay=1MiB,connections=3"));
        int threads = 16;
        int agents = 64;
        AtomicInteger[] allowed = new AtomicInteger[agents];
        Arrays.setAll(allowed, i -> new AtomicInteger());
        AtomicInteger open = new AtomicInteger();
        AtomicInteger mostOpen = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < 320; n++) { // 5120 requests: 80 per agent
                        int a = (thread * 7 + n) % agents;
                        List<BudgetScope> scopes = List.of(BudgetScope.ofAgent("a" + a,
                                BudgetLimits.parse("rpm=50")), all);
                        if (store.admit(scopes, -1).allowed()) {
                            allowed[a].incrementAndGet();
                        }
                        store.chargeUpload(scopes, 10);
                        BudgetStore.Lease lease = store.acquire(List.of(all), "lease-" + thread + "-" + n);
                        if (lease.outcome().allowed()) {
                            mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                            open.decrementAndGet();
                            lease.release();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(Arrays.stream(allowed).mapToInt(AtomicInteger::get).sum()).as("the shared bucket, to the token")
                .isEqualTo(2000);
        assertThat(allowed).allSatisfy(n -> assertThat(n.get()).isLessThanOrEqualTo(50));
        // The same counters, without the spent bucket: the day window's refusal says what is left.
        BudgetOutcome spent = store.admit(List.of(BudgetScope.ofAgent("all", BudgetLimits.parse("uploadPerDay=1MiB"))),
                1024 * 1024);
        assertThat(spent.left()).as("every charge counted").isEqualTo(1024 * 1024 - 5120 * 10);
        assertThat(mostOpen.get()).isBetween(1, 3);
        assertThat(store.leases(all.key())).isZero();
    }

    @Test
    void countersADayIdleAreSweptAsRequestsGoOnButNotThoseHoldingALease() {
        for (int i = 0; i < 500; i++) {
            store.admit(List.of(BudgetScope.ofAgent("idle-" + i, BudgetLimits.parse("rpm=5"))), -1);
        }
        BudgetStore.Lease open = store.acquire(List.of(agent("connections=1")), "l1");
        assertThat(store.size()).isEqualTo(501);

        now.addAndGet(UploadWindow.DAY_MILLIS + UploadWindow.HOUR_MILLIS + 1);
        List<BudgetScope> busy = List.of(BudgetScope.ofAgent("busy", BudgetLimits.parse("rpm=100000")));
        for (int i = 0; i < 20 * LocalBudgetStore.SWEEP_ONE_IN && store.size() > 2; i++) {
            store.admit(busy, -1);
        }

        assertThat(store.size()).as("the busy agent and the one with an open connection").isEqualTo(2);
        assertThat(store.leases(agent("connections=1").key())).isEqualTo(1);
        assertThat(store.acquire(List.of(agent("connections=1")), "l2").outcome().allowed()).isFalse();
        open.release();
        assertThat(store.acquire(List.of(agent("connections=1")), "l2").outcome().allowed()).isTrue();
    }
}
