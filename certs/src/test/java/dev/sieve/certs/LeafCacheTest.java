package dev.sieve.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LeafCacheTest {

    private static final Instant NOW = Instant.parse("2030-03-04T05:06:07Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration VALIDITY = Duration.ofDays(7);
    private static final Duration EXPIRE = Duration.ofHours(12);

    private static CertificateAuthority ca;

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final List<ExecutorService> pools = new ArrayList<>();

    @BeforeAll
    static void createCa() throws Exception {
        ca = CertificateAuthority.generate(CLOCK, CertificateAuthority.KeyType.EC_P256);
    }

    @AfterEach
    void stopPools() throws InterruptedException {
        for (ExecutorService pool : pools) {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void concurrentFirstRequestsForOneHostMintOnce() throws Exception {
        LeafMinter minter = minter(CLOCK);
        LeafCache cache = new LeafCache(minter, pool(2), 100, EXPIRE, ticker);
        ExecutorService callers = pool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CompletableFuture<LeafCertificate>>> requests = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            requests.add(callers.submit(() -> {
                start.await();
                return cache.get("api.example.com");
            }));
        }

        start.countDown();
        List<LeafCertificate> leaves = new ArrayList<>();
        for (Future<CompletableFuture<LeafCertificate>> request : requests) {
            leaves.add(request.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS));
        }

        assertThat(leaves).allSatisfy(leaf -> assertThat(leaf).isSameAs(leaves.get(0)));
        assertThat(cache.mints()).isEqualTo(1);
        assertThat(minter.mintCount()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(15);
    }

    @Test
    void mintsOnTheGivenExecutorNotOnTheCaller() {
        Queue<Runnable> queued = new ArrayDeque<>();
        LeafMinter minter = minter(CLOCK);
        LeafCache cache = new LeafCache(minter, queued::add, 100, EXPIRE, ticker);

        CompletableFuture<LeafCertificate> pending = cache.get("api.example.com");

        assertThat(pending).isNotDone();
        assertThat(minter.mintCount()).isZero();
        for (Runnable task = queued.poll(); task != null; task = queued.poll()) {
            task.run();
        }
        assertThat(pending).isCompleted();
        assertThat(pending.join().host()).isEqualTo("api.example.com");
    }

    @Test
    void countsHitsAndMissesAndNormalizesKeys() {
        LeafCache cache = new LeafCache(minter(CLOCK), Runnable::run, 100, EXPIRE, ticker);

        LeafCertificate first = cache.get("api.example.com").join();
        LeafCertificate again = cache.get("API.Example.COM.").join();
        LeafCertificate other = cache.get("other.example").join();

        assertThat(again).isSameAs(first);
        assertThat(other.host()).isEqualTo("other.example");
        assertThat(cache.misses()).isEqualTo(2);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.mints()).isEqualTo(2);
    }

    @Test
    void reMintsAfterExpireAfterWrite() {
        LeafCache cache = new LeafCache(minter(CLOCK), Runnable::run, 100, EXPIRE, ticker);
        LeafCertificate first = cache.get("api.example.com").join();

        nanos.addAndGet(EXPIRE.toNanos() - 1);
        assertThat(cache.get("api.example.com").join()).isSameAs(first);
        assertThat(cache.mints()).isEqualTo(1);

        nanos.addAndGet(2);
        LeafCertificate second = cache.get("api.example.com").join();
        assertThat(second).isNotSameAs(first);
        assertThat(second.leaf().getSerialNumber()).isNotEqualTo(first.leaf().getSerialNumber());
        assertThat(cache.mints()).isEqualTo(2);
    }

    @Test
    void leafShortenedByTheCaExpiryLivesHalfItsRemainingTime() {
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        Clock twoDaysBeforeCaExpiry = Clock.fixed(caNotAfter.minus(Duration.ofDays(2)), ZoneOffset.UTC);
        LeafCache cache = new LeafCache(minter(twoDaysBeforeCaExpiry), Runnable::run, 100, Duration.ofDays(3), ticker);
        LeafCertificate first = cache.get("api.example.com").join();
        assertThat(first.notAfter()).isEqualTo(caNotAfter);

        nanos.addAndGet(Duration.ofDays(1).toNanos() - 1);
        assertThat(cache.get("api.example.com").join()).isSameAs(first);
        nanos.addAndGet(2);
        assertThat(cache.get("api.example.com").join()).isNotSameAs(first);
        assertThat(cache.mints()).isEqualTo(2);
    }

    @Test
    void invalidHostFailsTheFutureWithoutMinting() {
        LeafCache cache = new LeafCache(minter(CLOCK), Runnable::run, 100, EXPIRE, ticker);

        CompletableFuture<LeafCertificate> result = cache.get("bad host");

        assertThat(result).isCompletedExceptionally();
        assertThatThrownBy(result::join).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host: \"bad host\"");
        assertThat(cache.mints()).isZero();
        assertThat(cache.misses()).isZero();
    }

    @Test
    void failedMintIsNotCached() {
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        LeafMinter expired = minter(Clock.fixed(caNotAfter.plusSeconds(1), ZoneOffset.UTC));
        LeafCache cache = new LeafCache(expired, Runnable::run, 100, EXPIRE, ticker);

        assertThatThrownBy(() -> cache.get("api.example.com").join()).hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cache.get("api.example.com").join()).hasCauseInstanceOf(IllegalStateException.class);

        assertThat(cache.misses()).as("each request tried again").isEqualTo(2);
        assertThat(cache.mints()).isZero();
    }

    @Test
    void rejectsOutOfRangeSettings() {
        LeafMinter minter = minter(CLOCK);

        assertThatThrownBy(() -> new LeafCache(minter, Runnable::run, 0, EXPIRE, ticker))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxSize: 0 (expected: > 0)");
        assertThatThrownBy(() -> new LeafCache(minter, Runnable::run, 10, VALIDITY, ticker))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expireAfterWrite: PT168H (expected: > 0 and < the leaf validity PT168H)");
        assertThatThrownBy(() -> new LeafCache(minter, Runnable::run, 10, Duration.ZERO, ticker))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsExpireAfterHalfTheValidity() {
        LeafCache cache = new LeafCache(minter(CLOCK), Runnable::run);
        LeafCertificate first = cache.get("api.example.com").join();

        assertThat(cache.get("api.example.com").join()).isSameAs(first);
        assertThat(cache.mints()).isEqualTo(1);
    }

    private static LeafMinter minter(Clock clock) {
        return new LeafMinter(ca, clock, VALIDITY, LeafMinter.KeyType.EC_P256);
    }

    private ExecutorService pool(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        pools.add(pool);
        return pool;
    }
}
