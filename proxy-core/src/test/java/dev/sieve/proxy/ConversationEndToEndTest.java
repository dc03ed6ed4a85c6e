package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.testing.FakeModelServer;
import dev.sieve.proxy.testing.MetricsScrape;
import dev.sieve.proxy.testing.AnthropicClients;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.Synthetic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coding agent's conversation through a real Sieve with the official Anthropic SDK: a tool result prints an .env
 * file with a GitHub token in turn 2, which stays in the transcript for turns 3 to 5. Turn 2 is blocked (the token
 * is new content), turns 3 to 5 go through with the token redacted (it is history), the model endpoint never sees
 * it, and the audit holds one alert and three repeats.
 */
class ConversationEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = "credential.github-pat";

    @TempDir
    Path dir;

    /** The transcript as the agent keeps it; each turn sends all of it. */
    private final List<Object> transcript = new ArrayList<>();

    private MessageCreateParams turn() {
        MessageCreateParams.Builder b = MessageCreateParams.builder().model("claude-test").maxTokens(64)
                .system("You are a coding agent.");
        for (Object m : transcript) {
            if (m instanceof String[] text && text[0].equals("user")) {
                b.addUserMessage(text[1]);
            } else if (m instanceof String[] text) {
                b.addAssistantMessage(text[1]);
            } else if (m instanceof ToolUseBlockParam use) {
                b.addAssistantMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolUse(use)));
            } else if (m instanceof ToolResultBlockParam result) {
                b.addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(result)));
            }
        }
        return b.build();
    }

    private static String id(AnthropicServiceException e) {
        return e.headers().values("x-sieve-request-id").get(0);
    }

    @Test
    void aSecretInATurnIsBlockedOnceThenRedactedAsHistoryWithOneAlert() throws Exception {
        String token = Synthetic.githubPat(21);
        try (ProxyTestEnv env = new ProxyTestEnv(dir, null, null)) {
            AnthropicClient client = AnthropicClients.through(env, Synthetic.anthropicKey(21));
            try {
                converse(env, client, token);
            } finally {
                client.close();
            }
        }
    }

    private void converse(ProxyTestEnv env, AnthropicClient client, String token) throws Exception {
        {
            // Turn 1: a question; nothing to find.
            transcript.add(new String[] {"user", "Why does the deploy script fail?"});
            client.messages().create(turn());
            // Turn 2: the agent ran `cat .env`; its output carries the token.
            transcript.add(ToolUseBlockParam.builder().id("toolu_1").name("bash")
                    .input(ToolUseBlockParam.Input.builder().putAdditionalProperty("cmd", JsonValue.from("cat .env"))
                            .build()).build());
            transcript.add(ToolResultBlockParam.builder().toolUseId("toolu_1")
                    .content("DEPLOY_ENV=staging\nGITHUB_TOKEN=" + token + "\nDEBUG=1\n").build());
            int before = env.anthropic.received().size();
            AnthropicServiceException blocked = (AnthropicServiceException) org.assertj.core.api.Assertions
                    .catchThrowable(() -> client.messages().create(turn()));
            assertThat(blocked).isNotNull();
            assertThat(blocked.statusCode()).isEqualTo(403);
            assertThat(blocked.getMessage()).contains(RULE).contains("$.messages[2].content[0].content")
                    .doesNotContain(token);
            assertThat(env.anthropic.received()).hasSize(before);
            String firstId = id(blocked);
            // Turns 3 to 5: the agent goes on; the .env output stays in its transcript.
            List<JsonNode> forwarded = new ArrayList<>();
            for (String next : List.of("Fix the script without printing secrets.", "Now run the tests.", "Thanks.")) {
                transcript.add(new String[] {"assistant", "I will not repeat that value."});
                transcript.add(new String[] {"user", next});
                client.messages().create(turn());
                FakeModelServer.Received got = env.anthropic.last();
                // Another rule (a KEY=value assignment) covers the same value; either replacement hides it.
                assertThat(got.bodyText()).doesNotContain(token).contains("GITHUB_[REDACTED:");
                forwarded.add(JSON.readTree(got.body()));
            }
            // The redacted history is the same on every turn: each forwarded transcript starts with the previous one.
            for (int i = 1; i < forwarded.size(); i++) {
                JsonNode earlier = forwarded.get(i - 1).get("messages");
                JsonNode later = forwarded.get(i).get("messages");
                for (int m = 0; m < earlier.size(); m++) {
                    assertThat(later.get(m)).isEqualTo(earlier.get(m));
                }
            }
            for (FakeModelServer.Received r : env.anthropic.received()) {
                assertThat(r.bodyText()).doesNotContain(token);
            }

            // The audit: one alert (turn 2, blocked), then repeats naming it, each in history and redacted.
            JsonNode first = finding(env.awaitAuditLine(firstId));
            assertThat(first.get("action").asText()).isEqualTo("block");
            assertThat(first.get("location").asText()).isEqualTo("$.messages[2].content[0].content");
            assertThat(first.has("repeat")).isFalse();
            assertThat(first.has("history")).isFalse();
            List<JsonNode> repeats = new ArrayList<>();
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (repeats.size() < 3 && System.nanoTime() < deadline) {
                repeats.clear();
                for (String line : env.auditText().split("\n")) {
                    if (line.contains("\"ruleId\":\"" + RULE + "\"")
                            && !line.contains("\"requestId\":\"" + firstId + "\"")) {
                        repeats.add(finding(line));
                    }
                }
                Thread.sleep(50);
            }
            assertThat(repeats).hasSize(3).allSatisfy(f -> {
                assertThat(f.get("repeat").asBoolean()).isTrue();
                assertThat(f.get("firstRequestId").asText()).isEqualTo(firstId);
                assertThat(f.get("history").asBoolean()).isTrue();
                assertThat(f.get("action").asText()).isEqualTo("redact");
            });
            assertThat(env.auditText()).doesNotContain(token);
            MetricsScrape metrics = MetricsScrape.parse(env.sieve.enforcement().operations().metrics().scrape());
            assertThat(metrics.value("sieve_detections_total{action=\"block\",category=\"credential\",rule=\"" + RULE
                    + "\"}")).isEqualTo(1);
            assertThat(metrics.value("sieve_detection_repeats_total{category=\"credential\",rule=\"" + RULE + "\"}"))
                    .isEqualTo(3);
        }
    }

    private static JsonNode finding(String auditLine) throws Exception {
        for (JsonNode f : JSON.readTree(auditLine).get("findings")) {
            if (f.get("ruleId").asText().equals(RULE)) {
                return f;
            }
        }
        throw new AssertionError("no " + RULE + " finding in " + auditLine);
    }
}
