package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.ANTHROPIC_RULE;
import static dev.sieve.dlp.inspect.TestRequests.SSN;
import static dev.sieve.dlp.inspect.TestRequests.anthropicKey;
import static dev.sieve.dlp.inspect.TestRequests.inspect;
import static dev.sieve.dlp.inspect.TestRequests.json;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Finding;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import org.junit.jupiter.api.Test;

/**
 * A value an agent split over adjacent text blocks of one message is seen whole (view
 * {@code json:$.messages[0].content|joined}), and reported once; blocks of other roles, or with another block between
 * them, are never joined (consecutive messages of one role are, in view {@code json:$.messages|joined-user}).
 */
class JoinedTextBlocksTest {

    private static final String KEY = anthropicKey();
    private static final String HEAD = "export ANTHROPIC_API_KEY=" + KEY.substring(0, 40);
    private static final String TAIL = KEY.substring(40) + " and then run the tests";

    private static String text(String t) {
        return "{\"type\":\"text\",\"text\":\"" + t + "\"}";
    }

    private static String body(String messages) {
        return "{\"model\":\"claude\",\"max_tokens\":64,\"messages\":[" + messages + "]}";
    }

    private static String user(String... blocks) {
        return "{\"role\":\"user\",\"content\":[" + String.join(",", blocks) + "]}";
    }

    @Test
    void aKeySplitOverTwoTextBlocksOfOneMessageIsFoundAndPlacedAtTheLaterBlock() {
        InspectionResult r = inspect(json(), utf8(body(user(text(HEAD), text(TAIL)))));

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.findings()).extracting(Finding::ruleId).containsExactly(ANTHROPIC_RULE);
        Finding f = r.findings().get(0);
        assertThat(f.viewPath()).isEqualTo("json:$.messages[0].content|joined");
        assertThat(f.location()).hasValueSatisfying(l -> assertThat(l.path()).isEqualTo("$.messages[0].content[1].text"));
    }

    @Test
    void geminiPartsAndResponsesInputTextAreJoinedToo() {
        String gemini = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + HEAD + "\"},{\"text\":\"" + TAIL
                + "\"}]}]}";
        String responses = "{\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"" + HEAD
                + "\"},{\"type\":\"input_text\",\"text\":\"" + TAIL + "\"}]}]}";

        assertThat(inspect(json(), utf8(gemini)).findings()).extracting(Finding::ruleId).containsExactly(ANTHROPIC_RULE);
        assertThat(inspect(json(), utf8(responses)).findings()).extracting(Finding::ruleId)
                .containsExactly(ANTHROPIC_RULE);
    }

    @Test
    void aKeyInsideOneBlockIsReportedOnceNotAgainInTheJoinedView() {
        InspectionResult r = inspect(json(), utf8(body(user(text("export ANTHROPIC_API_KEY=" + KEY), text("done")))));

        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("json");
    }

    @Test
    void blocksOfOtherMessagesRolesOrWithABlockBetweenAreNotJoined() {
        String assistant = "{\"role\":\"assistant\",\"content\":[" + text(TAIL) + "]}";
        String toolUse = "{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"bash\",\"input\":{\"command\":\"ls\"}}";

        // Two messages of one role are joined, but in their own view (json:$.messages|joined-user).
        assertThat(inspect(json(), utf8(body(user(text(HEAD)) + "," + user(text(TAIL))))).findings())
                .extracting(Finding::viewPath).containsExactly("json:$.messages|joined-user");
        assertThat(inspect(json(), utf8(body(user(text(HEAD)) + "," + assistant))).findings()).isEmpty();
        assertThat(inspect(json(), utf8(body(user(text(HEAD), toolUse, text(TAIL))))).findings()).isEmpty();
    }

    /** A silent command's empty tool output among OpenAI Chat tool messages once failed the whole request. */
    @Test
    void anEmptyToolOutputBetweenToolMessagesIsSkippedAndTheRequestStillInspected() {
        String chat = "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"tool\",\"tool_call_id\":\"a\",\"content\":\"\"},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"b\",\"content\":\"hello world\"}]}";
        InspectionResult clean = inspect(json(), utf8(chat));
        assertThat(clean.decision()).isEqualTo(Decision.ALLOW);
        assertThat(clean.findings()).isEmpty();

        String split = "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"tool\",\"tool_call_id\":\"a\",\"content\":\""
                + HEAD + "\"},{\"role\":\"tool\",\"tool_call_id\":\"b\",\"content\":\"\"},{\"role\":\"tool\","
                + "\"tool_call_id\":\"c\",\"content\":\"" + TAIL + "\"}]}";
        assertThat(inspect(json(), utf8(split)).findings()).extracting(Finding::viewPath)
                .containsExactly("json:$.messages|joined-tool");
    }

    @Test
    void aRedactFindingAcrossBlocksBlocksBecauseItCannotBeRedactedInPlace() {
        InspectionResult r = inspect(json(), utf8(body(user(text("employee SSN " + SSN.substring(0, 6)),
                text(SSN.substring(6) + " on file")))));

        assertThat(r.findings()).extracting(Finding::ruleId).containsExactly("pii.us-ssn");
        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.failureDetail()).contains("|joined").doesNotContain(SSN);
    }
}
