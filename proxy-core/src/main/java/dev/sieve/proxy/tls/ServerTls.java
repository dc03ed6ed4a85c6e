package dev.sieve.proxy.tls;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sieve.certs.LeafCache;
import dev.sieve.certs.LeafCertificate;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;

/**
 * Server-side TLS contexts for intercepted hosts: one {@link SslContext} per host, built from the
 * leaf the {@link LeafCache} mints, cached so that a handshake costs no minting and no context build.
 */
public final class ServerTls {
    private final LeafCache leaves;
    private final AsyncCache<String, SslContext> contexts;

    public ServerTls(LeafCache leaves, long maxSize, Duration expireAfterWrite) {
        this.leaves = leaves;
        this.contexts = Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(expireAfterWrite).buildAsync();
    }

    /** The context for {@code host}, minting its leaf off the caller's thread when needed. */
    public CompletableFuture<SslContext> context(String host) {
        return contexts.get(host, (h, executor) -> leaves.get(h).thenApply(ServerTls::build));
    }

    public LeafCache leaves() {
        return leaves;
    }

    static SslContext build(LeafCertificate leaf) {
        try {
            return SslContextBuilder.forServer(leaf.key(), leaf.chain())
                    .sslProvider(TlsProviders.provider())
                    .protocols(TlsProviders.PROTOCOLS)
                    .applicationProtocolConfig(TlsProviders.HTTP_1_1_ALPN)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context for " + leaf.host(), e);
        }
    }
}
