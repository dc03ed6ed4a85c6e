package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.testing.ProxyTestEnv;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Monitor mode (for pilots): what would be blocked is forwarded, and the audit log says so. */
class MonitorModeEndToEndTest {
    @TempDir
    static Path dir;

    static ProxyTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, "mode: monitor", null);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void aBlockingFindingIsForwardedAndAuditedAsLoggedUnderMonitor() throws Exception {
        HttpClient http = HttpClient.newBuilder().proxy(ProxySelector.of(env.proxy())).sslContext(env.agentTls()).build();
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"ssn 536-22-8174\"}]}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(env.apiUrl("/echo")))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(env.api.last().bodyText()).isEqualTo(body);
        String id = r.headers().firstValue("x-sieve-request-id").orElse(null);

        Path auditDir = dir.resolve("data").resolve("audit");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String line = null;
        while (line == null && System.nanoTime() < deadline) {
            if (Files.isDirectory(auditDir)) {
                try (Stream<Path> files = Files.list(auditDir)) {
                    line = files.flatMap(f -> {
                        try {
                            return Files.readAllLines(f).stream();
                        } catch (java.io.IOException e) {
                            return Stream.empty();
                        }
                    }).filter(l -> l.contains("pii.us-ssn")).findFirst().orElse(null);
                }
            }
            if (line == null) {
                Thread.sleep(50);
            }
        }
        assertThat(line).as("audit record of request " + id).isNotNull()
                .contains("\"decision\":\"logged\"").contains("\"mode\":\"monitor\"").contains("monitor:block")
                .doesNotContain("536-22-8174");
    }
}
