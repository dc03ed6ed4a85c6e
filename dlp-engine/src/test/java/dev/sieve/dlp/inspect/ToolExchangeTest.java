package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.json;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.view.ViewLimits;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A command an agent's tool ran and its one-token output, which transcripts keep in different messages, are read
 * together as a terminal shows them ({@code $ <command>}, then the token on the next line), in view
 * {@code json:$|joined-exchange}: each API's shape, a tool's JSON result, and what is not paired.
 */
class ToolExchangeTest {

    private static final String RULE = "test.stored-secret";
    private static final String SECRET = "Qv7-mZ2pXr9Lw4Kt";
    private static final Inspector INSPECTOR = new Inspector(Engines.compile(rules(), EngineKind.AUTO),
            ViewLimits.defaults());

    private static RuleSet rules() {
        try {
            return RuleSet.parse(Map.of("stored.yaml", """
                    rules:
                      - id: test.stored-secret
                        name: Output of a secret store read
                        category: credential
                        severity: high
                        # the output line holds a digit: the JSON view has its keys on lines of their own
                        patterns:
                          - '\\bvault[ \\t]kv[ \\t]get[ \\t][^\\n]{1,200}\\n[ \\t]{0,4}[^\\s]{3,32}[0-9][^\\s]{3,32}[ \\t]{0,4}(?:\\n|$)'
                    """));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static InspectionResult inspect(String body) {
        try (Inspection inspection = INSPECTOR.open(json(), InspectionPolicy.defaults())) {
            return inspection.finish(ByteBuffer.wrap(utf8(body)));
        }
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String anthropic(String command, String output) {
        return "{\"model\":\"claude\",\"max_tokens\":64,\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":"
                + "\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Bash\",\"input\":{\"command\":" + q(command)
                + ",\"description\":\"Read the stored password\"}}]},{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":" + q(output) + "}]}]}";
    }

    @Test
    void anAnthropicBashCallAndItsResultAreReadAsATerminalShowsThem() {
        InspectionResult r = inspect(anthropic("vault kv get -field=password secret/prod/db", SECRET + "\n"));

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.findings()).extracting(Finding::ruleId).containsExactly(RULE);
        Finding f = r.findings().get(0);
        assertThat(f.viewPath()).isEqualTo("json:$|joined-exchange");
        // placed at the output, the value that completes the match
        assertThat(f.location()).hasValueSatisfying(l ->
                assertThat(l.path()).isEqualTo("$.messages[1].content[0].content"));
    }

    @Test
    void openAiChatArgumentsAndCodexCommandArraysAndJsonResultsArePairedToo() {
        String chat = "{\"model\":\"gpt\",\"messages\":[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":"
                + "\"c1\",\"type\":\"function\",\"function\":{\"name\":\"sh\",\"arguments\":"
                + q("{\"cmd\": \"vault kv get -field=token secret/ci\"}") + "}}]},{\"role\":\"tool\",\"tool_call_id\":"
                + "\"c1\",\"content\":" + q(SECRET) + "}]}";
        String codex = "{\"model\":\"codex\",\"input\":[{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"shell\","
                + "\"arguments\":" + q("{\"command\": [\"bash\", \"-lc\", \"vault kv get -field=password kv/db\"]}")
                + "},{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":"
                + q("{\"output\": \"" + SECRET + "\\n\", \"metadata\": {\"exit_code\": 0}}") + "}]}";
        String gemini = "{\"contents\":[{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"run\",\"args\":"
                + "{\"command\":\"vault kv get -field=password kv/db\"}}}]},{\"role\":\"function\",\"parts\":[{"
                + "\"functionResponse\":{\"name\":\"run\",\"response\":{\"stdout\":" + q(SECRET) + "}}}]}]}";

        for (String body : new String[] {chat, codex, gemini}) {
            assertThat(inspect(body).findings()).as(body).extracting(Finding::ruleId).containsExactly(RULE);
        }
    }

    @Test
    void onlyALoneTokenSoonAfterTheCommandIsItsOutput() {
        // output of several words: a message, not a value
        assertThat(inspect(anthropic("vault kv get -field=password secret/prod/db", "No value found at secret/prod/db"))
                .findings()).isEmpty();
        // the same command without its output, and the token in a later turn after other values
        String later = "{\"model\":\"claude\",\"max_tokens\":64,\"messages\":[{\"role\":\"assistant\",\"content\":[{"
                + "\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"Bash\",\"input\":{\"command\":"
                + q("vault kv get -field=password secret/db") + "}}]},{\"role\":\"user\",\"content\":"
                + "\"what does it print?\"},{\"role\":\"assistant\",\"content\":\"It prints the stored password.\"},"
                + "{\"role\":\"user\",\"content\":\"ok\"},{\"role\":\"user\",\"content\":" + q(SECRET) + "}]}";
        assertThat(inspect(later).findings()).isEmpty();
        // a command the rule does not know, with one token of output
        assertThat(inspect(anthropic("git rev-parse HEAD", "9f2c4e1a7b3d5f6e8a0c2b4d6f8e0a1c3b5d7f9e")).findings())
                .isEmpty();
    }
}
