package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.sieve.proxy.testing.Agents;
import dev.sieve.proxy.testing.AnthropicClients;
import dev.sieve.proxy.testing.FakeModelServer;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import dev.sieve.proxy.testing.Synthetic;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The response to a redacted request, through real Sieves (issue 12). {@code X-Sieve-Redacted} names the redacting
 * rules, once each, so the agent knows its request was changed; a request forwarded unchanged gets none.
 *
 * <p>{@code redaction.restoreInResponses} through real Sieves with the official Anthropic Java SDK (issue 12): the
 * model endpoint never sees the secret, and the placeholder it answers with comes back to the agent as the
 * original, in a plain JSON response and in a streamed one where the placeholder is split across two
 * {@code content_block_delta} events and across network writes. A placeholder of one agent is never restored for
 * another (agents told apart by client address here), an unknown placeholder stays as it is, and restore is off
 * by default.
 */
class RedactedResponsesEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern PLACEHOLDER = Pattern.compile("\\[REDACTED:[a-z0-9.-]+:[0-9a-f]{8}]");
    static final String UNKNOWN = "[REDACTED:credential.aws-access-key-id:00000000]";

    @TempDir
    static Path dir;

    static ProxyTestEnv restoring;
    static ProxyTestEnv plain;

    @BeforeAll
    static void start() throws Exception {
        restoring = new ProxyTestEnv(Files.createDirectories(dir.resolve("on")),
                "redaction: { restoreInResponses: true }", null);
        plain = new ProxyTestEnv(Files.createDirectories(dir.resolve("off")), null, null);
        for (ProxyTestEnv env : new ProxyTestEnv[] {restoring, plain}) {
            env.anthropic.script("/v1/messages", RedactedResponsesEndToEndTest::answerWithThePlaceholder);
            env.api.script("/reply", RedactedResponsesEndToEndTest::replyWithTheHeader);
        }
    }

    @AfterAll
    static void stop() {
        restoring.close();
        plain.close();
    }

    /** A model that quotes the first placeholder of the request back, split across two deltas when streaming. */
    static void answerWithThePlaceholder(FakeModelServer.Received request, HttpExchange ex) throws IOException {
        Matcher m = PLACEHOLDER.matcher(request.bodyText());
        String placeholder = m.find() ? m.group() : "none";
        String text = "key " + placeholder + " and " + UNKNOWN + " done";
        if (!request.bodyText().replace(" ", "").contains("\"stream\":true")) {
            byte[] body = JSON.writeValueAsBytes(JSON.readTree(FakeModelServer.MESSAGE_JSON.replace(
                    "hello from upstream", text.replace("\"", "\\\""))));
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        int cut = "key ".length() + 20; // inside the placeholder
        try (OutputStream out = ex.getResponseBody()) {
            event(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":[],\"stop_reason\":null,"
                    + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}");
            event(out, "content_block_start",
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
            event(out, "content_block_delta", delta(text.substring(0, cut)));
            event(out, "content_block_delta", delta(text.substring(cut)));
            event(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
            event(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":2}}");
            event(out, "message_stop", "{\"type\":\"message_stop\"}");
        }
    }

    static String delta(String text) throws IOException {
        return "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
                + JSON.writeValueAsString(text) + "}}";
    }

    /** Each event in two network writes, the second data line cut in the middle of its placeholder. */
    static void event(OutputStream out, String name, String data) throws IOException {
        byte[] bytes = ("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        int half = bytes.length - 12;
        out.write(bytes, 0, half);
        out.flush();
        out.write(bytes, half, bytes.length - half);
        out.flush();
    }

    /** Answers with a JSON message whose text is the request's {@code x-reply} header. */
    static void replyWithTheHeader(FakeModelServer.Received request, HttpExchange ex) throws IOException {
        byte[] body = JSON.writeValueAsBytes(java.util.Map.of("text", request.header("x-reply")));
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    static MessageCreateParams ask(String secret) {
        return MessageCreateParams.builder().model("claude-test").maxTokens(64)
                .addUserMessage("deploy with AWS_ACCESS_KEY_ID=" + secret).build();
    }

    static String streamedText(AnthropicClient client, MessageCreateParams params) {
        StringBuilder text = new StringBuilder();
        try (var stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(e -> e.contentBlockDelta().flatMap(d -> d.delta().text())
                    .ifPresent(t -> text.append(t.text())));
        }
        return text.toString();
    }

    static HttpResponse<String> echo(String body) throws Exception {
        return plain.agentClient().send(HttpRequest.newBuilder(URI.create(plain.apiUrl("/echo")))
                .timeout(Duration.ofSeconds(30)).header("content-type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRedactedRequestsResponseNamesTheRulesOnceEach() throws Exception {
        String first = Synthetic.awsAccessKeyId(11);
        String second = Synthetic.awsAccessKeyId(12);

        HttpResponse<String> r = echo("keys " + first + " and " + second + " and " + first);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(first).doesNotContain(second);
        assertThat(r.headers().allValues("x-sieve-redacted")).containsExactly("credential.aws-access-key-id");
    }

    @Test
    void severalRulesAreCommaSeparated() throws Exception {
        HttpResponse<String> r = echo("key " + Synthetic.awsAccessKeyId(13) + " card " + Synthetic.visa(13));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-sieve-redacted").orElseThrow().split(","))
                .contains("credential.aws-access-key-id").doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void anUnchangedRequestsResponseHasNoHeader() throws Exception {
        HttpResponse<String> r = echo("nothing to see here");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("nothing to see here");
        assertThat(r.headers().firstValue("x-sieve-redacted")).isEmpty();
    }

    @Test
    void aPlainJsonResponseGetsTheOriginalBackAndTheModelNeverSawIt() throws Exception {
        String secret = Synthetic.awsAccessKeyId(31);
        AnthropicClient client = AnthropicClients.through(restoring, "sk-ant-test");
        try {
            Message answer = client.messages().create(ask(secret));

            assertThat(answer.content().get(0).text().orElseThrow().text())
                    .isEqualTo("key " + secret + " and " + UNKNOWN + " done");
        } finally {
            client.close();
        }
        FakeModelServer.Received upstream = restoring.anthropic.last();
        assertThat(upstream.bodyText()).doesNotContain(secret).containsPattern(PLACEHOLDER);
        assertThat(upstream.header("accept-encoding")).isEqualTo("identity");
    }

    @Test
    void aStreamedResponseGetsThePlaceholderSplitAcrossTwoEventsRestored() throws Exception {
        String secret = Synthetic.awsAccessKeyId(32);
        AnthropicClient client = AnthropicClients.through(restoring, "sk-ant-test");
        try {
            assertThat(streamedText(client, ask(secret).toBuilder().build()))
                    .isEqualTo("key " + secret + " and " + UNKNOWN + " done");
        } finally {
            client.close();
        }
        assertThat(restoring.anthropic.last().bodyText()).doesNotContain(secret);
    }

    @Test
    void restoreIsOffByDefault() throws Exception {
        String secret = Synthetic.awsAccessKeyId(33);
        AnthropicClient client = AnthropicClients.through(plain, "sk-ant-test");
        try {
            String text = client.messages().create(ask(secret)).content().get(0).text().orElseThrow().text();
            assertThat(text).doesNotContain(secret).containsPattern(PLACEHOLDER);
            assertThat(streamedText(client, ask(secret))).doesNotContain(secret).containsPattern(PLACEHOLDER);
        } finally {
            client.close();
        }
        assertThat(plain.anthropic.last().header("accept-encoding")).isNotEqualTo("identity");
    }

    @Test
    void oneAgentsPlaceholderIsNeverRestoredForAnother() throws Exception {
        String secretA = Synthetic.awsAccessKeyId(34);
        String secretB = Synthetic.awsAccessKeyId(35);
        InetAddress a = InetAddress.getByName("127.0.0.1");
        InetAddress b = InetAddress.getByName("127.0.0.2");
        String placeholderA;
        try (RawClient agentA = Agents.tunnel(restoring, null, a)) {
            RawClient.Response r = agentA.request(reply(secretA, "nothing"));
            assertThat(r.status()).isEqualTo(200);
            Matcher m = PLACEHOLDER.matcher(restoring.api.last().bodyText());
            assertThat(m.find()).isTrue();
            placeholderA = m.group();
            // The same agent gets its own placeholder restored.
            RawClient.Response again = agentA.request(reply(secretA, "yours: " + placeholderA));
            assertThat(JSON.readTree(again.body()).path("text").asText()).isEqualTo("yours: " + secretA);
            assertThat(again.header("x-sieve-redacted")).isEqualTo("credential.aws-access-key-id");
        }
        try (RawClient agentB = Agents.tunnel(restoring, null, b)) {
            // Agent B's request is redacted too (so its response is restored), but A's placeholder is not B's.
            RawClient.Response r = agentB.request(reply(secretB, "theirs: " + placeholderA));
            assertThat(r.status()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).path("text").asText()).isEqualTo("theirs: " + placeholderA);
            assertThat(r.body()).doesNotContain(secretA);
        }
    }

    /** A JSON request to {@code /reply} carrying {@code secret}, whose answer will be {@code replyText}. */
    static String reply(String secret, String replyText) {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"key " + secret + "\"}]}";
        return "POST /reply HTTP/1.1\r\nHost: api.sieve.test:" + restoring.api.port() + "\r\nContent-Type: "
                + "application/json\r\nX-Reply: " + replyText + "\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }
}
