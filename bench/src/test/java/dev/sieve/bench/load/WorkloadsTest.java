package dev.sieve.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.certs.CertificateAuthority;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's workloads against its own fake endpoint over real TLS on 127.0.0.1 (a check of the tool, not a
 * speed test).
 */
class WorkloadsTest {

    @TempDir
    static Path dir;
    private static FakeModelEndpoint endpoint;
    private static Route direct;
    private static final byte[] BODY = "{\"model\":\"m\",\"messages\":[]}".getBytes(StandardCharsets.US_ASCII);

    @BeforeAll
    static void start() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), Clock.systemUTC());
        endpoint = new FakeModelEndpoint(TlsMaterial.server(ca, "api.sieve.bench"), 4);
        direct = new Route("direct", "api.sieve.bench", endpoint.port(), null,
                TlsMaterial.client(List.of(ca.certificate())));
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @Test
    void aFixedRateSendsWhatWasOfferedAndTimesEachRequestFromItsDueTime() throws Exception {
        Workloads w = new Workloads(Duration.ofMillis(200), Duration.ofSeconds(1));

        Map<String, Double> m = w.fixedRate(direct, 100, 4, BODY);

        // Open loop: 100 requests are due in the 1 s window whatever the latency, and a local endpoint serves all.
        assertThat(m.get("offered_per_s")).isEqualTo(100.0);
        assertThat(m.get("achieved_per_s")).isBetween(95.0, 101.0);
        assertThat(m.get("errors")).isZero();
        assertThat(m.get("p50_ms")).isPositive().isLessThanOrEqualTo(m.get("p99_ms"));
        assertThat(m.get("p99_ms")).isLessThanOrEqualTo(m.get("p99_9_ms"));
    }

    @Test
    void aFixedRateAgainstADeadRouteCountsErrorsAndStops() throws Exception {
        Route nowhere = new Route("nowhere", "api.sieve.bench", deadPort(), null, direct.tls());
        Workloads w = new Workloads(Duration.ZERO, Duration.ofMillis(300));

        Map<String, Double> m = w.fixedRate(nowhere, 50, 2, BODY);

        assertThat(m.get("errors")).isPositive();
        assertThat(m.get("achieved_per_s")).isZero();
    }

    @Test
    void theMemoryTableHasARowPerProxyAndAColumnPerRun() {
        Map<String, List<Double>> rss = new LinkedHashMap<>();
        rss.put("sieve-inspect", List.of(410.5, 412.0));
        rss.put("squid-bump", List.of(41.25, 41.5));

        String md = Report.memory(rss);

        assertThat(md).contains("| route | run 1 | run 2 |")
                .contains("| sieve-inspect | 411 | 412 |")
                .contains("| squid-bump | 41.3 | 41.5 |");
        assertThat(Report.memory(Map.of())).isEmpty();
    }

    private static int deadPort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
