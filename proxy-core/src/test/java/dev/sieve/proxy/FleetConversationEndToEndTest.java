package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.testing.AnthropicClients;
import dev.sieve.proxy.testing.BudgetAgent;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RedisServer;
import dev.sieve.proxy.testing.Synthetic;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Sieve replicas share the conversation state through a real redis-server: a secret blocked as new content in
 * turn 1 on replica a is history in turn 2 on replica b (redacted, not blocked; its finding a repeat of a's), as on
 * one replica. Redis holds keyed hashes only. With Redis stopped each replica falls back to its own state, and says so
 * (readiness detail, metric).
 */
class FleetConversationEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = "credential.github-pat";

    @TempDir
    Path dir;

    private static MessageCreateParams turn(List<String[]> transcript) {
        MessageCreateParams.Builder b = MessageCreateParams.builder().model("claude-test").maxTokens(64)
                .system("You are a coding agent.");
        for (String[] m : transcript) {
            if (m[0].equals("user")) {
                b.addUserMessage(m[1]);
            } else {
                b.addAssistantMessage(m[1]);
            }
        }
        return b.build();
    }

    private static String blockedId(AnthropicClient client, List<String[]> transcript) {
        Throwable t = catchThrowable(() -> client.messages().create(turn(transcript)));
        assertThat(t).isInstanceOf(AnthropicServiceException.class);
        AnthropicServiceException e = (AnthropicServiceException) t;
        assertThat(e.statusCode()).isEqualTo(403);
        return e.headers().values("x-sieve-request-id").get(0);
    }

    @Test
    void aTurnOnAnotherReplicaKnowsItsHistoryAndEachReplicaFallsBackToItsOwnStateWhileRedisIsOut() throws Exception {
        String token = Synthetic.githubPat(31);
        String later = Synthetic.githubPat(32);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path keyFile = Files.write(Files.createDirectories(dir.resolve("keys")).resolve("redaction.key"), key);
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"))) {
            String config = """
                    redaction: { keyFile: %s }
                    state:
                      redis: { url: "%s", timeout: 500ms }
                    """.formatted(keyFile, redis.url());
            try (ProxyTestEnv a = new ProxyTestEnv(dir.resolve("a"), config, null);
                    ProxyTestEnv b = new ProxyTestEnv(dir.resolve("b"), config, null)) {
                BudgetAgent.awaitReadyz(a, body -> !body.contains("details"));
                BudgetAgent.awaitReadyz(b, body -> !body.contains("details"));
                AnthropicClient viaA = AnthropicClients.through(a, Synthetic.anthropicKey(31));
                AnthropicClient viaB = AnthropicClients.through(b, Synthetic.anthropicKey(31));
                try {
                    // Turn 1 on a: the token is new content, blocked.
                    List<String[]> transcript = new java.util.ArrayList<>();
                    transcript.add(new String[] {"user", "Deploy with GITHUB_TOKEN=" + token + " please."});
                    String firstId = blockedId(viaA, transcript);

                    // Turn 2 on b carries turn 1: b knows it as history, redacts the token, forwards.
                    transcript.add(new String[] {"assistant", "I will not use that value."});
                    transcript.add(new String[] {"user", "Then deploy without it."});
                    viaB.messages().create(turn(transcript));
                    assertThat(b.anthropic.last().bodyText()).doesNotContain(token).contains("[REDACTED:");
                    JsonNode repeat = finding(b.awaitAuditLine("\"decision\":\"redacted\""));
                    assertThat(repeat.get("history").asBoolean()).isTrue();
                    assertThat(repeat.get("repeat").asBoolean()).isTrue();
                    assertThat(repeat.get("firstRequestId").asText()).isEqualTo(firstId);

                    // Redis holds hashes and ids only: never the token, the agent or the text.
                    List<String> keys = redis.commandList("KEYS sieve:conv:*");
                    assertThat(keys).anyMatch(k -> k.startsWith("sieve:conv:p:"))
                            .anyMatch(k -> k.startsWith("sieve:conv:s:"));
                    assertThat(String.join(" ", keys)).doesNotContain(token).doesNotContain("127.0.0.1")
                            .doesNotContain("GITHUB");
                    for (String k : keys) {
                        if (k.startsWith("sieve:conv:p:")) {
                            assertThat(redis.command("GET " + k)).matches("[0-9a-f]{32,64}");
                        } else {
                            assertThat(redis.commandList("HGETALL " + k)).contains(firstId)
                                    .noneMatch(v -> v.contains(token));
                            assertThat(Long.parseLong(redis.command("PTTL " + k).substring(1)))
                                    .isPositive().isLessThanOrEqualTo(3_600_000L);
                        }
                    }

                    // Redis goes away: each replica follows conversations on its own, and says so.
                    redis.stop();
                    HttpResponse<String> ready = BudgetAgent.awaitReadyz(b,
                            body -> body.contains("conversations: per-replica state"));
                    assertThat(ready.statusCode()).isEqualTo(200);
                    List<String[]> other = new java.util.ArrayList<>();
                    other.add(new String[] {"user", "Use GITHUB_TOKEN=" + later + " for the release."});
                    blockedId(viaA, other);
                    other.add(new String[] {"assistant", "Noted."});
                    other.add(new String[] {"user", "Release now."});
                    // b never saw turn 1 and cannot ask: the token is new content there (the strict reading)...
                    blockedId(viaB, other);
                    // ...while a, which did see it, still knows it as history.
                    viaA.messages().create(turn(other));
                    assertThat(a.anthropic.last().bodyText()).doesNotContain(later).contains("[REDACTED:");
                    assertThat(BudgetAgent.metric(b, "sieve_conversation_state_fallbacks_total")).isPositive();
                    assertThat(BudgetAgent.metric(a, "sieve_conversation_state_fallbacks_total")).isPositive();
                    assertThat(a.auditText()).doesNotContain(token).doesNotContain(later);
                    assertThat(b.auditText()).doesNotContain(token).doesNotContain(later);
                } finally {
                    viaA.close();
                    viaB.close();
                }
            }
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
