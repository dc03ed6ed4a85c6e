package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.testing.MetricsScrape;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data encoded into the subdomain of a wildcard entry is refused before DNS (no upstream.resolve override names these
 * hosts, so a lookup would end in 502 dns_failed, not 403; RouterTest counts the lookups), for CONNECT and
 * absolute-form requests, audited with the labels masked and counted.
 */
class SubdomainExfiltrationEndToEndTest {
    @TempDir
    static Path dir;

    static ProxyTestEnv env;

    private static final String DATA = "deadbeef0123456789abcdef0123";

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, "", null, """
                - { host: "*.exfil.sieve.test", ports: [443, 80], plainHttp: true }
                - { host: "*.loose.sieve.test", ports: [443], subdomains: { check: false } }
                """, RequestInspector.PASS_THROUGH);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static void assertRefused(RawClient.Response r) {
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("proxy-status")).startsWith("sieve; error=http_request_denied");
        assertThat(r.body()).contains("\"reason\":\"subdomain_exfiltration\"").doesNotContain(DATA);
    }

    @Test
    void encodedLabelsAreRefusedForConnectAndAbsoluteFormAuditedMaskedAndCounted() throws Exception {
        double before = exfiltrationCount();
        try (RawClient c = new RawClient(env.proxy())) {
            assertRefused(c.connect(DATA + ".exfil.sieve.test:443"));
        }
        try (RawClient c = new RawClient(env.proxy())) {
            assertRefused(c.request("GET http://" + DATA + ".exfil.sieve.test:80/x HTTP/1.1\r\nHost: " + DATA
                    + ".exfil.sieve.test:80\r\n\r\n"));
        }
        String line = env.awaitAuditLine("{len=" + DATA.length() + "}.exfil.sieve.test");
        assertThat(line).contains("subdomain_exfiltration");
        // Both records: the writer may still be flushing the second when the first is seen.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (env.auditText().lines().filter(l -> l.contains("subdomain_exfiltration")).count() < 2
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(env.auditText().lines().filter(l -> l.contains("subdomain_exfiltration")))
                .hasSize(2).noneMatch(l -> l.contains(DATA));
        assertThat(exfiltrationCount()).isEqualTo(before + 2);
    }

    @Test
    void anOrdinarySubdomainPassesTheCheckAndAnEntryCanTurnItOff() throws Exception {
        // Both pass the check and go on to DNS, which cannot resolve names under .test: 502 dns_error.
        for (String host : new String[] {"team-a.exfil.sieve.test", DATA + ".loose.sieve.test"}) {
            try (RawClient c = new RawClient(env.proxy())) {
                RawClient.Response r = c.connect(host + ":443");
                assertThat(r.status()).as(host).isEqualTo(502);
                assertThat(r.body()).as(host).contains("\"reason\":\"dns_failed\"");
            }
        }
    }

    private static double exfiltrationCount() {
        double n = MetricsScrape.parse(env.sieve.enforcement().operations().metrics().scrape())
                .value("sieve_requests_total{decision=\"denied\",reason=\"subdomain_exfiltration\"}");
        return Double.isNaN(n) ? 0 : n;
    }
}
