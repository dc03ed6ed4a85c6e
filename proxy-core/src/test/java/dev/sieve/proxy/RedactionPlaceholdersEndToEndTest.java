package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCreateParams;
import dev.sieve.proxy.testing.AnthropicClients;
import dev.sieve.proxy.testing.FakeModelServer;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.Synthetic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stable placeholders through real Sieves (issue 12): a conversation sent with the official Anthropic Java SDK
 * reaches the model endpoint with the secret replaced by the same placeholder on every turn, so turn 2's body starts
 * with turn 1's redacted messages byte for byte; two Sieves with the same {@code redaction.keyFile} (two replicas)
 * send identical bytes, and a Sieve with another key another placeholder.
 */
class RedactionPlaceholdersEndToEndTest {

    static final Pattern PLACEHOLDER = Pattern.compile("\\[REDACTED:credential\\.aws-access-key-id:[0-9a-f]{8}]");

    @TempDir
    static Path dir;

    static ProxyTestEnv replicaA;
    static ProxyTestEnv replicaB;
    static ProxyTestEnv otherKey;

    @BeforeAll
    static void start() throws Exception {
        byte[] shared = new byte[32];
        Arrays.fill(shared, (byte) 0x5a);
        byte[] other = new byte[32];
        Arrays.fill(other, (byte) 0x3c);
        Path sharedKey = Files.write(dir.resolve("shared.key"), shared);
        Path otherKeyFile = Files.write(dir.resolve("other.key"), other);
        replicaA = new ProxyTestEnv(Files.createDirectories(dir.resolve("a")), "redaction: { keyFile: " + sharedKey + " }",
                null);
        replicaB = new ProxyTestEnv(Files.createDirectories(dir.resolve("b")), "redaction: { keyFile: " + sharedKey + " }",
                null);
        otherKey = new ProxyTestEnv(Files.createDirectories(dir.resolve("c")),
                "redaction: { keyFile: " + otherKeyFile + " }", null);
    }

    @AfterAll
    static void stop() {
        for (ProxyTestEnv env : new ProxyTestEnv[] {replicaA, replicaB, otherKey}) {
            if (env != null) {
                env.close();
            }
        }
    }

    static final String SECRET = Synthetic.awsAccessKeyId(42);
    static final String TURN1 = "my deploy script says AWS_ACCESS_KEY_ID=" + SECRET + ", why does it fail?";

    /** Turns 1 and 2 of one conversation through {@code env}; returns the two bodies the endpoint received. */
    static List<String> conversation(ProxyTestEnv env) throws Exception {
        AnthropicClient client = AnthropicClients.through(env, "sk-ant-test");
        try {
            MessageCreateParams turn1 = MessageCreateParams.builder().model("claude-test").maxTokens(64)
                    .addUserMessage(TURN1).build();
            client.messages().create(turn1);
            MessageCreateParams turn2 = turn1.toBuilder().addAssistantMessage("hello from upstream")
                    .addUserMessage("and the key " + SECRET + " again?").build();
            client.messages().create(turn2);
        } finally {
            client.close();
        }
        List<FakeModelServer.Received> received = env.anthropic.received();
        assertThat(received).hasSizeGreaterThanOrEqualTo(2);
        return List.of(received.get(received.size() - 2).bodyText(), received.get(received.size() - 1).bodyText());
    }

    @Test
    void successiveTurnsShareTheRedactedPrefixByteForByteAndReplicasWithOneKeyAgree() throws Exception {
        List<String> a = conversation(replicaA);
        List<String> b = conversation(replicaB);
        List<String> c = conversation(otherKey);

        String turn1 = a.get(0);
        String turn2 = a.get(1);
        Matcher m = PLACEHOLDER.matcher(turn1);
        assertThat(m.find()).as(turn1).isTrue();
        String placeholder = m.group();
        assertThat(turn1 + turn2).doesNotContain(SECRET);
        // The whole first message, placeholder included, is a common prefix of both turns.
        String firstMessage = TURN1.replace(SECRET, placeholder);
        String common = commonPrefix(turn1, turn2);
        assertThat(common).contains(firstMessage);
        assertThat(turn2).contains("and the key " + placeholder + " again?");
        // Two replicas with one key: the same bytes upstream.
        assertThat(b).isEqualTo(a);
        // Another key: another placeholder for the same value.
        assertThat(c.get(0)).doesNotContain(placeholder).doesNotContain(SECRET).containsPattern(PLACEHOLDER);
    }

    static String commonPrefix(String x, String y) {
        int n = 0;
        while (n < Math.min(x.length(), y.length()) && x.charAt(n) == y.charAt(n)) {
            n++;
        }
        return x.substring(0, n);
    }
}
