package dev.sieve.bench;

import dev.sieve.certs.CertificateAuthority;
import dev.sieve.certs.LeafCache;
import dev.sieve.certs.LeafCertificate;
import dev.sieve.certs.LeafMinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does the leaf certificate of an intercepted host cost, cold and cached? {@code mint}: a cold mint with
 * {@code LeafMinter.mint} (one CA signature; the leaf key pair is made once per minter). {@code cachedLookup}:
 * {@code LeafCache.get(host).join()} for one of 256 hosts already in the cache (normalization and a Caffeine hit).
 * {@code keys}: {@code ec} (P-256 CA and leaf key, the default) or {@code rsa} (RSA-3072 CA, RSA-2048 leaf key).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar LeafMint -rf json -rff leaf.json}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class LeafMintBenchmark {

    private static final int HOSTS = 256;

    @Param({"ec", "rsa"})
    public String keys;

    private Path dir;
    private LeafMinter minter;
    private LeafCache cache;
    private ExecutorService executor;
    private String[] hosts;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException, GeneralSecurityException {
        boolean rsa = switch (keys) {
            case "ec" -> false;
            case "rsa" -> true;
            default -> throw new IllegalArgumentException("keys: '" + keys + "' (expected: ec or rsa)");
        };
        dir = Files.createTempDirectory("sieve-bench-ca");
        Clock clock = Clock.systemUTC();
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), clock,
                rsa ? CertificateAuthority.KeyType.RSA_3072 : CertificateAuthority.KeyType.EC_P256);
        minter = new LeafMinter(ca, clock, LeafMinter.DEFAULT_VALIDITY,
                rsa ? LeafMinter.KeyType.RSA_2048 : LeafMinter.KeyType.EC_P256);
        executor = Executors.newSingleThreadExecutor();
        cache = new LeafCache(minter, executor);
        hosts = new String[HOSTS];
        for (int i = 0; i < HOSTS; i++) {
            hosts[i] = "api-" + i + ".models.example.com";
            cache.get(hosts[i]).join();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        executor.shutdownNow();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Benchmark
    public LeafCertificate mint() {
        return minter.mint(nextHost());
    }

    @Benchmark
    public LeafCertificate cachedLookup() {
        return cache.get(nextHost()).join();
    }

    private String nextHost() {
        String host = hosts[next];
        next = (next + 1) % HOSTS;
        return host;
    }
}
