package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import dev.sieve.certs.CertificateAuthority;
import dev.sieve.proxy.testing.AnthropicClients;
import dev.sieve.proxy.testing.CapturingAppender;
import dev.sieve.proxy.testing.FakeModelServer;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import dev.sieve.proxy.testing.Synthetic;
import dev.sieve.proxy.testing.TestTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credential injection with real clients: agents hold the placeholder, the fake endpoints see the real (synthetic)
 * values, an agent that holds the real key is refused where injection is required, and the real values appear in no
 * log line, audit record, metric or error body.
 */
class CredentialInjectionEndToEndTest {
    static final String AGENT_TOKEN = "agent-token-0123456789abcdef";
    /** The real Anthropic key Sieve holds (synthetic, with the real format). */
    static final String ANTHROPIC_KEY = Synthetic.anthropicKey(1401);
    static final String OPENAI_KEY = "synthetic-openai-general-" + Synthetic.alnum(1402, 24);
    static final String OPENAI_AGENT_KEY = "synthetic-openai-agent7-" + Synthetic.alnum(1403, 24);
    static final String HEADER_KEY = "synthetic-header-" + Synthetic.alnum(1404, 24);
    static final String QUERY_KEY = "synthetic/query+" + Synthetic.alnum(1405, 24);
    static final String ROTATED_HEADER_KEY = "synthetic-rotated-" + Synthetic.alnum(1407, 24);
    static final List<String> REAL = List.of(ANTHROPIC_KEY, OPENAI_KEY, OPENAI_AGENT_KEY, HEADER_KEY, QUERY_KEY,
            ROTATED_HEADER_KEY);

    @TempDir
    static Path dir;

    static ProxyTestEnv env;
    static FakeModelServer headerServer;
    static FakeModelServer queryServer;

