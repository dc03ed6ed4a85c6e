package dev.sieve.proxy;

import static dev.sieve.proxy.testing.Agents.assertRefusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.models.messages.MessageCreateParams;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.testing.AnthropicClients;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code refusals.explainInTunnel} (on by default): a CONNECT refused for its host name is accepted and the refusal
 * is answered inside the tunnel, so that real clients (curl, Python's urllib, the Anthropic SDK), which discard the
 * body of a refused CONNECT, show the agent why. No DNS lookup and no upstream connection happen for it, and the
 * decision is audited once, under the request id every answer in the tunnel carries.
 */
class ExplainedRefusalsEndToEndTest {
    private static final String EVIL = "evil.example.com";

    @TempDir
    static Path dir;

    static ProxyTestEnv env;
    static Path caFile;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, null, RequestInspector.PASS_THROUGH);
        caFile = Files.writeString(dir.resolve("sieve-ca.pem"), env.sieve.ca().certificatePem());
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void aHostOffTheAllowlistIsExplainedInsideTheTunnelWithoutDnsOrUpstream() throws Exception {
        RawClient.Response answer;
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect(EVIL + ":443").status()).as("CONNECT is accepted to explain").isEqualTo(200);
            c.startTls(env.agentTls(), EVIL, EVIL, 443);
            answer = c.request("POST /v1/messages HTTP/1.1\r\nHost: " + EVIL + "\r\nContent-Length: 2\r\n\r\n{}");
            assertThat(c.isClosedByPeer()).as("the tunnel ends after the answer").isTrue();
        }
        assertRefusal(answer, 403, "destination_not_found", "not_allowlisted");
        assertThat(answer.header("connection")).isEqualTo("close");
        assertThat(answer.body()).contains("the destination is not on Sieve's allowlist: " + EVIL + " is not allowlisted");
        String id = answer.header("x-sieve-request-id");
        assertThat(answer.body()).contains("\"request_id\":\"" + id + "\"");

        String record = env.awaitAuditLine(id);
        assertThat(record).contains("\"decision\":\"denied\"").contains("not_allowlisted").contains("\"CONNECT\"");
        // Records only: a behaviour alert may name the request as evidence too.
        assertThat(env.auditText().lines().filter(l -> l.contains("\"requestId\":\"" + id + "\"")))
                .as("one audit record for the tunnel").hasSize(1);
        assertThat(env.dnsLookups).as("no DNS lookup").doesNotContain(EVIL);
    }

    @Test
    void curlShowsTheRefusalEvenWhileStillUploading() throws Exception {
        // A body of 4 MiB: the answer comes before curl has sent it, and must still reach curl.
        Path upload = Files.write(dir.resolve("upload.bin"), new byte[4 * 1024 * 1024]);
        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "20", "--proxy",
                "http://127.0.0.1:" + env.proxy().getPort(), "--cacert", caFile.toString(), "-w", "\n%{http_code}",
                "--data-binary", "@" + upload, "https://" + EVIL + "/v1/messages").redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as(out).isZero();
        assertThat(out).doesNotContain("CONNECT tunnel failed").endsWith("\n403")
                .contains("\"reason\":\"not_allowlisted\"").contains(EVIL + " is not allowlisted");
        assertThat(env.dnsLookups).doesNotContain(EVIL);
    }

    @Test
    void pythonUrllibShowsTheRefusal() throws Exception {
        Path script = Files.writeString(dir.resolve("agent.py"), """
                import json, ssl, sys, urllib.error, urllib.request
                context = ssl.create_default_context(cafile=sys.argv[2])
                opener = urllib.request.build_opener(urllib.request.ProxyHandler({"https": sys.argv[1]}),
                                                     urllib.request.HTTPSHandler(context=context))
                try:
                    opener.open("https://evil.example.com/v1/messages", data=b"{}", timeout=20)
                    print("no error")
                except urllib.error.HTTPError as e:
                    error = json.loads(e.read())["error"]
                    print(e.code, error["reason"], error["message"])
                """);
        Process python = new ProcessBuilder("python3", script.toString(), "http://127.0.0.1:" + env.proxy().getPort(),
                caFile.toString()).redirectErrorStream(true).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(out).isZero();
        assertThat(out).doesNotContain("Tunnel connection failed")
                .startsWith("403 not_allowlisted the destination is not on Sieve's allowlist: " + EVIL);
    }

    @Test
    void anthropicSdkShowsTheRefusal() throws Exception {
        AnthropicClient client = anthropic("https://" + EVIL);
        try {
            assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder().model("claude-test")
                    .maxTokens(16).addUserMessage("hi").build()))
                    .isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("the destination is not on Sieve's allowlist: " + EVIL + " is not allowlisted")
                    .hasMessageContaining("req_");
        } finally {
            client.close();
        }
    }

    @Test
    void theKillSwitchIsExplainedInsideTheTunnel() throws Exception {
        HttpClient admin = HttpClient.newHttpClient();
        URI killSwitch = URI.create("http://127.0.0.1:" + env.admin().getPort() + "/admin/killswitch");
        assertThat(admin.send(HttpRequest.newBuilder(killSwitch).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        int before = env.api.received().size();
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect("api.sieve.test:" + env.api.port()).status()).isEqualTo(200);
            c.startTls(env.agentTls(), "api.sieve.test", "api.sieve.test", env.api.port());
            RawClient.Response r = c.request("GET /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port() + "\r\n\r\n");
            assertRefusal(r, 403, "http_request_denied", "kill_switch");
        } finally {
            admin.send(HttpRequest.newBuilder(killSwitch).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        }
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void ipLiteralsOtherPortsAndAddressRefusalsKeepThePlainConnect403() throws Exception {
        try (RawClient c = new RawClient(env.proxy())) {
            assertRefusal(c.connect("93.184.216.34:443"), 403, "destination_ip_prohibited", "ip_literal");
        }
        try (RawClient c = new RawClient(env.proxy())) {
            assertRefusal(c.connect(EVIL + ":8443"), 403, "destination_not_found", "not_allowlisted");
        }
        try (RawClient c = new RawClient(env.proxy())) {
            // private.sieve.test is allowlisted but resolves to loopback without privateAddresses: decided after DNS.
            assertRefusal(c.connect("private.sieve.test:" + env.api.port()), 403, "destination_ip_prohibited",
                    "prohibited_address");
        }
    }

    private static AnthropicClient anthropic(String baseUrl) throws Exception {
        return AnthropicClients.through(env, baseUrl, "sk-ant-test-not-a-real-key");
    }
}
