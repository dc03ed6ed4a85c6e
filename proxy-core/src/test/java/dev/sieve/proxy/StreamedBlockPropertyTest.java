package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.certs.CertificateAuthority;
import dev.sieve.proxy.testing.HoldBackInspector;
import dev.sieve.proxy.testing.LeakDetectorExtension;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import dev.sieve.proxy.testing.RecordingUpstream;
import dev.sieve.proxy.testing.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Contract 2 for streamed uploads, as a property over where the finding is and how the agent's body is cut into
 * writes: whatever those are, a blocked body's upstream request never completes, and the upstream never receives a
 * byte at or after the finding's offset (only a prefix of the body). A running Sieve whose inspector is a
 * {@link HoldBackInspector}, a real agent over TLS ({@link RawClient}) and recording upstreams over HTTP/1.1 and h2
 * ({@link RecordingUpstream}). Tries are few: each is a real connection, and CI has two cores.
 */
class StreamedBlockPropertyTest {
    static {
        LeakDetectorExtension.install(); // before any Netty buffer class: this class may run first in the JVM
    }

    static final String HOST = "h2.sieve.test";
    static final int BODY = 256 * 1024;

    static Path dir;
    static RecordingUpstream h1;
    static RecordingUpstream h2;
    static ProxyTestEnv env;
    static final AtomicInteger tries = new AtomicInteger();

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("sieve-streamed-block");
        CertificateAuthority ca = TestTls.newCa(dir.resolve("upstream-ca"));
        h1 = new RecordingUpstream(ca, HOST, false);
        h2 = new RecordingUpstream(ca, HOST, true);
        env = new ProxyTestEnv(dir, "", null, "- { host: " + HOST + ", ports: [" + h1.port() + ", " + h2.port()
                + "], privateAddresses: true }", new HoldBackInspector());
    }

    @AfterContainer
    static void stop() throws Exception {
        env.close();
        h1.close();
        h2.close();
        LeakDetectorExtension.assertNoLeaks(StreamedBlockPropertyTest.class.getSimpleName());
    }

    /** Anywhere in the body, uniformly (jqwik's default favours small numbers: offsets before streaming starts). */
    @Provide
    Arbitrary<Integer> offsets() {
        return Arbitraries.integers().between(0, BODY - HoldBackInspector.BLOCK.length())
                .withDistribution(RandomDistribution.uniform());
    }

    @Property(tries = 30)
    void aBlockedBodyNeverCompletesUpstreamAndNothingFromTheFindingOnLeaves(
            @ForAll("offsets") int at,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1024, max = 32 * 1024) Integer> writes,
            @ForAll boolean overH2) throws Exception {
        RecordingUpstream server = overH2 ? h2 : h1;
        String path = "/p" + tries.incrementAndGet();
        byte[] body = StreamedUploadEndToEndTest.body(BODY, HoldBackInspector.BLOCK, at);
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect(HOST + ":" + server.port()).status()).isEqualTo(200);
            c.startTls(env.agentTls(), HOST, HOST, server.port());
            c.readTimeout(20_000);
            c.send("POST " + path + " HTTP/1.1\r\nHost: " + HOST + ":" + server.port()
                    + "\r\nContent-Type: text/plain\r\nContent-Length: " + BODY + "\r\n\r\n");
            for (int from = 0, i = 0; from < BODY; i++) {
                int to = Math.min(BODY, from + writes.get(i % writes.size()));
                c.send(Arrays.copyOfRange(body, from, to));
                from = to;
                Thread.sleep(3); // each write arrives on its own, and inspection keeps up: the body streams
            }
            assertThat(c.readResponse(false).status()).isEqualTo(403);
        }
        // A request streamed before the verdict may still be on its way: give it a moment to show up.
        Optional<RecordingUpstream.Request> got = Optional.empty();
        for (long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300); got.isEmpty()
                && System.nanoTime() < end; Thread.sleep(10)) {
            got = server.requests().stream().filter(r -> r.path.equals(path)).findFirst();
        }
        net.jqwik.api.statistics.Statistics.label("finding").collect(at < 64 * 1024 ? "before 64 KiB" : "after");
        net.jqwik.api.statistics.Statistics.label("upstream").collect(got.isPresent() ? "streamed, aborted" : "not seen upstream (held, or aborted while connecting)");
        if (got.isPresent()) {
            RecordingUpstream.Request r = got.get();
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); !r.aborted()
                    && System.nanoTime() < end; ) {
                Thread.sleep(10);
            }
            assertThat(r.aborted()).as("the upstream request was aborted").isTrue();
            assertThat(r.complete()).as("the upstream request never completes").isFalse();
            byte[] received = r.body();
            assertThat(received.length).as("bytes upstream, finding at " + at).isLessThanOrEqualTo(at);
            assertThat(received).isEqualTo(Arrays.copyOf(body, received.length));
        }
    }
}
