package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.INSPECTOR;
import static dev.sieve.dlp.inspect.TestRequests.SSN;
import static dev.sieve.dlp.inspect.TestRequests.anthropicKey;
import static dev.sieve.dlp.inspect.TestRequests.json;
import static dev.sieve.dlp.inspect.TestRequests.str;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.conversation.Conversation;
import dev.sieve.dlp.conversation.ConversationReader;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Findings in the part of a conversation earlier turns already sent are judged by the history policy. */
class HistoryJudgingTest {

    private static final String KEY = anthropicKey();
    /**
     * Message 2 is a tool result that printed a .env file; message 3 is the new question. Units: [0] message 0,
     * [1] message 1's head, [2] its tool_use, [3] message 2's head, [4] its tool_result, [5] message 3.
     */
    private static final String BODY = "{\"model\":\"claude\",\"max_tokens\":64,\"messages\":["
            + "{\"role\":\"user\",\"content\":\"show .env\"},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"bash\","
            + "\"input\":{\"cmd\":\"cat .env\"}}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\","
            + "\"content\":\"ANTHROPIC_API_KEY=" + KEY + "\"}]},"
            + "{\"role\":\"user\",\"content\":\"thanks, go on\"}]}";

    private static InspectionResult inspect(String body, int seen, HistoryPolicy policy, InspectionPolicy inspection) {
        byte[] bytes = utf8(body);
        Optional<Conversation> c = ConversationReader.read("/v1/messages", bytes);
        assertThat(c).isPresent();
        try (Inspection i = INSPECTOR.open(json(), inspection)) {
            return i.finish(ByteBuffer.wrap(bytes), new TurnHistory(c, seen, policy));
        }
    }

    private static InspectionResult inspect(String body, int seen, HistoryPolicy policy) {
        return inspect(body, seen, policy, InspectionPolicy.defaults());
    }

    private static Finding key(InspectionResult r) {
        return r.findings().stream().filter(f -> f.ruleId().equals(TestRequests.ANTHROPIC_RULE)).findFirst()
                .orElseThrow();
    }

    @Test
    void aBlockRuleFindingInNewContentBlocks() {
        InspectionResult r = inspect(BODY, 4, HistoryPolicy.DEFAULT);

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(key(r).history()).isFalse();
        assertThat(key(r).action()).isEqualTo(Action.BLOCK);
    }

    @Test
    void theSameFindingInHistoryIsRedactedAndTheRestForwardedUnchanged() {
        InspectionResult r = inspect(BODY, 5, HistoryPolicy.DEFAULT);

        assertThat(r.decision()).isEqualTo(Decision.REDACT);
        assertThat(key(r).history()).isTrue();
        assertThat(key(r).action()).isEqualTo(Action.REDACT);
        String forwarded = str(r.redacted().orElseThrow().body());
        assertThat(forwarded).doesNotContain(KEY).contains("ANTHROPIC_API_KEY=[REDACTED:" + TestRequests.ANTHROPIC_RULE)
                .isEqualTo(BODY.replace(KEY, forwarded.substring(forwarded.indexOf("[REDACTED:"),
                        forwarded.indexOf(']', forwarded.indexOf("[REDACTED:")) + 1)));
    }

    @Test
    void aHistoryPolicyPerCategoryOrRuleWins() {
        HistoryPolicy blockCredentials = new HistoryPolicy(Action.REDACT, Map.of(Category.CREDENTIAL, Action.BLOCK));
        InspectionResult r = inspect(BODY, 5, blockCredentials);
        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(key(r).history()).isTrue();

        HistoryPolicy logAll = new HistoryPolicy(Action.LOG, Map.of());
        assertThat(inspect(BODY, 5, logAll).decision()).isEqualTo(Decision.LOG);
    }

    @Test
    void historyIsNeverJudgedMoreStrictlyThanNewContent() {
        String body = BODY.replace("ANTHROPIC_API_KEY=" + KEY, "ssn " + SSN);
        InspectionPolicy logSsn = new InspectionPolicy(r -> true, Map.of("pii.us-ssn", Action.LOG), Set.of(), false);

        InspectionResult r = inspect(body, 5, new HistoryPolicy(Action.BLOCK, Map.of()), logSsn);

        assertThat(r.decision()).isEqualTo(Decision.LOG);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.history()).isTrue();
            assertThat(f.action()).isEqualTo(Action.LOG);
        });
    }

    @Test
    void findingsOutsideTheMessagesAreNew() {
        String body = BODY.replace("\"model\":\"claude\"", "\"model\":\"claude\",\"metadata\":{\"user_id\":\"" + KEY
                + "\"}");

        InspectionResult r = inspect(body, 5, HistoryPolicy.DEFAULT);

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.findings()).filteredOn(f -> f.ruleId().equals(TestRequests.ANTHROPIC_RULE))
                .extracting(Finding::history).containsExactlyInAnyOrder(false, true);
    }

    @Test
    void aRuleCanSetItsOwnHistoryPolicy() throws RuleLoadException {
        RuleSet rules = RuleSet.parse(Map.of("r.yaml", """
                rules:
                  - id: credential.demo
                    category: credential
                    severity: high
                    history: block
                    patterns: ['demo-[0-9]{8}']
                  - id: credential.plain
                    category: credential
                    severity: high
                    patterns: ['plain-[0-9]{8}']
                """));
        HistoryPolicy policy = HistoryPolicy.DEFAULT;

        assertThat(policy.policyFor(rules.rule("credential.demo"))).isEqualTo(Action.BLOCK);
        assertThat(policy.policyFor(rules.rule("credential.plain"))).isEqualTo(Action.REDACT);
        assertThat(policy.actionFor(rules.rule("credential.demo"), Action.REDACT)).isEqualTo(Action.REDACT);
        assertThatThrownBy(() -> RuleSet.parse(Map.of("bad.yaml", """
                rules:
                  - id: credential.demo
                    category: credential
                    severity: high
                    history: forget
                    patterns: ['demo-[0-9]{8}']
                """))).isInstanceOf(RuleLoadException.class).hasMessageContaining("history: 'forget'")
                .hasMessageContaining("block, redact, log");
    }
}
