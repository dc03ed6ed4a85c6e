package dev.sieve.proxy.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.proxy.handler.ConnectionLimiter.Admission;
import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {
    private static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }

    @Test
    void admitsUpToThePerClientCapThenRefusesThatClientOnly() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter(10, 2);
        assertThat(limiter.tryAcquire(ip(1))).isEqualTo(Admission.ADMITTED);
        assertThat(limiter.tryAcquire(ip(1))).isEqualTo(Admission.ADMITTED);
        assertThat(limiter.tryAcquire(ip(1))).isEqualTo(Admission.OVER_CLIENT);
        assertThat(limiter.tryAcquire(ip(2))).isEqualTo(Admission.ADMITTED);
        assertThat(limiter.open()).isEqualTo(3);
        assertThat(limiter.open(ip(1))).isEqualTo(2);

        limiter.release(ip(1));
        assertThat(limiter.tryAcquire(ip(1))).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void refusesEveryoneOverTheTotalCap() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter(3, 2);
        limiter.tryAcquire(ip(1));
        limiter.tryAcquire(ip(2));
        limiter.tryAcquire(ip(3));
        assertThat(limiter.tryAcquire(ip(4))).isEqualTo(Admission.OVER_TOTAL);
        assertThat(Admission.OVER_TOTAL.reason()).isEqualTo("max_connections");
        assertThat(Admission.OVER_CLIENT.reason()).isEqualTo("max_connections_per_client");
        assertThat(limiter.open()).isEqualTo(3);
        limiter.release(ip(2));
        assertThat(limiter.tryAcquire(ip(4))).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void concurrentAdmissionsNeverExceedTheCapsAndAllReleasesReturnToZero() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter(50, 20);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger overCap = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(4000);
        for (int i = 0; i < 4000; i++) {
            InetAddress client = ip(i % 4);
            pool.execute(() -> {
                if (limiter.tryAcquire(client) == Admission.ADMITTED) {
                    if (limiter.open() > 50 || limiter.open(client) > 20) {
                        overCap.incrementAndGet();
                    }
                    limiter.release(client);
                }
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        assertThat(overCap).hasValue(0);
        assertThat(limiter.open()).isZero();
        assertThat(limiter.open(ip(0))).isZero();
    }

    @Test
    void rejectsAPerClientCapAboveTheTotal() {
        assertThatThrownBy(() -> new ConnectionLimiter(5, 6)).isInstanceOf(IllegalArgumentException.class);
    }
}
