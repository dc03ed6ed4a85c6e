package dev.sieve.certs;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Leaf certificates by normalized host, minted on demand off the caller's thread.
 *
 * <p>Guarantees: concurrent first requests for one host share one mint; minting runs on the
 * given {@link Executor}; at most {@code maxSize} leaves are kept; an entry lives at most
 * {@code expireAfterWrite} and never more than half of its leaf's remaining lifetime, so a cached
 * leaf is always well inside its validity (also when the CA's expiry shortened it). A failed mint
 * is not cached. Time is read from the injected {@link Ticker}, so tests need not sleep.
 */
public final class LeafCache {

    public static final long DEFAULT_MAX_SIZE = 10_000;

    private final LeafMinter minter;
    private final AsyncLoadingCache<String, LeafCertificate> cache;
    private final AtomicLong mints = new AtomicLong();

    /** Defaults: {@link #DEFAULT_MAX_SIZE} entries, expiry after half the minter's validity, system ticker. */
    public LeafCache(LeafMinter minter, Executor executor) {
        this(minter, executor, DEFAULT_MAX_SIZE, minter.validity().dividedBy(2), Ticker.systemTicker());
    }

    /**
     * @param executor runs the minting; pass a worker pool, never an I/O event loop
     * @param maxSize {@code > 0}
     * @param expireAfterWrite {@code > 0} and shorter than the minter's validity
     * @throws IllegalArgumentException if an argument is out of range
     */
    public LeafCache(LeafMinter minter, Executor executor, long maxSize, Duration expireAfterWrite, Ticker ticker) {
        this.minter = Objects.requireNonNull(minter, "minter");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(expireAfterWrite, "expireAfterWrite");
        Objects.requireNonNull(ticker, "ticker");
        if (maxSize <= 0) {
            throw new IllegalArgumentException("maxSize: " + maxSize + " (expected: > 0)");
        }
        if (expireAfterWrite.isNegative() || expireAfterWrite.isZero()
                || expireAfterWrite.compareTo(minter.validity()) >= 0) {
            throw new IllegalArgumentException("expireAfterWrite: " + expireAfterWrite
                    + " (expected: > 0 and < the leaf validity " + minter.validity() + ")");
        }
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(Expiry.creating((String host, LeafCertificate leaf) -> lifetime(leaf, expireAfterWrite)))
                .ticker(ticker)
                .executor(executor)
                .recordStats()
                .buildAsync(this::mint);
    }

    /**
     * The leaf for {@code host}, normalized first ({@link HostNames#normalize}). The future fails with
     * {@link IllegalArgumentException} for an invalid host, and with the minting error (for example
     * an expired CA, or {@link RejectedExecutionException} from the executor) otherwise.
     */
    public CompletableFuture<LeafCertificate> get(String host) {
        String normalized;
        try {
            normalized = HostNames.normalize(host);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        try {
            return cache.get(normalized);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Requests answered by an existing (possibly still minting) entry. */
    public long hits() {
        return cache.synchronous().stats().hitCount();
    }

    /** Requests that started a mint. */
    public long misses() {
        return cache.synchronous().stats().missCount();
    }

    /** Leaves minted successfully by this cache. */
    public long mints() {
        return mints.get();
    }

    private LeafCertificate mint(String host) {
        LeafCertificate leaf = minter.mint(host);
        mints.incrementAndGet();
        return leaf;
    }

    private Duration lifetime(LeafCertificate leaf, Duration expireAfterWrite) {
        Instant now = minter.clock().instant();
        Duration halfRemaining = Duration.between(now, leaf.notAfter()).dividedBy(2);
        if (halfRemaining.isNegative()) {
            return Duration.ZERO;
        }
        return halfRemaining.compareTo(expireAfterWrite) < 0 ? halfRemaining : expireAfterWrite;
    }
}