    @BeforeAll
    static void start() throws Exception {
        // The env makes Sieve trust the CA in <dir>/upstream-ca (created here first), so these servers are trusted.
        CertificateAuthority upstreamCa = TestTls.newCa(dir.resolve("upstream-ca"));
        headerServer = FakeModelServer.https(TestTls.serverContext(upstreamCa, "mcp.sieve.test"));
        queryServer = FakeModelServer.https(TestTls.serverContext(upstreamCa, "ws.sieve.test"));
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("anthropic"), ANTHROPIC_KEY + "\n");
        Files.writeString(secrets.resolve("openai"), OPENAI_KEY + "\n");
        Files.writeString(secrets.resolve("openai-agent7"), OPENAI_AGENT_KEY);
        Files.writeString(secrets.resolve("header"), HEADER_KEY + "\n");
        Files.writeString(secrets.resolve("query"), QUERY_KEY + "\n");
        env = new ProxyTestEnv(dir, "", """
                auth: { required: false, tokens: { agent-7: %s } }
                credentials:
                  refreshInterval: 1s
                  entries:
                    - { destination: "api.anthropic.com:${anthropic.port}", kind: anthropic, requireInjected: true,
                        secretFile: %s }
                    - { destination: "api.sieve.test:${api.port}", kind: openai, secretFile: %s }
                    - { destination: "api.sieve.test:${api.port}", agents: [agent-7], kind: openai, secretFile: %s }
                    - { destination: "mcp.sieve.test:%d", kind: header, header: X-Custom-Key, prefix: "Key ",
                        secretFile: %s }
                    - { destination: "ws.sieve.test:%d", kind: query, query: key, secretFile: %s }
                    - { destination: "plain.sieve.test:${plain.port}", kind: anthropic, secretFile: %s }
                """.formatted(AGENT_TOKEN, secrets.resolve("anthropic"), secrets.resolve("openai"),
                secrets.resolve("openai-agent7"), headerServer.port(), secrets.resolve("header"), queryServer.port(),
                secrets.resolve("query"), secrets.resolve("anthropic")),
                "- { host: mcp.sieve.test, ports: [" + headerServer.port() + "], privateAddresses: true }\n"
                        + "- { host: ws.sieve.test, ports: [" + queryServer.port() + "], privateAddresses: true }",
                null);
    }

    private static String create(AnthropicClient client) {
        Message m = client.messages().create(MessageCreateParams.builder().model("claude-test").maxTokens(16)
                .addUserMessage("hello").build());
        return m.content().get(0).asText().text();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return env.agentClient().send(request.timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anthropicSdkWithThePlaceholderReachesTheEndpointAndTheEndpointSeesTheRealKey() throws Exception {
        AnthropicClient client = AnthropicClients.through(env, "sieve-placeholder");
        try {
            assertThat(create(client)).isEqualTo("hello from upstream");
        } finally {
            client.close();
        }

        assertThat(env.anthropic.last().header("x-api-key")).isEqualTo(ANTHROPIC_KEY);
    }

    @Test
    void theInjectedKeyIsNotAFindingAndTheAgentsPlaceholderRequestIsAuditedAsSent() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("https://api.anthropic.com:"
                + env.anthropic.port() + "/echo")).header("x-api-key", "sieve-placeholder")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[]}")));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(env.anthropic.last().header("x-api-key")).isEqualTo(ANTHROPIC_KEY);
        String audit = env.awaitAuditLine(r.headers().firstValue("X-Sieve-Request-Id").orElseThrow());
        assertThat(audit).contains("\"findings\":[]").doesNotContain("credential.anthropic-api-key");
    }

    @Test
    void theSameAgentSendingTheRealKeyItselfIsRefusedWhereInjectionIsRequired() throws Exception {
        int before = env.anthropic.received().size();
        for (String own : List.of(ANTHROPIC_KEY, Synthetic.anthropicKey(1406))) {
            AnthropicClient client = AnthropicClients.through(env, own);
            try {
                assertThatThrownBy(() -> create(client)).isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.getMessage()).contains("credential_not_injected", "x-api-key: sieve-placeholder")
                                .doesNotContain(own));
            } finally {
                client.close();
            }
        }

        assertThat(env.anthropic.received()).hasSize(before);
    }

    @Test
    void refusalSaysWhatToDoInProxyStatusAndJson() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("https://api.anthropic.com:"
                + env.anthropic.port() + "/v1/messages")).header("x-api-key", ANTHROPIC_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Proxy-Status")).get().asString()
                .startsWith("sieve; error=http_request_denied; details=\"credential_not_injected: header x-api-key to"
                        + " api.anthropic.com:" + env.anthropic.port());
        assertThat(r.body()).contains("\"type\":\"permission_error\"", "\"reason\":\"credential_not_injected\"",
                "Configure the agent with the placeholder instead of a real key").doesNotContain(ANTHROPIC_KEY);
        // The connection stays usable: the body was read, and the next request is served.
        assertThat(send(HttpRequest.newBuilder(URI.create("https://api.anthropic.com:" + env.anthropic.port()
                + "/echo")).header("x-api-key", "sieve-placeholder").POST(HttpRequest.BodyPublishers.ofString("ok")))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void openAiBearerPlaceholderIsReplacedForEveryAgent() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(env.apiUrl("/echo")))
                .header("Authorization", "Bearer sieve-placeholder").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(env.api.last().header("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
    }

    @Test
    void aPerAgentEntryAppliesToItsAgentOnly() throws Exception {
        String basic = "Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString(
                ("agent-7:" + AGENT_TOKEN).getBytes(StandardCharsets.UTF_8));
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect("api.sieve.test:" + env.api.port(), basic).status()).isEqualTo(200);
            c.startTls(env.agentTls(), "api.sieve.test", "api.sieve.test", env.api.port());
            RawClient.Response r = c.request("POST /echo HTTP/1.1\r\nHost: api.sieve.test:" + env.api.port()
                    + "\r\nAuthorization: Bearer sieve-placeholder\r\nContent-Length: 2\r\n\r\nhi");
            assertThat(r.status()).isEqualTo(200);
        }
        assertThat(env.api.last().header("Authorization")).isEqualTo("Bearer " + OPENAI_AGENT_KEY);

        // Without proxy credentials the same request is another agent's: the general entry's key.
        send(HttpRequest.newBuilder(URI.create(env.apiUrl("/echo"))).header("Authorization", "Bearer sieve-placeholder")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(env.api.last().header("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
    }

    @Test
    void genericHeaderIsSetWhenTheAgentSendsNone() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("https://mcp.sieve.test:" + headerServer.port()
                + "/echo")).POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(headerServer.last().header("X-Custom-Key")).isEqualTo("Key " + HEADER_KEY);
    }

    @Test
    void aRotatedSecretFileIsUsedWithoutARestartAndAnEmptyOneKeepsTheLastValue() throws Exception {
        Path file = dir.resolve("secrets").resolve("header");
        try {
            Files.writeString(file, ROTATED_HEADER_KEY + "\n");
            awaitHeaderKey("Key " + ROTATED_HEADER_KEY);
            // The rotation is an admin action in the audit chain, by the file, naming the entry, never the value.
            assertThat(env.awaitAuditLine("\"action\":\"credential.rotate\",\"actor\":\"file:header\","
                    + "\"target\":\"credentials.entries[3].secretFile\"")).doesNotContain(ROTATED_HEADER_KEY);
            Files.writeString(file, "");
            Thread.sleep(2_500); // two refresh intervals: the empty file was read, and refused
            send(HttpRequest.newBuilder(URI.create("https://mcp.sieve.test:" + headerServer.port() + "/echo")).GET());
            assertThat(headerServer.last().header("X-Custom-Key")).isEqualTo("Key " + ROTATED_HEADER_KEY);
        } finally {
            Files.writeString(file, HEADER_KEY + "\n");
            awaitHeaderKey("Key " + HEADER_KEY);
        }
    }

    private static void awaitHeaderKey(String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            send(HttpRequest.newBuilder(URI.create("https://mcp.sieve.test:" + headerServer.port() + "/echo")).GET());
            String seen = headerServer.last().header("X-Custom-Key");
            if (expected.equals(seen) || System.nanoTime() > deadline) {
                assertThat(seen).isEqualTo(expected);
                return;
            }
            Thread.sleep(100);
        }
    }

    @Test
    void genericQueryParameterReplacesThePlaceholder() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("https://ws.sieve.test:" + queryServer.port()
                + "/echo?q=a%20b&key=sieve-placeholder")).GET());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(queryServer.last().uri()).isEqualTo("/echo?q=a%20b&key="
                + java.net.URLEncoder.encode(QUERY_KEY, StandardCharsets.UTF_8));
    }

    @Test
    void plainHttpIsNeverInjected() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://plain.sieve.test:" + env.plain.port()
                + "/echo")).header("x-api-key", "sieve-placeholder").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(env.plain.last().header("x-api-key")).isEqualTo("sieve-placeholder");
    }

    @Test
    void realValuesAppearInNoLogAuditMetricOrErrorBody() throws Exception {
        AnthropicClient client = AnthropicClients.through(env, "sieve-placeholder");
        try {
            create(client);
        } finally {
            client.close();
        }
        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create("https://api.anthropic.com:"
                + env.anthropic.port() + "/v1/messages?x=1")).header("x-api-key", ANTHROPIC_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        String requestId = refused.headers().firstValue("X-Sieve-Request-Id").orElseThrow();
        send(HttpRequest.newBuilder(URI.create("https://ws.sieve.test:" + queryServer.port() + "/echo?key=sieve-placeholder"))
                .GET());
        env.awaitAuditLine(requestId);
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://"
                + env.admin().getHostString() + ":" + env.admin().getPort() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(env.awaitAuditLine(requestId)).contains("credential_not_injected");
        for (String real : REAL) {
            assertThat(refused.body() + refused.headers()).doesNotContain(real);
            assertThat(env.auditText()).doesNotContain(real).doesNotContain(real.substring(0, 20));
            assertThat(CapturingAppender.all()).doesNotContain(real);
            assertThat(metrics).doesNotContain(real);
        }
        assertThat(metrics).contains("credential_not_injected");
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
        headerServer.close();
        queryServer.close();
    }
}
