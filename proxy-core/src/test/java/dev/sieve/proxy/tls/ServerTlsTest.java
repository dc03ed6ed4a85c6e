package dev.sieve.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.sieve.certs.CertificateAuthority;
import dev.sieve.certs.LeafCache;
import dev.sieve.certs.LeafMinter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsTest {
    @TempDir
    Path dir;

    private ServerTls serverTls(Executor minting) throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), Clock.systemUTC());
        LeafMinter minter = new LeafMinter(ca, Clock.systemUTC());
        LeafCache leaves = new LeafCache(minter, minting, 100, Duration.ofDays(1), Ticker.systemTicker());
        return new ServerTls(leaves, 100, Duration.ofDays(1));
    }

    @Test
    void countsMintsThenHitsPerHost() throws Exception {
        ServerTls tls = serverTls(Runnable::run);

        assertThat(tls.context("api.example.com").get()).isNotNull();
        assertThat(tls.context("api.example.com").get()).isNotNull();
        assertThat(tls.context("api.example.com").get()).isNotNull();
        assertThat(tls.context("other.example.com").get()).isNotNull();

        assertThat(tls.mints()).isEqualTo(2);
        assertThat(tls.hits()).isEqualTo(2);
        assertThat(tls.failures()).isZero();
    }

    @Test
    void aLeafThatCannotBeMintedIsAFailureAndIsNotCached() throws Exception {
        ServerTls tls = serverTls(task -> {
            throw new RejectedExecutionException("minting pool shut down");
        });

        assertThat(tls.context("api.example.com")).isCompletedExceptionally();
        assertThat(tls.context("api.example.com")).isCompletedExceptionally();

        assertThat(tls.failures()).isEqualTo(2);
        assertThat(tls.mints()).isZero();
        assertThat(tls.hits()).isZero();
    }
}
