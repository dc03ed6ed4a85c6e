package dev.sieve.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sieve.certs.CertificateAuthority;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code nginx-ceiling} peer with a real nginx (skipped when it is not installed) in front of the harness's fake
 * endpoint over real TLS on 127.0.0.1: the client reaches the endpoint through it without CONNECT, for the same name,
 * on kept-alive connections, with one worker per core; and nginx refuses an endpoint whose certificate it cannot
 * verify, so the route re-encrypts to a verified upstream as Sieve does.
 */
class NginxCeilingTest {
    private static final byte[] BODY = "{\"model\":\"m\",\"messages\":[]}".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path dir;
    private static FakeModelEndpoint endpoint;
    private static CertificateAuthority endpointCa;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Peers.find("nginx").isPresent(), "nginx is not installed (apt-get install -y nginx-light)");
        endpointCa = CertificateAuthority.loadOrCreate(dir.resolve("endpoint-ca"), Clock.systemUTC());
        endpoint = new FakeModelEndpoint(TlsMaterial.server(endpointCa, LoadHarness.API), 4);
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private static Route route(ProxyProcess nginx) throws Exception {
        return new Route("nginx-ceiling", LoadHarness.API, nginx.address().getPort(), null,
                TlsMaterial.client(List.of(LoadHarness.readCertificate(nginx.caCertificate()))));
    }

    @Test
    void requestsReachTheEndpointThroughNginxOnKeptAliveConnections() throws Exception {
        try (ProxyProcess nginx = Peers.nginx(Peers.find("nginx").orElseThrow(), dir.resolve("nginx"),
                endpointCa.certificateFile().orElseThrow(), LoadHarness.API, endpoint.port())) {
            ProcessHandle master = ProcessHandle.of(nginx.pid()).orElseThrow();
            int cores = Runtime.getRuntime().availableProcessors();
            for (int i = 0; i < 50 && master.children().count() < cores; i++) {
                Thread.sleep(100); // the master forks its workers after it has bound the port
            }
            assertThat(master.children().count()).as("workers").isEqualTo(cores);
            try (Http1Connection c = route(nginx).open()) {
                for (int i = 0; i < 3; i++) {
                    Http1Connection.Reply reply = c.exchange("/v1/messages", "application/json", BODY);
                    assertThat(reply.status()).isEqualTo(200);
                    assertThat(reply.close()).isFalse();
                    assertThat(reply.text()).contains("msg_01bench");
                }
                // A body larger than nginx's buffers streams through whole.
                byte[] upload = new byte[3 << 20];
                Http1Connection.Reply uploaded = c.exchange("/upload", "application/octet-stream", upload);
                assertThat(uploaded.status()).isEqualTo(200);
                assertThat(uploaded.text()).isEqualTo("{\"received\":" + upload.length + "}");
            }
        }
    }

    @Test
    void anEndpointWhoseCertificateNginxCannotVerifyIsRefused() throws Exception {
        CertificateAuthority other = CertificateAuthority.loadOrCreate(dir.resolve("other-ca"), Clock.systemUTC());
        try (ProxyProcess nginx = Peers.nginx(Peers.find("nginx").orElseThrow(), dir.resolve("nginx-untrusting"),
                other.certificateFile().orElseThrow(), LoadHarness.API, endpoint.port());
                Http1Connection c = route(nginx).open()) {
            assertThat(c.exchange("/v1/messages", "application/json", BODY).status()).isEqualTo(502);
        }
    }
}
