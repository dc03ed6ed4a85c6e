package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RsyslogServer;
import java.io.UncheckedIOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code overflow: fail-closed} in a running Sieve: while its rsyslogd is down, the export queue fills, the audit log
 * fails, {@code /readyz} names it and requests are refused with 503, none passes unaudited.
 */
class ExportFailClosedEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void aFullFailClosedExportQueueTurnsReadinessOffAndRefusesRequests() throws Exception {
        assumeTrue(RsyslogServer.installed(), "rsyslogd is not installed at " + RsyslogServer.EXECUTABLE
                + " (.ci/run installs it): skipping");
        try (RsyslogServer rsyslog = RsyslogServer.tcp(dir.resolve("rsyslog"))) {
            ProxyTestEnv env = new ProxyTestEnv(dir.resolve("env"), "audit: { export: [ { name: siem, type: syslog,"
                    + " address: \"" + rsyslog.address() + "\", queueCapacity: 2, overflow: fail-closed } ] }", null);
            try {
                HttpClient http = HttpClient.newBuilder().proxy(ProxySelector.of(env.proxy()))
                        .connectTimeout(Duration.ofSeconds(5)).build();
                URI plain = URI.create("http://plain.sieve.test:" + env.plain.port() + "/echo");
                assertThat(get(http, plain).statusCode()).isEqualTo(200);
                assertThat(readyz(env).statusCode()).isEqualTo(200);
                rsyslog.awaitMessages(1);
                rsyslog.stop();

                int refused = 0;
                for (int i = 0; i < 50 && refused == 0; i++) {
                    if (get(http, plain).statusCode() == 503) {
                        refused++;
                    }
                    Thread.sleep(20);
                }
                assertThat(refused).as("a request refused once the export queue overflowed").isPositive();
                assertThat(get(http, plain).statusCode()).as("and every request after it").isEqualTo(503);
                HttpResponse<String> ready = readyz(env);
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("audit-export-siem").contains("audit");
                String metrics = env.sieve.enforcement().operations().metrics().scrape();
                assertThat(metrics).contains(
                        "sieve_audit_export_records_total{outcome=\"refused\",sink=\"siem\"} 1.0");
            } finally {
                try {
                    env.close();
                } catch (UncheckedIOException e) {
                    // the failed audit log says so when it closes
                }
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> readyz(ProxyTestEnv env) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + env.admin().getPort() + "/readyz")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
