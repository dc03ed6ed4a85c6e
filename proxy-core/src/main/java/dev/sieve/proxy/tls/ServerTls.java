package dev.sieve.proxy.tls;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sieve.certs.LeafCache;
import dev.sieve.certs.LeafCertificate;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLException;

/**
 * Server-side TLS contexts for intercepted hosts: one {@link SslContext} per host, built from the
 * leaf the {@link LeafCache} mints, cached so that a handshake costs no minting and no context build.
 *
 * <p>Counts, for the metrics, how each lookup was answered: by a cached certificate ({@link #hits()}: a cached
 * context, or a cached leaf behind an expired context), by a newly minted leaf ({@link #mints()}), or not at all
 * ({@link #failures()}: minting or the context build failed; the handshake is then closed).
 */
public final class ServerTls {
    private final LeafCache leaves;
    private final AsyncCache<String, SslContext> contexts;
    private final LongAdder contextHits = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final boolean http2;

    /** A server side that offers HTTP/1.1 only. */
    public ServerTls(LeafCache leaves, long maxSize, Duration expireAfterWrite) {
        this(leaves, maxSize, expireAfterWrite, false);
    }

    /** @param http2 whether agents are offered h2 (ALPN) besides HTTP/1.1 ({@code proxy.http2}) */
    public ServerTls(LeafCache leaves, long maxSize, Duration expireAfterWrite, boolean http2) {
        this.leaves = leaves;
        this.http2 = http2;
        this.contexts = Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(expireAfterWrite).buildAsync();
    }

    /** The context for {@code host}, minting its leaf off the caller's thread when needed. */
    public CompletableFuture<SslContext> context(String host) {
        boolean[] loading = {false};
        CompletableFuture<SslContext> context = contexts.get(host, (h, executor) -> {
            loading[0] = true; // runs on this thread, inside get, when no context is cached or being built
            return leaves.get(h).thenApply(leaf -> build(leaf, http2));
        });
        if (!loading[0]) {
            contextHits.increment();
        } else {
            context.whenComplete((built, error) -> {
                if (error != null) {
                    failures.increment();
                }
            });
        }
        return context;
    }

    /** Lookups answered by a cached certificate (also one still being minted for an earlier lookup). */
    public long hits() {
        return contextHits.sum() + leaves.hits();
    }

    /** Leaves minted. */
    public long mints() {
        return leaves.mints();
    }

    /** Lookups that got no certificate. */
    public long failures() {
        return failures.sum();
    }

    public LeafCache leaves() {
        return leaves;
    }

    /** Whether agents are offered h2. */
    public boolean http2() {
        return http2;
    }

    static SslContext build(LeafCertificate leaf, boolean http2) {
        try {
            return SslContextBuilder.forServer(leaf.key(), leaf.chain())
                    .sslProvider(TlsProviders.provider())
                    .protocols(TlsProviders.PROTOCOLS)
                    .applicationProtocolConfig(http2 ? TlsProviders.H2_AND_HTTP_1_1_ALPN : TlsProviders.HTTP_1_1_ALPN)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context for " + leaf.host(), e);
        }
    }
}
